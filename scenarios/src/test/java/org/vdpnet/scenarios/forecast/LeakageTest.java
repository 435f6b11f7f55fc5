package org.vdpnet.scenarios.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.fitting.estimate.FitOptions;
import org.vdpnet.fitting.recording.GapFilling;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.fitting.recording.RecordingOptions;
import org.vdpnet.fitting.recording.RecordingReader;
import org.vdpnet.hybrid.LstmSettings;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.ForecasterTrainer;
import org.vdpnet.sim.forecast.Training;
import org.vdpnet.validation.Backtest;

/**
 * The leakage test on the raw recording, through the whole pipeline: CSV with gaps, the reader
 * ({@code --nan interpolate}), the preprocessing (NaN filling, channel scaling, SVD), the
 * training of every model (five learned, three baselines) and the backtest. Corrupting every raw
 * frame after the training end (to 1e6, and gaps) must leave every trained model bit-identical;
 * corrupting every raw frame after an origin must leave that origin's forecasts bit-identical. A
 * control pipeline that fills gaps over the whole recording before the split (the reader's old
 * behaviour) is caught, so the test can fail.
 */
class LeakageTest {
    static final int FRAMES = 230;
    static final int TRAIN_END = 150;
    static final int HORIZON = 5;

    @TempDir
    Path dir;

    static double[][] raw() {
        Random rnd = new Random(4);
        double[][] x = new double[FRAMES][5];
        for (int t = 0; t < FRAMES; t++) {
            for (int i = 0; i < 5; i++) {
                x[t][i] = Math.sin(0.3 * t + i) + 0.5 * Math.sin(0.11 * t * (i + 1)) + 0.1 * rnd.nextGaussian();
            }
        }
        // gaps in the training part, at its very end, and at test origins
        for (int t : new int[] {10, 11, 80, TRAIN_END - 1, TRAIN_END + 3, 170, 171}) {
            x[t][t % 5] = Double.NaN;
        }
        return x;
    }

    static ForecastPipeline.Settings settings() {
        return new ForecastPipeline.Settings(HORIZON, 1.0, FitOptions.defaults().withMaxIterations(20).withRestarts(0, 1), 80, 10,
                new LstmSettings(8, 10, 1e-2, 3, 32, 3, 0.2, 1L), 1, 3, 0.05, 0.1, 10, 1e-6,
                new ForecastPipeline.Vdp(0.02, 0.002, 40, org.vdpnet.fitting.estimate.EnsembleFilter.Settings.defaults().withMembers(8), 2, 30, true), 100);
    }

    /** The pipeline's outputs for one raw recording: what each model forecasts from each probe origin. */
    Map<String, double[][][]> pipeline(double[][] rows, int[] origins, boolean leakyFill, String tag) throws IOException {
        double[][] written = rows;
        if (leakyFill) {
            written = GapFilling.interpolateWithin(rows, channels(), "the whole recording").rows();
        }
        Path csv = dir.resolve(tag + ".csv");
        StringBuilder sb = new StringBuilder(String.join(",", channels())).append('\n');
        for (double[] r : written) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == 0 ? "" : ",").append(Double.isNaN(r[i]) ? "NaN" : String.format(Locale.ROOT, "%.17g", r[i]));
            }
            sb.append('\n');
        }
        Files.writeString(csv, sb.toString());
        Recording rec = RecordingReader.read(csv, RecordingOptions.defaults().withRate(1.0).withNan(RecordingOptions.NanPolicy.INTERPOLATE));
        ForecastData data = ForecastData.prepare(rec, 0, TRAIN_END, FRAMES, 3, true);
        Map<String, double[][][]> out = new LinkedHashMap<>();
        out.put("train", new double[][][] {data.train()});
        for (ForecasterTrainer t : ForecastPipeline.trainers(ForecastPipeline.ALL, settings())) {
            Training tr = t.train(data.train(), 1);
            assertFalse(tr.isSkipped(), t.name() + ": " + tr.skipReason());
            List<Forecast> fc = Backtest.run(tr.forecaster().orElseThrow(), data.series(), data.rows(origins), HORIZON);
            out.put(t.name(), fc.stream().map(Forecast::values).toArray(double[][][]::new));
        }
        return out;
    }

    static List<String> channels() {
        return List.of("a", "b", "c", "d", "e");
    }

    static double[][] corruptAfter(double[][] x, int frame) {
        double[][] c = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            c[t] = x[t].clone();
            if (t > frame) {
                Arrays.fill(c[t], t % 7 == 0 ? Double.NaN : 1e6);
            }
        }
        return c;
    }

    /** Which outputs changed between two pipeline runs. */
    static List<String> changed(Map<String, double[][][]> a, Map<String, double[][][]> b) {
        List<String> out = new ArrayList<>();
        a.forEach((k, v) -> {
            if (!Arrays.deepEquals(v, b.get(k))) {
                out.add(k);
            }
        });
        return out;
    }

    @Test
    void corruptingTheFutureOfTheRawRecordingChangesNothingBeforeIt() throws IOException {
        double[][] x = raw();
        // models trained on the training part, probed from origins inside it and at its end
        int[] inTraining = {40, 100, TRAIN_END - 1};
        Map<String, double[][][]> clean = pipeline(x, inTraining, false, "clean");
        assertEquals(10, clean.size(), "training frames + five learned models + the stack + three baselines: " + clean.keySet());
        assertEquals(List.of(), changed(clean, pipeline(corruptAfter(x, TRAIN_END - 1), inTraining, false, "after-train")),
                "corrupting every raw frame after the training end changed these");
        for (int o : new int[] {TRAIN_END, TRAIN_END + 3, 169, 171}) {
            Map<String, double[][][]> c = pipeline(x, new int[] {o}, false, "o" + o);
            Map<String, double[][][]> d = pipeline(corruptAfter(x, o), new int[] {o}, false, "o" + o + "-dirty");
            assertEquals(List.of(), changed(c, d), "corrupting every raw frame after origin " + o + " changed these");
        }
    }

    /** The control: filling gaps over the whole recording before the split leaks, and the test sees it. */
    @Test
    void aPipelineThatFillsAcrossTheSplitIsCaught() throws IOException {
        double[][] x = raw();
        int[] inTraining = {100, TRAIN_END - 1};
        List<String> leaked = changed(pipeline(x, inTraining, true, "leaky"), pipeline(corruptAfter(x, TRAIN_END - 1), inTraining, true, "leaky-dirty"));
        assertTrue(leaked.contains("train"), "the leaky fill should change the training frames: " + leaked);
        assertTrue(leaked.size() > 1, "and the models trained on them: " + leaked);
    }
}
