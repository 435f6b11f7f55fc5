package org.vdpnet.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.config.EngineSection;
import org.vdpnet.scenarios.forecast.ForecastData;
import org.vdpnet.scenarios.forecast.ForecastPipeline;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.exec.EngineSettings;
import org.vdpnet.sim.exec.Engines;
import org.vdpnet.sim.exec.TaskExecutor;
import org.vdpnet.validation.evaluation.Comparison;
import org.vdpnet.validation.evaluation.Evaluation;
import org.vdpnet.validation.evaluation.EvaluationReport;
import org.vdpnet.validation.evaluation.EvaluationResult;
import org.vdpnet.validation.evaluation.Summary;
import org.vdpnet.validation.evaluation.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vdpnet evaluate}: the rolling-origin backtest and learning curve of every model over training sizes. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rolling-origin backtest of the forecasters and baselines for every training size and seed, on one fixed test part",
            "(frames from --test-start). Writes evaluation.csv, summary.csv, learning-curve.png, horizon.png, report.md, report.html",
            "and provenance.json (last)."},
        footer = {"", "Example:",
            "  vdpnet evaluate --recording data/zebrafish/timeseries_regions_fish6.csv --layout channels-by-time --rate 1.1 \\",
            "                  --train-sizes 100,200,300 --horizon 20 --origins 30 --seeds 1 --out runs/eval1"})
public final class EvaluateCommand implements Callable<Integer> {
    /** Upper bounds of --origins and --seeds. */
    static final int MAX_ORIGINS = 100_000;
    static final int MAX_SEEDS = 1000;

    @CommandLine.Mixin
    ForecastOptions opt = new ForecastOptions();
    @Option(names = "--train-sizes", split = ",", defaultValue = "100,200,300", description = "Training frames, each ending at --test-start (default: ${DEFAULT-VALUE}).")
    List<Integer> trainSizes;
    @Option(names = "--test-start", description = "First test frame (default: the largest training size).")
    Integer testStart;
    @Option(names = "--test-end", description = "One past the last test frame (default: the end of the recording).")
    Integer testEnd;
    @Option(names = "--origins", defaultValue = "30", description = "Forecast origins spread over the test part, 1 to " + MAX_ORIGINS + " (default: ${DEFAULT-VALUE}).")
    int origins;
    @Option(names = "--models", split = ",", defaultValue = "vdp,lstm,residual,pretrained,noise-aug,stacked,var,persistence,climatology",
            description = "Comma-separated models (default: ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--seeds", defaultValue = "1", description = "Seeds 1..N for every learned model: LSTM weights and data, and vdp refits "
            + "(seed s >= 2: a residual bootstrap of its window); baselines are trained once; 1 to " + MAX_SEEDS + " (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--channel-space", description = "Score forecasts in channel space: components mapped back through the SVD loadings "
            + "(z-scored channel units unless --no-channel-zscore).")
    boolean channelSpace;
    @Option(names = "--alpha", defaultValue = "0.05", description = "Family-wise level of the Holm-corrected Diebold–Mariano tests (default: "
            + "${DEFAULT-VALUE}).")
    double alpha;
    @Option(names = "--threads", defaultValue = "2", description = "Training sets (a size and a seed, every model on it) evaluated at once by "
            + "the local engine; the results do not depend on it (default: ${DEFAULT-VALUE}).")
    int threads;
    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();
    @CommandLine.Mixin
    OutputArgs output = new OutputArgs();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final int[] TABLE_HORIZONS = {1, 5, 20};

    /** The research's small-data claims, tested wherever their models were evaluated. */
    static final List<Evaluation.Claim> CLAIMS = List.of(
            new Evaluation.Claim("pretrained", List.of("lstm", "vdp"), "the pre-trained hybrid beats both its parts (lstm and vdp)"),
            new Evaluation.Claim("residual", List.of("lstm", "vdp"), "the residual hybrid beats both its parts (lstm and vdp)"),
            new Evaluation.Claim("stacked", List.of("vdp", "lstm", "var", "persistence"),
                    "the stacking hybrid beats each of its parts (vdp, lstm, var and persistence)"));

    @Override
    public Integer call() throws Exception {
        opt.check();
        RunWriter writer = output.prepare();
        OptionChecks.count("--seeds", seeds, 1, MAX_SEEDS);
        EngineSettings engineSettings = engine.settings(threads, EngineOptions.given(spec, "--threads"), EngineSection.none());
        OptionChecks.count("--origins", origins, 1, MAX_ORIGINS);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha: must be in (0, 1), got " + alpha);
        }
        ForecastPipeline.checkModels(models, ForecastPipeline.ALL);
        Recording rec = opt.read();
        int total = rec.data().size();
        opt.check(total);
        int largest = trainSizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (trainSizes.stream().distinct().count() != trainSizes.size()) {
            throw new IllegalArgumentException("--train-sizes: each size once, got " + trainSizes.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
        }
        for (int s : trainSizes) {
            if (s < opt.minimumTrain()) {
                throw new IllegalArgumentException("--train-sizes: " + s + " frames are too few for --window/--assimilation "
                        + Math.max(opt.window, opt.assimilation) + " and --horizon " + opt.horizon + " (need at least " + opt.minimumTrain() + ")");
            }
        }
        int start = testStart == null ? largest : testStart;
        if (start < largest || start >= total) {
            throw new IllegalArgumentException("--test-start: must be in [" + largest + ", " + total + ") so every training size fits before it, got "
                    + start + rec.orientationHint(start + 1));
        }
        int end = OptionChecks.testEnd(testEnd, (long) start + opt.horizon, total);
        ForecastData data = ForecastData.prepare(rec, start - largest, start, end, opt.components, opt.channelZscore);
        ForecastPipeline.Settings settings = opt.settings(1.0 / rec.rate());
        List<Integer> tableHorizons = java.util.Arrays.stream(TABLE_HORIZONS).filter(h -> h <= opt.horizon).boxed().toList();
        List<Integer> testHorizons = new ArrayList<>(new java.util.TreeSet<>(List.of(1, Math.min(5, opt.horizon), opt.horizon)));
        List<String> baselines = models.stream().filter(ForecastPipeline.BASELINES::contains).toList();
        Evaluation.Spec es = new Evaluation.Spec(trainSizes, opt.horizon, origins, seeds, baselines, CLAIMS, testHorizons, alpha);
        org.vdpnet.fitting.preprocess.Components comps = data.components();
        Evaluation.Scoring scoring = channelSpace ? comps::toChannels : Evaluation.Scoring.identity();
        long t0 = System.nanoTime();
        EvaluationResult outcome;
        String engineUsed;
        List<String> engineWarnings;
        try (TaskExecutor exec = Engines.open(engineSettings, "vdpnet evaluate");
             ProgressBar bar = new ProgressBar("evaluate", !output.quiet)) {
            engineUsed = exec.describe();
            outcome = Evaluation.run(data.series(), data.observed(), largest, data.trainStart(), ForecastPipeline.recipe(models, settings), es, scoring,
                    exec, bar::count);
            engineWarnings = exec.warnings();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<String> warnings = new ArrayList<>(rec.notes());
        warnings.addAll(data.warnings());
        warnings.addAll(outcome.warnings());
        engineWarnings.forEach(w -> warnings.add("engine: " + w));
        warnings.forEach(w -> spec.commandLine().getErr().println("vdpnet: warning: " + w));
        List<Summary> summary = Summary.of(outcome);
        List<Comparison> tests = Comparison.of(outcome);
        String command = OutputArgs.commandLine(spec);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("recording", opt.recording().toString());
        shown.put("test frames", start + "-" + (end - 1));
        shown.put("training sizes", trainSizes);
        int[] of = outcome.originFrames();
        shown.put("origins", of.length + " (frames " + of[0] + " to " + of[of.length - 1] + ")");
        shown.put("horizon", opt.horizon);
        shown.put("seeds", seeds);
        shown.put("preprocessing", data.describe());
        shown.put("models", settings.describe());
        String units = channelSpace ? "RMSE (channels" + (opt.channelZscore ? ", z-scored)" : ")") : "RMSE (z-scored components)";
        String intro = String.format(Locale.ROOT, "Rolling-origin backtest of %s on `%s`: %d components, test frames %d-%d, %d origins, horizons 1-%d, "
                + "training sizes %s (each ending at frame %d), %d seed(s) for the seeded models (baselines are trained once). The channel "
                + "scaling and the SVD components are learnt once, from the largest training window, and shared by every size, so the curve "
                + "varies the frames the models train on, not the preprocessing. Errors are in %s.",
                String.join(", ", models), Path.of(rec.source()).getFileName(), opt.components, start, end - 1, of.length, opt.horizon, trainSizes, start,
                seeds, channelSpace ? "channel space (components mapped back through the SVD loadings)" : "z-scored component units");
        writer.open();
        List<String> reported = new ArrayList<>(data.warnings()); // with what the engine saw, in the report's warnings
        engineWarnings.forEach(w -> reported.add("engine: " + w));
        EvaluationReport.write(writer.dir(), outcome, summary, tests, new EvaluationReport.Context("vdpnet evaluation", intro, units, tableHorizons,
                shown, command, reported));
        Map<String, Object> details = new LinkedHashMap<>();
        for (var c : outcome.cells()) {
            Map<String, Object> d = new LinkedHashMap<>(c.training().details());
            if (c.skipped()) {
                d.put("skipped", c.training().skipReason());
            }
            details.put(c.model() + "/" + c.trainSize() + "/" + c.seed(), d);
        }
        writer.complete(Provenance.builder("evaluate").arguments(new ArrayList<>(spec.commandLine().getParseResult().originalArgs()))
                .input("recording", opt.recording()).setting("recording", rec.describe()).setting("preprocessing", data.describe())
                .setting("evaluation", Map.of("trainSizes", trainSizes, "testStart", start, "testEnd", end, "origins", of, "seeds", seeds,
                        "models", models, "testHorizons", testHorizons, "alpha", alpha, "channelSpace", channelSpace, "claims",
                        CLAIMS.stream().map(c -> c.model() + " vs " + String.join(", ", c.parts()) + ": " + c.description()).toList()))
                .setting("forecast", settings.describe()).setting("executor", engineUsed).setting("details", details).outcome("seconds", seconds).outcome("warnings", warnings).build());
        if (!output.quiet) {
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "evaluated %d model(s) x %d training size(s), %d seed(s) for seeded models, on %d origins in %.1f s%n", models.size(),
                    trainSizes.size(), seeds, of.length, seconds);
            o.print(EvaluationReport.table(summary, tableHorizons));
            o.println();
            o.print(Verdict.write(outcome, summary, tests, reported).replace("**", ""));
            o.printf(Locale.ROOT, "report      %s%n", writer.file("report.html"));
            o.flush();
        }
        return 0;
    }
}
