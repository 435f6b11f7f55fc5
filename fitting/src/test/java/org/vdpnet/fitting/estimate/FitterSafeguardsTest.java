package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;

/**
 * The fitter's safeguards on data from known models, integrated independently (Hipparchus DOP853
 * at 1e-12): a parameter whose true value lies on its bound (mu = 0, the harmonic oscillator) is
 * reached and reported, not crossed; a model faster than the requested fixed step gets more RK4
 * sub-steps, says so, and is still recovered.
 */
class FitterSafeguardsTest {
    private static double[][] observe(NetworkModel m, double[] y0, int samples, double dt) {
        TimeSeries ts = Simulator.solve(SimulationProblem.of(m, y0, 0, (samples - 1) * dt, m.channels()), IntegratorSpec.dormandPrince853(1e-12, 1e-12),
                Monitor.subsample(dt)).trajectory();
        double[][] x = new double[samples][m.nodes()];
        for (int k = 0; k < samples; k++) {
            for (int i = 0; i < m.nodes(); i++) {
                x[k][i] = ts.value(k, i);
            }
        }
        return x;
    }

    private static int[] allBut(NetworkModel m, int skip) {
        return java.util.stream.IntStream.range(0, m.parameters().size()).filter(q -> q != skip).toArray();
    }

    @Test
    void aParameterOnItsBoundIsReachedAndReported() {
        // classic form, node 1 is harmonic (mu = 0, the bound); one-way coupling 2 <- 1 (no self-loops: they are -omega^2 x again)
        NetworkModel truth = NetworkModel.of(VanDerPol.of(new double[] {0.0, 0.6}, new double[] {1.0, 1.3}), Coupling.linear(1),
                Topology.fromEdges("w", 2, new int[] {0, 1}, new int[] {1, 0}, new double[] {0.15, 1.0}, null));
        truth = truth.withParameterValues(withEdge(truth, 1, 0.0)); // W[0<-1] = 0 kept as an edge to fit
        double[][] x = observe(truth, new double[] {1.5, -0.5, 0.0, 0.8}, 300, 0.1);
        NetworkModel start = truth.withParameterValues(startValues(truth));
        FitResult r = Fitter.fit(FitProblem.ofNetwork(start, x, 0.1).withFree(allBut(start, start.gainParameter())), FitOptions.defaults().withParallelism(2));
        assertTrue(r.status().bounded(), r.status() + " " + r.message());
        double mu0 = r.nodeValues("mu")[0];
        assertTrue(mu0 >= 0 && mu0 < 1e-3, "mu[0] reaches its bound 0 from above: " + mu0 + " " + r.warnings());
        assertEquals(1.0, r.nodeValues("omega")[0], 0.01);
        assertEquals(1.3, r.nodeValues("omega")[1], 0.013);
        assertEquals(0.6, r.nodeValues("mu")[1], 0.006);
    }

    @Test
    void aModelFasterThanTheStepGetsMoreSubsteps() {
        // omega = sqrt(a2) = 22 per unit time at dt = 0.1 (2.2 rad a sample, below Nyquist): 2 RK4 steps per sample would take
        // h |lambda| = 1.1 at the true model and more at the initialiser's, so the fitter raises the count
        NetworkModel truth = NetworkModel.of(ResearchVanDerPol.of(new double[] {0.5}, new double[] {484.0}), Coupling.linear(1),
                Topology.complete("w", new double[][] {{0.0}}, null));
        double[][] x = observe(truth, new double[] {1.0, 0.02}, 200, 0.1);
        FitResult r = Fitter.fit(FitProblem.ofNetwork(truth, x, 0.1).withFree(allBut(truth, truth.gainParameter())),
                FitOptions.defaults().withRestarts(0, 1));
        List<String> raised = r.warnings().stream().filter(w -> w.startsWith("RK4 sub-steps raised from 2 to ")).toList();
        assertEquals(1, raised.size(), r.warnings().toString());
        assertTrue(r.substeps() > 2, "sub-steps " + r.substeps());
        assertTrue(r.status().bounded(), r.status() + " " + r.message());
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("depends on the fixed step")), r.warnings().toString());
        assertEquals(484.0, r.nodeValues("a2")[0], 4.84, r.warnings().toString());
        assertEquals(0.5, r.nodeValues("a1")[0], 0.005, r.warnings().toString());
    }

    private static double[] withEdge(NetworkModel m, int edge, double w) {
        double[] v = m.parameterValues();
        v[m.edgeParameter(edge)] = w;
        return v;
    }

    private static double[] startValues(NetworkModel m) {
        double[] v = m.parameterValues();
        for (int q = 0; q < m.gainParameter(); q++) {
            v[q] = 1.0; // the node parameters start away from the truth (the initialiser replaces them)
        }
        return v;
    }
}
