package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Monitors on {@code x = sin t} (from {@code x' = v, v' = -x}, {@code x(0) = 0, v(0) = 1}). */
class MonitorTest {
    private static final VectorField HARMONIC = VectorField.of(2, (t, y, dy) -> { dy[0] = y[1]; dy[1] = -y[0]; });

    static Stream<Arguments> specs() {
        return Stream.of(Arguments.of(IntegratorSpec.dormandPrince853(1e-11, 1e-13), 1e-8),
                Arguments.of(IntegratorSpec.rungeKutta4(0.001), 1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void subsampleHitsTheGridExactly(IntegratorSpec spec, double tol) {
        SimulationProblem p = SimulationProblem.of(HARMONIC, new double[] {0, 1}, 0, 10, List.of("x", "v"));
        TimeSeries ts = Simulator.solve(p, spec, Monitor.subsample(0.25)).trajectory();
        assertEquals(41, ts.size());
        for (int k = 0; k < ts.size(); k++) {
            assertEquals(0.25 * k, ts.time(k), 1e-12);
            assertEquals(Math.sin(0.25 * k), ts.value(k, 0), tol);
        }
    }

    /** The mean of sin over [a, b] is (cos a - cos b) / (b - a). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void temporalAverageMatchesTheIntegral(IntegratorSpec spec, double tolIgnored) {
        SimulationProblem p = SimulationProblem.of(HARMONIC, new double[] {0, 1}, 0, 10, List.of("x", "v"));
        TimeSeries ts = Simulator.solve(p, spec, Monitor.temporalAverage(1.0)).trajectory();
        assertEquals(10, ts.size());
        for (int k = 0; k < ts.size(); k++) {
            double a = k;
            double b = k + 1;
            assertEquals(a + 0.5, ts.time(k), 1e-12);
            // Gauss-Legendre on the dense output: limited by the interpolant, not by the step length
            assertEquals(Math.cos(a) - Math.cos(b), ts.value(k, 0), 1e-7);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void rawRecordsEveryStep(IntegratorSpec spec, double tol) {
        SimulationProblem p = SimulationProblem.of(HARMONIC, new double[] {0, 1}, 0, 2, List.of("x", "v"));
        SimulationResult r = Simulator.solve(p, spec, Monitor.raw());
        assertEquals(r.steps() + 1, r.trajectory().size());
        assertEquals(2.0, r.trajectory().time(r.trajectory().size() - 1), 1e-12);
    }

    /** A subsample recorder is idle over a step exactly when the step adds no sample and reads nothing. */
    @org.junit.jupiter.api.Test
    void subsampleIsIdleExactlyOverStepsWithoutASample() {
        Recorder r = Monitor.subsample(0.3).newRecorder(List.of("x"));
        r.start(0, new double[] {0});
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        double t = 0;
        int idle = 0;
        int busy = 0;
        for (int k = 0; k < 400; k++) {
            double tNext = k % 50 == 49 ? Math.ceil(t / 0.3) * 0.3 : t + rnd.nextDouble(0.01, 0.2); // now and then a step ending on a sample
            boolean promised = r.idleOver(t, tNext);
            int before = r.result().size();
            boolean[] read = {false};
            double end = tNext;
            r.step(t, tNext, new double[] {end}, (s, out) -> { read[0] = true; out[0] = s; });
            boolean added = r.result().size() > before;
            assertEquals(promised, !added, "step " + k + " over [" + t + ", " + tNext + "]");
            if (promised) {
                assertEquals(false, read[0], "an idle step reads nothing");
                idle++;
            } else {
                busy++;
            }
            t = tNext;
        }
        org.junit.jupiter.api.Assertions.assertTrue(idle > 50 && busy > 50, idle + " idle and " + busy + " sampling steps");
        Recorder average = Monitor.temporalAverage(0.3).newRecorder(List.of("x"));
        assertEquals(false, average.idleOver(0, 0.01), "a recorder that integrates every step is never idle");
    }
}
