package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;

/**
 * Two identical oscillators with positive dissipative diffusive coupling converge to the in-phase
 * state {@code x1 = x2, y1 = y2}: the difference {@code d = x1 - x2} gets an extra damping
 * {@code -2 g d} (research form, coupling in the x equation; classic form coupled through the
 * velocity y), which for identical oscillators makes the synchronous cycle transversally stable.
 * Without coupling the same start stays apart, so the test can fail.
 *
 * <p>Note that the classic form coupled through x (the input enters the y equation as a
 * position force) is a reactive coupling: to first order it shifts frequencies without pulling
 * phases together, and two such oscillators settle in anti-phase instead.
 */
class SynchronisationTest {

    @ParameterizedTest(name = "{0} coupled through {1}")
    @CsvSource({"research, x", "vdp, y"})
    void twoIdenticalOscillatorsSynchroniseInPhase(String form, String via) {
        double coupled = gapAtEnd(form, via, 0.2);
        double uncoupled = gapAtEnd(form, via, 0.0);
        assertTrue(coupled < 1e-8, "coupled oscillators should lock in phase, gap " + coupled);
        assertTrue(uncoupled > 0.1, "uncoupled oscillators should stay apart, gap " + uncoupled);
    }

    private static double gapAtEnd(String form, String via, double g) {
        Topology pair = Topology.fromMatrix("pair", new double[][] {{0, 1}, {1, 0}}, List.of("a", "b"));
        NodeDynamics d = form.equals("vdp") ? VanDerPol.uniform(2, 1.0, 1.0) : ResearchVanDerPol.uniform(2, 1.0, 1.0);
        NetworkModel net = NetworkModel.of(d, Coupling.diffusive(g), pair).withCouplingVariable(via);
        double[] y0 = net.state(new double[] {2.0, -0.3}, new double[] {0.0, 1.0});
        SimulationProblem p = SimulationProblem.of(net, y0, 0, 300, net.channels());
        TimeSeries ts = Simulator.solve(p, IntegratorSpec.dormandPrince853(1e-10, 1e-12), Monitor.subsample(1)).trajectory();
        double[] last = ts.row(ts.size() - 1);
        return Math.max(Math.abs(last[0] - last[1]), Math.abs(last[2] - last[3]));
    }
}
