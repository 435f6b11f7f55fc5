package org.vdpnet.scenarios.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vdpnet.fitting.network.NetworkSearch;
import org.vdpnet.fitting.network.NetworkSimulation;
import org.vdpnet.fitting.preprocess.Butterworth;
import org.vdpnet.models.Topology;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.exec.TaskExecutor;
import org.vdpnet.validation.ConnectivityTarget;

/**
 * A distributed engine ships {@code fit-network}'s objective to its workers by Java serialization:
 * the objective (its family with delays, integrator, observer, band-pass and target) survives the
 * round trip and scores every candidate exactly as the original does, failures included.
 */
class NetworkObjectiveSerializationTest {

    @Test
    void theObjectiveScoresAlikeAfterSerialization() throws Exception {
        int n = 5;
        double[][] w = new double[n][n];
        double[][] len = new double[n][n];
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            w[i][j] = w[j][i] = 1.0;
            len[i][j] = len[j][i] = 20.0 + 10 * i; // mm
        }
        Topology graph = Topology.fromMatrix("ring", w, List.of("a", "b", "c", "d", "e"));
        double[] a1 = {1.0, 1.1, 0.9, 1.2, 1.05};
        double[] a2 = {2.0, 2.5, 3.0, 2.2, 2.8};
        VdpFamily family = new VdpFamily(graph, len, VdpFamily.Form.RESEARCH, "diffusive", a1, a2, new double[] {0.2, 5.0, 0.1}, 0.001,
                List.of("g", "speed", "noise"));
        NetworkSimulation.Observer observer = new NetworkSimulation.Observer(NetworkSimulation.Observation.DIRECT, 0.01, 200, 20, 0, 0, 0);
        NetworkSimulation sim = new NetworkSimulation(family, IntegratorSpec.stochasticHeun(0.5), 0.001, observer,
                Butterworth.bandPass(2, 5, 40, 100), 7, 0.1);
        ConnectivityTarget target = ConnectivityTarget.of(sim.observe(new double[] {0.3, 4.0, 0.1}), 40, 10, 1, 1);
        NetworkSearch.Objective objective = NetworkFitJob.objective(sim, target);

        NetworkSearch.Objective copy = roundTrip(objective);
        assertNotSame(objective, copy);
        List<double[]> candidates = List.of(new double[] {0.3, 4.0, 0.1}, new double[] {0.05, 1.0, 0.2}, new double[] {1.5, 20.0, 0.05},
                new double[] {1e6, 4.0, 0.1}); // the last diverges: a failure, delivered alike
        int failures = 0;
        for (double[] c : candidates) {
            NetworkSearch.Evaluation a = objective.apply(c);
            assertEquals(a, copy.apply(c), java.util.Arrays.toString(c));
            failures += a.ok() ? 0 : 1;
        }
        assertEquals(1, failures, "the diverging candidate fails, the others score");
        assertTrue(objective.apply(candidates.get(0)).cost() < objective.apply(candidates.get(1)).cost(),
                "the target's own parameters score best");
    }

    @SuppressWarnings("unchecked")
    private static <T extends TaskExecutor.Task<?, ?>> T roundTrip(T task) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
