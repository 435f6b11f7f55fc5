package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The SDE integrators against closed forms: the Ornstein–Uhlenbeck process
 * {@code dx = -theta x dt + sigma dW} has stationary mean 0 and variance
 * {@code sigma^2 / (2 theta)}; geometric Brownian motion {@code dx = b x dW} from 1 has mean 1
 * at every time in the Itô sense and {@code exp(b^2 t / 2)} in the Stratonovich sense.
 */
class StochasticIntegratorTest {
    private static final double THETA = 1.0;
    private static final double SIGMA = 0.5;

    static Stream<Arguments> sdeMethods() {
        return Stream.of(Arguments.of(IntegratorSpec.eulerMaruyama(0.01)), Arguments.of(IntegratorSpec.stochasticHeun(0.01)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdeMethods")
    void ornsteinUhlenbeckHasItsStationaryMeanAndVariance(IntegratorSpec spec) {
        VectorField ou = VectorField.of(1, (t, y, dy) -> dy[0] = -THETA * y[0]);
        double tEnd = 50_000;
        SimulationProblem p = SimulationProblem.of(ou, new double[] {0}, 0, tEnd, List.of("x"))
                .withNoise(NoiseSpec.additive(new double[] {SIGMA}, 12345L));
        SimulationResult r = Simulator.solve(p, spec, Monitor.subsample(0.5));
        assertEquals(Status.SUCCESS, r.status());
        double[] x = r.trajectory().column(0);
        int burn = 100;
        double mean = 0;
        for (int k = burn; k < x.length; k++) {
            mean += x[k];
        }
        mean /= x.length - burn;
        double var = 0;
        for (int k = burn; k < x.length; k++) {
            var += (x[k] - mean) * (x[k] - mean);
        }
        var /= x.length - burn - 1;
        double exactVar = SIGMA * SIGMA / (2 * THETA);
        // standard error of the mean: sqrt(var * 2 tau / T) = 0.0022; of the variance about 0.6 %
        assertEquals(0.0, mean, 0.011, "stationary mean");
        assertEquals(exactVar, var, 0.03 * exactVar, "stationary variance");
    }

    static Stream<Arguments> gbm() {
        double b = 0.5;
        return Stream.of(Arguments.of(IntegratorSpec.eulerMaruyama(0.001), 1.0),
                Arguments.of(IntegratorSpec.stochasticHeun(0.001), Math.exp(b * b / 2)));
    }

    @ParameterizedTest(name = "{0} -> E[x(1)] = {1}")
    @MethodSource("gbm")
    void multiplicativeNoiseFollowsItoOrStratonovichCalculus(IntegratorSpec spec, double expectedMean) {
        VectorField zero = VectorField.of(1, (t, y, dy) -> dy[0] = 0);
        int runs = 4000;
        double sum = 0;
        for (int r = 0; r < runs; r++) {
            SimulationProblem p = SimulationProblem.of(zero, new double[] {1}, 0, 1, List.of("x"))
                    .withNoise(NoiseSpec.multiplicative(new double[] {0.5}, Seeds.derive(99, "gbm", r)));
            SimulationResult res = Simulator.solve(p, spec, Monitor.subsample(1.0));
            sum += res.trajectory().value(res.trajectory().size() - 1, 0);
        }
        // sd of x(1) is at most 0.6, so the standard error of the mean is below 0.01
        assertEquals(expectedMean, sum / runs, 0.04);
    }

    @Test
    void sameSeedIsBitIdenticalAndAnotherSeedDiffers() {
        VectorField ou = VectorField.of(2, (t, y, dy) -> { dy[0] = -y[0]; dy[1] = -2 * y[1]; });
        SimulationProblem base = SimulationProblem.of(ou, new double[] {1, 1}, 0, 10, List.of("a", "b"));
        IntegratorSpec spec = IntegratorSpec.stochasticHeun(0.01);
        double[] a = Simulator.solve(base.withNoise(NoiseSpec.additive(new double[] {0.3, 0.3}, 7)), spec, Monitor.raw())
                .trajectory().flatValues();
        double[] b = Simulator.solve(base.withNoise(NoiseSpec.additive(new double[] {0.3, 0.3}, 7)), spec, Monitor.raw())
                .trajectory().flatValues();
        double[] c = Simulator.solve(base.withNoise(NoiseSpec.additive(new double[] {0.3, 0.3}, 8)), spec, Monitor.raw())
                .trajectory().flatValues();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void noiseWithADeterministicIntegratorIsRejected() {
        VectorField f = VectorField.of(1, (t, y, dy) -> dy[0] = 0);
        SimulationProblem p = SimulationProblem.of(f, new double[] {0}, 0, 1, List.of("x"))
                .withNoise(NoiseSpec.additive(new double[] {1}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simulator.solve(p, IntegratorSpec.rungeKutta4(0.1), Monitor.raw()));
        assertEquals("integrator: noise needs euler-maruyama or heun, got rk4", e.getMessage());
    }
}
