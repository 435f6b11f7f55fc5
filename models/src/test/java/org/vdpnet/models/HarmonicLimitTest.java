package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.Status;
import org.vdpnet.sim.TimeSeries;

/**
 * With {@code mu = 0} and no coupling, each node is a harmonic oscillator with the exact solution
 * {@code x = x0 cos(w t) + (y0 / w) sin(w t)}, {@code y = -x0 w sin(w t) + y0 cos(w t)}. Every
 * integrator must meet its own accuracy: the tolerance for adaptive methods, and the known
 * global error {@code C h^p} for fixed-step ones.
 */
class HarmonicLimitTest {
    private static final double T = 10.0;

    static Stream<Arguments> integrators() {
        return Stream.of(
                // adaptive: global error is a small multiple of the tolerance over ~3 periods
                Arguments.of(IntegratorSpec.dormandPrince853(1e-10, 1e-12), 1e-8),
                Arguments.of(IntegratorSpec.dormandPrince54(1e-10, 1e-12), 1e-8),
                // RK4: error ~ T w^5 h^4 / 120 ~ 3e-11 at h = 1e-3
                Arguments.of(IntegratorSpec.rungeKutta4(1e-3), 1e-9),
                // Euler: the amplitude grows by (1 + w^2 h^2)^(T / 2h) - 1 ~ w^2 h T / 2 = 2e-4 at h = 1e-5
                Arguments.of(IntegratorSpec.euler(1e-5), 5e-4),
                // Euler–Maruyama without noise is Euler
                Arguments.of(IntegratorSpec.eulerMaruyama(1e-5), 5e-4),
                // Heun without noise is the explicit trapezoid rule (order 2): ~ T w^3 h^2 / 6 ~ 1.3e-5 at h = 1e-3
                Arguments.of(IntegratorSpec.stochasticHeun(1e-3), 5e-5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("integrators")
    void uncoupledZeroMuIsTheHarmonicOscillator(IntegratorSpec spec, double tol) {
        double w = 2.0;
        Topology none = Topology.fromMatrix("none", new double[3][3], List.of("a", "b", "c"));
        NetworkModel net = NetworkModel.of(VanDerPol.uniform(3, 0.0, w), Coupling.linear(1.0), none);
        double[] x0 = {1.0, 0.0, -0.5};
        double[] v0 = {0.0, 1.0, 0.7};
        SimulationProblem p = SimulationProblem.of(net, net.state(x0, v0), 0, T, net.channels());
        SimulationResult r = Simulator.solve(p, spec, Monitor.subsample(0.5));
        assertEquals(Status.SUCCESS, r.status());
        TimeSeries ts = r.trajectory();
        assertEquals(21, ts.size());
        double worst = 0;
        for (int k = 0; k < ts.size(); k++) {
            double t = ts.time(k);
            for (int i = 0; i < 3; i++) {
                double x = x0[i] * Math.cos(w * t) + v0[i] / w * Math.sin(w * t);
                double v = -x0[i] * w * Math.sin(w * t) + v0[i] * Math.cos(w * t);
                worst = Math.max(worst, Math.max(Math.abs(ts.value(k, i) - x), Math.abs(ts.value(k, 3 + i) - v)));
            }
        }
        assertEquals(0.0, worst, tol, "largest error against the exact solution");
    }
}
