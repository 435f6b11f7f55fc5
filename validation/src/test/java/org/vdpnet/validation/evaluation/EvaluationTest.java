package org.vdpnet.validation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.forecast.ForecasterTrainer;
import org.vdpnet.sim.forecast.Training;
import org.vdpnet.validation.BaselineTrainers;
import org.vdpnet.validation.DieboldMariano;

class EvaluationTest {
    static double[][] ar(int frames, int channels, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[frames][channels];
        for (int t = 1; t < frames; t++) {
            for (int c = 0; c < channels; c++) {
                x[t][c] = 0.9 * x[t - 1][c] + rnd.nextGaussian();
            }
        }
        return x;
    }

    /** Persistence plus seeded noise of a given sd; NaN from origins in {@code failAt}, a fallback flag from those in {@code fallbackAt}. */
    static ForecasterTrainer noisy(String name, double sd, boolean seeded, java.util.Set<Integer> failAt, java.util.Set<Integer> fallbackAt) {
        return new ForecasterTrainer() {
            @Override public String name() { return name; }

            @Override public boolean seeded() { return seeded; }

            @Override public Training train(double[][] frames, long seed) {
                int n = frames[0].length;
                Forecaster f = new Forecaster() {
                    @Override public String name() { return name; }
                    @Override public int channels() { return n; }
                    @Override public int minimumHistory() { return 1; }
                    @Override public int maximumHorizon() { return 50; }
                    @Override public double[][] forecast(double[][] history, int horizon) {
                        return forecastAll(java.util.Collections.singletonList(history), horizon).get(0).values();
                    }
                    @Override public List<Forecast> forecastAll(List<double[][]> histories, int horizon) {
                        List<Forecast> out = new ArrayList<>();
                        for (double[][] h : histories) {
                            Random rnd = new Random(31L * h.length + seed + 1000L * name.hashCode());
                            double[][] v = new double[horizon][n];
                            for (int k = 0; k < horizon; k++) {
                                for (int c = 0; c < n; c++) {
                                    v[k][c] = h[h.length - 1][c] + sd * rnd.nextGaussian();
                                }
                            }
                            if (failAt.contains(h.length - 1)) {
                                v[0][0] = Double.NaN;
                            }
                            out.add(fallbackAt.contains(h.length - 1) ? Forecast.fallback(v, "test fallback") : Forecast.of(v));
                        }
                        return out;
                    }
                };
                return Training.of(f, Map.of(), List.of());
            }
        };
    }

    static ForecasterTrainer failing(String name) {
        return new ForecasterTrainer() {
            @Override public String name() { return name; }
            @Override public boolean seeded() { return true; }
            @Override public Training train(double[][] frames, long seed) { throw new IllegalStateException("diverged on purpose"); }
        };
    }

    static Evaluation.Spec spec(int seeds, List<String> baselines) {
        return new Evaluation.Spec(List.of(60, 120), 10, 25, seeds, baselines, List.of(), List.of(1, 5, 10), 0.05);
    }

    static EvaluationResult run(double[][] x, int seeds, List<ForecasterTrainer> trainers, List<String> baselines) {
        return Evaluation.run(x, x, 120, 0, trainers, spec(seeds, baselines), UnaryOperator.identity(), (d, t) -> { });
    }

    /** Property over random series and models: every interval contains its point estimate, and the estimate is the mean of per-origin RMSE. */
    @Test
    void everyIntervalContainsItsPointEstimate() {
        for (long seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            double[][] x = ar(400, 1 + rnd.nextInt(4), seed);
            List<ForecasterTrainer> trainers = List.of(BaselineTrainers.of("persistence", 10, 0), noisy("a", 0.1 + 3 * rnd.nextDouble(), true, java.util.Set.of(),
                    java.util.Set.of()), noisy("b", rnd.nextDouble(), false, java.util.Set.of(), java.util.Set.of()));
            EvaluationResult r = run(x, 1 + rnd.nextInt(3), trainers, List.of("persistence"));
            for (Summary s : Summary.of(r)) {
                assertTrue(s.rmseLow() <= s.rmse() && s.rmse() <= s.rmseHigh(), s.toString());
                assertTrue(s.rmseHigh() > s.rmseLow(), s.toString());
            }
        }
    }

    /** Deterministic models are trained once: their rows and tests do not depend on the number of seeds. */
    @Test
    void baselineIntervalsDoNotDependOnSeeds() {
        double[][] x = ar(400, 3, 5);
        List<ForecasterTrainer> trainers = new ArrayList<>(BaselineTrainers.all(10, 1e-6));
        trainers.add(noisy("model", 0.5, true, java.util.Set.of(), java.util.Set.of()));
        List<Summary> one = Summary.of(run(x, 1, trainers, BaselineTrainers.NAMES));
        List<Summary> five = Summary.of(run(x, 5, trainers, BaselineTrainers.NAMES));
        for (String b : BaselineTrainers.NAMES) {
            assertEquals(one.stream().filter(s -> s.model().equals(b)).toList(), five.stream().filter(s -> s.model().equals(b)).toList(), b);
        }
        assertEquals(5, five.stream().filter(s -> s.model().equals("model")).findFirst().orElseThrow().seeds());
        assertEquals(1, five.stream().filter(s -> s.model().equals("var")).findFirst().orElseThrow().seeds());
    }

    /** A trainer that fails is a skipped model with its rows kept; failed forecasts are counted and left out; fallbacks are flagged. */
    @Test
    void failuresAreStatusesAndTheRunGoesOn() {
        double[][] x = ar(400, 2, 9);
        EvaluationResult probe = run(x, 1, List.of(BaselineTrainers.of("persistence", 10, 0)), List.of("persistence"));
        int[] rows = probe.originRows();
        java.util.Set<Integer> fail = java.util.Set.of(rows[0], rows[3]);
        java.util.Set<Integer> fallback = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            fallback.add(rows[i]);
        }
        List<ForecasterTrainer> trainers = List.of(BaselineTrainers.of("persistence", 10, 0), failing("broken"),
                noisy("flaky", 0.3, false, fail, java.util.Set.of()), noisy("fallbacky", 0.3, false, java.util.Set.of(), fallback));
        EvaluationResult r = run(x, 2, trainers, List.of("persistence"));
        List<Summary> s = Summary.of(r);
        Summary broken = s.stream().filter(q -> q.model().equals("broken") && q.trainSize() == 60 && q.horizon() == 1).findFirst().orElseThrow();
        assertEquals("skipped", broken.status());
        assertTrue(Double.isNaN(broken.rmse()));
        assertTrue(broken.note().contains("diverged on purpose"), broken.note());
        Summary flaky = s.stream().filter(q -> q.model().equals("flaky") && q.horizon() == 1).findFirst().orElseThrow();
        assertEquals(2, flaky.failed());
        assertEquals(rows.length - 2, flaky.origins());
        assertEquals("ok", flaky.status());
        Summary fb = s.stream().filter(q -> q.model().equals("fallbacky") && q.horizon() == 1).findFirst().orElseThrow();
        assertEquals("mostly-fallbacks", fb.status());
        assertTrue(EvaluationReport.flags(s, "fallbacky", 60).contains("MOSTLY FALLBACKS"));
        List<String> w = r.warnings();
        assertTrue(w.stream().anyMatch(t -> t.startsWith("broken skipped at 60 training frames (2 of 2 seed(s))")), String.valueOf(w));
        assertTrue(w.stream().anyMatch(t -> t.startsWith("flaky failed at 2 of " + rows.length + " forecasts")), String.valueOf(w));
        assertTrue(w.stream().anyMatch(t -> t.startsWith("fallbacky fell back at 20 of " + rows.length) && t.contains("most of its forecasts")),
                String.valueOf(w));
        String verdict = Verdict.write(r, s, Comparison.of(r));
        assertTrue(verdict.contains("broken: skipped, not compared"), verdict);
        assertTrue(verdict.contains("fallbacky (most forecasts are fallbacks)"), verdict);
    }

    /** Holm's adjustment equals R's p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03, 0.06, 0.06, 0.02; undefined tests stay out of the family. */
    @Test
    void holmMatchesR() {
        double[] p = {0.01, 0.04, 0.03, 0.005, Double.NaN};
        List<Comparison> fam = new ArrayList<>();
        for (double v : p) {
            fam.add(new Comparison("m", "b", "baseline", 10, 1, 30, 1, -1, -2, v, Double.NaN, Comparison.Outcome.UNDEFINED));
        }
        List<Comparison> out = Comparison.holm(fam, 0.05);
        double[] expected = {0.03, 0.06, 0.06, 0.02};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], out.get(i).pHolm(), 1e-15);
        }
        assertEquals(Comparison.Outcome.BETTER, out.get(0).outcome());
        assertEquals(Comparison.Outcome.NOT_DISTINGUISHABLE, out.get(1).outcome());
        assertTrue(Double.isNaN(out.get(4).pHolm()));
        assertEquals(Comparison.Outcome.UNDEFINED, out.get(4).outcome());
    }

    @Test
    void overlapOrderFollowsTheOriginSpacing() {
        int[] every20 = {0, 20, 40, 60};
        assertEquals(1, DieboldMariano.overlapOrder(every20, 20));
        assertEquals(2, DieboldMariano.overlapOrder(every20, 21));
        assertEquals(2, DieboldMariano.overlapOrder(new int[] {0, 19, 39, 58}, 20));
        assertEquals(5, DieboldMariano.overlapOrder(new int[] {0, 1, 2, 3, 4, 5, 6}, 5));
        assertEquals(1, DieboldMariano.overlapOrder(new int[] {0, 1, 2}, 1));
    }

    /** Words come only from tests: a slightly better point estimate on few origins is "not distinguishable", a much better one is "significantly better". */
    @Test
    void verdictWordsComeFromTests() {
        double[][] x = ar(400, 2, 11);
        List<ForecasterTrainer> trainers = List.of(noisy("ref", 1.0, false, java.util.Set.of(), java.util.Set.of()),
                noisy("close", 0.97, false, java.util.Set.of(), java.util.Set.of()), BaselineTrainers.of("persistence", 10, 0));
        EvaluationResult r = run(x, 1, trainers, List.of("ref"));
        List<Comparison> tests = Comparison.of(r);
        Comparison close = tests.stream().filter(c -> c.model().equals("close") && c.horizon() == 1 && c.trainSize() == 60).findFirst().orElseThrow();
        assertEquals(Comparison.Outcome.NOT_DISTINGUISHABLE, close.outcome(), close.toString());
        Comparison pers = tests.stream().filter(c -> c.model().equals("persistence") && c.horizon() == 1 && c.trainSize() == 60).findFirst().orElseThrow();
        assertEquals(Comparison.Outcome.BETTER, pers.outcome(), pers.toString());
        String v = Verdict.write(r, Summary.of(r), tests);
        assertTrue(v.contains("close: not distinguishable at this sample size from ref"), v);
        assertTrue(v.contains("persistence: significantly better than ref (h=1 p_Holm="), v);
        assertFalse(v.contains("beats"), v);
    }

    /** A claim holds horizon by horizon only where the tests say so, and a claim with a part that was not evaluated is not testable. */
    @Test
    void claimsAreDecidedByTestsPerHorizon() {
        double[][] x = ar(400, 2, 13);
        List<ForecasterTrainer> trainers = List.of(noisy("good", 0.05, false, java.util.Set.of(), java.util.Set.of()),
                noisy("bad", 4.0, false, java.util.Set.of(), java.util.Set.of()), BaselineTrainers.of("persistence", 10, 0));
        Evaluation.Claim beats = new Evaluation.Claim("good", List.of("bad"), "good beats bad");
        Evaluation.Claim loses = new Evaluation.Claim("bad", List.of("good"), "bad beats good");
        Evaluation.Claim absent = new Evaluation.Claim("good", List.of("bad", "nowhere"), "good beats bad and nowhere");
        Evaluation.Spec sp = new Evaluation.Spec(List.of(60, 120), 10, 25, 1, List.of("persistence"), List.of(beats, loses, absent), List.of(1, 5, 10),
                0.05);
        EvaluationResult r = Evaluation.run(x, x, 120, 0, trainers, sp, UnaryOperator.identity(), (d, t) -> { });
        List<Comparison> tests = Comparison.of(r);
        List<Comparison> claim = tests.stream().filter(c -> c.kind().equals("claim") && c.model().equals("good") && c.trainSize() == 120).toList();
        assertEquals(3, claim.size(), String.valueOf(claim));
        assertTrue(claim.stream().allMatch(c -> c.outcome() == Comparison.Outcome.BETTER), String.valueOf(claim));
        String v = Verdict.write(r, Summary.of(r), tests);
        assertTrue(v.contains("Claim: good beats bad — holds at h=1, 5, 10"), v);
        assertTrue(v.contains("Claim: bad beats good — does not hold at h=1, 5, 10"), v);
        assertTrue(v.contains("Claim: good beats bad and nowhere — not testable here (nowhere was skipped or not evaluated)"), v);
    }
}
