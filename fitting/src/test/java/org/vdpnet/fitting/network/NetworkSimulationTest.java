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
        /** The model time unit in seconds: rates scale by u, a2 by u^2, the noise sd by sqrt(u) (the same network in other units). */
        private final double u;

        Ring() {
            this(1.0);
        }

        Ring(double u) {
            this.u = u;
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
            double[] a1 = new double[6];
            double[] a2 = new double[6];
            for (int i = 0; i < 6; i++) {
                double omega = 2 * Math.PI * (0.03 + 0.005 * i) * u;
                a1[i] = 0.05 * u;
                a2[i] = omega * omega;
            }
            return NetworkModel.of(ResearchVanDerPol.of(a1, a2), Coupling.diffusive(v[0] * u), topo);
        }

        @Override public double noise(double[] v) { return 0.1 * Math.sqrt(u); }
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
    void theSameNetworkInMillisecondsIsObservedTheSame() throws Exception {
        // x' = a1 x (1 - x^2) + a2 y + input, y' = -x in ms (u = 1e-3): a1 and g times u, a2 times u^2, y divided by u, noise sd
        // times sqrt(u), dt 100 ms: the same Euler-Maruyama steps and draws from rest, so every observation (BOLD and calcium in
        // seconds, direct samples every frame) must match the run in seconds, to rounding
        for (NetworkSimulation.Observation o : NetworkSimulation.Observation.values()) {
            NetworkSimulation.Observer obs = new NetworkSimulation.Observer(o, 0.72, 200, 20, 0.05, 0.1, 1.5);
            Butterworth band = Butterworth.bandPass(2, 0.01, 0.1, 1 / 0.72);
            double[][] s = new NetworkSimulation(new Ring(1.0), IntegratorSpec.eulerMaruyama(0.1), 1.0, obs, band, 5, 0.0)
                    .observe(new double[] {0.2});
            double[][] ms = new NetworkSimulation(new Ring(1e-3), IntegratorSpec.eulerMaruyama(100), 1e-3, obs, band, 5, 0.0)
                    .observe(new double[] {0.2});
            double scale = 0;
            for (double[] row : s) {
                for (double v : row) {
                    scale = Math.max(scale, Math.abs(v));
                }
            }
            for (int k = 0; k < s.length; k++) {
                assertArrayEquals(s[k], ms[k], 1e-6 * scale, o + " frame " + k); // rounding differs (0.1 s vs 100 x 1e-3); a wrong unit is O(1)
            }
        }
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
