package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BOLD monitor against an independent integration: the Balloon–Windkessel equations written
 * out again here, integrated together with the driving system by DOP853 at 1e-12, sampled at the
 * TR and turned into BOLD by the signal equation written out here.
 */
class BoldMonitorTest {
    private static final double RHO = 0.34;
    private static final double ALPHA = 0.32;
    private static final double V0 = 0.02;

    /** Driver (d variables, the first drives) plus s, f, v, q. */
    private static TimeSeries reference(VectorField driver, double[] y0, double end, double tr) {
        int d = driver.getDimension();
        double[] drv = new double[d];
        VectorField all = VectorField.of(d + 4, (t, y, dy) -> {
            driver.derivatives(t, java.util.Arrays.copyOf(y, d), drv);
            System.arraycopy(drv, 0, dy, 0, d);
            double z = y[0];
            double s = y[d];
            double f = y[d + 1];
            double v = y[d + 2];
            double q = y[d + 3];
            dy[d] = z - 0.65 * s - 0.41 * (f - 1);
            dy[d + 1] = s;
            dy[d + 2] = (f - Math.pow(v, 1 / ALPHA)) / 0.98;
            dy[d + 3] = (f * (1 - Math.pow(1 - RHO, 1 / f)) / RHO - q * Math.pow(v, 1 / ALPHA) / v) / 0.98;
        });
        double[] start = java.util.Arrays.copyOf(y0, d + 4);
        start[d + 1] = 1;
        start[d + 2] = 1;
        start[d + 3] = 1;
        java.util.List<String> ch = new java.util.ArrayList<>();
        for (int i = 0; i < d + 4; i++) {
            ch.add("c" + i);
        }
        return Simulator.solve(SimulationProblem.of(all, start, 0, end, ch), IntegratorSpec.dormandPrince853(1e-12, 1e-12), Monitor.subsample(tr))
                .trajectory();
    }

    private static double bold(double v, double q) {
        return V0 * (7 * RHO * (1 - q) + 2 * (1 - q / v) + (2 * RHO - 0.2) * (1 - v));
    }

    @Test
    void theStepResponseMatchesAnIndependentIntegration() {
        VectorField still = VectorField.of(1, (t, y, dy) -> dy[0] = 0.0);
        double tr = 0.72;
        TimeSeries ref = reference(still, new double[] {1.0}, 30, tr);
        for (IntegratorSpec spec : new IntegratorSpec[] {IntegratorSpec.rungeKutta4(0.1), IntegratorSpec.dormandPrince853(1e-10, 1e-10)}) {
            TimeSeries ts = Simulator.solve(SimulationProblem.of(still, new double[] {1.0}, 0, 30, List.of("x")), spec,
                    new BoldMonitor(tr, new int[] {0}, 1.0, 1.0, 0.01)).trajectory();
            assertEquals(ref.size(), ts.size());
            assertEquals("bold(x)", ts.channels().get(0));
            double peak = 0;
            for (int k = 0; k < ts.size(); k++) {
                assertEquals(ref.time(k), ts.time(k), 1e-9);
                double expected = bold(ref.value(k, 3), ref.value(k, 4));
                assertEquals(expected, ts.value(k, 0), 1e-9, spec + " t=" + ts.time(k));
                peak = Math.max(peak, expected);
            }
            assertTrue(peak > 0.01, "a unit step gives a BOLD response of a few per cent: " + peak);
        }
        // at rest the signal is exactly 0
        TimeSeries rest = Simulator.solve(SimulationProblem.of(still, new double[] {0.0}, 0, 10, List.of("x")), IntegratorSpec.rungeKutta4(0.1),
                new BoldMonitor(tr, new int[] {0}, 1.0, 1.0, 0.01)).trajectory();
        for (int k = 0; k < rest.size(); k++) {
            assertEquals(0.0, rest.value(k, 0));
        }
    }

    /** Driven by an oscillator (x = cos t, read through the integrator's dense output between steps) with model time in units of 0.5 s. */
    @Test
    void anOscillatingInputMatchesAnIndependentIntegration() {
        VectorField osc = VectorField.of(2, (t, y, dy) -> {
            dy[0] = y[1];
            dy[1] = -y[0];
        });
        double secondsPerUnit = 0.5;
        double tr = 0.8;
        // the reference runs in seconds: x(t_s) = cos(t_s / 0.5), i.e. the oscillator with frequency 2
        VectorField oscSeconds = VectorField.of(2, (t, y, dy) -> {
            dy[0] = 2 * y[1];
            dy[1] = -2 * y[0];
        });
        TimeSeries ref = reference(oscSeconds, new double[] {1.0, 0.0}, 40, tr);
        TimeSeries ts = Simulator.solve(SimulationProblem.of(osc, new double[] {1.0, 0.0}, 0, 80, List.of("x", "y")), IntegratorSpec.rungeKutta4(0.01),
                new BoldMonitor(tr, new int[] {0}, 1.0, secondsPerUnit, 0.005)).trajectory();
        assertEquals(ref.size(), ts.size());
        for (int k = 0; k < ts.size(); k++) {
            assertEquals(ref.time(k), ts.time(k) * secondsPerUnit, 1e-9);
            assertEquals(bold(ref.value(k, 4), ref.value(k, 5)), ts.value(k, 0), 1e-7, "t=" + ts.time(k));
        }
    }

    @Test
    void settingsAreChecked() {
        assertEquals("bold tr: must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new BoldMonitor(0, new int[] {0}, 1, 1, 0.01)).getMessage());
        assertEquals("bold sources: state index must be in [0, 0], got 2",
                assertThrows(IllegalArgumentException.class, () -> new BoldMonitor(1, new int[] {2}, 1, 1, 0.01).newRecorder(List.of("x"))).getMessage());
    }
}
