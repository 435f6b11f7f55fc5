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
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.scenarios.fit.NetworkFits;

/**
 * Issue 4's real-data check and speed benchmark: the bundled zebrafish recording, windows of 100
 * frames starting at 0, 100, ..., 500, 6 z-scored SVD components each; prints every window's
 * per-component Pearson r, the mean, the median over windows and the wall time per fit after a
 * warm-up fit. The preprocessing is that of {@code vdpnet fit}: drop dead channels, window, z-score
 * each channel, SVD. Usage: {@code java -cp bench/target/vdpnet-bench.jar org.vdpnet.bench.FitBench
 * [threads [restarts [max-iterations [substeps [screen [finalists]]]]]]}; threads defaults to the available processors.
 */
public final class FitBench {
    private FitBench() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        FitOptions d = FitOptions.defaults();
        int restarts = args.length > 1 ? Integer.parseInt(args[1]) : d.restarts();
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : d.maxIterations();
        int substeps = args.length > 3 ? Integer.parseInt(args[3]) : d.substeps();
        int screen = args.length > 4 ? Integer.parseInt(args[4]) : d.screenIterations();
        int finalists = args.length > 5 ? Integer.parseInt(args[5]) : d.finalists();
        FitOptions options = d.withParallelism(threads).withRestarts(restarts, d.seed()).withMaxIterations(iterations).withSubsteps(substeps)
                .withRace(screen, finalists);
        System.out.printf(Locale.ROOT, "threads %d, restarts %d, max iterations %d, substeps %d, race: %d screen iterations, %d finalists%n", threads,
                restarts, iterations, substeps, screen, finalists);
        Recording rec = RecordingReader.read(Path.of("data", "zebrafish", "timeseries_regions_fish6.csv"),
                RecordingOptions.defaults().withLayout(RecordingOptions.Layout.CHANNELS_BY_TIME).withRate(1.1));
        double[][] warm = window(rec, 0);
        fit(warm, options);
        fit(window(rec, 300), options);
        double[] means = new double[6];
        double[] secs = new double[6];
        int w = 0;
        for (int start = 0; start <= 500; start += 100) {
            double[][] x = window(rec, start);
            long t0 = System.nanoTime();
            FitResult r = fit(x, options);
            double sec = (System.nanoTime() - t0) / 1e9;
            secs[w] = sec;
            means[w++] = Double.isNaN(r.meanR()) ? -1.0 : r.meanR(); // a diverged fit has no r: it counts as the worst window
            boolean stepDependent = r.warnings().stream().anyMatch(note -> note.contains("sub-steps per sample"));
            System.out.printf(Locale.ROOT, "frames %3d-%3d  mean r %.3f  per component %s  %s  %d it  %d sub-steps  %.2f s%s%n", start, start + 99,
                    r.meanR(), Arrays.toString(Arrays.stream(r.r()).map(v -> Math.round(v * 100) / 100.0).toArray()), r.status(), r.iterations(),
                    r.substeps(), sec,
                    stepDependent ? "  (step-dependent: diverges or moves with 4x the sub-steps)" : "");
        }
        Arrays.sort(means);
        Arrays.sort(secs);
        System.out.printf(Locale.ROOT, "wall per window: median %.2f s, max %.2f s (target 1 s)%n", (secs[2] + secs[3]) / 2, secs[5]);
        System.out.printf(Locale.ROOT, "median over windows of the mean r: %.3f (floor 0.760, the old fitter's)%n", (means[2] + means[3]) / 2);
    }

    private static FitResult fit(double[][] x, FitOptions o) {
        return Fitter.fit(NetworkFits.problem(NetworkFits.dense("research", NetworkFits.componentLabels(x[0].length), "x"), x, 1.0, "dense"), o);
    }

    private static double[][] window(Recording rec, int start) {
        TimeSeries c = Preprocessing.of(Steps.dropDeadChannels(), Steps.window(start, 100), Steps.zScore(), Steps.svdComponents(6)).apply(rec.data()).data();
        double[][] x = new double[c.size()][];
        for (int k = 0; k < c.size(); k++) {
            x[k] = c.row(k);
        }
        return x;
    }
}
