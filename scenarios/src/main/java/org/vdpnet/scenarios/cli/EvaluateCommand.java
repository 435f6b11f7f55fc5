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
import org.vdpnet.scenarios.forecast.Evaluation;
import org.vdpnet.scenarios.forecast.EvaluationReport;
import org.vdpnet.scenarios.forecast.ForecastData;
import org.vdpnet.scenarios.forecast.ForecastPipeline;
import org.vdpnet.sim.Provenance;
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
    @CommandLine.Mixin
    ForecastOptions opt = new ForecastOptions();
    @Option(names = "--train-sizes", split = ",", defaultValue = "100,200,300", description = "Training frames, each ending at --test-start (default: ${DEFAULT-VALUE}).")
    List<Integer> trainSizes;
    @Option(names = "--test-start", description = "First test frame (default: the largest training size).")
    Integer testStart;
    @Option(names = "--test-end", description = "One past the last test frame (default: the end of the recording).")
    Integer testEnd;
    @Option(names = "--origins", defaultValue = "30", description = "Forecast origins spread over the test part (default: ${DEFAULT-VALUE}).")
    int origins;
    @Option(names = "--models", split = ",", defaultValue = "vdp,lstm,residual,pretrained,noise-aug,var,persistence,climatology",
            description = "Comma-separated models (default: ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--seeds", defaultValue = "1", description = "Seeds 1..N for every learned model (default: ${DEFAULT-VALUE}).")
    int seeds;
    @Option(names = "--channel-space", description = "Score forecasts in channel space: components mapped back through the SVD loadings "
            + "(z-scored channel units unless --no-channel-zscore).")
    boolean channelSpace;
    @CommandLine.Mixin
    OutputArgs output = new OutputArgs();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final int[] TABLE_HORIZONS = {1, 5, 20};

    @Override
    public Integer call() throws Exception {
        opt.check();
        if (seeds < 1 || origins < 1) {
            throw new IllegalArgumentException("--seeds and --origins: must be >= 1, got " + seeds + " and " + origins);
        }
        ForecastPipeline.checkModels(models, Evaluation.ALL);
        Recording rec = opt.read();
        int total = rec.data().size();
        int largest = trainSizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (int s : trainSizes) {
            if (s < opt.minimumTrain()) {
                throw new IllegalArgumentException("--train-sizes: " + s + " frames are too few for --window/--assimilation "
                        + Math.max(opt.window, opt.assimilation) + " and --horizon " + opt.horizon + " (need at least " + opt.minimumTrain() + ")");
            }
        }
        int start = testStart == null ? largest : testStart;
        if (start < largest || start >= total) {
            throw new IllegalArgumentException("--test-start: must be in [" + largest + ", " + total + ") so every training size fits before it, got "
                    + start);
        }
        int end = testEnd == null ? total : testEnd;
        if (end <= start + opt.horizon || end > total) {
            throw new IllegalArgumentException("--test-end: must be in (" + (start + opt.horizon) + ", " + total + "], got " + end);
        }
        ForecastData data = ForecastData.prepare(rec, start - largest, start, end, opt.components, opt.channelZscore);
        data.warnings().forEach(w -> spec.commandLine().getErr().println("vdpnet: warning: " + w));
        RunWriter writer = output.prepare();
        Evaluation.Spec es = new Evaluation.Spec(trainSizes, opt.horizon, origins, models, seeds, opt.settings(1.0 / rec.rate(), 1), channelSpace);
        long t0 = System.nanoTime();
        Evaluation.Outcome outcome;
        long learned = models.stream().filter(m -> !Evaluation.BASELINES.contains(m)).count();
        int jobs = (int) (trainSizes.size() * seeds * Math.max(1, learned));
        try (ProgressBar bar = new ProgressBar("evaluate", !output.quiet)) {
            int[] done = {0};
            outcome = Evaluation.run(data, es, line -> bar.count(Math.min(done[0]++, jobs), jobs));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        outcome.warnings().forEach(w -> spec.commandLine().getErr().println("vdpnet: warning: " + w));
        List<Evaluation.Summary> summary = Evaluation.summarise(outcome);
        int[] dmHorizons = opt.horizon >= 5 ? new int[] {1, 5, opt.horizon} : new int[] {1, opt.horizon};
        List<Evaluation.Comparison> dm = Evaluation.compare(outcome, summary, dmHorizons);
        writer.open();
        EvaluationReport.writeEvaluation(outcome, writer.file("evaluation.csv"));
        EvaluationReport.writeSummary(summary, writer.file("summary.csv"));
        String units = channelSpace ? "RMSE (channels" + (opt.channelZscore ? ", z-scored)" : ")") : "RMSE (z-scored components)";
        EvaluationReport.learningCurve(summary, units, writer.file("learning-curve.png"));
        EvaluationReport.horizonPlot(summary, units, writer.file("horizon.png"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("recording", opt.recording().toString());
        settings.put("test frames", start + "-" + (end - 1));
        settings.put("training sizes", trainSizes);
        settings.put("origins", outcome.origins().length + " (" + outcome.origins()[0] + " to " + outcome.origins()[outcome.origins().length - 1] + ")");
        settings.put("horizon", opt.horizon);
        settings.put("seeds", seeds);
        settings.put("preprocessing", data.describe());
        settings.put("models", es.base().describe());
        settings.put("command", "vdpnet evaluate " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        String intro = String.format(Locale.ROOT, "Rolling-origin backtest of %s on `%s`: %d components, test frames %d-%d, %d origins, horizons 1-%d, "
                + "training sizes %s (each ending at frame %d), %d seed(s). Errors are in %s.", String.join(", ", models),
                Path.of(rec.source()).getFileName(), opt.components, start, end - 1, outcome.origins().length, opt.horizon, trainSizes, start, seeds,
                channelSpace ? "channel space (components mapped back through the SVD loadings)" : "z-scored component units");
        int[] tableHorizons = java.util.Arrays.stream(TABLE_HORIZONS).filter(h -> h <= opt.horizon).toArray();
        EvaluationReport.writeReports(writer.dir(), "vdpnet evaluation", intro, summary, dm, tableHorizons, settings);
        writer.complete(Provenance.builder("evaluate").arguments(new ArrayList<>(spec.commandLine().getParseResult().originalArgs()))
                .input("recording", opt.recording()).setting("recording", rec.describe()).setting("preprocessing", data.describe())
                .setting("evaluation", Map.of("trainSizes", trainSizes, "testStart", start, "testEnd", end, "origins", outcome.origins(), "seeds", seeds,
                        "models", models))
                .setting("forecast", es.base().describe()).setting("details", outcome.details()).outcome("seconds", seconds).outcome("warnings", outcome.warnings()).build());
        if (!output.quiet) {
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "evaluated %d model(s) x %d training size(s) x %d seed(s) on %d origins in %.1f s%n", models.size(), trainSizes.size(),
                    seeds, outcome.origins().length, seconds);
            o.print(EvaluationReport.table(summary, tableHorizons));
            o.print(EvaluationReport.verdict(summary, dm));
            o.printf(Locale.ROOT, "report      %s%n", writer.file("report.html"));
            o.flush();
        }
        return 0;
    }
}
