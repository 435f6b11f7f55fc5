package org.vdpnet.fitting.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.exec.TaskExecutor;

class NetworkSearchTest {

    private static SearchSpace space() {
        return SearchSpace.of(List.of(new SearchSpace.Dimension("g", 0.01, 10, true, 1.0),
                new SearchSpace.Dimension("speed", 1, 20, false, 5.0), new SearchSpace.Dimension("noise", 0.001, 1, true, 0.1)));
    }

    /** A bowl in log g, speed and log noise with its minimum 0 at g = 0.3, speed = 12, noise = 0.02. */
    private static double bowl(double[] v) {
        double a = Math.log(v[0] / 0.3);
        double b = (v[1] - 12) / 5;
        double c = Math.log(v[2] / 0.02);
        return a * a + b * b + c * c;
    }

    @Test
    void reflectionKeepsEveryCandidateInsideWithoutClamping() {
        assertEquals(0.25, SearchSpace.reflect(0.25), 0);
        assertEquals(0.75, SearchSpace.reflect(1.25), 1e-15);
        assertEquals(0.25, SearchSpace.reflect(-0.25), 1e-15);
        assertEquals(0.5, SearchSpace.reflect(2.5), 1e-15);
        SearchSpace s = space();
        assertArrayEquals(new double[] {1.0, 5.0, 0.1}, s.fromUnit(s.initialUnit()), 1e-12);
        assertEquals(Math.sqrt(0.01 * 10), s.fromUnit(new double[] {0.5, 0.5, 0.5})[0], 1e-12); // log scale: the geometric middle
        assertEquals(10.5, s.fromUnit(new double[] {0.5, 0.5, 0.5})[1], 1e-12);
    }

    @Test
    void findsTheMinimumAndDoesNotDependOnTheThreadCount() throws Exception {
        NetworkSearch.Objective bowl = v -> NetworkSearch.Evaluation.of(bowl(v), Map.of("bowl", bowl(v)));
        NetworkSearch.Settings s = new NetworkSearch.Settings(3000, 0, 0.25, 7, 1e-8, 1e-12);
        NetworkSearch.Result one = NetworkSearch.run(space(), bowl, TaskExecutor.local(1), s, (g, e, b, c) -> { });
        NetworkSearch.Result two = NetworkSearch.run(space(), bowl, TaskExecutor.local(2), s, (g, e, b, c) -> { });
        assertArrayEquals(one.best(), two.best(), 0.0);
        assertEquals(one.evaluations(), two.evaluations());
        assertEquals("converged", one.status());
        assertArrayEquals(new double[] {0.3, 12, 0.02}, one.best(), 2e-3);
        assertTrue(one.evaluation().cost() < 1e-6);
        assertEquals(one.generations(), one.history().size());
    }

    @Test
    void failedCandidatesRankLastAndAreCounted() throws Exception {
        NetworkSearch.Objective half = v -> v[1] > 15 ? NetworkSearch.Evaluation.failed("diverged")
                : NetworkSearch.Evaluation.of(bowl(v), Map.of());
        NetworkSearch.Result r = NetworkSearch.run(space(), half, TaskExecutor.local(2),
                NetworkSearch.Settings.defaults(3).withMaxEvaluations(300), (g, e, b, c) -> { });
        assertTrue(r.evaluations() <= 300);
        assertTrue(r.failed() > 0, "some candidates beyond speed 15 were drawn");
        assertEquals(r.failed(), r.failures().get("diverged"));
        assertTrue(r.best()[1] <= 15);
        NetworkSearch.Result none = NetworkSearch.run(space(), v -> NetworkSearch.Evaluation.failed("always"), TaskExecutor.local(1),
                NetworkSearch.Settings.defaults(3).withMaxEvaluations(20), (g, e, b, c) -> { });
        assertEquals("failed", none.status());
        assertEquals(none.evaluations(), none.failed());
    }
}
