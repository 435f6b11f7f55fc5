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
import org.vdpnet.scenarios.forecast.ForecastData;
import org.vdpnet.scenarios.forecast.ForecastOutput;
import org.vdpnet.scenarios.forecast.ForecastPipeline;
import org.vdpnet.scenarios.forecast.ModelStore;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.forecast.Training;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vdpnet forecast}: train the small-data forecasters on a recording and forecast its test
 * part. The metrics use {@code vdpnet evaluate}'s estimator (see {@link ForecastOutput}) and
 * flag fallbacks, failures and skipped models.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train vdp, lstm, residual, pretrained and noise-aug forecasters on the training frames of a recording",
            "(temporal SVD components learnt from those frames only) and forecast 1..horizon frames ahead from every origin",
            "of the test part. Writes forecasts.csv, forecast.png, metrics.csv, models/<name>.zip and provenance.json (last).",
            "The rmse is vdpnet evaluate's estimator: at each horizon, the mean over origins of each forecast's RMSE over the",
            "components (missing truth skipped; origins where a model failed left out and counted). metrics.csv has",
            "model,horizon,rmse,origins,fallbacks,failed,status,note with status ok, mostly-fallbacks (more than half of the",
            "origins fell back: the fitted network diverged and the last observation was held), mostly-failed or skipped",
            "(not trained: rmse NaN, note = why); the printed table flags the same, and every requested model keeps its rows."},
        footer = {"", "Example:",
            "  vdpnet forecast --recording data/zebrafish/timeseries_regions_fish6.csv --layout channels-by-time --rate 1.1 \\",
            "                  --train 0:300 --horizon 20 --out runs/fc1"})
public final class ForecastCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ForecastOptions opt = new ForecastOptions();
    @Option(names = "--train", required = true, paramLabel = "START:END", description = "Training frames, end exclusive.")
    String train;
    @Option(names = "--test-end", paramLabel = "FRAME", description = "Last test frame, exclusive (default: the end of the recording).")
    Integer testEnd;
    @Option(names = "--stride", defaultValue = "1", description = "Frames between forecast origins (default: ${DEFAULT-VALUE}).")
    int stride;
    @Option(names = "--models", split = ",", defaultValue = "vdp,lstm,residual,pretrained,noise-aug",
            description = "Comma-separated models (default: ${DEFAULT-VALUE}).")
    List<String> models;
    @Option(names = "--load", paramLabel = "ZIP", description = "Forecast with a saved model (models/<name>.zip of an earlier run) and train nothing; "
            + "--train then names the frames the preprocessing is learnt from.")
    Path load;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;
    @CommandLine.Mixin
    OutputArgs output = new OutputArgs();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        opt.check();
        RunWriter writer = output.prepare();
        OptionChecks.stride(stride);
        ForecastPipeline.checkModels(models, ForecastPipeline.MODELS);
        Recording rec = opt.read();
        opt.check(rec.data().size());
        int horizon = opt.horizon;
        int components = opt.components;
        int[] tr = OptionChecks.frames("--train", train, rec.data().size(), rec::orientationHint);
        int end = OptionChecks.testEnd(testEnd, tr[1], rec.data().size());
        if (tr[1] - tr[0] < opt.minimumTrain()) {
            throw new IllegalArgumentException("--train: " + (tr[1] - tr[0]) + " frames are too short for --window/--assimilation "
                    + Math.max(opt.window, opt.assimilation) + " and --horizon " + horizon + " (need at least " + opt.minimumTrain() + ")");
        }
        Forecaster loaded = null;
        if (load != null) {
            loaded = ModelStore.load(load);
            if (loaded.channels() != components) {
                throw new IllegalArgumentException("--load: " + load + " forecasts " + loaded.channels() + " components, but --components is "
                        + components);
            }
            if (horizon > loaded.maximumHorizon()) {
                throw new IllegalArgumentException("--horizon: " + load + " forecasts at most " + loaded.maximumHorizon() + " frames ahead, got "
                        + horizon);
            }
        }
        ForecastData data = ForecastData.prepare(rec, tr[0], tr[1], end, components, opt.channelZscore);
        ForecastPipeline.Settings settings = opt.settings(1.0 / rec.rate());
        long t0 = System.nanoTime();
        Map<String, Training> trained;
        if (loaded != null) {
            trained = Map.of(loaded.name(), Training.of(loaded, Map.of("loadedFrom", load.toString()), List.of()));
        } else {
            try (ProgressBar bar = new ProgressBar("train", !output.quiet)) {
                int[] k = {0};
                trained = ForecastPipeline.train(data.train(), models, settings, seed, name -> bar.count(k[0]++, models.size()));
            }
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        // skipped models stay in trained: the outputs keep their rows, marked skipped with the reason
        Map<String, Forecaster> usable = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>(rec.notes());
        warnings.addAll(data.warnings());
        trained.forEach((m, t) -> {
            if (t.isSkipped()) {
                warnings.add(m + " skipped: " + t.skipReason());
            } else {
                usable.put(m, t.forecaster().orElseThrow());
            }
            t.warnings().forEach(w -> warnings.add(m + ": " + w));
        });
        List<Integer> origins = new ArrayList<>();
        int minHistory = 0;
        for (Forecaster f : usable.values()) {
            minHistory = Math.max(minHistory, f.minimumHistory());
        }
        // an origin is the last observed frame; its forecasts cover the next horizon frames
        for (long o = tr[1] - 1; o + horizon < end; o += stride) {
            if (o - tr[0] + 1 >= minHistory) {
                origins.add((int) o);
            }
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("--test-end: no forecast origin fits between frame " + tr[1] + " and " + end + " with --horizon " + horizon);
        }
        ForecastOutput.Result result = ForecastOutput.run(trained, data, origins, horizon);
        writer.open(); // after the forecasts: a refusal above leaves no folder behind
        for (String m : usable.keySet()) {
            int fb = result.count(m, Forecast.Status.FALLBACK);
            int failed = result.count(m, Forecast.Status.FAILED);
            if (fb > 0) {
                warnings.add(m + " fell back at " + fb + " of " + origins.size() + " origins (a network that diverges, or whose filter members mostly "
                        + "diverge, holds the last observation; a window state fit that did not converge starts from the implied state; forecasts.csv "
                        + "marks each FALLBACK and its note)");
            }
            if (failed > 0) {
                warnings.add(m + " failed at " + failed + " of " + origins.size() + " origins; those are left out of its metrics");
            }
        }
        ForecastOutput.writeCsv(result, data, writer.file("forecasts.csv"));
        ForecastOutput.writeMetrics(result, writer.file("metrics.csv"));
        ForecastOutput.plot(result, data, writer.file("forecast.png"));
        if (loaded == null) {
            java.nio.file.Files.createDirectories(writer.file("models"));
            for (Map.Entry<String, Forecaster> e : usable.entrySet()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("arguments", spec.commandLine().getParseResult().originalArgs());
                p.put("preprocessing", data.describe());
                p.put("details", trained.get(e.getKey()).details());
                ModelStore.save(e.getValue(), p, writer.file("models").resolve(e.getKey() + ".zip"));
            }
        }
        Map<String, Object> models2 = new LinkedHashMap<>();
        trained.forEach((m, t) -> models2.put(m, t.isSkipped() ? Map.of("skipped", t.skipReason()) : t.details()));
        Map<String, Object> statuses = new LinkedHashMap<>();
        for (String m : trained.keySet()) {
            statuses.put(m, Map.of("fallbacks", result.count(m, Forecast.Status.FALLBACK), "failed", result.count(m, Forecast.Status.FAILED),
                    "status", result.statusOf(m)));
        }
        Provenance.Builder prov = Provenance.builder("forecast").arguments(new ArrayList<>(spec.commandLine().getParseResult().originalArgs()))
                .input("recording", opt.recording());
        if (load != null) {
            prov.input("model", load);
        }
        writer.complete(prov.setting("recording", rec.describe()).setting("preprocessing", data.describe())
                .setting("forecast", settings.describe()).setting("seed", seed).setting("models", models2).setting("origins", Map.of("first", origins.get(0),
                        "last", origins.get(origins.size() - 1), "count", origins.size(), "stride", stride))
                .outcome("trainSeconds", trainSeconds).outcome("forecastStatus", statuses).outcome("warnings", warnings).build());
        warnings.forEach(w -> spec.commandLine().getErr().println("vdpnet: warning: " + w));
        if (!output.quiet) {
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "trained %s on frames %d-%d (%d components) in %.1f s; %d origins, horizon %d%n",
                    usable.isEmpty() ? "nothing" : String.join(", ", usable.keySet()), tr[0], tr[1] - 1, components, trainSeconds, origins.size(),
                    horizon);
            o.print(ForecastOutput.table(result));
            o.printf(Locale.ROOT, "output      %s (forecasts.csv, metrics.csv, forecast.png%s)%n", output.out, loaded == null ? ", models/" : "");
            o.flush();
        }
        return 0;
    }

}
