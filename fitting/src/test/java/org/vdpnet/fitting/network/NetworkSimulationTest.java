package org.vdpnet.fitting.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vdpnet.fitting.preprocess.Butterworth;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Statistics;
import org.vdpnet.sim.VectorField;
import org.vdpnet.sim.exec.TaskExecutor;

class NetworkSimulationTest {

    /** Research-form nodes on a fixed 6-node graph, diffusive coupling; free: g (noise fixed at 0.1). */
    static final class Ring implements NetworkFamily {
        private final Topology topo;

        Ring() {
            double[][] w = new double[6][6];
            for (int i = 0; i < 6; i++) {
                w[i][(i + 1) % 6] = 1;
                w[(i + 1) % 6][i] = 1;
            }
            w[0][3] = 2;
            w[3][0] = 2;
            topo = Topology.fromMatrix("ring", w, null);
        }

        @Override public List<String> parameters() { return List.of("g"); }

        @Override
        public VectorField field(double[] v) {
            double[] a2 = new double[6];
            for (int i = 0; i < 6; i++) {
                double omega = 2 * Math.PI * (0.03 + 0.005 * i);
                a2[i] = omega * omega;
            }
            return NetworkModel.of(ResearchVanDerPol.of(new double[] {0.05, 0.05, 0.05, 0.05, 0.05, 0.05}, a2), Coupling.diffusive(v[0]), topo);
        }

        @Override public double noise(double[] v) { return 0.1; }
        @Override public int nodes() { return 6; }
        @Override public int observedOffset() { return 0; }
        @Override public int inputOffset() { return 0; }
        @Override public Map<String, Object> describe() { return Map.of("ring", 6); }
    }

    private static NetworkSimulation sim(NetworkSimulation.Observation obs) {
        return new NetworkSimulation(new Ring(), IntegratorSpec.eulerMaruyama(0.1), 1.0,
                new NetworkSimulation.Observer(obs, 0.72, 400, 40, 0.05, 0.1, 1.5), Butterworth.bandPass(2, 0.01, 0.1, 1 / 0.72), 5, 0.1);
    }

    @Test
    void observationsAreDeterministicFiniteAndOfTheRecordingsShape() throws Exception {
        for (NetworkSimulation.Observation o : NetworkSimulation.Observation.values()) {
            NetworkSimulation s = sim(o);
            double[][] a = s.observe(new double[] {0.2});
            double[][] b = s.observe(new double[] {0.2});
            assertEquals(400, a.length, o.name());
            assertEquals(6, a[0].length);
            for (int k = 0; k < a.length; k++) {
                assertArrayEquals(a[k], b[k], 0.0, "common random numbers: a candidate's observation is a function of its parameters");
            }
            assertTrue(Statistics.variance(Statistics.column(a, 0)) > 0, o.name());
        }
        assertEquals((40 + 400) * 0.72, sim(NetworkSimulation.Observation.BOLD).runLength(), 1e-9);
    }

    @Test
    void aFitToASimulationFromKnownCouplingRecoversIt() throws Exception {
        // the "recording" is the simulation at g = 0.35 itself: with common random numbers its cost there is exactly 0
        NetworkSimulation s = sim(NetworkSimulation.Observation.BOLD);
        double[][] truth = s.observe(new double[] {0.35});
        double[][] fcTruth = fc(truth);
        NetworkSearch.Objective obj = v -> {
            double[][] f;
            try {
                f = fc(s.observe(v));
            } catch (NetworkSimulation.Failure e) {
                return NetworkSearch.Evaluation.failed(e.getMessage());
            }
            double d = 0;
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < i; j++) {
                    d += (f[i][j] - fcTruth[i][j]) * (f[i][j] - fcTruth[i][j]);
                }
            }
            return NetworkSearch.Evaluation.of(d, Map.of());
        };
        SearchSpace space = SearchSpace.of(List.of(new SearchSpace.Dimension("g", 0.01, 5, true, 0.05)));
        NetworkSearch.Result r = NetworkSearch.run(space, obj, TaskExecutor.local(2),
                new NetworkSearch.Settings(120, 6, 0.3, 11, 1e-4, 1e-9), (g, e, b, c) -> { });
        assertEquals(0.35, r.best()[0], 0.01, "recovered coupling");
    }

    @Test
    void aFramePeriodBelowTheStepAndDeterministicIntegratorsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NetworkSimulation(new Ring(),
                IntegratorSpec.eulerMaruyama(1.0), 1.0, new NetworkSimulation.Observer(NetworkSimulation.Observation.BOLD, 0.72, 10, 0,
                        0.05, 0.1, 1.5), null, 1, 0.1));
        assertTrue(e.getMessage().startsWith("tr: the frame period 0.72 s is below the integrator step (1.0 s)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NetworkSimulation(new Ring(), IntegratorSpec.rungeKutta4(0.1), 1.0,
                new NetworkSimulation.Observer(NetworkSimulation.Observation.BOLD, 0.72, 10, 0, 0.05, 0.1, 1.5), null, 1, 0.1));
    }

    private static double[][] fc(double[][] rows) {
        int n = rows[0].length;
        double[][] f = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[i][j] = Statistics.pearson(Statistics.column(rows, i), Statistics.column(rows, j));
            }
        }
        return f;
    }
}
