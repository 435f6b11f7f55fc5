package org.vdpnet.validation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.forecast.ForecasterTrainer;
import org.vdpnet.sim.forecast.Training;
import org.vdpnet.validation.BaselineTrainers;
import org.vdpnet.validation.EnsembleScoresTest;

/**
 * CRPS and 90 % coverage in the evaluation: members drawn from the true predictive distribution
 * of an AR(1) series are calibrated (coverage near 0.9 (m - 1) / (m + 1), about 0.88 for 101
 * members) and score a lower CRPS than members that are too narrow; seeded models without
 * members are scored with their seeds as the ensemble; deterministic ones have no scores. Every
 * CRPS is checked against the piecewise integral of {@link EnsembleScoresTest#crpsIntegral}.
 */
class ProbabilisticSummaryTest {
    static final double PHI = 0.8;

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static double[][] ar(int frames, int channels, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[frames][channels];
        for (int t = 1; t < frames; t++) {
            for (int c = 0; c < channels; c++) {
                x[t][c] = PHI * x[t - 1][c] + rnd.nextGaussian();
            }
        }
        return x;
    }

    /**
     * Forecasts the AR(1) from the last frame: with {@code members > 0}, that many paths run
     * forward with innovations of sd {@code noiseSd} (their mean is the point forecast); with none,
     * the mean path plus a small seeded offset (so that seeds differ). A forecast from an origin
     * row in {@code pointOnly} is a fallback without members.
     */
    static ForecasterTrainer model(String name, double noiseSd, int members, boolean seeded, Set<Integer> pointOnly) {
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
                            Random rnd = new Random(1_000_003L * seed + 31L * h.length + name.hashCode());
                            double[] last = h[h.length - 1];
                            double[][] mean = new double[horizon][n];
                            if (members == 0) {
                                for (int c = 0; c < n; c++) {
                                    double x = last[c];
                                    double offset = 0.3 * rnd.nextGaussian();
                                    for (int k = 0; k < horizon; k++) {
                                        x *= PHI;
                                        mean[k][c] = x + offset;
                                    }
                                }
                                out.add(Forecast.of(mean));
                                continue;
                            }
                            double[][][] m = new double[members][horizon][n];
                            for (int j = 0; j < members; j++) {
                                for (int c = 0; c < n; c++) {
                                    double x = last[c];
                                    for (int k = 0; k < horizon; k++) {
                                        x = PHI * x + noiseSd * rnd.nextGaussian();
                                        m[j][k][c] = x;
                                        mean[k][c] += x / members;
                                    }
                                }
                            }
                            out.add(pointOnly.contains(h.length - 1) ? Forecast.fallback(mean, "no members here") : Forecast.of(mean).withMembers(m));
                        }
                        return out;
                    }
                };
                return Training.of(f, Map.of(), List.of());
            }
        };
    }

    static Evaluation.Spec spec(int seeds) {
        return new Evaluation.Spec(List.of(100), 5, 300, seeds, List.of("persistence"), List.of(), List.of(1, 5), 0.05);
    }

    static Summary row(List<Summary> s, String model, int h) {
        return s.stream().filter(x -> x.model().equals(model) && x.horizon() == h).findFirst().orElseThrow();
    }

    /**
     * The CRPS of a model at horizon {@code h}, computed here from the cells: per seed, each usable
     * origin's mean over present channels of the integral CRPS of its members (its seeds' point
     * forecasts for {@code seedsEnsemble}; the forecast alone where it has no members), averaged
     * over those origins and then over seeds.
     */
    static double expectedCrps(EvaluationResult r, String model, int h, boolean seedsEnsemble) {
        List<Cell> g = r.cells(model, 100);
        int origins = r.originFrames().length;
        double total = 0;
        int groups = seedsEnsemble ? 1 : g.size();
        for (int s = 0; s < groups; s++) {
            double sum = 0;
            int used = 0;
            for (int i = 0; i < origins; i++) {
                int ii = i;
                if (g.stream().anyMatch(c -> c.status(ii) == Forecast.Status.FAILED)) {
                    continue;
                }
                double[][] y = r.truth(i);
                double o = 0;
                int present = 0;
                for (int c = 0; c < y[h - 1].length; c++) {
                    if (Double.isNaN(y[h - 1][c])) {
                        continue;
                    }
                    double[] x;
                    if (seedsEnsemble) {
                        x = new double[g.size()];
                        for (int k = 0; k < g.size(); k++) {
                            x[k] = g.get(k).forecast(i)[h - 1][c];
                        }
                    } else if (g.get(s).hasMembers(i)) {
                        double[][][] m = g.get(s).members(i);
                        x = new double[m.length];
                        for (int k = 0; k < m.length; k++) {
                            x[k] = m[k][h - 1][c];
                        }
                    } else {
                        x = new double[] {g.get(s).forecast(i)[h - 1][c]};
                    }
                    o += EnsembleScoresTest.crpsIntegral(x, y[h - 1][c]);
                    present++;
                }
                if (present > 0) {
                    sum += o / present;
                    used++;
                }
            }
            total += sum / used / groups;
        }
        return total;
    }

    @Test
    void calibratedMembersCoverAndScoreBetterThanNarrowOnes() {
        double[][] x = ar(2000, 3, 21);
        double[][] observed = ar(2000, 3, 21);
        for (int t = 700; t < 720; t++) {
            observed[t][1] = Double.NaN; // a gap in one channel's truth: skipped, as the RMSE skips it
        }
        for (int t = 900; t < 910; t++) {
            java.util.Arrays.fill(observed[t], Double.NaN); // every channel missing at some origins and horizons
        }
        List<ForecasterTrainer> trainers = List.of(BaselineTrainers.of("persistence", 10, 0), model("calibrated", 1.0, 101, true, Set.of()),
                model("narrow", 0.3, 101, false, Set.of()), model("seedy", 0, 0, true, Set.of()));
        EvaluationResult r = Evaluation.run(x, observed, 500, 0, trainers, spec(3), UnaryOperator.identity(), (d, t) -> { });
        List<Summary> s = Summary.of(r);
        double expectedCoverage = 0.9 * 100 / 102;
        double meanCoverage = 0;
        for (int h = 1; h <= 5; h++) {
            Summary cal = row(s, "calibrated", h);
            Summary nar = row(s, "narrow", h);
            assertEquals("members", cal.ensemble());
            assertEquals(101, cal.ensembleSize());
            assertEquals(3, cal.seeds());
            assertEquals("members", nar.ensemble());
            assertEquals(1, nar.seeds());
            assertEquals(expectedCoverage, cal.coverage90(), 0.05, cal.toString()); // 900 pairs: sd about 0.011
            meanCoverage += cal.coverage90() / 5;
            assertTrue(nar.coverage90() < 0.5, nar.toString());
            assertTrue(cal.crps() < nar.crps(), cal + " vs " + nar);
            assertEquals(expectedCrps(r, "calibrated", h, false), cal.crps(), 1e-9);
            assertEquals(expectedCrps(r, "narrow", h, false), nar.crps(), 1e-9);
            Summary seedy = row(s, "seedy", h);
            assertEquals("seeds", seedy.ensemble());
            assertEquals(3, seedy.ensembleSize());
            assertEquals(expectedCrps(r, "seedy", h, true), seedy.crps(), 1e-9);
            assertTrue(seedy.coverage90() >= 0 && seedy.coverage90() <= 1, seedy.toString());
            Summary p = row(s, "persistence", h);
            assertEquals("", p.ensemble());
            assertEquals(0, p.ensembleSize());
            assertTrue(Double.isNaN(p.crps()) && Double.isNaN(p.coverage90()), p.toString());
        }
        assertEquals(expectedCoverage, meanCoverage, 0.03);
    }

    @Test
    void aSeededModelWithOneSeedHasNoEnsemble() {
        double[][] x = ar(1200, 2, 3);
        List<ForecasterTrainer> trainers = List.of(BaselineTrainers.of("persistence", 10, 0), model("seedy", 0, 0, true, Set.of()));
        EvaluationResult r = Evaluation.run(x, x, 500, 0, trainers, spec(1), UnaryOperator.identity(), (d, t) -> { });
        Summary one = row(Summary.of(r), "seedy", 1);
        assertEquals("", one.ensemble());
        assertTrue(Double.isNaN(one.crps()) && Double.isNaN(one.coverage90()));
        EvaluationResult two = Evaluation.run(x, x, 500, 0, trainers, spec(2), UnaryOperator.identity(), (d, t) -> { });
        Summary s2 = row(Summary.of(two), "seedy", 3);
        assertEquals("seeds", s2.ensemble());
        assertEquals(2, s2.ensembleSize());
        assertEquals(expectedCrps(two, "seedy", 3, true), s2.crps(), 1e-9);
    }

    /** Members go through the scoring map like the point forecast: CRPS scales with a scaling of the space (CRPS(aX, ay) = a CRPS(X, y)); coverage does not change. */
    @Test
    void membersAreMappedToTheScoringSpace() {
        double[][] x = ar(1200, 2, 5);
        List<ForecasterTrainer> trainers = List.of(BaselineTrainers.of("persistence", 10, 0), model("calibrated", 1.0, 20, false, Set.of()));
        EvaluationResult plain = Evaluation.run(x, x, 500, 0, trainers, spec(1), UnaryOperator.identity(), (d, t) -> { });
        UnaryOperator<double[]> scaled = v -> {
            double[] o = new double[v.length];
            for (int c = 0; c < v.length; c++) {
                o[c] = 3 * v[c] + 1;
            }
            return o;
        };
        EvaluationResult mapped = Evaluation.run(x, x, 500, 0, trainers, spec(1), scaled, (d, t) -> { });
        Cell a = plain.cells("calibrated", 100).get(0);
        Cell b = mapped.cells("calibrated", 100).get(0);
        assertEquals(3 * a.members(4)[7][2][1] + 1, b.members(4)[7][2][1], 1e-12);
        double[][][] copy = b.members(4);
        copy[0][0][0] = 1e9;
        assertFalse(b.members(4)[0][0][0] == 1e9, "members are copied out");
        for (int h = 1; h <= 5; h++) {
            Summary p = row(Summary.of(plain), "calibrated", h);
            Summary q = row(Summary.of(mapped), "calibrated", h);
            assertEquals(3 * p.crps(), q.crps(), 1e-9);
            assertEquals(p.coverage90(), q.coverage90(), 0);
        }
    }

    /** A fallback without members is scored as a point forecast (its absolute error) and the note counts it. */
    @Test
    void forecastsWithoutMembersAreScoredAsPointForecastsAndCounted() {
        double[][] x = ar(1200, 2, 8);
        EvaluationResult probe = Evaluation.run(x, x, 500, 0, List.of(BaselineTrainers.of("persistence", 10, 0)), spec(1), UnaryOperator.identity(),
                (d, t) -> { });
        int[] rows = probe.originRows();
        Set<Integer> pointOnly = Set.of(rows[2], rows[10], rows[11]);
        List<ForecasterTrainer> trainers = List.of(BaselineTrainers.of("persistence", 10, 0), model("mixed", 1.0, 30, true, pointOnly));
        EvaluationResult r = Evaluation.run(x, x, 500, 0, trainers, spec(2), UnaryOperator.identity(), (d, t) -> { });
        List<Summary> s = Summary.of(r);
        Summary m = row(s, "mixed", 2);
        assertEquals("members", m.ensemble());
        assertEquals(30, m.ensembleSize());
        assertTrue(m.note().contains("6 of " + 2 * rows.length + " scored forecasts carried no members"), m.note());
        assertEquals(expectedCrps(r, "mixed", 2, false), m.crps(), 1e-9);
    }

    @Test
    void theReportHasTheNewColumnsAndTable() throws IOException {
        double[][] x = ar(1200, 2, 13);
        List<ForecasterTrainer> trainers = List.of(BaselineTrainers.of("persistence", 10, 0), model("calibrated", 1.0, 40, true, Set.of()),
                model("seedy", 0, 0, true, Set.of()));
        EvaluationResult r = Evaluation.run(x, x, 500, 0, trainers, spec(3), UnaryOperator.identity(), (d, t) -> { });
        List<Summary> s = Summary.of(r);
        EvaluationReport.write(dir, r, s, Comparison.of(r), new EvaluationReport.Context("t", "intro", "RMSE", List.of(1, 5), Map.of("k", "v"), "cmd",
                List.of()));
        List<String> csv = Files.readAllLines(dir.resolve("summary.csv"));
        assertEquals("model,train_size,horizon,rmse,rmse_ci_low,rmse_ci_high,mae,nrmse,mase,smape,path_r,origins,seeds,failed_origins,fallbacks,"
                + "forecasts,status,note,crps,coverage90,ensemble,ensemble_size", csv.get(0));
        String pers = csv.stream().filter(l -> l.startsWith("persistence,")).findFirst().orElseThrow();
        assertTrue(pers.endsWith(",ok,,NaN,NaN,,0"), pers);
        String cal = csv.stream().filter(l -> l.startsWith("calibrated,100,1,")).findFirst().orElseThrow();
        assertTrue(cal.endsWith(",members,40"), cal);
        assertTrue(cal.contains(String.format(java.util.Locale.ROOT, ",%.6g,%.6g,members", row(s, "calibrated", 1).crps(),
                row(s, "calibrated", 1).coverage90())), cal);
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("seedy,100,5,") && l.endsWith(",seeds,3")));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("## Probabilistic scores"), md);
        assertTrue(md.contains("| calibrated | 100 | members | 40 |"), md);
        assertTrue(md.contains("| seedy | 100 | seeds | 3 |"), md);
        assertTrue(md.contains(" 0.450 |\n"), "the calibrated coverage of 3 seeds: " + md);
        assertFalse(md.contains("| persistence | 100 | |"), md);
        assertTrue(md.contains("0.9 (m − 1)/(m + 1)"), md);
        assertTrue(Files.readString(dir.resolve("report.html")).contains("Probabilistic scores"));
    }

    @Test
    void withoutEnsemblesTheReportSaysSo() {
        double[][] x = ar(1200, 2, 13);
        EvaluationResult r = Evaluation.run(x, x, 500, 0, List.of(BaselineTrainers.of("persistence", 10, 0)), spec(3), UnaryOperator.identity(),
                (d, t) -> { });
        assertTrue(EvaluationReport.probabilistic(Summary.of(r), 5).contains("No model gave a forecast distribution"));
    }
}
