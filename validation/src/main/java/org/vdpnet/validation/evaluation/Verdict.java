package org.vdpnet.validation.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verdict, written only from the Holm-corrected tests: for each training size, what each
 * model is significantly better or worse than and at which horizons (with the corrected
 * p-values), what it cannot be told apart from, each claim's outcome, and every warning with its
 * count. Point estimates never decide a word.
 */
public final class Verdict {
    private Verdict() {}

    /** The verdict as Markdown paragraphs and lists. */
    public static String write(EvaluationResult r, List<Summary> summary, List<Comparison> tests) {
        return write(r, summary, tests, List.of());
    }

    /**
     * The verdict, with the caller's own warnings (for example how the data were prepared) listed
     * before the evaluation's.
     */
    public static String write(EvaluationResult r, List<Summary> summary, List<Comparison> tests, List<String> dataWarnings) {
        Evaluation.Spec spec = r.spec();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Tests: two-sided Diebold–Mariano on the squared error (mean over components; seeded models averaged "
                + "over their %d seed(s)) with the Harvey–Leybourne–Newbold correction, at horizons %s; the dependence order follows how far the "
                + "forecast windows of neighbouring origins overlap (%s). p-values are Holm-corrected over all tests of a training size; "
                + "family-wise α = %s within each size (across the sizes, at most their number times α). A model is called better or worse only where its corrected p-value is below α.%n%n",
                spec.seeds(), spec.testHorizons(), orders(tests), String.valueOf(spec.alpha())));
        for (int size : spec.trainSizes()) {
            List<Comparison> fam = tests.stream().filter(c -> c.trainSize() == size).toList();
            sb.append(String.format(Locale.ROOT, "**%d training frames** (%d tests):%n%n", size, fam.size()));
            for (String m : r.models()) {
                if (spec.baselines().contains(m)) {
                    continue;
                }
                Summary any = summary.stream().filter(s -> s.model().equals(m) && s.trainSize() == size).findFirst().orElseThrow();
                if ("skipped".equals(any.status())) {
                    sb.append("- ").append(m).append(": skipped, not compared (").append(any.note()).append(")\n");
                    continue;
                }
                List<Comparison> mine = fam.stream().filter(c -> c.model().equals(m) && c.kind().equals("baseline")).toList();
                String flag = switch (any.status()) {
                    case "mostly-fallbacks" -> " (most forecasts are fallbacks)";
                    case "mostly-failed" -> " (most origins failed)";
                    case "all-failed" -> " (every origin failed)";
                    default -> "";
                };
                sb.append("- ").append(m).append(flag).append(": ")
                        .append(describe(mine)).append('\n');
            }
            for (Evaluation.Claim c : spec.claims()) {
                List<Comparison> mine = fam.stream().filter(x -> x.model().equals(c.model()) && c.parts().contains(x.reference())).toList();
                sb.append("- Claim: ").append(c.description()).append(" — ").append(claim(c, mine)).append('\n');
            }
            sb.append('\n');
        }
        List<String> warnings = new ArrayList<>(dataWarnings);
        warnings.addAll(r.warnings());
        sb.append(warnings.isEmpty() ? "Warnings: none.\n" : "Warnings (" + warnings.size() + "):\n\n");
        for (String w : warnings) {
            sb.append("- ").append(w).append('\n');
        }
        return sb.toString();
    }

    /** One model's comparisons with the baselines in words, grouped by outcome and reference. */
    static String describe(List<Comparison> mine) {
        if (mine.isEmpty()) {
            return "no comparison";
        }
        List<String> parts = new ArrayList<>();
        for (Comparison.Outcome o : Comparison.Outcome.values()) {
            Map<String, List<Comparison>> byRef = new LinkedHashMap<>();
            mine.stream().filter(c -> c.outcome() == o).forEach(c -> byRef.computeIfAbsent(c.reference(), k -> new ArrayList<>()).add(c));
            if (byRef.isEmpty()) {
                continue;
            }
            List<String> refs = new ArrayList<>();
            byRef.forEach((ref, cs) -> refs.add(ref + " " + horizons(cs, o)));
            parts.add(o.words() + (o == Comparison.Outcome.NOT_DISTINGUISHABLE || o == Comparison.Outcome.UNDEFINED ? " from " : " than ")
                    + String.join(", ", refs));
        }
        return String.join("; ", parts);
    }

    private static String horizons(List<Comparison> cs, Comparison.Outcome o) {
        if (o == Comparison.Outcome.UNDEFINED) {
            return "(h=" + cs.stream().map(c -> String.valueOf(c.horizon())).collect(Collectors.joining(", ")) + ")";
        }
        return "(" + cs.stream().map(c -> String.format(Locale.ROOT, "h=%d p_Holm=%s", c.horizon(), num(c.pHolm()))).collect(Collectors.joining(", "))
                + ")";
    }

    /**
     * A claim's outcome at one size, horizon by horizon: it holds at a horizon where the model is
     * significantly better than every part, does not hold where it is significantly worse than
     * any part, and cannot be decided elsewhere.
     */
    static String claim(Evaluation.Claim c, List<Comparison> mine) {
        List<String> missing = c.parts().stream().filter(p -> mine.stream().noneMatch(x -> x.reference().equals(p))).toList();
        if (mine.isEmpty() || !missing.isEmpty()) {
            return "not testable here (" + (mine.isEmpty() ? c.model() + " or its parts were" : String.join(" and ", missing) + " "
                    + (missing.size() == 1 ? "was" : "were")) + " skipped or not evaluated)";
        }
        Map<String, List<Integer>> byOutcome = new LinkedHashMap<>();
        for (int h : mine.stream().map(Comparison::horizon).distinct().sorted().toList()) {
            List<Comparison> at = mine.stream().filter(x -> x.horizon() == h).toList();
            String o = at.stream().anyMatch(x -> x.outcome() == Comparison.Outcome.WORSE) ? "does not hold"
                    : at.size() == c.parts().size() && at.stream().allMatch(x -> x.outcome() == Comparison.Outcome.BETTER) ? "holds"
                    : "cannot be decided at this sample size";
            byOutcome.computeIfAbsent(o, k -> new ArrayList<>()).add(h);
        }
        List<String> parts = new ArrayList<>();
        byOutcome.forEach((o, hs) -> parts.add(o + " at h=" + hs.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        List<String> lines = new ArrayList<>();
        for (String part : c.parts()) {
            lines.add(describe(mine.stream().filter(x -> x.reference().equals(part)).toList()));
        }
        return String.join("; ", parts) + " (" + String.join("; ", lines) + ")";
    }

    private static String orders(List<Comparison> tests) {
        Map<Integer, java.util.Set<Integer>> m = new java.util.TreeMap<>();
        tests.forEach(c -> m.computeIfAbsent(c.horizon(), k -> new java.util.TreeSet<>()).add(c.order()));
        List<String> s = new ArrayList<>();
        m.forEach((h, o) -> s.add("h=" + h + ": order " + o.stream().map(String::valueOf).collect(Collectors.joining("/"))));
        return s.isEmpty() ? "no tests" : String.join(", ", s);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        return v != 0 && Math.abs(v) < 1e-3 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
