package org.vdpnet.scenarios.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vdpnet demo}: the README's main job. For now it runs a bundled default simulation: 80
 * van der Pol oscillators on a Watts–Strogatz graph with diffusive coupling. Later issues
 * extend it to the whole simulate, fit, forecast and evaluate pipeline.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the bundled demonstration (a simulation of 80 coupled oscillators).",
            "80 van der Pol oscillators on a small-world graph (diffusive coupling through y, 5% frequency spread),",
            "simulated to t=200, with plots and provenance in --out."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Output folder, overwritten if it holds an earlier demo (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "demo");

    @Option(names = "--quiet", description = "No progress bar and no summary.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The arguments of the demo simulation. */
    static List<String> demoArguments(Path out) {
        return new ArrayList<>(List.of("--nodes", "80", "--topology", "watts-strogatz", "--k", "6", "--p", "0.1",
                "--coupling", "diffusive", "--coupling-variable", "y", "--strength", "0.1", "--mu", "1.0", "--omega", "1.0", "--spread", "0.05",
                "--t-end", "200", "--transient", "100", "--seed", "7", "--out", out.toString(), "--overwrite"));
    }

    @Override
    public Integer call() {
        List<String> args = demoArguments(out);
        if (quiet) {
            args.add("--quiet");
        }
        CommandLine parent = spec.commandLine().getParent();
        if (!quiet) {
            spec.commandLine().getOut().println("vdpnet demo: vdpnet simulate " + String.join(" ", args));
        }
        return parent.getSubcommands().get("simulate").execute(args.toArray(new String[0]));
    }
}
