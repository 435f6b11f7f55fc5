package org.vdpnet.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.vdpnet.fitting.estimate.FitOptions;
import org.vdpnet.hybrid.LstmSettings;
import org.vdpnet.scenarios.forecast.ForecastPipeline;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.VectorField;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.forecast.Training;
import org.vdpnet.validation.Backtest;
import org.vdpnet.validation.Baselines;
import org.vdpnet.validation.Metrics;

/**
 * Issue 5's synthetic acceptance: a 6-node research-form network (known a1, a2, W), observed
 * with Gaussian noise of a tenth of each component's standard deviation (not rescaled), sampled every 0.5 time
 * units (about 12 frames a period); the first {@code train} frames train the five forecasters,
 * the next 300 frames are the test part. Every 5th frame of the test part is an origin; prints
 * RMSE at each horizon (over origins and components, in the model's units) and the mean over 1-20,
 * with persistence for reference. Usage: {@code java -cp bench/target/vdpnet-bench.jar
 * org.vdpnet.bench.ForecastBench [train-frames [seed [fit-segment [models]]]]}.
 */
public final class ForecastBench {
    private ForecastBench() {}

    public static void main(String[] args) {
        int train = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int segment = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<String> models = args.length > 3 ? List.of(args[3].split(",")) : ForecastPipeline.MODELS;
        int horizon = 20;
        double[][] all = observed(train + 300, 0.5, 0.1, seed);
        double[][] tr = Arrays.copyOf(all, train);
        ForecastPipeline.Settings s = new ForecastPipeline.Settings(horizon, 0.5, FitOptions.defaults().withSegment(segment), train, 15,
                LstmSettings.defaults(), 30, 50, 0.05, 0.1, 10, 1e-6, ForecastPipeline.Vdp.defaults(), 100);
        long t0 = System.nanoTime();
        Map<String, Training> t = ForecastPipeline.train(tr, models, s, seed,
                name -> System.err.printf(Locale.ROOT, "[%6.1f s] training %s%n", (System.nanoTime() - t0) / 1e9, name));
        System.err.printf(Locale.ROOT, "[%6.1f s] trained%n", (System.nanoTime() - t0) / 1e9);
        List<Integer> origins = new ArrayList<>();
        for (int o = train + 20; o + horizon <= all.length; o += 5) {
            origins.add(o);
        }
        System.out.printf(Locale.ROOT, "train %d frames, %d origins, seed %d; RMSE%n", train, origins.size(), seed);
        System.out.printf(Locale.ROOT, "%-12s %7s %7s %7s %7s%n", "model", "h=1", "h=5", "h=20", "mean");
        row("persistence", Baselines.persistence(all[0].length, horizon), all, origins, horizon);
        for (Map.Entry<String, Training> e : t.entrySet()) {
            if (e.getValue().isSkipped()) {
                System.out.printf(Locale.ROOT, "%-12s skipped: %s%n", e.getKey(), e.getValue().skipReason());
            } else {
                row(e.getKey(), e.getValue().forecaster().orElseThrow(), all, origins, horizon);
            }
        }
    }

    static void row(String name, Forecaster f, double[][] all, List<Integer> origins, int horizon) {
        int[] o = origins.stream().mapToInt(k -> k - 1).toArray(); // the last observed frame
        double[] rmse = Metrics.pooledRmse(Backtest.forecasts(f, all, o, horizon), Backtest.truth(all, o, horizon));
        double mean = Arrays.stream(rmse).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%-12s %7.3f %7.3f %7.3f %7.3f%n", name, rmse[0], rmse[4], rmse[horizon - 1], mean);
    }

    /**
     * The network simulated by DOP853, a transient of 100 time units dropped, plus noise of
     * {@code noise} times each component's standard deviation. Not z-scored: the cubic term is not
     * scale-free, so scaling would take the data out of the model family.
     */
    static double[][] observed(int frames, double dt, double noise, long seed) {
        int n = 6;
        double[] a1 = {1.0, 0.8, 1.2, 0.9, 1.1, 0.7};
        double[] a2 = {1.0, 1.3, 0.8, 1.1, 0.9, 1.2};
        double[][] w = new double[n][n];
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = i == j ? 0 : 0.15 * rnd.nextGaussian();
            }
        }
        VectorField f = VectorField.of(2 * n, (t, s, ds) -> {
            for (int i = 0; i < n; i++) {
                double c = 0;
                for (int j = 0; j < n; j++) {
                    c += w[i][j] * s[j];
                }
                ds[i] = a1[i] * s[i] * (1 - s[i] * s[i]) + a2[i] * s[n + i] + c;
                ds[n + i] = -s[i];
            }
        });
        double[] y0 = new double[2 * n];
        Random r0 = new Random(5);
        for (int i = 0; i < 2 * n; i++) {
            y0[i] = 3 * r0.nextDouble() - 1.5;
        }
        List<String> ch = new ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            ch.add("s" + i);
        }
        double t0 = 100;
        TimeSeries ts = Simulator.solve(SimulationProblem.of(f, y0, 0, t0 + (frames - 1) * dt, ch), IntegratorSpec.dormandPrince853(1e-10, 1e-10),
                Monitor.subsample(dt)).trajectory();
        int skip = (int) Math.round(t0 / dt);
        double[][] x = new double[frames][n];
        Random noiseRng = new Random(seed * 7919 + 13);
        for (int i = 0; i < n; i++) {
            double mean = 0;
            double var = 0;
            for (int k = 0; k < frames; k++) {
                mean += ts.value(skip + k, i) / frames;
            }
            for (int k = 0; k < frames; k++) {
                var += Math.pow(ts.value(skip + k, i) - mean, 2) / frames;
            }
            double sd = Math.sqrt(var);
            for (int k = 0; k < frames; k++) {
                x[k][i] = ts.value(skip + k, i) + noise * sd * noiseRng.nextGaussian();
            }
        }
        return x;
    }
}
