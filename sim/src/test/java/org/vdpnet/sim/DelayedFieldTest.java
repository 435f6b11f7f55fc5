package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Delays in the fixed-step methods ({@link DelayedField}, {@link DelayHistory}) against the
 * characteristic equations of linear delay equations, whose roots are found here by Newton's method
 * in complex arithmetic, independently of the integrators.
 */
class DelayedFieldTest {

    private static final double TAU = 1.0;
    private static final double H = 1e-3;

    static IntegratorSpec spec(IntegratorSpec.Method m) {
        return IntegratorSpec.of(m, H, 1e-8, 1e-10);
    }

    /** {@code x' = -a x(t - tau)} from a constant history of 1. */
    private static TimeSeries decay(double a, IntegratorSpec spec, double tEnd) {
        DelayedField f = DelayedField.of(1, new int[] {0}, new double[] {TAU}, (t, y, past, dy) -> dy[0] = -a * past[0]);
        SimulationResult r = Simulator.solve(SimulationProblem.of(f, new double[] {1.0}, 0, tEnd, List.of("x")), spec,
                Monitor.subsample(0.01));
        assertTrue(r.isSuccess(), r.message());
        return r.trajectory();
    }

    /** Growth rate and period of the late oscillation of column {@code c}: from its peaks after {@code from}. */
    static double[] rateAndPeriod(TimeSeries ts, int c, double from) {
        double[] t = ts.times();
        double[] x = ts.column(c);
        List<double[]> peaks = new ArrayList<>();
        for (int i = 1; i + 1 < x.length; i++) {
            if (t[i] >= from && x[i] > x[i - 1] && x[i] >= x[i + 1] && x[i] > 0) {
                // the parabola through the three samples
                double dt = t[i + 1] - t[i];
                double den = x[i - 1] - 2 * x[i] + x[i + 1];
                double off = 0.5 * (x[i - 1] - x[i + 1]) / den;
                peaks.add(new double[] {t[i] + off * dt, x[i] - 0.25 * (x[i - 1] - x[i + 1]) * off});
            }
        }
        int m = peaks.size();
        assertTrue(m >= 5, "peaks: " + m);
        double st = 0, sl = 0, stt = 0, stl = 0;
        for (double[] p : peaks) {
            double l = Math.log(p[1]);
            st += p[0];
            sl += l;
            stt += p[0] * p[0];
            stl += p[0] * l;
        }
        double rate = (m * stl - st * sl) / (m * stt - st * st);
        double period = (peaks.get(m - 1)[0] - peaks.get(0)[0]) / (m - 1);
        return new double[] {rate, period};
    }

    /** Newton's method on a complex function {@code g} with derivative {@code dg}, from {@code (re, im)}. */
    static double[] newton(java.util.function.Function<double[], double[][]> gAndDg, double re, double im) {
        double[] z = {re, im};
        for (int it = 0; it < 100; it++) {
            double[][] v = gAndDg.apply(z);
            double[] g = v[0];
            double[] d = v[1];
            double den = d[0] * d[0] + d[1] * d[1];
            double sr = (g[0] * d[0] + g[1] * d[1]) / den;
            double si = (g[1] * d[0] - g[0] * d[1]) / den;
            z[0] -= sr;
            z[1] -= si;
            if (Math.hypot(sr, si) < 1e-15) {
                break;
            }
        }
        return z;
    }

    /** {@code exp(-z tau)} as a complex number. */
    static double[] expMinus(double[] z, double tau) {
        double m = Math.exp(-z[0] * tau);
        return new double[] {m * Math.cos(z[1] * tau), -m * Math.sin(z[1] * tau)};
    }

    /** The root near {@code i pi / (2 tau)} of {@code lambda + a exp(-lambda tau) = 0}. */
    static double[] decayRoot(double a) {
        return newton(z -> {
            double[] e = expMinus(z, TAU);
            return new double[][] {{z[0] + a * e[0], z[1] + a * e[1]}, {1 - a * TAU * e[0], -a * TAU * e[1]}};
        }, 0.0, Math.PI / (2 * TAU));
    }

    @ParameterizedTest
    @EnumSource(value = IntegratorSpec.Method.class, names = {"EULER", "RK4", "EULER_MARUYAMA", "HEUN"})
    void delayedDecayLosesStabilityAtHalfPiWithPeriodFourTau(IntegratorSpec.Method method) {
        double tol = method == IntegratorSpec.Method.RK4 ? 2e-4 : 2e-3;
        double[] edge = rateAndPeriod(decay(Math.PI / (2 * TAU), spec(method), 200), 0, 60);
        assertEquals(0.0, edge[0], tol, "growth rate at a tau = pi/2");
        assertEquals(4 * TAU, edge[1], 10 * tol * TAU, "period at a tau = pi/2");
        for (double aTau : new double[] {1.45, 1.70}) {
            double[] root = decayRoot(aTau / TAU);
            double[] got = rateAndPeriod(decay(aTau / TAU, spec(method), 120), 0, 30);
            assertTrue(aTau < Math.PI / 2 ? got[0] < -0.02 : got[0] > 0.02, "a tau " + aTau + ": rate " + got[0]);
            assertEquals(root[0], got[0], tol, "a tau " + aTau + ": the rightmost root's real part");
            assertEquals(2 * Math.PI / root[1], got[1], 10 * tol, "a tau " + aTau + ": its period");
        }
    }

    @Test
    void stabilityBoundaryIsExactlyHalfPi() {
        // independent of any integration: the characteristic root crosses the imaginary axis at a tau = pi/2
        assertEquals(0.0, decayRoot(Math.PI / 2)[0], 1e-12);
        assertEquals(Math.PI / 2, decayRoot(Math.PI / 2)[1], 1e-12);
    }

    @ParameterizedTest
    @EnumSource(value = IntegratorSpec.DelayRule.class)
    void delayedHarmonicOscillatorsFollowTheirCharacteristicRoots(IntegratorSpec.DelayRule rule) {
        // x1'' = -x1 + g x2(t - tau), x2'' = -x2 + g x1(t - tau): the modes u = x1 +- x2 obey u'' = -u +- g u(t - tau),
        // whose roots near i solve lambda^2 + 1 -+ g exp(-lambda tau) = 0
        double g = 0.1;
        double tau = 1.37; // not a whole number of steps under the nearest rule: round(1370.0) is exact, so shift it
        double tauUsed = rule == IntegratorSpec.DelayRule.NEAREST ? Math.round(tau / H) * H : tau;
        tau += rule == IntegratorSpec.DelayRule.NEAREST ? 0.0004 : 0; // nearest rounds 1370.4 steps to 1370
        DelayedField f = DelayedField.of(4, new int[] {1, 0}, new double[] {tau, tau}, (t, y, past, dy) -> {
            dy[0] = y[2];
            dy[1] = y[3];
            dy[2] = -y[0] + g * past[0];
            dy[3] = -y[1] + g * past[1];
        });
        SimulationResult r = Simulator.solve(SimulationProblem.of(f, new double[] {1, 0, 0, 0}, 0, 150,
                List.of("x1", "x2", "v1", "v2")), spec(IntegratorSpec.Method.RK4).withDelayRule(rule), Monitor.subsample(0.01));
        assertTrue(r.isSuccess());
        TimeSeries ts = r.trajectory();
        double[][] modes = new double[ts.size()][2];
        for (int i = 0; i < modes.length; i++) {
            modes[i][0] = ts.value(i, 0) + ts.value(i, 1);
            modes[i][1] = ts.value(i, 0) - ts.value(i, 1);
        }
        TimeSeries m = TimeSeries.of(ts.times(), List.of("sum", "difference"), modes);
        for (int c = 0; c < 2; c++) {
            double sign = c == 0 ? 1 : -1;
            double t0 = tauUsed;
            double[] root = newton(z -> {
                double[] e = expMinus(z, t0);
                return new double[][] {
                    {z[0] * z[0] - z[1] * z[1] + 1 - sign * g * e[0], 2 * z[0] * z[1] - sign * g * e[1]},
                    {2 * z[0] + sign * g * t0 * e[0], 2 * z[1] + sign * g * t0 * e[1]}};
            }, 0.0, 1.0);
            double[] got = rateAndPeriod(m, c, 30);
            assertEquals(root[0], got[0], 2e-4, "mode " + c + ": growth rate");
            assertEquals(2 * Math.PI / root[1], got[1], 2e-4, "mode " + c + ": period");
        }
    }

    @Test
    void nearestRoundsAndLinearInterpolates() {
        // x' = past of a ramp t: with x(t) = t for t > 0, x(t - tau) = t - tau; read it through y' = x(t - tau)
        double tau = 0.2506; // 250.6 steps: nearest reads 251 steps back
        DelayedField f = DelayedField.of(2, new int[] {0}, new double[] {tau}, (t, y, past, dy) -> {
            dy[0] = 1.0;
            dy[1] = past[0];
        });
        double tEnd = 1.0;
        for (IntegratorSpec.DelayRule rule : IntegratorSpec.DelayRule.values()) {
            SimulationResult r = Simulator.solve(SimulationProblem.of(f, new double[] {0, 0}, 0, tEnd, List.of("x", "y")),
                    spec(IntegratorSpec.Method.RK4).withDelayRule(rule), Monitor.subsample(0.5));
            double d = rule == IntegratorSpec.DelayRule.NEAREST ? 251 * H : tau;
            // y(T) = integral_d^T (s - d) ds = (T - d)^2 / 2 (the history before 0 is x = 0). Under the nearest rule the
            // integrand's kink sits on the grid and RK4 is exact; under the linear one it falls inside a step (O(h^2) there)
            double tol = rule == IntegratorSpec.DelayRule.NEAREST ? 1e-12 : H * H / 8;
            assertEquals((tEnd - d) * (tEnd - d) / 2, r.trajectory().column(1)[2], tol, rule.id());
        }
    }

    @Test
    void aDelayShorterThanOneStepReadsTowardTheStagesOwnState() {
        // y' = x(t - tau) with x = t: tau = 0.4 steps; linear reads the exact delay (inside the current step, toward the
        // stage's state), nearest rounds it to 0 steps (instantaneous)
        double tau = 0.4 * H;
        DelayedField f = DelayedField.of(2, new int[] {0}, new double[] {tau}, (t, y, past, dy) -> {
            dy[0] = 1.0;
            dy[1] = past[0];
        });
        for (IntegratorSpec.DelayRule rule : IntegratorSpec.DelayRule.values()) {
            SimulationResult r = Simulator.solve(SimulationProblem.of(f, new double[] {0, 0}, 0, 1.0, List.of("x", "y")),
                    spec(IntegratorSpec.Method.RK4).withDelayRule(rule), Monitor.subsample(0.5));
            double d = rule == IntegratorSpec.DelayRule.NEAREST ? 0 : tau;
            assertEquals((1 - d) * (1 - d) / 2, r.trajectory().column(1)[2], rule == IntegratorSpec.DelayRule.NEAREST ? 1e-12 : H * H, rule.id());
        }
    }

    @Test
    void aFieldWithoutReadsIsAPlainField() {
        DelayedField f = DelayedField.of(1, new int[0], new double[0], (t, y, past, dy) -> dy[0] = -y[0]);
        double[] dy = new double[1];
        f.derivatives(0, new double[] {2}, dy);
        assertEquals(-2, dy[0], 0);
        SimulationResult r = Simulator.solve(SimulationProblem.of(f, new double[] {1}, 0, 1, List.of("x")),
                IntegratorSpec.dormandPrince853(1e-10, 1e-12), Monitor.subsample(1));
        assertEquals(Math.exp(-1), r.trajectory().column(0)[1], 1e-9);
    }

    @Test
    void adaptiveMethodsAndDelaysLongerThanTheRunAreRefused() {
        DelayedField f = DelayedField.of(1, new int[] {0}, new double[] {2.0}, (t, y, past, dy) -> dy[0] = -past[0]);
        SimulationProblem p = SimulationProblem.of(f, new double[] {1}, 0, 10, List.of("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulator.solve(p, IntegratorSpec.dormandPrince853(1e-8, 1e-10), Monitor.raw()));
        assertTrue(e.getMessage().startsWith("integrator: conduction delays need a fixed-step method"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Simulator.solve(p.withEndTime(1.5), IntegratorSpec.rungeKutta4(0.01), Monitor.raw()));
        assertTrue(e.getMessage().startsWith("delays: the longest delay (2.0 time units) is longer than the run (1.5)"),
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> f.derivatives(0, new double[] {1}, new double[1]));
        assertThrows(IllegalArgumentException.class,
                () -> DelayedField.of(1, new int[] {0}, new double[] {Double.NaN}, (t, y, past, dy) -> { }));
    }

    @Test
    void rerunsAreBitIdentical() {
        DelayedField f = DelayedField.of(1, new int[] {0}, new double[] {0.7}, (t, y, past, dy) -> dy[0] = -2 * past[0]);
        SimulationProblem p = SimulationProblem.of(f, new double[] {1}, 0, 20, List.of("x"));
        double[] a = Simulator.solve(p, IntegratorSpec.rungeKutta4(0.01), Monitor.raw()).trajectory().column(0);
        double[] b = Simulator.solve(p, IntegratorSpec.rungeKutta4(0.01), Monitor.raw()).trajectory().column(0);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    }
}
