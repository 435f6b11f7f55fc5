package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;

/** Conduction delays on a network ({@link DelayedNetwork}): arrival times, the coupling's delayed form, bad lengths. */
class DelayedNetworkTest {

    private static final double DT = 0.01;
    private static final double SPEED = 2.0;
    private static final double LEN1 = 0.333; // 16.65 steps: 17
    private static final double LEN2 = 1.013; // 50.65 steps: 51

    /** Node 0 drives nodes 1 and 2 (harmonic, mu = 0) along edges of different lengths. */
    private static NetworkModel star() {
        double[][] w = new double[3][3];
        w[1][0] = 1.0;
        w[2][0] = 1.0;
        return NetworkModel.of(VanDerPol.uniform(3, 0.0, 1.0), Coupling.linear(1.0), Topology.fromMatrix("star", w, null));
    }

    private static double[][] lengths() {
        double[][] len = new double[3][3];
        len[1][0] = LEN1;
        len[2][0] = LEN2;
        len[0][1] = 99; // no edge: ignored
        return len;
    }

    private static int firstNonZero(TimeSeries ts, String channel) {
        double[] v = ts.column(channel);
        for (int k = 0; k < v.length; k++) {
            if (v[k] != 0.0) {
                return k;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @EnumSource(value = IntegratorSpec.Method.class, names = {"EULER", "RK4", "EULER_MARUYAMA", "HEUN"})
    void anImpulseArrivesExactlyRoundLengthOverSpeedOverDtStepsLater(IntegratorSpec.Method method) {
        NetworkModel net = star();
        DelayedNetwork delayed = DelayedNetwork.fromLengths(net, lengths(), SPEED);
        // node 0 leaves rest at t = 0+ (x0 = sin t); before 0 its history is its initial state, x0 = 0
        double[] y0 = net.state(new double[] {0, 0, 0}, new double[] {1, 0, 0});
        SimulationResult r = Simulator.solve(SimulationProblem.of(delayed, y0, 0, 1.0, net.channels()),
                IntegratorSpec.of(method, DT, 1e-8, 1e-10), Monitor.raw());
        assertTrue(r.isSuccess());
        TimeSeries ts = r.trajectory();
        assertEquals(1, firstNonZero(ts, "x[0]"), "node 0 departs in the first step");
        // node j feels x0(t - L dt), L = round(len / speed / dt), which is nonzero for t > L dt: first read by a stage of step L
        // (at its end, rk4 and heun) or of step L + 1 (its start, euler); its input variable y_j moves at the end of that step
        boolean stageAtStepEnd = method == IntegratorSpec.Method.RK4 || method == IntegratorSpec.Method.HEUN;
        int l1 = (int) Math.round(LEN1 / SPEED / DT);
        int l2 = (int) Math.round(LEN2 / SPEED / DT);
        assertEquals(17, l1);
        assertEquals(51, l2);
        assertEquals(l1 + (stageAtStepEnd ? 1 : 2), firstNonZero(ts, "y[1]"), "node 1");
        assertEquals(l2 + (stageAtStepEnd ? 1 : 2), firstNonZero(ts, "y[2]"), "node 2");
    }

    @Test
    void aDelayBelowAHalfStepRoundsDown() {
        // 0.327 mm at 2 mm/unit, dt 0.01: 16.35 steps, so round gives 16 (ceil would give 17)
        NetworkModel net = star();
        double[][] len = lengths();
        len[1][0] = 0.327;
        SimulationResult r = Simulator.solve(SimulationProblem.of(DelayedNetwork.fromLengths(net, len, SPEED),
                net.state(new double[] {0, 0, 0}, new double[] {1, 0, 0}), 0, 1.0, net.channels()), IntegratorSpec.rungeKutta4(DT), Monitor.raw());
        assertEquals(16 + 1, firstNonZero(r.trajectory(), "y[1]"));
    }

    @Test
    void zeroDelaysReproduceTheUndelayedNetwork() {
        NetworkModel net = NetworkModel.of(VanDerPol.uniform(4, 1.0, 1.0), Coupling.diffusive(0.3),
                Topology.fromMatrix("k4", new double[][] {{0, 1, 2, 0}, {1, 0, 0, 1}, {0.5, 0, 0, 1}, {1, 1, 1, 0}}, null));
        double[] y0 = net.state(new double[] {0.1, -0.5, 1.0, 0.3}, new double[] {0, 0.2, -0.1, 0.4});
        IntegratorSpec spec = IntegratorSpec.rungeKutta4(0.01);
        double[] plain = Simulator.solve(SimulationProblem.of(net, y0, 0, 20, net.channels()), spec, Monitor.subsample(1))
                .trajectory().flatValues();
        double[] zero = Simulator.solve(SimulationProblem.of(DelayedNetwork.of(net, new double[4][4]), y0, 0, 20, net.channels()),
                spec, Monitor.subsample(1)).trajectory().flatValues();
        assertArrayEquals(plain, zero, 1e-12);
    }

    @Test
    void diffusiveDelayedCouplingComparesThePastSourceWithThePresentTarget() {
        double[][] w = {{0, 2}, {3, 0}};
        NetworkModel net = NetworkModel.of(VanDerPol.uniform(2, 0.0, 1.0), Coupling.diffusive(0.5), Topology.fromMatrix("pair", w, null));
        DelayedNetwork d = DelayedNetwork.of(net, new double[][] {{0, 1}, {1, 0}});
        double[] y = {0.2, -0.4, 0.0, 0.0}; // x0, x1, y0, y1
        double[] past = {0.7, -1.1}; // edge 0: node 0 <- node 1; edge 1: node 1 <- node 0
        double[] dy = new double[4];
        d.derivatives(0, y, past, dy);
        assertEquals(-0.2 + 0.5 * 2 * (0.7 - 0.2), dy[2], 1e-15);
        assertEquals(0.4 + 0.5 * 3 * (-1.1 + 0.4), dy[3], 1e-15);
        assertEquals(2, d.delayedReads());
        assertEquals(1, d.delayedSource(0));
        assertEquals(0, d.delayedSource(1));
    }

    @Test
    void badLengthsAndSpeedsAreRefusedWithTheirValues() {
        NetworkModel net = star();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DelayedNetwork.fromLengths(net, new double[2][2], SPEED));
        assertEquals("lengths: the matrix has 2 rows but the network has 3 nodes; need a 3 x 3 matrix oriented like the weights",
                e.getMessage());
        double[][] bad = lengths();
        bad[2][1] = -1;
        e = assertThrows(IllegalArgumentException.class, () -> DelayedNetwork.fromLengths(net, bad, SPEED));
        assertEquals("lengths[3][2]: must be finite and >= 0, got -1.0", e.getMessage());
        bad[2][1] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> DelayedNetwork.fromLengths(net, bad, SPEED));
        assertEquals("lengths[3][2]: must be finite and >= 0, got NaN", e.getMessage());
        for (double s : new double[] {0, -1, Double.NaN}) {
            e = assertThrows(IllegalArgumentException.class, () -> DelayedNetwork.fromLengths(net, lengths(), s));
            assertEquals("speed: must be finite and > 0 with tract lengths, got " + s, e.getMessage());
        }
    }
}
