package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.VectorField;

/**
 * The standard errors mean what they say: over {@value #REPLICATES} seeded noisy simulations from
 * known parameters, the intervals {@code value +- 1.96 * FitResult.standardError(name)} cover the
 * truth about 95 % of the time, pooled over a1, a2 and W (the acceptance: between 0.88 and
 * 0.99). The model is the research form on 2 nodes with a dense coupling (self-loops included, g
 * fixed at 1: 8 free parameters), {@value #SAMPLES} samples every {@value #DT} time units; each
 * replicate has its own seeded initial state and Gaussian noise of standard deviation
 * {@value #NOISE} (about 23 dB). The data come from DOP853 at 1e-12 on the equations written out
 * here. A fit that ends without a bounded trajectory, or without a finite standard error,
 * counts as not covering.
 */
class CoverageTest {
    static final int REPLICATES = 100;
    static final int SAMPLES = 100;
    static final double DT = 0.2;
    static final double NOISE = 0.1;
    static final double[] A1 = {1.0, 0.8};
    static final double[] A2 = {1.0, 1.3};
    static final double[][] W = {{0.0, 0.2}, {-0.15, 0.0}};

    static double[][] simulate(long seed) {
        VectorField f = VectorField.of(4, (t, s, ds) -> {
            for (int i = 0; i < 2; i++) {
                double x = s[i];
                ds[i] = A1[i] * x * (1 - x * x) + A2[i] * s[2 + i] + W[i][0] * s[0] + W[i][1] * s[1];
                ds[2 + i] = -x;
            }
        });
        Random rnd = new Random(seed);
        double[] y0 = new double[4];
        for (int i = 0; i < 4; i++) {
            y0[i] = 3 * rnd.nextDouble() - 1.5;
        }
        TimeSeries ts = Simulator.solve(SimulationProblem.of(f, y0, 0, (SAMPLES - 1) * DT, List.of("x0", "x1", "y0", "y1")),
                IntegratorSpec.dormandPrince853(1e-12, 1e-12), Monitor.subsample(DT)).trajectory();
        double[][] x = new double[SAMPLES][2];
        for (int k = 0; k < SAMPLES; k++) {
            for (int i = 0; i < 2; i++) {
                x[k][i] = ts.value(k, i) + NOISE * rnd.nextGaussian();
            }
        }
        return x;
    }

    /** Per parameter name, whether the interval covered the truth (null: no bounded fit or no finite standard error). */
    static Map<String, Boolean> replicate(long seed) {
        NetworkModel m = NetworkModel.of(ResearchVanDerPol.uniform(2, 1, 1), Coupling.linear(1.0), Topology.complete("dense", new double[2][2], null));
        FitProblem p = FitProblem.ofNetwork(m, simulate(seed), DT).withFixed("g", 1.0);
        FitResult r = Fitter.fit(p, FitOptions.defaults().withRestarts(0, seed));
        Map<String, Double> truth = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            truth.put("a1[" + i + "]", A1[i]);
            truth.put("a2[" + i + "]", A2[i]);
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                truth.put("W[" + i + "<-" + j + "]", W[i][j]);
            }
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : truth.entrySet()) {
            double v = r.values()[m.parameterIndex(e.getKey())];
            double se = r.standardError(e.getKey());
            out.put(e.getKey(), r.status().bounded() && Double.isFinite(se) ? Math.abs(v - e.getValue()) <= 1.96 * se : null);
        }
        return out;
    }

    @Test
    void ninetyFivePercentIntervalsCoverTheTruth() throws Exception {
        long t0 = System.nanoTime();
        List<Map<String, Boolean>> all = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Map<String, Boolean>>> jobs = new ArrayList<>();
            for (int s = 1; s <= REPLICATES; s++) {
                long seed = s;
                jobs.add(pool.submit(() -> replicate(seed)));
            }
            for (Future<Map<String, Boolean>> j : jobs) {
                all.add(j.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, int[]> per = new LinkedHashMap<>();
        int covered = 0;
        int total = 0;
        int missing = 0;
        for (Map<String, Boolean> rep : all) {
            for (Map.Entry<String, Boolean> e : rep.entrySet()) {
                int[] c = per.computeIfAbsent(e.getKey(), k -> new int[3]);
                boolean hit = Boolean.TRUE.equals(e.getValue());
                c[0] += hit ? 1 : 0;
                c[1]++;
                c[2] += e.getValue() == null ? 1 : 0;
                covered += hit ? 1 : 0;
                missing += e.getValue() == null ? 1 : 0;
                total++;
            }
        }
        double coverage = (double) covered / total;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "coverage of +-1.96 se over %d fits: pooled %.3f (%d/%d, %d without a bounded fit or"
                + " finite se) in %d ms;", REPLICATES, coverage, covered, total, missing, (System.nanoTime() - t0) / 1_000_000));
        for (Map.Entry<String, int[]> e : per.entrySet()) {
            sb.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), (double) e.getValue()[0] / e.getValue()[1]));
        }
        System.out.println(sb);
        assertTrue(coverage >= 0.88 && coverage <= 0.99, sb.toString());
    }
}
