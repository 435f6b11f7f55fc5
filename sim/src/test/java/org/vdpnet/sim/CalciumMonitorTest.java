package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The calcium monitor against closed forms: the filter {@code c' = -c / tau + u} from rest has
 * {@code c = tau t - tau^2 (1 - exp(-t / tau))} for a ramp {@code u = t} and
 * {@code c = A sin(w t) + B cos(w t) - B exp(-t / tau)}, {@code A = tau / (1 + w^2 tau^2)},
 * {@code B = -w tau^2 / (1 + w^2 tau^2)}, for {@code u = sin(w t)}; the fluorescence is
 * {@code (c_decay - c_rise) / peak}. A narrow triangular pulse of unit area gives the kernel itself.
 */
class CalciumMonitorTest {
    private static final CalciumMonitor GCAMP6F = new CalciumMonitor(CalciumMonitor.GCAMP6F[0], CalciumMonitor.GCAMP6F[1], 0.25, new int[] {0},
            0.0, 1L);

    /** Drives a recorder with steps of {@code h} up to {@code end}, the input {@code u} as state 0 and as the dense output. */
    private static TimeSeries drive(Monitor m, DoubleUnaryOperator u, double h, double end) {
        Recorder r = m.newRecorder(List.of("x"));
        r.start(0, new double[] {u.applyAsDouble(0)});
        int steps = (int) Math.round(end / h);
        for (int k = 1; k <= steps; k++) {
            double t0 = (k - 1) * h;
            double t1 = k * h;
            r.step(t0, t1, new double[] {u.applyAsDouble(t1)}, (t, out) -> out[0] = u.applyAsDouble(t));
        }
        return r.result();
    }

    private static double filter(double tau, double t, String input, double w) {
        if (input.equals("ramp")) {
            return tau * t - tau * tau * (1 - Math.exp(-t / tau));
        }
        double a = tau / (1 + w * w * tau * tau);
        double b = -w * tau * tau / (1 + w * w * tau * tau);
        return a * Math.sin(w * t) + b * Math.cos(w * t) - b * Math.exp(-t / tau);
    }

    private static double expected(CalciumMonitor m, double t, String input, double w) {
        return (filter(m.decay(), t, input, w) - filter(m.rise(), t, input, w)) / m.peak();
    }

    /** Exact for an input linear between the integrator's points, whatever the step (0.37 s against samples every 0.25 s). */
    @Test
    void aRampIsExactWithAnyStep() {
        TimeSeries ts = drive(GCAMP6F, t -> t, 0.37, 0.37 * 30);
        assertEquals(Math.floor(0.37 * 30 / 0.25) + 1, ts.size());
        for (int k = 0; k < ts.size(); k++) {
            assertEquals(0.25 * k, ts.time(k), 1e-12);
            assertEquals(expected(GCAMP6F, ts.time(k), "ramp", 0), ts.value(k, 0), 1e-9 * (1 + Math.abs(ts.value(k, 0))), "t=" + ts.time(k));
        }
    }

    @Test
    void aSinusoidMatchesTheClosedForm() {
        double w = 2.0;
        TimeSeries ts = drive(GCAMP6F, t -> Math.sin(w * t), 0.001, 20);
        for (int k = 0; k < ts.size(); k++) {
            assertEquals(expected(GCAMP6F, ts.time(k), "sin", w), ts.value(k, 0), 1e-6, "t=" + ts.time(k));
        }
    }

    /** A triangular pulse of unit area and half-width eps: the response is the kernel delayed by eps, to O(eps^2 k''). */
    @Test
    void anImpulseGivesTheKernel() {
        double eps = 1e-3;
        CalciumMonitor m = new CalciumMonitor(0.1, 1.5, 0.05, new int[] {0}, 0.0, 1L);
        TimeSeries ts = drive(m, t -> t < eps ? t / (eps * eps) : t < 2 * eps ? (2 * eps - t) / (eps * eps) : 0.0, eps, 10);
        double peak = 0;
        for (int k = 0; k < ts.size(); k++) {
            double t = ts.time(k);
            peak = Math.max(peak, ts.value(k, 0));
            if (t >= 0.5) {
                assertEquals(m.kernel(t - eps), ts.value(k, 0), 1e-6, "t=" + t);
            }
        }
        assertEquals(1.0, peak, 2e-3, "the kernel is peak-normalised (samples every 50 ms straddle the peak)");
    }

    @Test
    void noiseIsSeededAndSettingsAreChecked() {
        CalciumMonitor noisy = new CalciumMonitor(0.05, 0.7, 0.1, new int[] {0}, 0.2, 9L);
        double[] a = drive(noisy, t -> Math.sin(t), 0.01, 5).column(0);
        double[] b = drive(noisy, t -> Math.sin(t), 0.01, 5).column(0);
        assertArrayEquals(a, b);
        double[] clean = drive(new CalciumMonitor(0.05, 0.7, 0.1, new int[] {0}, 0.0, 9L), t -> Math.sin(t), 0.01, 5).column(0);
        double ss = 0;
        for (int k = 0; k < a.length; k++) {
            ss += (a[k] - clean[k]) * (a[k] - clean[k]);
        }
        assertEquals(0.2, Math.sqrt(ss / a.length), 0.05, "noise sd");
        assertEquals("calcium decay: must be > the rise time 0.7, got 0.05",
                assertThrows(IllegalArgumentException.class, () -> new CalciumMonitor(0.7, 0.05, 0.1, new int[] {0}, 0, 1)).getMessage());
        assertEquals("calcium sources: state index must be in [0, 0], got 3", assertThrows(IllegalArgumentException.class,
                () -> new CalciumMonitor(0.05, 0.7, 0.1, new int[] {3}, 0, 1).newRecorder(List.of("x"))).getMessage());
    }

    /** In a real run (RK4 and DOP853) of x' = 0 from x = 1: the step response (tau_d (1 - e^-t/tau_d) - tau_r (1 - e^-t/tau_r)) / peak. */
    @Test
    void aRunGivesTheStepResponse() {
        VectorField still = VectorField.of(1, (t, y, dy) -> dy[0] = 0.0);
        Monitor m = Monitor.calcium(0.05, 0.7, 0.2, new int[] {0}, 0.0, 1L);
        for (IntegratorSpec spec : new IntegratorSpec[] {IntegratorSpec.rungeKutta4(0.013), IntegratorSpec.dormandPrince853(1e-10, 1e-10)}) {
            TimeSeries ts = Simulator.solve(SimulationProblem.of(still, new double[] {1.0}, 0, 6, List.of("x")), spec, m).trajectory();
            assertEquals(31, ts.size(), spec.toString());
            assertEquals("calcium(x)", ts.channels().get(0));
            for (int k = 0; k < ts.size(); k++) {
                double t = ts.time(k);
                double step = (0.7 * (1 - Math.exp(-t / 0.7)) - 0.05 * (1 - Math.exp(-t / 0.05))) / ((CalciumMonitor) m).peak();
                assertEquals(step, ts.value(k, 0), 1e-9, spec + " t=" + t);
            }
        }
    }
}
