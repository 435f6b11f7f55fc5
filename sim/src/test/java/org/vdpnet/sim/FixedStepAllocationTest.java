package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixed-step loops allocate per run, never per step: ten times more steps must not
 * allocate measurably more (the monitor here keeps only the two end points).
 */
class FixedStepAllocationTest {

    @ParameterizedTest
    @ValueSource(strings = {"rk4", "euler", "euler-maruyama", "heun"})
    void stepLoopDoesNotAllocate(String method) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        VectorField f = VectorField.of(4, (t, y, dy) -> {
            for (int i = 0; i < 4; i++) {
                dy[i] = -y[i];
            }
        });
        IntegratorSpec spec = IntegratorSpec.of(IntegratorSpec.Method.fromId("method", method), 0.001, Double.NaN, Double.NaN);
        NoiseSpec noise = spec.method().stochastic() ? NoiseSpec.additive(new double[] {0.1, 0.1, 0.1, 0.1}, 1) : NoiseSpec.none();
        for (int warm = 0; warm < 3; warm++) {
            run(f, spec, noise, 100);
        }
        long small = allocated(mx, () -> run(f, spec, noise, 10));
        long large = allocated(mx, () -> run(f, spec, noise, 100));
        assertTrue(large - small < 4096, method + ": 90000 more steps allocated " + (large - small) + " more bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rk4", "euler", "euler-maruyama", "heun"})
    void delayedStepLoopDoesNotAllocate(String method) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DelayedField f = DelayedField.of(4, new int[] {1, 2, 3, 0}, new double[] {0.5, 0.25, 0.1234, 0}, (t, y, past, dy) -> {
            for (int i = 0; i < 4; i++) {
                dy[i] = -y[i] + 0.3 * past[i];
            }
        });
        IntegratorSpec spec = IntegratorSpec.of(IntegratorSpec.Method.fromId("method", method), 0.001, Double.NaN, Double.NaN)
                .withDelayRule(IntegratorSpec.DelayRule.LINEAR);
        NoiseSpec noise = spec.method().stochastic() ? NoiseSpec.additive(new double[] {0.1, 0.1, 0.1, 0.1}, 1) : NoiseSpec.none();
        for (int warm = 0; warm < 3; warm++) {
            run(f, spec, noise, 100);
        }
        long small = allocated(mx, () -> run(f, spec, noise, 10));
        long large = allocated(mx, () -> run(f, spec, noise, 100));
        assertTrue(large - small < 4096, method + ": 90000 more delayed steps allocated " + (large - small) + " more bytes");
    }

    private static void run(VectorField f, IntegratorSpec spec, NoiseSpec noise, double tEnd) {
        SimulationProblem p = SimulationProblem.of(f, new double[] {1, 2, 3, 4}, 0, tEnd, List.of("a", "b", "c", "d")).withNoise(noise);
        Simulator.solve(p, spec, Monitor.subsample(tEnd));
    }

    private static long allocated(com.sun.management.ThreadMXBean mx, Runnable r) {
        long before = mx.getCurrentThreadAllocatedBytes();
        r.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }
}
