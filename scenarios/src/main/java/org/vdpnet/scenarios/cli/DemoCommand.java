package org.vdpnet.scenarios.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vdpnet demo}: the README's main job, the whole pipeline with sensible defaults: a
 * simulation of 80 coupled oscillators, then on the bundled zebrafish recording a fit of the
 * research form, a forecast comparison of the five forecasters, and an evaluation over a small
 * grid of training sizes that ends with the RMSE table and the report's path.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline into --out: simulate 80 coupled oscillators; on the bundled zebrafish recording,",
            "fit the research form to frames 0-99, forecast with vdp, lstm, residual, pretrained and noise-aug trained on frames 0-299,",
            "and evaluate every model and baseline for 100, 200 and 300 training frames, 2 seeds (report.html). About 6 minutes on 2 cores."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Output folder: new, empty, or an earlier demo (which is overwritten); any other folder only with "
            + "--overwrite (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "demo");

    @Option(names = "--overwrite", description = "Write into a non-empty --out even where it is not an earlier demo.")
    boolean overwrite;

    @Option(names = "--quick", description = "A smaller grid (two training sizes, 10 origins, few epochs): a smoke test in about a minute.")
    boolean quick;

    @Option(names = "--quiet", description = "No progress bars and no summaries.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", hidden = true, description = "The folder of the bundled data (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("data");

    /** The arguments of the demo simulation. */
    static List<String> demoArguments(Path out) {
        return new ArrayList<>(List.of("--nodes", "80", "--topology", "watts-strogatz", "--k", "6", "--p", "0.1",
                "--coupling", "diffusive", "--coupling-variable", "y", "--strength", "0.1", "--mu", "1.0", "--omega", "1.0", "--spread", "0.05",
                "--t-end", "200", "--transient", "100", "--seed", "7", "--out", out.toString(), "--overwrite"));
    }

    private Path fish() {
        return data.resolve("zebrafish").resolve("timeseries_regions_fish6.csv");
    }

    private List<String> recording() {
        return new ArrayList<>(List.of("--recording", fish().toString(), "--layout", "channels-by-time", "--rate", "1.1"));
    }

    @Override
    public Integer call() throws java.io.IOException {
        org.vdpnet.scenarios.RunWriter.checkCreatable(out);
        if (!overwrite && !DemoFolder.reusable(out)) {
            throw new IllegalArgumentException("--out: folder " + out + " is not empty and does not hold an earlier demo (only "
                    + String.join(", ", DemoFolder.STEPS) + " and " + DemoFolder.MARKER + "); choose another folder or pass --overwrite");
        }
        if (!java.nio.file.Files.isRegularFile(fish())) {
            throw new IllegalArgumentException("demo: the bundled recording " + fish() + " is missing; run the demo from the vdpnet folder");
        }
        List<String> fit = recording();
        fit.addAll(List.of("--components", "6", "--window", "0:100", "--out", out.resolve("fit").toString(), "--overwrite"));
        List<String> forecast = recording();
        forecast.addAll(List.of("--train", "0:300", "--horizon", "20", "--out", out.resolve("forecast").toString(), "--overwrite"));
        forecast.addAll(quick ? List.of("--epochs", "5", "--pretrain-epochs", "1", "--synthetic-factor", "5", "--stride", "20")
                : List.of("--pretrain-epochs", "10"));
        List<String> evaluate = recording();
        evaluate.addAll(List.of("--train-sizes", "100,200,300", "--horizon", "20", "--origins", "30", "--seeds", "2", "--pretrain-epochs", "10",
                "--out", out.resolve("evaluate").toString(), "--overwrite"));
        if (quick) {
            evaluate = recording();
            evaluate.addAll(List.of("--train-sizes", "100,200", "--horizon", "20", "--origins", "10", "--seeds", "1", "--epochs", "5",
                    "--pretrain-epochs", "1", "--synthetic-factor", "5", "--out", out.resolve("evaluate").toString(), "--overwrite"));
        }
        List<String> sim = demoArguments(out.resolve("simulate"));
        String[][] steps = {
            withQuiet(sim), withQuiet(fit), withQuiet(forecast), withQuiet(evaluate)};
        String[] names = {"simulate", "fit", "forecast", "evaluate"};
        CommandLine parent = spec.commandLine().getParent();
        DemoFolder.mark(out);
        for (int i = 0; i < steps.length; i++) {
            if (!quiet) {
                spec.commandLine().getOut().printf("%n[%d/%d] vdpnet %s %s%n", i + 1, steps.length, names[i], String.join(" ", steps[i]));
                spec.commandLine().getOut().flush();
            }
            int code = parent.getSubcommands().get(names[i]).execute(steps[i]);
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    private String[] withQuiet(List<String> args) {
        List<String> a = new ArrayList<>(args);
        if (quiet) {
            a.add("--quiet");
        }
        return a.toArray(new String[0]);
    }
}
