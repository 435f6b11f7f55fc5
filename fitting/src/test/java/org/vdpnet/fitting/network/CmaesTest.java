package org.vdpnet.fitting.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ask/tell CMA-ES against known optima (sphere and ellipsoid at 0, Rosenbrock at 1) and
 * against Hipparchus's own {@link CMAESOptimizer} as the outside reference.
 */
class CmaesTest {

    static double sphere(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            s += 100 * a * a + b * b;
        }
        return s;
    }

    /** sum 10^(6 i / (n-1)) x_i^2: Hessian condition number exactly 1e6. */
    static double ellipsoid(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.pow(10, 6.0 * i / (x.length - 1)) * x[i] * x[i];
        }
        return s;
    }

    /** Runs until the best cost is below {@code target} or {@code maxGen} generations, in parallel. */
    static Cmaes run(Cmaes es, ToDoubleFunction<double[]> f, int maxGen, double target) {
        while (es.bestCost() >= target && es.generation() < maxGen) {
            double[][] xs = es.ask();
            double[] costs = new double[xs.length];
            IntStream.range(0, xs.length).parallel().forEach(k -> costs[k] = f.applyAsDouble(xs[k]));
            es.tell(xs, costs);
        }
        return es;
    }

    static double distanceTo(double[] x, double v) {
        double s = 0;
        for (double xi : x) {
            s = Math.max(s, Math.abs(xi - v));
        }
        return s;
    }

    @Test
    void failedCandidatesAreNeverParents() {
        // the sphere where x0 > 0 fails (a diverging region at the optimum's edge): generations with more failures than
        // lambda - mu recombine only the finite candidates, and the search still converges inside the working region
        Cmaes es = Cmaes.start(new double[] {0.3, 3.0}, 1.0, 0, 5); // the start itself fails
        int crowded = 0;
        for (int g = 0; g < 600 && es.bestCost() > 1e-12; g++) {
            double[][] x = es.ask();
            double[] f = new double[x.length];
            int failed = 0;
            for (int k = 0; k < x.length; k++) {
                f[k] = x[k][0] > 0 ? Double.NaN : sphere(x[k]);
                failed += Double.isNaN(f[k]) ? 1 : 0;
            }
            crowded += failed > x.length - x.length / 2 ? 1 : 0;
            es.tell(x, f);
            if (failed < x.length) { // the new mean is a convex combination of the parents, all of them working candidates
                assertTrue(es.mean()[0] <= 1e-12, "generation " + g + ": mean x0 " + es.mean()[0]);
            }
        }
        assertTrue(crowded > 0, "some generation had more failures than lambda - mu");
        assertTrue(es.bestCost() < 1e-10, "cost " + es.bestCost());
    }

    @Test
    void sphereConverges() {
        double[] x0 = new double[10];
        Arrays.fill(x0, 3);
        Cmaes es = run(Cmaes.start(x0, 1, 0, 1L), CmaesTest::sphere, 400, 1e-10);
        assertEquals(10, es.lambda());
        assertTrue(es.bestCost() < 1e-10, () -> "cost " + es.bestCost() + " after " + es.generation());
        assertTrue(es.generation() < 400);
        assertTrue(distanceTo(es.bestEver(), 0) < 1e-4);
        assertTrue(es.conditionNumber() < 20, () -> "isotropic problem, cond " + es.conditionNumber());
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L})
    void rosenbrockReachesTheGlobalOptimum(long seed) {
        Cmaes es = run(Cmaes.start(new double[5], 0.5, 0, seed), CmaesTest::rosenbrock, 2000, 1e-16);
        assertEquals(8, es.lambda());
        assertTrue(es.bestCost() < 1e-10, () -> "cost " + es.bestCost() + " after " + es.generation());
        assertTrue(distanceTo(es.bestEver(), 1) < 1e-5, () -> Arrays.toString(es.bestEver()));
    }

    @Test
    void illConditionedEllipsoidAdaptsTheCovariance() {
        double[] x0 = new double[8];
        Arrays.fill(x0, 1);
        Cmaes es = run(Cmaes.start(x0, 1, 0, 7L), CmaesTest::ellipsoid, 3000, 1e-10);
        assertTrue(es.bestCost() < 1e-10, () -> "cost " + es.bestCost() + " after " + es.generation());
        // C learns the inverse Hessian up to scale: its condition number approaches 1e6
        double cond = es.conditionNumber();
        assertTrue(cond > 1e5 && cond < 1e7, () -> "cond " + cond);
        assertEquals(Math.sqrt(cond), es.axisRatio(), 1e-9 * Math.sqrt(cond));
    }

    @Test
    void agreesWithHipparchusOnRosenbrock() {
        int n = 5;
        double[] x0 = new double[n];
        double[] s0 = new double[n];
        Arrays.fill(s0, 0.5);
        CMAESOptimizer ref = new CMAESOptimizer(30000, 0, true, 0, 0, new Well19937c(11), false, null);
        PointValuePair p = ref.optimize(new MaxEval(200000), new ObjectiveFunction(CmaesTest::rosenbrock),
                GoalType.MINIMIZE, new InitialGuess(x0), SimpleBounds.unbounded(n),
                new CMAESOptimizer.Sigma(s0), new CMAESOptimizer.PopulationSize(8));
        Cmaes es = run(Cmaes.start(x0, 0.5, 8, 11L), CmaesTest::rosenbrock, 2000, 1e-16);
        double[] ours = es.bestEver();
        double[] theirs = p.getPoint();
        for (int i = 0; i < n; i++) {
            assertEquals(theirs[i], ours[i], 1e-4, "coordinate " + i);
        }
        assertEquals(p.getValue(), es.bestCost(), 1e-8);
    }

    @Test
    void sameSeedSameCandidatesHoweverEvaluated() {
        double[] x0 = {0.5, -1, 2, 0.1, 3};
        Cmaes parallel = run(Cmaes.start(x0, 0.3, 0, 42L), CmaesTest::rosenbrock, 20, 0);
        Cmaes serial = Cmaes.start(x0, 0.3, 0, 42L);
        while (serial.generation() < 20) {
            double[][] xs = serial.ask();
            double[] costs = new double[xs.length];
            for (int k = xs.length - 1; k >= 0; k--) {
                costs[k] = rosenbrock(xs[k]);
            }
            serial.tell(xs, costs);
        }
        Cmaes other = run(Cmaes.start(x0, 0.3, 0, 43L), CmaesTest::rosenbrock, 20, 0);
        double[][] a = parallel.ask();
        assertTrue(Arrays.deepEquals(a, serial.ask()), "same seed and costs: bit-identical");
        assertFalse(Arrays.deepEquals(a, other.ask()), "another seed: other candidates");
        assertEquals(serial.sigma(), parallel.sigma(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NaN})
    void failedEvaluationsRankLast(double failure) {
        double[] x0 = new double[10];
        Arrays.fill(x0, 3);
        Cmaes es = Cmaes.start(x0, 1, 0, 5L);
        while (es.bestCost() >= 1e-10 && es.generation() < 1000) {
            double[][] xs = es.ask();
            double[] costs = new double[xs.length];
            for (int k = 0; k < xs.length; k++) {
                costs[k] = k % 2 == 1 ? failure : sphere(xs[k]);
            }
            es.tell(xs, costs);
        }
        int gens = es.generation();
        assertTrue(es.bestCost() < 1e-10, () -> "cost " + es.bestCost() + " after " + gens);
        // an all-failed generation is a neutral selection: the state stays finite
        double[][] xs = es.ask();
        double[] all = new double[xs.length];
        Arrays.fill(all, failure);
        es.tell(xs, all);
        assertTrue(Double.isFinite(es.sigma()) && Arrays.stream(es.mean()).allMatch(Double::isFinite));
        assertTrue(es.bestCost() < 1e-10);
    }

    @Test
    void misuseIsRefusedWithClearMessages() {
        Cmaes es = Cmaes.start(new double[] {1, 2}, 0.5, 6, 3L);
        IllegalStateException noAsk = assertThrows(IllegalStateException.class,
                () -> es.tell(new double[6][2], new double[6]));
        assertTrue(noAsk.getMessage().contains("call ask() first"), noAsk.getMessage());
        double[][] xs = es.ask();
        assertThrows(IllegalStateException.class, es::ask);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> es.tell(Arrays.copyOf(xs, 5), new double[6]));
        assertEquals("candidates: must have lambda = 6 rows, got 5", rows.getMessage());
        IllegalArgumentException costs = assertThrows(IllegalArgumentException.class,
                () -> es.tell(xs, new double[7]));
        assertEquals("costs: must have lambda = 6 entries, got 7", costs.getMessage());
        double[][] swapped = xs.clone();
        swapped[0] = xs[1];
        swapped[1] = xs[0];
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class,
                () -> es.tell(swapped, new double[6]));
        assertTrue(order.getMessage().startsWith("candidates[0]: must be candidate 0"), order.getMessage());
        es.tell(xs, new double[6]);
        assertEquals(1, es.generation());

        assertEquals("sigma: must be finite and > 0, got NaN", assertThrows(IllegalArgumentException.class,
                () -> Cmaes.start(new double[2], Double.NaN, 0, 1L)).getMessage());
        assertEquals("sigma: must be finite and > 0, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> Cmaes.start(new double[2], -1, 0, 1L)).getMessage());
        assertEquals("mean[1]: must be finite, got Infinity", assertThrows(IllegalArgumentException.class,
                () -> Cmaes.start(new double[] {0, Double.POSITIVE_INFINITY}, 1, 0, 1L)).getMessage());
        assertEquals("lambda: must be 0 (default) or >= 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> Cmaes.start(new double[2], 1, 1, 1L)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> es.stalled(Double.NaN, 0));
        // one dimension: default lambda 4 + floor(3 ln 1) = 4, and the update runs
        Cmaes one = run(Cmaes.start(new double[] {2}, 1, 0, 1L), CmaesTest::sphere, 100, 1e-12);
        assertEquals(4, one.lambda());
        assertTrue(one.bestCost() < 1e-12, () -> "cost " + one.bestCost());
    }

    @Test
    void stallsOnceConvergedAndDescribesItsSettings() {
        Cmaes es = Cmaes.start(new double[] {1, 1, 1}, 1, 0, 9L);
        assertEquals(Double.POSITIVE_INFINITY, es.bestCost());
        assertFalse(es.stalled(1e-12, 1e-12));
        int gens = 0;
        while (!es.stalled(1e-12, 0) && gens++ < 2000) {
            double[][] xs = es.ask();
            es.tell(xs, Arrays.stream(xs).mapToDouble(CmaesTest::sphere).toArray());
        }
        assertTrue(es.stalled(1e-12, 0), "tolX stops the run");
        assertTrue(es.bestCost() < 1e-20, () -> "cost " + es.bestCost());

        Map<String, Object> d = Cmaes.start(new double[10], 2, 0, 17L).describe();
        assertEquals(10, d.get("lambda"));
        assertEquals(5, d.get("mu"));
        // hand-computed: w ∝ ln 5.5 - ln i, i = 1..5, mu_eff = 1 / sum w_i^2 = 3.1672
        assertEquals(3.1672, (Double) d.get("muEff"), 1e-3);
        assertEquals(17L, d.get("seed"));
        assertEquals(2.0, d.get("initialSigma"));
        assertTrue(d.keySet().containsAll(java.util.List.of("cSigma", "dSigma", "cC", "c1", "cMu")));
    }
}
