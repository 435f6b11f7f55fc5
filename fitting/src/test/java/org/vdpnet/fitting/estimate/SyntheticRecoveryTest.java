package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.NodeDynamics;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.VectorField;

/**
 * A fit to a trajectory simulated from known parameters recovers them (DESIGN.md section 3 item
 * 10), for both node forms and every coupling form: dense, masked by a graph, and
 * {@code W = g SC}. The data come from an independent integrator and an independently written
 * right-hand side: Hipparchus DOP853 at 1e-12 on the equations spelt out in {@link #simulate},
 * never the fitter's fixed-step RK4 on {@link NetworkModel}.
 *
 * <p>Tolerances. Node parameters (a1, a2; mu, omega) and the gain g are compared relatively: 1 %
 * without noise, 5 % at 20 dB. Coupling weights are compared on the effective matrix {@code g W}
 * (non-edges included): without noise within 1 % of the weight or 0.001, whichever is larger,
 * because several true weights are exactly 0 (the dense diagonal, the non-edges), where a relative
 * error means nothing, and 0.001 is a tenth of the 0.01 for small weights; at 20 dB within
 * 0.05 absolute (the issue's). The fitter's defaults (RK4, 2 sub-steps per sample) are enough at
 * dt = 0.1: the noise-free errors are about 1e-5, so no finer step is needed.
 *
 * <p>The noisy cases use 3 nodes and 2100 samples (about 30 periods): at 20 dB the estimator's
 * own standard error of a1 is 3-5 % with 700 samples (6 nodes), so a 5 % bound there tests the
 * seed, not the fitter; with 2100 it is at most 1.7 %, and the worst node error over noise seeds
 * 20-24 was 3.6 %. Six nodes with that many samples are too slow for a unit test (multiple
 * shooting's dense QR grows with samples x unknowns squared: 1400 samples in segments of 100 took
 * 19 s, 2800 in segments of 400 over 100 s); three take 2-3 s.
 *
 * <p>In the classic dense case the self-loops are fixed at their true 0: a self-loop
 * {@code W[i<-i] x_i} enters {@code y_i'} exactly as {@code -omega_i^2 x_i} does, so only
 * {@code omega_i^2 - W[i<-i]} is identifiable (with them free the fit reaches r = 1 with omega
 * 30 % off).
 */
class SyntheticRecoveryTest {
    static final int N = 6;
    static final double[] A1 = {1.0, 0.8, 1.2, 0.9, 1.1, 0.7};
    static final double[] A2 = {1.0, 1.3, 0.8, 1.1, 0.9, 1.2};
    static final double[] MU = {1.0, 0.8, 1.2, 0.6, 1.1, 0.9};
    static final double[] OMEGA = {1.0, 1.2, 0.9, 1.1, 0.8, 1.3};
    /** Dense coupling with a zero diagonal (target row, source column). */
    static final double[][] W = new double[N][N];
    /** A sparse directed graph on 6 nodes with 12 edges (target row, source column). */
    static final double[][] SC = new double[N][N];
    /** A directed graph on 3 nodes with 4 edges, for the noisy cases. */
    static final double[][] SC3 = {{0, 0, 0.25}, {0.3, 0, 0}, {-0.3, -0.25, 0}};

    static {
        Random rnd = new Random(1);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                W[i][j] = i == j ? 0 : 0.15 * rnd.nextGaussian();
            }
        }
        int[][] edges = {{1, 0}, {2, 1}, {3, 2}, {4, 3}, {5, 4}, {0, 5}, {2, 0}, {4, 1}, {0, 3}, {5, 2}, {1, 4}, {3, 5}};
        double[] w = {0.3, -0.25, 0.2, 0.35, -0.2, 0.25, -0.3, 0.15, 0.2, -0.15, 0.3, -0.25};
        for (int e = 0; e < edges.length; e++) {
            SC[edges[e][0]][edges[e][1]] = w[e];
        }
    }

    /**
     * The independent data: x of every node, sampled every {@code dt} by DOP853 at 1e-12 from a
     * seeded initial state, on {@code x' = p1 x (1 - x^2) + p2 y + sum_j w_ij x_j, y' = -x}
     * (research) or {@code x' = y, y' = p1 (1 - x^2) y - p2^2 x + sum_j w_ij x_j} (classic).
     */
    static double[][] simulate(boolean research, double[] p1, double[] p2, double[][] w, int samples, double dt) {
        int n = p1.length;
        VectorField f = VectorField.of(2 * n, (t, s, ds) -> {
            for (int i = 0; i < n; i++) {
                double c = 0;
                for (int j = 0; j < n; j++) {
                    c += w[i][j] * s[j];
                }
                double x = s[i];
                double y = s[n + i];
                if (research) {
                    ds[i] = p1[i] * x * (1 - x * x) + p2[i] * y + c;
                    ds[n + i] = -x;
                } else {
                    ds[i] = y;
                    ds[n + i] = p1[i] * (1 - x * x) * y - p2[i] * p2[i] * x + c;
                }
            }
        });
        double[] y0 = new double[2 * n];
        Random rnd = new Random(5);
        List<String> ch = new ArrayList<>();
        for (int i = 0; i < 2 * n; i++) {
            y0[i] = 3 * rnd.nextDouble() - 1.5;
            ch.add("s" + i);
        }
        TimeSeries ts = Simulator.solve(SimulationProblem.of(f, y0, 0, (samples - 1) * dt, ch), IntegratorSpec.dormandPrince853(1e-12, 1e-12),
                Monitor.subsample(dt)).trajectory();
        assertEquals(samples, ts.size(), "samples");
        double[][] x = new double[samples][n];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < n; i++) {
                x[k][i] = ts.value(k, i);
            }
        }
        return x;
    }

    /** {@code x} plus seeded Gaussian noise whose variance is a hundredth of each channel's variance (20 dB SNR). */
    static double[][] noisy(double[][] x, long seed) {
        Random rnd = new Random(seed);
        int t = x.length;
        double[] sd = new double[x[0].length];
        for (int i = 0; i < sd.length; i++) {
            double m = 0;
            double v = 0;
            for (double[] row : x) {
                m += row[i] / t;
            }
            for (double[] row : x) {
                v += (row[i] - m) * (row[i] - m) / t;
            }
            sd[i] = Math.sqrt(v / 100);
        }
        double[][] out = new double[t][];
        for (int k = 0; k < t; k++) {
            out[k] = x[k].clone();
            for (int i = 0; i < sd.length; i++) {
                out[k][i] += sd[i] * rnd.nextGaussian();
            }
        }
        return out;
    }

    /**
     * One case: the node form, the true node parameters, weights and gain, and the coupling form
     * as the CLI builds it ({@code dense}: every pair, self-loops included, free and g fixed at 1;
     * {@code masked}: the graph's edges free, g fixed at 1; {@code scaled}: the weights fixed at
     * {@code w} and g free). In every case {@code a2[0]} (omega[0]) is also fixed at its true value.
     */
    record Case(String name, boolean research, String form, double[] p1, double[] p2, double[][] w, double gain) {
        @Override
        public String toString() { return name; }

        String k1() { return research ? "a1" : "mu"; }

        String k2() { return research ? "a2" : "omega"; }

        int n() { return p1.length; }

        /** The effective coupling {@code g w} the data are simulated with. */
        double[][] effective() {
            double[][] e = new double[n()][n()];
            for (int i = 0; i < n(); i++) {
                for (int j = 0; j < n(); j++) {
                    e[i][j] = gain * w[i][j];
                }
            }
            return e;
        }

        double[][] data(int samples, double dt) {
            return simulate(research, p1, p2, effective(), samples, dt);
        }

        FitProblem problem(double[][] data, double dt) {
            int n = n();
            NodeDynamics d = research ? ResearchVanDerPol.uniform(n, 1, 1) : VanDerPol.uniform(n, 1, 1);
            double[][] pattern = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    pattern[i][j] = form.equals("scaled") ? w[i][j] : w[i][j] != 0 ? 1 : 0;
                }
            }
            Topology t = form.equals("dense") ? Topology.complete("dense", new double[n][n], null) : Topology.fromMatrix(form, pattern, null);
            NetworkModel m = NetworkModel.of(d, Coupling.linear(1.0), t);
            FitProblem p = FitProblem.ofNetwork(m, data, dt).withCouplingForm(form);
            if (form.equals("scaled")) {
                int[] nodeAndGain = new int[m.gainParameter() + 1];
                Arrays.setAll(nodeAndGain, q -> q);
                p = p.withFree(nodeAndGain);
            } else {
                p = p.withFixed("g", 1.0);
            }
            if (form.equals("dense") && !research) {
                // classic form: a self-loop W[i<-i] x_i cannot be told from -omega_i^2 x_i, so the diagonal is fixed at its true 0
                for (int i = 0; i < n; i++) {
                    p = p.withFixed("W[" + i + "<-" + i + "]", 0.0);
                }
            }
            return p.withFixed(k2() + "[0]", p2[0]);
        }
    }

    static Stream<Case> cases() {
        return Stream.of(new Case("research dense", true, "dense", A1, A2, W, 1.0), new Case("research masked", true, "masked", A1, A2, SC, 1.0),
                new Case("classic dense", false, "dense", MU, OMEGA, W, 1.0), new Case("classic masked", false, "masked", MU, OMEGA, SC, 1.0),
                new Case("research scaled", true, "scaled", A1, A2, SC, 0.6));
    }

    /** The same five forms on 3 nodes (the first three nodes' parameters, W's top-left block, the 3-node graph). */
    static Stream<Case> noisyCases() {
        double[][] w3 = {Arrays.copyOf(W[0], 3), Arrays.copyOf(W[1], 3), Arrays.copyOf(W[2], 3)};
        double[] a1 = Arrays.copyOf(A1, 3);
        double[] a2 = Arrays.copyOf(A2, 3);
        double[] mu = Arrays.copyOf(MU, 3);
        double[] om = Arrays.copyOf(OMEGA, 3);
        return Stream.of(new Case("research dense", true, "dense", a1, a2, w3, 1.0), new Case("research masked", true, "masked", a1, a2, SC3, 1.0),
                new Case("classic dense", false, "dense", mu, om, w3, 1.0), new Case("classic masked", false, "masked", mu, om, SC3, 1.0),
                new Case("research scaled", true, "scaled", a1, a2, SC3, 0.6));
    }

    /** Worst errors: node parameters relative; effective weights absolute and beyond max(1 % of |w|, 0.001); the gain relative. */
    record Errors(double node, double weight, double weightExcess, double gain) {}

    static Errors errors(Case c, FitResult r) {
        double node = 0;
        double[] f1 = r.nodeValues(c.k1());
        double[] f2 = r.nodeValues(c.k2());
        for (int i = 0; i < c.n(); i++) {
            node = Math.max(node, Math.max(Math.abs(f1[i] / c.p1()[i] - 1), Math.abs(f2[i] / c.p2()[i] - 1)));
        }
        double weight = 0;
        double excess = 0;
        double[][] fw = r.couplingMatrix();
        double[][] tw = c.effective();
        for (int i = 0; i < c.n(); i++) {
            for (int j = 0; j < c.n(); j++) {
                double e = Math.abs(fw[i][j] - tw[i][j]);
                weight = Math.max(weight, e);
                excess = Math.max(excess, e / Math.max(0.01 * Math.abs(tw[i][j]), 0.001));
            }
        }
        double g = r.values()[r.model().parameterIndex("g")];
        return new Errors(node, weight, excess, Math.abs(g / c.gain() - 1));
    }

    static String report(Case c, FitResult r, Errors e, long ms) {
        return String.format(Locale.ROOT, "%s: %s in %d ms, %d iterations; worst %s/%s %.2e, worst gW %.2e (%.3f x the noise-free tolerance), g %.2e; mean r %.6f;"
                + " warnings %s", c, r.status(), ms, r.iterations(), c.k1(), c.k2(), e.node(), e.weight(), e.weightExcess(), e.gain(), r.meanR(), r.warnings());
    }

    /** The fit ended bounded; the fixed parameters kept their values exactly and have no standard error; a free one has one. */
    static void assertBoundedAndFixed(Case c, FitResult r, String report) {
        assertTrue(r.status() == FitResult.Status.SUCCESS || r.status() == FitResult.Status.MAX_ITERATIONS, report);
        assertEquals(c.p2()[0], r.values()[r.model().parameterIndex(c.k2() + "[0]")], 0.0, report);
        assertTrue(Double.isNaN(r.standardError(c.k2() + "[0]")), report);
        assertTrue(Double.isFinite(r.standardError(c.k1() + "[0]")) && r.standardError(c.k1() + "[0]") > 0, report);
        assertTrue(r.problem().freeNames().stream().noneMatch(s -> s.equals(c.k2() + "[0]")), report);
        if (!c.form().equals("scaled")) {
            assertEquals(1.0, r.values()[r.model().parameterIndex("g")], 0.0, report);
            assertTrue(Double.isNaN(r.standardError("g")), report);
        }
    }

    static FitResult fitAndReport(Case c, FitProblem p, FitOptions o, String label, List<String> out) {
        long t0 = System.nanoTime();
        FitResult r = Fitter.fit(p, o);
        String report = report(c, r, errors(c, r), (System.nanoTime() - t0) / 1_000_000);
        System.out.println(label + " " + report);
        out.add(report);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void noiseFreeDataRecoverParametersWithinOnePercent(Case c) {
        double dt = 0.1;
        List<String> rep = new ArrayList<>();
        FitResult r = fitAndReport(c, c.problem(c.data(200, dt), dt), FitOptions.defaults().withParallelism(2), "noise-free", rep);
        Errors e = errors(c, r);
        assertBoundedAndFixed(c, r, rep.get(0));
        assertTrue(e.node() <= 0.01, rep.get(0));
        assertTrue(e.weightExcess() <= 1, rep.get(0));
        assertTrue(e.gain() <= 0.01, rep.get(0));
        assertTrue(r.meanR() > 0.999, rep.get(0));
    }

    /** The noisy acceptance at 20 dB: node parameters within 5 %, effective weights within 0.05, the gain within 5 %. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("noisyCases")
    void twentyDecibelNoiseRecoversParametersWithinTolerance(Case c) {
        double dt = 0.1;
        List<String> rep = new ArrayList<>();
        FitResult r = fitAndReport(c, c.problem(noisy(c.data(2100, dt), 20), dt), FitOptions.defaults().withSegment(150).withParallelism(2), "20 dB", rep);
        Errors e = errors(c, r);
        assertBoundedAndFixed(c, r, rep.get(0));
        assertTrue(e.node() <= 0.05, rep.get(0));
        assertTrue(e.weight() <= 0.05, rep.get(0));
        assertTrue(e.gain() <= 0.05, rep.get(0));
    }

    /** The restarts are seeded, and the starts run side by side without changing the answer. */
    @Test
    void restartsAreReproducibleAndIndependentOfThreads() {
        Case c = cases().findFirst().orElseThrow();
        FitProblem p = c.problem(c.data(80, 0.25), 0.25);
        FitOptions o = FitOptions.defaults().withRestarts(3, 7).withMaxIterations(15);
        FitResult one = Fitter.fit(p, o);
        FitResult two = Fitter.fit(p, o.withParallelism(2));
        assertEquals(Arrays.toString(one.values()), Arrays.toString(two.values()));
        assertEquals(one.rms(), two.rms());
        assertEquals(one.status(), two.status());
    }

    /**
     * An alternating series beyond the divergence limit, so every simulation from its first sample counts as a blow-up: DIVERGED, a
     * NaN trajectory (never zeros), and the halvings said.
     */
    @Test
    void aDivergedFitHasNoTrajectoryAndSaysWhatItTried() {
        double[][] x = new double[60][3];
        Random rnd = new Random(9);
        for (int k = 0; k < 60; k++) {
            for (int i = 0; i < 3; i++) {
                x[k][i] = (k % 2 == 0 ? 1 : -1) * 2 * Shooting.LIMIT * (1 + 0.1 * rnd.nextGaussian()); // starts beyond the divergence limit
            }
        }
        Case c = noisyCases().findFirst().orElseThrow();
        FitResult r = Fitter.fit(c.problem(x, 1.0), FitOptions.defaults().withMaxIterations(20));
        assertEquals(FitResult.Status.DIVERGED, r.status(), r.message());
        assertTrue(!r.status().bounded());
        for (double[] row : r.simulated()) {
            for (double v : row) {
                assertTrue(Double.isNaN(v), "a diverged fit's trajectory must be NaN, got " + v);
            }
        }
        assertTrue(Double.isNaN(r.standardError("a1[0]")) && Double.isNaN(r.rms()), "no standard errors or cost without a trajectory");
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("coupling halved 20 time(s)") && w.contains("still diverges")), String.valueOf(r.warnings()));
        for (int k = 0; k < 60; k++) {
            for (int i = 0; i < 3; i++) {
                x[k][i] = Math.exp(0.2 * k) * (1 + 0.1 * rnd.nextGaussian());
            }
        }
        FitResult hopeless = Fitter.fit(c.problem(x, 1.0), FitOptions.defaults().withMaxIterations(20));
        assertTrue(hopeless.status() != null && hopeless.r().length == 3, "a status, not an exception: " + hopeless.message());
    }

    /** A fit that runs out of iterations says so and still reports standard errors, from the Jacobian at its best point. */
    @Test
    void aFitThatRanOutOfIterationsStillHasStandardErrors() {
        Case c = cases().findFirst().orElseThrow();
        FitResult r = Fitter.fit(c.problem(c.data(100, 0.1), 0.1), FitOptions.defaults().withMaxIterations(2));
        assertEquals(FitResult.Status.MAX_ITERATIONS, r.status(), r.message());
        for (int i = 0; i < N; i++) {
            double se = r.standardError("a1[" + i + "]");
            assertTrue(Double.isFinite(se) && se >= 0, "a1[" + i + "] standard error " + se);
        }
    }

    /** What the fit changes on its own is a warning with the values: a floored a1, a halved coupling, smoothing switched off. */
    @Test
    void floorsHalvingsAndSmoothingAreWarnings() {
        Case c = cases().findFirst().orElseThrow();
        double[][] x = c.data(100, 0.1);
        FitProblem p = c.problem(x, 0.1);
        NetworkModel m = (NetworkModel) p.model();
        double[] values = m.parameterValues();
        values[m.nodeParameter("a1", 0)] = -0.2;
        for (int e = 0; e < m.edgeCount(); e++) {
            values[m.edgeParameter(e)] = 40.0; // a coupling this strong diverges within the window
        }
        double[] state = new double[m.getDimension()];
        System.arraycopy(x[0], 0, state, 0, N);
        String note = Fitter.stabilise(p, values, state, 2);
        assertEquals(0.05, values[m.nodeParameter("a1", 0)], 0.0);
        assertTrue(note.contains("a1 floored at 0.05 (was a1[0] -0.2000)"), note);
        assertTrue(note.matches(".*coupling halved [1-9][0-9]* time\\(s\\).*"), note);
        assertEquals(1.0, values[m.gainParameter()], 0.0, "a fixed gain is not halved");
        FitResult shortFit = Fitter.fit(c.problem(Arrays.copyOf(x, 10), 0.1), FitOptions.defaults());
        assertTrue(shortFit.warnings().stream().anyMatch(w -> w.startsWith("smoothing switched off: the window of 10 samples")),
                String.valueOf(shortFit.warnings()));
        assertTrue(Fitter.fit(p, FitOptions.defaults()).warnings().stream().noneMatch(w -> w.startsWith("smoothing")));
    }
}
