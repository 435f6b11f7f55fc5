package org.vdpnet.sim.param;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.Rk4;
import org.vdpnet.sim.VectorField;

/**
 * {@link FixedStepPath}, {@link Rk4} and {@link Parameter} against values computed independently.
 *
 * <ul>
 *   <li>The trajectory of the damped harmonic oscillator {@code q' = v}, {@code v' = -k q - c v}
 *       against its closed-form solution (underdamped case), to RK4's global error.</li>
 *   <li>Its initial-state sensitivities against the closed-form state-transition matrix, and every
 *       sensitivity (parameters {@code k}, {@code c} and both initial values) against central
 *       differences of {@link FixedStepPath#simulate} trajectories; the field relies on the
 *       default, dense {@link ParametricField#sensitivityDerivatives}.</li>
 *   <li>Divergence ({@code y' = y} past {@code limit}) and a non-finite initial state end a run
 *       with {@code false} rather than an exception.</li>
 *   <li>An in-place RK4 step equals the out-of-place step bit for bit.</li>
 *   <li>{@link Parameter}'s messages name the parameter and the offending value.</li>
 * </ul>
 */
class FixedStepPathTest {
    private static final double K = 1.5;
    private static final double C = 0.4;

    /** {@code q' = v, v' = -k q - c v}; parameters k, c. Reads only y[0..2), as the contract asks. */
    private static final class Damped implements ParametricField {
        final double k;
        final double c;

        Damped(double k, double c) {
            this.k = k;
            this.c = c;
        }

        @Override public int getDimension() { return 2; }

        @Override
        public void derivatives(double t, double[] y, double[] yDot) {
            yDot[0] = y[1];
            yDot[1] = -k * y[0] - c * y[1];
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(new Parameter("k", k, 1.0, 0.0, Double.POSITIVE_INFINITY),
                    new Parameter("c", c, 1.0, 0.0, Double.POSITIVE_INFINITY));
        }

        @Override public Damped withParameterValues(double[] v) { return new Damped(v[0], v[1]); }

        @Override public List<String> stateNames() { return List.of("q", "v"); }

        @Override
        public void stateJacobian(double t, double[] y, double[] j) {
            j[0] = 0.0;
            j[1] = 1.0;
            j[2] = -k;
            j[3] = -c;
        }

        @Override
        public void parameterJacobian(double t, double[] y, double[] jp) {
            jp[0] = 0.0;
            jp[1] = 0.0;
            jp[2] = -y[0];
            jp[3] = -y[1];
        }
    }

    /** The exact flow of the underdamped oscillator: {@code Phi(t)} with {@code y(t) = Phi(t) y(0)}, row-major. */
    private static double[] transition(double k, double c, double t) {
        double wd = Math.sqrt(k - 0.25 * c * c);
        double e = Math.exp(-0.5 * c * t);
        double cs = Math.cos(wd * t);
        double sn = Math.sin(wd * t);
        // q = e (A cos + B sin), A = q0, B = (v0 + c q0 / 2) / wd; v = q'
        double q0q = e * (cs + 0.5 * c / wd * sn);
        double q0v = e * sn / wd;
        double v0q = e * (-0.5 * c * (cs + 0.5 * c / wd * sn) + (-wd * sn + 0.5 * c * cs));
        double v0v = e * (-0.5 * c * sn / wd + cs);
        return new double[] {q0q, q0v, v0q, v0v};
    }

    private static void assertRel(String what, double expected, double actual, double rel) {
        double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        if (!(Math.abs(expected - actual) <= rel * scale)) {
            fail(what + ": expected " + expected + ", got " + actual + " (difference " + (actual - expected) + ", allowed "
                    + rel * scale + ")");
        }
    }

    @Test
    void trajectoryMatchesTheClosedFormSolution() {
        double dt = 0.05;
        int samples = 101; // 5 time units
        double[] y0 = {9.0, 9.0, 1.2, -0.7}; // offset 2
        FixedStepPath path = new FixedStepPath(2, new int[0], dt, 4, 1e3);
        double[][] x = new double[samples][2];
        double[] end = new double[2];
        assertTrue(path.simulate(new Damped(K, C), y0, 2, samples, new int[] {0, 1}, x, end));
        // RK4 global error ~ T |lambda|^5 h^4 / 120 ~ 3e-9 at h = 0.0125
        for (int s = 0; s < samples; s++) {
            double[] phi = transition(K, C, s * dt);
            assertEquals(phi[0] * 1.2 + phi[1] * -0.7, x[s][0], 1e-8, "q at sample " + s);
            assertEquals(phi[2] * 1.2 + phi[3] * -0.7, x[s][1], 1e-8, "v at sample " + s);
        }
        assertArrayEquals(x[samples - 1], end, 0.0, "end is the last sample");
    }

    @Test
    void initialStateSensitivitiesAreTheTransitionMatrix() {
        double dt = 0.05;
        int samples = 101;
        FixedStepPath path = new FixedStepPath(2, new int[] {0, 1}, dt, 4, 1e3);
        assertEquals(4, path.directions());
        double[][] x = new double[samples][2];
        double[][] s = new double[samples][2 * 4];
        double[] endSens = new double[2 * 4];
        assertTrue(path.sensitivities(new Damped(K, C), new double[] {1.2, -0.7}, 0, samples, new int[] {0, 1}, x, s, null, endSens));
        for (int k = 0; k < samples; k++) {
            double[] phi = transition(K, C, k * dt);
            for (int r = 0; r < 2; r++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(phi[r * 2 + j], s[k][r * 4 + 2 + j], 1e-8, "d y" + r + " / d y0_" + j + " at sample " + k);
                }
            }
        }
        assertArrayEquals(s[samples - 1], endSens, 0.0, "endSens is the last sample's block when every variable is observed");
    }

    @Test
    void sensitivitiesMatchCentralDifferencesOfTrajectories() {
        double dt = 0.1;
        int samples = 40;
        double[] y0 = {1.2, -0.7};
        int[] obs = {0, 1};
        int[] free = {1, 0}; // c then k: the order given is the order of the columns
        FixedStepPath path = new FixedStepPath(2, free, dt, 4, 1e3);
        int cols = path.directions();
        double[][] x = new double[samples][2];
        double[][] s = new double[samples][2 * cols];
        double[] end = new double[2];
        double[] endSens = new double[2 * cols];
        Damped f = new Damped(K, C);
        assertTrue(path.sensitivities(f, y0, 0, samples, obs, x, s, end, endSens));
        double[][] plain = new double[samples][2];
        assertTrue(path.simulate(f, y0, 0, samples, obs, plain, null));
        for (int k = 0; k < samples; k++) {
            assertArrayEquals(plain[k], x[k], 0.0, "the augmented run's state is the plain run's, sample " + k);
        }
        for (int c = 0; c < cols; c++) {
            double[][] xp = new double[samples][2];
            double[][] xm = new double[samples][2];
            double h;
            if (c < free.length) {
                double[] v = f.parameterValues();
                h = 1e-6 * Math.max(1.0, Math.abs(v[free[c]]));
                double[] vp = v.clone();
                double[] vm = v.clone();
                vp[free[c]] += h;
                vm[free[c]] -= h;
                assertTrue(path.simulate(f.withParameterValues(vp), y0, 0, samples, obs, xp, null));
                assertTrue(path.simulate(f.withParameterValues(vm), y0, 0, samples, obs, xm, null));
            } else {
                int j = c - free.length;
                h = 1e-6 * Math.max(1.0, Math.abs(y0[j]));
                double[] yp = y0.clone();
                double[] ym = y0.clone();
                yp[j] += h;
                ym[j] -= h;
                assertTrue(path.simulate(f, yp, 0, samples, obs, xp, null));
                assertTrue(path.simulate(f, ym, 0, samples, obs, xm, null));
            }
            for (int k = 0; k < samples; k++) {
                for (int o = 0; o < obs.length; o++) {
                    double fd = (xp[k][o] - xm[k][o]) / (2 * h);
                    assertRel("d y" + o + " / d direction " + c + " at sample " + k, fd, s[k][o * cols + c], 1e-6);
                }
            }
        }
        for (int r = 0; r < 2; r++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(s[samples - 1], r * cols, (r + 1) * cols),
                    java.util.Arrays.copyOfRange(endSens, r * cols, (r + 1) * cols), 0.0);
        }
    }

    /** {@code y' = a y}, one parameter: grows past any limit. */
    private static final class Growth implements ParametricField {
        @Override public int getDimension() { return 1; }
        @Override public void derivatives(double t, double[] y, double[] yDot) { yDot[0] = y[0]; }
        @Override public List<Parameter> parameters() { return List.of(Parameter.unbounded("a", 1.0, 1.0)); }
        @Override public ParametricField withParameterValues(double[] v) { throw new UnsupportedOperationException(); }
        @Override public List<String> stateNames() { return List.of("y"); }
        @Override public void stateJacobian(double t, double[] y, double[] j) { j[0] = 1.0; }
        @Override public void parameterJacobian(double t, double[] y, double[] jp) { jp[0] = y[0]; }
    }

    @Test
    void divergenceEndsTheRunWithFalse() {
        FixedStepPath path = new FixedStepPath(1, new int[] {0}, 0.1, 4, 10.0);
        int samples = 51; // e^5 ~ 148 > 10
        double[][] x = new double[samples][1];
        double[][] s = new double[samples][2];
        assertFalse(path.simulate(new Growth(), new double[] {1.0}, 0, samples, new int[] {0}, x, null));
        assertFalse(path.sensitivities(new Growth(), new double[] {1.0}, 0, samples, new int[] {0}, x, s, null, null));
        // e^2 ~ 7.4 < 10: the same path is fine over a shorter run
        assertTrue(path.simulate(new Growth(), new double[] {1.0}, 0, 21, new int[] {0}, x, null));
        assertEquals(Math.exp(2.0), x[20][0], 1e-6);
        VectorField exact = VectorField.of(1, (t, y, yDot) -> yDot[0] = y[0]);
        assertFalse(path.simulate(exact, new double[] {1.0}, 0, samples, new int[] {0}, null, null));
    }

    @Test
    void aNonFiniteOrOutOfRangeInitialStateIsRefusedWithFalse() {
        FixedStepPath path = new FixedStepPath(2, new int[] {0, 1}, 0.1, 4, 10.0);
        Damped f = new Damped(K, C);
        int[] obs = {0};
        assertFalse(path.simulate(f, new double[] {Double.NaN, 0.0}, 0, 5, obs, null, null));
        assertFalse(path.simulate(f, new double[] {0.0, Double.POSITIVE_INFINITY}, 0, 5, obs, null, null));
        assertFalse(path.simulate(f, new double[] {10.0, 0.0}, 0, 5, obs, null, null), "|y| = limit counts as diverged");
        assertFalse(path.sensitivities(f, new double[] {0.0, Double.NaN}, 0, 5, obs, null, null, null, null));
        assertTrue(path.simulate(f, new double[] {9.99, 0.0}, 0, 5, obs, null, null));
    }

    @Test
    void inPlaceRk4StepEqualsTheOutOfPlaceStepBitForBit() {
        VectorField vdp = VectorField.of(4, (t, y, yDot) -> {
            yDot[0] = y[1];
            yDot[1] = 1.3 * (1 - y[0] * y[0]) * y[1] - y[0] + 0.2 * Math.sin(t) + 0.4 * y[2];
            yDot[2] = y[3];
            yDot[3] = 0.7 * (1 - y[2] * y[2]) * y[3] - 2.0 * y[2] - 0.4 * y[0];
        });
        SplittableRandom rnd = new SplittableRandom(17);
        Rk4 a = new Rk4(4);
        Rk4 b = new Rk4(4);
        assertEquals(4, a.dimension());
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = rnd.nextDouble(-2, 2);
        }
        double[] inPlace = y.clone();
        double t = 0.3;
        for (int step = 0; step < 50; step++) {
            double[] out = new double[4];
            a.step(vdp, t, 0.037, y, out);
            b.step(vdp, t, 0.037, inPlace, inPlace);
            assertArrayEquals(out, inPlace, 0.0, "step " + step);
            y = out;
            t += 0.037;
        }
    }

    @Test
    void parameterValidationNamesTheParameterAndTheValue() {
        Parameter p = new Parameter("a1[3]", 0.5, 0.25, -1.0, 2.0);
        assertEquals(2.0, p.scaled(), 0.0);
        assertTrue(p.admits(2.0));
        assertFalse(p.admits(2.5));
        assertFalse(p.admits(Double.NaN));
        assertEquals(1.5, p.withValue(1.5).value(), 0.0);
        assertEquals(0.25, p.withValue(1.5).scale(), 0.0);
        assertEquals(-3.0, Parameter.unbounded("g", -6.0, 2.0).scaled(), 0.0);

        assertMessage(() -> new Parameter("  ", 1, 1, 0, 2), "name", "blank");
        assertThrows(NullPointerException.class, () -> new Parameter(null, 1, 1, 0, 2));
        assertMessage(() -> new Parameter("k", 1, 0.0, 0, 2), "k", "scale", "0.0");
        assertMessage(() -> new Parameter("k", 1, -2.0, 0, 2), "k", "scale", "-2.0");
        assertMessage(() -> new Parameter("k", 1, Double.NaN, 0, 2), "k", "scale", "NaN");
        assertMessage(() -> new Parameter("k", 1, Double.POSITIVE_INFINITY, 0, 2), "k", "scale", "Infinity");
        assertMessage(() -> new Parameter("k", 1, 1, 2.0, 1.0), "k", "min <= max", "2.0", "1.0");
        assertMessage(() -> new Parameter("k", 1, 1, Double.NaN, 1.0), "k", "NaN");
        assertMessage(() -> new Parameter("mu[0]", -0.5, 1, 0.0, 3.0), "mu[0]", "-0.5", "[0.0, 3.0]");
        assertMessage(() -> new Parameter("mu[0]", 3.5, 1, 0.0, 3.0), "mu[0]", "3.5");
        assertMessage(() -> new Parameter("mu[0]", Double.NaN, 1, 0.0, 3.0), "mu[0]", "NaN");
        assertMessage(() -> Parameter.unbounded("W[1<-2]", Double.POSITIVE_INFINITY, 1), "W[1<-2]", "Infinity");
        assertMessage(() -> p.withValue(-1.5), "a1[3]", "-1.5", "[-1.0, 2.0]");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String... parts) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String part : parts) {
            assertTrue(m.contains(part), "message '" + m + "' should contain '" + part + "'");
        }
    }
}
