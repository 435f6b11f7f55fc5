package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.sim.param.Parameter;

/**
 * The free-run check and the research form's lower bounds. The reference facts are analytic: an
 * uncoupled research node with a1 < 0 started at |x| > 1 obeys {@code x' = |a1| x (x^2 - 1) + a2 y},
 * which blows up in finite time when a2 = 0 (t* = ln(x0^2 / (x0^2 - 1)) / (2 |a1|), 5.9 for a1 = -0.1,
 * x0 = 1.5); with a1 > 0 and a2 > 0 it is a Liénard system with a stable limit cycle, so it stays bounded.
 */
class FreeRunTest {
    private static NetworkModel node(double a1, double a2) {
        return NetworkModel.of(ResearchVanDerPol.of(new double[] {a1}, new double[] {a2}), Coupling.linear(1.0),
                Topology.complete("none", new double[1][1], null));
    }

    private static boolean bounded(NetworkModel m, double[] y0, int samples, int frames) {
        double[][] data = new double[samples][1];
        FitProblem p = FitProblem.ofNetwork(m, data, 1.0).withFree(new int[] {0, 1});
        Shooting s = new Shooting(p, new int[] {0}, 1.0, 4);
        return FreeRunCheck.bounded(p, s, s.pack(m.parameterValues(), new double[][] {y0}), frames, 4);
    }

    @Test
    void anUnstableNodeFailsTheCheckAndALimitCycleNodePassesIt() {
        // blows up at t* = ln(2.25 / 1.25) / 0.2 = 2.94 time units after leaving x0 = 1.5 ... within 10 frames of free run
        assertFalse(bounded(node(-0.1, 0.0), new double[] {1.5, 0.0}, 4, 10));
        // the same node checked over fewer frames than its blow-up time stays bounded over them
        assertTrue(bounded(node(-0.1, 0.0), new double[] {0.5, 0.0}, 4, 2));
        // a1 > 0, a2 > 0: the limit cycle; bounded over 2000 frames from far away
        assertTrue(bounded(node(0.5, 1.0), new double[] {2.5, -1.0}, 4, 2000));
    }

    @Test
    void aFitRecordsItsFreeRunCheck() {
        double[][] x = MechanisticForecasterTest.simulate(80);
        NetworkModel start = MechanisticForecasterTest.truth(SyntheticRecoveryTest.A1);
        FitProblem p = FitProblem.ofNetwork(start, x, 0.1).withFree(java.util.stream.IntStream.range(0, start.parameters().size())
                .filter(q -> q != start.gainParameter()).toArray());
        FitOptions o = FitOptions.defaults().withMaxIterations(30).withRestarts(0, 1);
        FitResult checked = Fitter.fit(p, o.withFreeRun(200));
        assertTrue(checked.status().bounded(), checked.message());
        assertEquals(200, checked.freeRun());
        assertEquals(java.util.Optional.of(true), checked.freeRunBounded(), checked.warnings().toString());
        assertEquals(true, checked.describe().get("freeRunBounded"));
        FitResult unchecked = Fitter.fit(p, o);
        assertEquals(0, unchecked.freeRun());
        assertTrue(unchecked.freeRunBounded().isEmpty());
    }

    @Test
    void lowerBoundsTravelWithTheParametersAndHoldInAFit() {
        ResearchVanDerPol d = ResearchVanDerPol.of(new double[] {0.3, 0.2}, new double[] {1.0, 0.5}).withLowerBounds(0.02, 0.002);
        ResearchVanDerPol moved = d.withParameterValues(new double[] {0.1, 0.2, 0.3, 0.4});
        assertEquals(0.02, moved.a1Min());
        assertEquals(0.002, moved.a2Min());
        assertEquals(0.02, moved.lowerBound(0));
        assertEquals(0.002, moved.lowerBound(1));
        NetworkModel net = NetworkModel.of(d, Coupling.linear(1.0), Topology.complete("w", new double[2][2], null));
        Parameter a1 = net.parameters().get(net.nodeParameter("a1", 1));
        assertEquals(0.02, a1.min());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ResearchVanDerPol.of(new double[] {0.3, -0.2}, new double[] {1.0, 0.5}).withLowerBounds(0.02, 0.002));
        // data from a node with a1 = -0.1 (outside the bound): the bounded fit stops at the bound and says so
        NetworkModel truth = node(-0.1, 1.0);
        double[][] x = new double[60][1];
        double[] y = new double[2];
        org.vdpnet.sim.param.FixedStepPath path = new org.vdpnet.sim.param.FixedStepPath(2, new int[0], 0.1, 8, 1e3);
        double[][] out = new double[60][1];
        assertTrue(path.simulate(truth, new double[] {0.8, 0.3}, 0, 60, new int[] {0}, out, y));
        for (int k = 0; k < 60; k++) {
            x[k][0] = out[k][0];
        }
        NetworkModel start = NetworkModel.of(ResearchVanDerPol.of(new double[] {0.5}, new double[] {1.0}).withLowerBounds(0.0, 0.002),
                Coupling.linear(1.0), Topology.complete("none", new double[1][1], null));
        FitResult r = Fitter.fit(FitProblem.ofNetwork(start, x, 0.1).withFree(new int[] {0, 1}), FitOptions.defaults().withRestarts(0, 1));
        assertTrue(r.status().bounded(), r.message());
        assertEquals(0.0, r.nodeValues("a1")[0], 0.0, "a1 ends on its bound 0: " + r.warnings());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("ended on its bound")), r.warnings().toString());
    }
}
