package org.vdpnet.fitting.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vdpnet.sim.Checks;
import org.vdpnet.sim.exec.TaskExecutor;

/**
 * A CMA-ES search over a {@link SearchSpace}: each generation's population is evaluated behind a
 * {@link TaskExecutor} (a pure, seeded objective per candidate), so the result does not depend on
 * the thread count or on which engine runs the evaluations. It stops at the evaluation budget or
 * when the strategy stalls ({@link Cmaes#stalled}). A candidate whose evaluation fails (a
 * diverging simulation) ranks last and is counted, never hidden.
 */
public final class NetworkSearch {
    private NetworkSearch() {}

    /**
     * The outcome of one candidate.
     *
     * @param cost     the value minimised; {@code +Infinity} when it failed
     * @param measures what the objective measured (for example {@code fcR}, {@code fcdKs})
     * @param failure  why it failed, or empty
     */
    public record Evaluation(double cost, Map<String, Double> measures, String failure) implements java.io.Serializable {
        /** Copies the measures. */
        public Evaluation {
            measures = Map.copyOf(measures);
            Objects.requireNonNull(failure, "failure");
        }

        /** A finished evaluation. */
        public static Evaluation of(double cost, Map<String, Double> measures) {
            return new Evaluation(cost, new LinkedHashMap<>(measures), "");
        }

        /** A failed one. */
        public static Evaluation failed(String why) {
            return new Evaluation(Double.POSITIVE_INFINITY, Map.of(), why);
        }

        /** Whether it produced a finite cost. */
        public boolean ok() { return failure.isEmpty() && Double.isFinite(cost); }
    }

    /** The objective: parameter values (in the space's order) to an evaluation; pure and seeded. */
    @FunctionalInterface
    public interface Objective extends TaskExecutor.Task<double[], Evaluation> {}

    /** Called after every generation (on the caller's thread). */
    @FunctionalInterface
    public interface Listener {
        /** {@code evaluations} so far, of {@code budget}; the best cost so far. */
        void generation(int generation, int evaluations, int budget, double bestCost);
    }

    /**
     * The search settings.
     *
     * @param maxEvaluations the budget of objective evaluations
     * @param lambda         the population size (0: CMA-ES's default {@code 4 + floor(3 ln n)})
     * @param sigma          the initial step size in unit coordinates
     * @param seed           the seed of the strategy's draws
     * @param tolX           stop when the search distribution is narrower than this (unit coordinates)
     * @param tolFun         stop when the recent best costs span less than this
     */
    public record Settings(int maxEvaluations, int lambda, double sigma, long seed, double tolX, double tolFun) {
        /** Checks the values. */
        public Settings {
            Checks.positive("max-evaluations", maxEvaluations);
            if (lambda != 0 && lambda < 2) {
                throw new IllegalArgumentException("population: must be 0 (default) or >= 2, got " + lambda);
            }
            Checks.positive("sigma", sigma);
            Checks.positive("tol-x", tolX);
            Checks.positive("tol-fun", tolFun);
        }

        /** 400 evaluations, the default population, sigma 0.25, tolerances 1e-3 and 1e-4. */
        public static Settings defaults(long seed) { return new Settings(400, 0, 0.25, seed, 1e-3, 1e-4); }

        /** A copy with another budget. */
        public Settings withMaxEvaluations(int n) { return new Settings(n, lambda, sigma, seed, tolX, tolFun); }

        /** A copy with another population size. */
        public Settings withLambda(int l) { return new Settings(maxEvaluations, l, sigma, seed, tolX, tolFun); }

        /** The settings, for provenance. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("maxEvaluations", maxEvaluations);
            m.put("population", lambda);
            m.put("sigma", sigma);
            m.put("seed", seed);
            m.put("tolX", tolX);
            m.put("tolFun", tolFun);
            return m;
        }
    }

    /**
     * The result.
     *
     * @param space       the space searched
     * @param best        the best values found (in the space's order)
     * @param evaluation  their evaluation
     * @param evaluations evaluations used
     * @param generations generations run
     * @param failed      evaluations that failed
     * @param status      {@code converged} (the strategy stalled), {@code budget} (evaluations ran out)
     *                    or {@code failed} (no candidate produced a finite cost)
     * @param history     per generation: generation, evaluations, best cost so far, the generation's median cost
     * @param failures    the distinct failure messages, with counts
     */
    public record Result(SearchSpace space, double[] best, Evaluation evaluation, int evaluations, int generations, int failed,
                         String status, List<double[]> history, Map<String, Integer> failures) {
        /** The best values by name. */
        public Map<String, Double> named() { return space.named(best); }
    }

    /** Runs the search. */
    public static Result run(SearchSpace space, Objective objective, TaskExecutor executor, Settings settings, Listener listener)
            throws Exception {
        Cmaes es = Cmaes.start(space.initialUnit(), settings.sigma(), settings.lambda(), settings.seed());
        double[] best = null;
        Evaluation bestEval = Evaluation.failed("no evaluation");
        int evaluations = 0;
        int failed = 0;
        int generations = 0;
        Map<String, Integer> failures = new LinkedHashMap<>();
        List<double[]> history = new ArrayList<>();
        String status = "budget";
        while (evaluations + es.lambda() <= settings.maxEvaluations() || generations == 0) {
            double[][] u = es.ask();
            List<double[]> values = new ArrayList<>(u.length);
            for (double[] ui : u) {
                values.add(space.fromUnit(ui));
            }
            List<Evaluation> evals = executor.map(values, objective, i -> { });
            double[] costs = new double[u.length];
            for (int i = 0; i < u.length; i++) {
                Evaluation e = evals.get(i);
                costs[i] = e.ok() ? e.cost() : Double.POSITIVE_INFINITY;
                if (!e.ok()) {
                    failed++;
                    failures.merge(e.failure().isEmpty() ? "non-finite cost" : e.failure(), 1, Integer::sum);
                } else if (e.cost() < bestEval.cost()) {
                    bestEval = e;
                    best = values.get(i);
                }
            }
            es.tell(u, costs);
            evaluations += u.length;
            generations++;
            double[] sorted = costs.clone();
            Arrays.sort(sorted);
            history.add(new double[] {generations, evaluations, bestEval.cost(), sorted[sorted.length / 2]});
            listener.generation(generations, evaluations, settings.maxEvaluations(), bestEval.cost());
            if (best != null && es.stalled(settings.tolX(), settings.tolFun())) {
                status = "converged";
                break;
            }
        }
        if (best == null) {
            status = "failed";
            best = space.fromUnit(space.initialUnit());
        }
        return new Result(space, best, bestEval, evaluations, generations, failed, status, List.copyOf(history), failures);
    }
}
