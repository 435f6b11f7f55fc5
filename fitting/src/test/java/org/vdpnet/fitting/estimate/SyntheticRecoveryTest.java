package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.VectorField;

/**
 * A fit to a trajectory simulated from known parameters recovers them. The data are made by an
 * independent integrator (Hipparchus DOP853 at 1e-12), not the fitter's own RK4.
 */
class SyntheticRecoveryTest {
    static final int N = 6;
    static final double[] A1 = {1.0, 0.8, 1.2, 0.9, 1.1, 0.7};
    static final double[] A2 = {1.0, 1.3, 0.8, 1.1, 0.9, 1.2};
    static final double[][] W = new double[N][N];

    static {
        Random rnd = new Random(1);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                W[i][j] = i == j ? 0 : 0.15 * rnd.nextGaussian();
            }
        }
    }

    static double[][] simulate(int samples, double dt) {
        VectorField f = VectorField.of(2 * N, (t, s, ds) -> {
            for (int i = 0; i < N; i++) {
                double c = 0;
                for (int j = 0; j < N; j++) {
                    c += W[i][j] * s[j];
                }
                double x = s[i];
                ds[i] = A1[i] * x * (1 - x * x) + A2[i] * s[N + i] + c;
                ds[N + i] = -x;
            }
        });
        double[] y0 = new double[2 * N];
        Random rnd = new Random(5);
        for (int i = 0; i < 2 * N; i++) {
            y0[i] = 3 * rnd.nextDouble() - 1.5;
        }
        List<String> ch = new ArrayList<>();
        for (int i = 0; i < 2 * N; i++) {
            ch.add("s" + i);
        }
        TimeSeries ts = Simulator.solve(SimulationProblem.of(f, y0, 0, (samples - 1) * dt, ch),
                IntegratorSpec.dormandPrince853(1e-12, 1e-12), Monitor.subsample(dt)).trajectory();
        double[][] x = new double[samples][N];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < N; i++) {
                x[k][i] = ts.value(k, i);
            }
        }
        return x;
    }

    private static String report(FitResult r) {
        return "status " + r.status() + " r " + java.util.Arrays.toString(r.r()) + "\na1 " + java.util.Arrays.toString(r.params().a1())
                + "\na2 " + java.util.Arrays.toString(r.params().a2());
    }

    @Test
    void noiseFreeDataRecoverParametersWithinOnePercent() {
        double[][] x = simulate(200, 0.1);
        FitResult r = ResearchFitter.fit(x, 0.1, FitOptions.defaults());
        assertEquals(FitResult.Status.SUCCESS, r.status(), report(r));
        for (int i = 0; i < N; i++) {
            assertEquals(A1[i], r.params().a1()[i], 0.01 * A1[i], report(r));
            assertEquals(A2[i], r.params().a2()[i], 0.01 * A2[i], report(r));
            for (int j = 0; j < N; j++) {
                assertEquals(W[i][j], r.params().w()[i][j], 0.01, report(r));
            }
        }
        assertTrue(r.meanR() > 0.999, report(r));
    }

    @Test
    void multipleShootingAlsoRecoversThem() {
        double[][] x = simulate(200, 0.1);
        FitResult r = ResearchFitter.fit(x, 0.1, FitOptions.defaults().withSegment(40));
        for (int i = 0; i < N; i++) {
            assertEquals(A1[i], r.params().a1()[i], 0.01 * A1[i], report(r));
            assertEquals(A2[i], r.params().a2()[i], 0.01 * A2[i], report(r));
        }
    }

    /**
     * The noisy acceptance: 20 dB SNR (noise standard deviation a tenth of the signal's
     * RMS, per component), fitted from the regression initialiser: a1 and a2 within 5 %, W within
     * 0.05. Needs enough cycles: with 20 time units (about 3 periods) the maximum-likelihood
     * estimate itself is off by 5-13 % in a1, so this uses 700 samples over 70 time units, fitted by
     * multiple shooting over segments of 100 samples (single shooting loses the phase there).
     */
    @Test
    void twentyDecibelNoiseRecoversParametersWithinTolerance() {
        int samples = 700;
        double[][] clean = simulate(samples, 0.1);
        double[][] x = new double[samples][N];
        Random rnd = new Random(20);
        for (int i = 0; i < N; i++) {
            double power = 0;
            for (double[] row : clean) {
                power += row[i] * row[i] / samples;
            }
            double sd = Math.sqrt(power) / 10; // 20 dB: signal power / noise power = 100
            for (int k = 0; k < samples; k++) {
                x[k][i] = clean[k][i] + sd * rnd.nextGaussian();
            }
        }
        FitResult r = ResearchFitter.fit(x, 0.1, FitOptions.defaults().withSegment(100));
        double worstA = 0;
        double worstW = 0;
        for (int i = 0; i < N; i++) {
            worstA = Math.max(worstA, Math.abs(r.params().a1()[i] / A1[i] - 1));
            worstA = Math.max(worstA, Math.abs(r.params().a2()[i] / A2[i] - 1));
            for (int j = 0; j < N; j++) {
                worstW = Math.max(worstW, Math.abs(W[i][j] - r.params().w()[i][j]));
            }
        }
        assertTrue(worstA <= 0.05, "a1/a2 off by " + worstA + "\n" + report(r));
        assertTrue(worstW <= 0.05, "W off by " + worstW + "\n" + report(r));
    }

    /** The restarts are seeded and the starts run side by side without changing the answer. */
    @Test
    void restartsAreReproducibleAndIndependentOfThreads() {
        double[][] x = simulate(80, 0.25);
        FitOptions o = FitOptions.defaults().withRestarts(3, 7).withMaxIterations(15);
        FitResult one = ResearchFitter.fit(x, 0.25, o);
        FitResult two = ResearchFitter.fit(x, 0.25, o.withParallelism(2));
        assertEquals(java.util.Arrays.toString(one.params().a1()), java.util.Arrays.toString(two.params().a1()));
        assertEquals(java.util.Arrays.deepToString(one.params().w()), java.util.Arrays.deepToString(two.params().w()));
        assertEquals(one.rms(), two.rms());
    }

    /** Data no bounded model can follow: the fit reports a status instead of throwing. */
    @Test
    void hopelessDataGiveAStatusNotAnException() {
        double[][] x = new double[60][3];
        Random rnd = new Random(9);
        for (int k = 0; k < 60; k++) {
            for (int i = 0; i < 3; i++) {
                x[k][i] = Math.exp(0.2 * k) * (1 + 0.1 * rnd.nextGaussian());
            }
        }
        FitResult r = ResearchFitter.fit(x, 1.0, FitOptions.defaults().withMaxIterations(20));
        assertTrue(r.status() != null && r.r().length == 3, report(r));
    }

    /** An alternating, exploding series no bounded model fits: DIVERGED, a NaN trajectory (never zeros), and the halvings said. */
    @Test
    void aDivergedFitHasNoTrajectoryAndSaysWhatItTried() {
        double[][] x = new double[60][3];
        Random rnd = new Random(9);
        for (int k = 0; k < 60; k++) {
            for (int i = 0; i < 3; i++) {
                x[k][i] = (k % 2 == 0 ? 1 : -1) * Math.exp(0.6 * k) * (1 + 0.1 * rnd.nextGaussian());
            }
        }
        FitResult r = ResearchFitter.fit(x, 1.0, FitOptions.defaults().withMaxIterations(20));
        assertEquals(FitResult.Status.DIVERGED, r.status(), report(r));
        for (double[] row : r.simulated()) {
            for (double v : row) {
                assertTrue(Double.isNaN(v), "a diverged fit's trajectory must be NaN, got " + v);
            }
        }
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("W halved 20 time(s)") && w.contains("still diverges")), String.valueOf(r.warnings()));
    }

    /** A fit that runs out of iterations still reports standard errors, from the Jacobian at its best point. */
    @Test
    void aFitThatRanOutOfIterationsStillHasStandardErrors() {
        double[][] x = simulate(100, 0.1);
        FitResult r = ResearchFitter.fit(x, 0.1, FitOptions.defaults().withMaxIterations(2));
        assertEquals(FitResult.Status.MAX_ITERATIONS, r.status(), report(r));
        for (int i = 0; i < N; i++) {
            assertTrue(Double.isFinite(r.stdErrors()[i]) && r.stdErrors()[i] >= 0, "a1[" + i + "] standard error " + r.stdErrors()[i]);
        }
    }

    /** What the fit changes on its own is a warning with the values: a floored a1, a halved W, smoothing switched off. */
    @Test
    void floorsHalvingsAndSmoothingAreWarnings() {
        double[][] x = simulate(100, 0.1);
        int n = N;
        double[] theta = new double[ResearchParameters.size(n)];
        for (int i = 0; i < n; i++) {
            theta[i] = i == 0 ? -0.2 : 1.0;
            theta[n + i] = 1.0;
        }
        for (int q = 2 * n; q < theta.length; q++) {
            theta[q] = 40.0; // a coupling this strong diverges within the window
        }
        String note = ResearchFitter.stabilise(theta, n, x[0], new double[n], x.length, 0.1, 4);
        assertEquals(0.05, theta[0], 0.0);
        assertTrue(note.contains("a1 floored at 0.05 (was a1[0] -0.2000)"), note);
        assertTrue(note.matches(".*W halved [1-9][0-9]* time\\(s\\).*"), note);
        FitResult r = ResearchFitter.fit(java.util.Arrays.copyOf(x, 10), 0.1, FitOptions.defaults());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("smoothing switched off: the window of 10 samples")), String.valueOf(r.warnings()));
        assertTrue(ResearchFitter.fit(x, 0.1, FitOptions.defaults()).warnings().stream().noneMatch(w -> w.startsWith("smoothing")));
    }
}
