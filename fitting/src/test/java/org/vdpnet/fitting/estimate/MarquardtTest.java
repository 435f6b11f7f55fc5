package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.junit.jupiter.api.Test;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.sim.param.FixedStepPath;

/**
 * Our normal-equations Levenberg–Marquardt ({@link Marquardt}) against Hipparchus's
 * {@code LevenbergMarquardtOptimizer} (Moré's MINPACK algorithm) on the same single-shooting
 * problem: a noisy trajectory of a 2-node research network, both started from the same perturbed
 * point at a tight tolerance, must reach the same minimum (cost to 1e-9 relative, every unknown to
 * 1e-5).
 */
class MarquardtTest {
    private static Shooting problem(long seed) {
        NetworkModel truth = NetworkModel.of(ResearchVanDerPol.of(new double[] {0.8, 0.5}, new double[] {1.0, 1.4}), Coupling.linear(1),
                Topology.complete("w", new double[][] {{0.0, 0.2}, {-0.15, 0.0}}, null));
        double[][] x = new double[80][2];
        new FixedStepPath(4, new int[0], 0.2, 4, 1e3).simulate(truth, new double[] {1.2, -0.4, 0.3, 0.9}, 0, 80, new int[] {0, 1}, x, null);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (double[] row : x) {
            for (int i = 0; i < 2; i++) {
                row[i] += 0.05 * (2 * rnd.nextDouble() - 1);
            }
        }
        int g = truth.gainParameter();
        int[] free = java.util.stream.IntStream.range(0, truth.parameters().size()).filter(q -> q != g).toArray();
        return new Shooting(FitProblem.ofNetwork(truth, x, 0.2).withFree(free), new int[] {0}, 1.0, 4);
    }

    private static double[] start(Shooting s) {
        double[] v = s.pack(new double[] {0.6, 0.6, 1.2, 1.2, 1.0, 0.1, 0.1, -0.1, 0.1}, new double[][] {{1.0, -0.3, 0.2, 0.7}});
        return v;
    }

    private static double cost(Shooting s, double[] v) {
        double c = 0;
        for (double r : s.residualsAt(v)) {
            c += r * r;
        }
        return c;
    }

    @Test
    void reachesTheMinimumThatHipparchusReaches() {
        for (long seed = 1; seed <= 3; seed++) {
            Shooting ours = problem(seed);
            Marquardt.Result m = Marquardt.minimise(ours, start(ours), 500, 1e-12, true);
            assertFalse(m.hitLimit(), "seed " + seed + ": converged within the budget");
            Shooting theirs = problem(seed);
            LeastSquaresOptimizer.Optimum h = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-12).withParameterRelativeTolerance(1e-12)
                    .optimize(new LeastSquaresBuilder().start(start(theirs)).target(new double[theirs.residualCount()])
                            .model(theirs::residualsAt, theirs::jacobianAt).maxIterations(500).maxEvaluations(5000).build());
            double[] hp = h.getPoint().toArray();
            double ourCost = cost(ours, m.point());
            double theirCost = cost(theirs, hp);
            assertEquals(theirCost, ourCost, 1e-9 * theirCost, "seed " + seed);
            for (int k = 0; k < hp.length; k++) {
                assertEquals(hp[k], m.point()[k], 1e-5 * Math.max(1, Math.abs(hp[k])), "seed " + seed + ", unknown " + k);
            }
            double[][] atPoint = ours.jacobianAt(m.point());
            for (int k = 0; k < atPoint.length; k++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(atPoint[k], m.jacobian()[k], 0.0, "the Jacobian returned is the one at the point returned");
            }
        }
    }

    @Test
    void aBudgetThatRunsOutIsSaid() {
        Shooting s = problem(1);
        Marquardt.Result m = Marquardt.minimise(s, start(s), 2, 1e-12, false);
        assertTrue(m.hitLimit());
        assertEquals("the iteration budget ran out", m.stop());
        assertEquals(2, m.iterations());
        assertTrue(cost(s, m.point()) < cost(s, start(s)), "the best point reached is reported");
    }
}
