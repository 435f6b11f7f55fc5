package org.vdpnet.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vdpnet.fitting.estimate.FitOptions;
import org.vdpnet.fitting.estimate.FitResult;
import org.vdpnet.fitting.estimate.Fitter;
import org.vdpnet.fitting.preprocess.Preprocessing;
import org.vdpnet.fitting.preprocess.Steps;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.fitting.recording.RecordingOptions;
import org.vdpnet.fitting.recording.RecordingReader;
import org.vdpnet.scenarios.fit.NetworkFits;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.param.FixedStepPath;
import org.vdpnet.sim.param.ParametricField;

/**
 * Issue 13's free-run check: fits the research form to windows of a recording (6 z-scored SVD
 * components, as {@code vdpnet fit}) and reports for each fit whether it stays bounded in free run
 * from its fitted initial state over {@code long} frames, and from the fitted trajectory's state
 * at every frame of the window over {@code horizon} frames. Usage: {@code java -cp
 * bench/target/vdpnet-bench.jar org.vdpnet.bench.FreeRunBench file layout rate [window [horizon [long [windows [mode]]]]]}; mode
 * {@code bounded} (the forecasters' fits: a1 >= 0.02, a2 >= 0.002 and the free-run check over 120 frames,
 * {@code ForecastPipeline.Vdp.defaults()}) or {@code unbounded} ({@code vdpnet fit}'s defaults).
 */
public final class FreeRunBench {
    private FreeRunBench() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        RecordingOptions.Layout layout = RecordingOptions.Layout.fromId("layout", args[1]);
        double rate = Double.parseDouble(args[2]);
        int window = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int horizon = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int longRun = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        int windows = args.length > 6 ? Integer.parseInt(args[6]) : 6;
        boolean boundedMode = args.length > 7 && args[7].equals("bounded");
        org.vdpnet.scenarios.forecast.ForecastPipeline.Vdp vdp = org.vdpnet.scenarios.forecast.ForecastPipeline.Vdp.defaults();
        Recording rec = RecordingReader.read(file, RecordingOptions.defaults().withLayout(layout).withRate(rate));
        int frames = rec.data().size();
        FitOptions o = boundedMode ? FitOptions.defaults().withFreeRun(vdp.freeRun()) : FitOptions.defaults();
        System.out.println(boundedMode ? "bounded: a1 >= " + vdp.a1Min() + ", a2 >= " + vdp.a2Min() + ", free-run check " + vdp.freeRun() + " frames"
                : "unbounded: vdpnet fit's defaults");
        int boundedFits = 0;
        int boundedStarts = 0;
        int starts = 0;
        for (int w = 0; w < windows; w++) {
            int start = (int) ((long) w * (frames - window) / Math.max(1, windows - 1));
            TimeSeries c = Preprocessing.of(Steps.dropDeadChannels(), Steps.window(start, window), Steps.zScore(), Steps.svdComponents(6))
                    .apply(rec.data()).data();
            double[][] x = new double[c.size()][];
            for (int k = 0; k < c.size(); k++) {
                x[k] = c.row(k);
            }
            long t0 = System.nanoTime();
            FitResult r = Fitter.fit(NetworkFits.problem(boundedMode ? NetworkFits.denseResearch(NetworkFits.componentLabels(6), vdp.a1Min(), vdp.a2Min())
                    : NetworkFits.dense("research", NetworkFits.componentLabels(6), "x"), x, 1.0 / rate, "dense"), o);
            double sec = (System.nanoTime() - t0) / 1e9;
            ParametricField m = r.model();
            int d = m.getDimension();
            FixedStepPath path = new FixedStepPath(d, new int[0], 1.0 / rate, r.substeps(), 1e3);
            boolean longOk = r.status().bounded() && path.simulate(m, r.initialState(), 0, longRun, new int[0], null, null);
            int ok = 0;
            double[] s = r.initialState();
            double[] next = new double[d];
            for (int k = 0; k < window && r.status().bounded(); k++) {
                ok += path.simulate(m, s, 0, horizon + 1, new int[0], null, null) ? 1 : 0;
                if (!path.simulate(m, s, 0, 2, new int[0], null, next)) {
                    break;
                }
                s = next.clone();
            }
            boundedFits += longOk ? 1 : 0;
            boundedStarts += ok;
            starts += window;
            double[] a1 = r.nodeValues("a1");
            double[] a2 = r.nodeValues("a2");
            System.out.printf(Locale.ROOT, "frames %4d-%4d  r %.3f  %s  %.1f s  bounded %d frames: %s  from %d/%d states over %d  a1 %s  a2 %s%n", start,
                    start + window - 1, r.meanR(), r.status(), sec, longRun, longOk, ok, window, horizon, fmt(a1), fmt(a2));
        }
        System.out.printf(Locale.ROOT, "bounded fits %d/%d, bounded starts %d/%d%n", boundedFits, windows, boundedStarts, starts);
    }

    private static String fmt(double[] v) {
        return Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray());
    }
}
