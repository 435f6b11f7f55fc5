package org.vdpnet.validation.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vdpnet.sim.Statistics;
import org.vdpnet.validation.DieboldMariano;
import org.vdpnet.validation.Metrics;

/**
 * A Diebold–Mariano comparison of a model with a reference (a baseline, or a part of a claim)
 * at one training size and horizon, and its Holm-corrected p-value within the family of all
 * comparisons at that size.
 *
 * <p>The losses are the squared errors averaged over channels at each origin (for a seeded
 * model also over its seeds), on the origins where both models gave a forecast; the dependence
 * order is {@link DieboldMariano#overlapOrder} of those origins: 1 where neighbouring forecast
 * windows do not overlap.
 *
 * @param kind      {@code baseline} or {@code claim}
 * @param n         origins compared
 * @param order     the dependence order used (autocovariance lags order - 1)
 * @param lossDiff  mean loss of the model minus the reference's (negative: the model is better)
 * @param statistic the HLN-corrected statistic (NaN when undefined)
 * @param p         two-sided p-value (NaN when undefined)
 * @param pHolm     Holm-adjusted p-value within the training size's family (NaN when undefined)
 * @param outcome   what the test says at the family-wise level alpha
 */
public record Comparison(String model, String reference, String kind, int trainSize, int horizon, int n, int order, double lossDiff,
                         double statistic, double p, double pHolm, Outcome outcome) {

    /** What a test says. */
    public enum Outcome {
        /** The model's losses are significantly smaller. */
        BETTER("significantly better"),
        /** The model's losses are significantly larger. */
        WORSE("significantly worse"),
        /** The test cannot tell them apart at this sample size. */
        NOT_DISTINGUISHABLE("not distinguishable at this sample size"),
        /** The test is undefined (too few origins, or no positive variance estimate). */
        UNDEFINED("not testable");

        private final String words;

        Outcome(String words) { this.words = words; }

        /** The words the verdict uses. */
        public String words() { return words; }
    }

    /** Every learned model against every baseline, and every claim's model against its parts, at every test horizon. */
    public static List<Comparison> of(EvaluationResult r) {
        Evaluation.Spec spec = r.spec();
        List<Comparison> out = new ArrayList<>();
        for (int size : spec.trainSizes()) {
            List<Comparison> family = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>(); // one test per pair and horizon, however many claims name it
            for (String m : r.models()) {
                if (spec.baselines().contains(m)) {
                    continue;
                }
                for (String b : spec.baselines()) {
                    for (int h : spec.testHorizons()) {
                        if (seen.add(m + "\u0000" + b + "\u0000" + h)) {
                            test(r, m, b, "baseline", size, h).ifPresent(family::add);
                        }
                    }
                }
            }
            for (Evaluation.Claim c : spec.claims()) {
                for (String part : c.parts()) {
                    for (int h : spec.testHorizons()) {
                        if (seen.add(c.model() + "\u0000" + part + "\u0000" + h)) {
                            test(r, c.model(), part, "claim", size, h).ifPresent(family::add);
                        }
                    }
                }
            }
            out.addAll(holm(family, spec.alpha()));
        }
        return out;
    }

    private static java.util.Optional<Comparison> test(EvaluationResult r, String model, String ref, String kind, int size, int h) {
        List<Cell> a = r.cells(model, size).stream().filter(c -> !c.skipped()).toList();
        List<Cell> b = r.cells(ref, size).stream().filter(c -> !c.skipped()).toList();
        if (a.isEmpty() || b.isEmpty()) {
            return java.util.Optional.empty(); // a skipped model is reported as skipped, not compared
        }
        double[] la = losses(r, a, h);
        double[] lb = losses(r, b, h);
        List<Integer> both = new ArrayList<>();
        for (int i = 0; i < la.length; i++) {
            if (!Double.isNaN(la[i]) && !Double.isNaN(lb[i])) {
                both.add(i);
            }
        }
        double[] x = both.stream().mapToDouble(i -> la[i]).toArray();
        double[] y = both.stream().mapToDouble(i -> lb[i]).toArray();
        int[] frames = both.stream().mapToInt(i -> r.originFrames()[i]).toArray();
        int order = DieboldMariano.overlapOrder(frames, h);
        DieboldMariano.Result t = DieboldMariano.test(x, y, order);
        double diff = x.length == 0 ? Double.NaN : Statistics.mean(x) - Statistics.mean(y);
        return java.util.Optional.of(new Comparison(model, ref, kind, size, h, x.length, order, diff, t.statistic(), t.pValue(), Double.NaN,
                Outcome.UNDEFINED));
    }

    /** Per-origin losses (NaN where any seed failed or the truth is missing). */
    private static double[] losses(EvaluationResult r, List<Cell> seeds, int h) {
        int o = r.originFrames().length;
        double[] l = new double[o];
        for (Cell c : seeds) {
            int[] ok = java.util.stream.IntStream.range(0, o).filter(i -> c.status(i) != org.vdpnet.sim.forecast.Forecast.Status.FAILED).toArray();
            double[] e = Metrics.squaredErrors(c.at(ok), r.truthAt(ok), h);
            for (int i = 0; i < o; i++) {
                l[i] = c.status(i) == org.vdpnet.sim.forecast.Forecast.Status.FAILED ? Double.NaN : l[i];
            }
            for (int k = 0; k < ok.length; k++) {
                l[ok[k]] += e[k] / seeds.size();
            }
        }
        return l;
    }

    /** Holm's step-down adjustment over the defined p-values of a family; outcomes at level alpha. */
    static List<Comparison> holm(List<Comparison> family, double alpha) {
        List<Comparison> defined = new ArrayList<>(family.stream().filter(c -> !Double.isNaN(c.p())).toList());
        defined.sort(Comparator.comparingDouble(Comparison::p));
        int m = defined.size();
        java.util.Map<Comparison, Double> adjusted = new java.util.IdentityHashMap<>();
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1, (m - i) * defined.get(i).p()));
            adjusted.put(defined.get(i), running);
        }
        List<Comparison> out = new ArrayList<>();
        for (Comparison c : family) {
            Double ph = adjusted.get(c);
            Outcome o = ph == null ? Outcome.UNDEFINED
                    : ph < alpha ? (c.statistic() < 0 ? Outcome.BETTER : Outcome.WORSE) : Outcome.NOT_DISTINGUISHABLE;
            out.add(new Comparison(c.model(), c.reference(), c.kind(), c.trainSize(), c.horizon(), c.n(), c.order(), c.lossDiff(), c.statistic(),
                    c.p(), ph == null ? Double.NaN : ph, o));
        }
        return out;
    }
}
