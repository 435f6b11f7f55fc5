package org.vdpnet.validation.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;
import org.vdpnet.sim.Statistics;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.validation.DieboldMariano;
import org.vdpnet.validation.Metrics;

/**
 * One row of the summary: a model at a training size and horizon.
 *
 * <p>The point estimate {@code rmse} is the mean over origins of each forecast's RMSE over
 * channels (for a seeded model, first averaged over the seeds at each origin). Its 95 % interval
 * is {@code rmse ± t(0.975, n - 1) sqrt(V / n + s² / S)}: {@code V} the Newey–West (Bartlett)
 * long-run variance of the per-origin values with as many lags as neighbouring forecast windows
 * overlap (the dependence order of {@link DieboldMariano#overlapOrder} minus one), {@code s²}
 * the variance of the S per-seed means (the training's own variability; none for a
 * deterministic model, which is trained once whatever the seeds). The interval is symmetric
 * about the point estimate, so it always contains it. Origins where any seed failed are left
 * out and counted (so models with failures are scored on fewer origins than the others); with
 * fewer than two origins the interval is NaN and flagged; MAE, NRMSE (over the test truth's sd), MASE and sMAPE are means over the same
 * origins (and seeds); {@code pathR} is over horizons 1..H.
 *
 * <p>Probabilistic scores, where the model gives a forecast distribution (an ensemble): with
 * {@code ensemble = "members"} the model's forecasts carry members ({@link Forecast#hasMembers()})
 * and each seed's members are scored, the scores averaged over the seeds; with
 * {@code ensemble = "seeds"} a seeded model whose forecasts carry none but which has at least 2
 * trained seeds is scored with the seeds' point forecasts at each origin as the ensemble (the
 * training's variability, not a forecast distribution the model states). Otherwise (a
 * deterministic model, a single seed) the ensemble is {@code ""}, its size 0 and both scores NaN.
 * {@code crps} is the ensemble CRPS ({@link Metrics#crps}) averaged over the components whose truth
 * is present at each origin, then over the same origins as the RMSE point estimate (origins where
 * a seed failed, or where every component's truth is missing, are left out). {@code coverage90}
 * is the fraction of (origin, component) pairs with a present truth whose truth lies in the
 * ensemble's central 90 % interval, its empirical 5 % and 95 % quantiles ({@link Metrics#quantile},
 * type 7, numpy's default). A calibrated ensemble of m members covers only about
 * {@link Metrics#calibratedCoverage 0.9 (m - 1) / (m + 1)}, so with few members coverage is coarse.
 * A forecast of a members model that carries none (such as a fallback) is scored as a point
 * forecast, a one-member ensemble (its CRPS is its absolute error), and the note says how many.
 *
 * @param status    {@code ok}; {@code skipped} (no seed trained: the numbers are NaN); {@code all-failed}
 *                  (no origin left to score: NaN); {@code mostly-failed} (more than half of the origins
 *                  failed and are left out); {@code mostly-fallbacks} (more than half of its forecasts are fallbacks)
 * @param note      why it was skipped, or a model's own note (such as why it does not change with the size), and how many
 *                  forecasts of a members model carried no members
 * @param crps         the ensemble CRPS at this horizon (lower is better; in the error units); NaN without an ensemble
 * @param coverage90   the fraction of truths in the ensemble's central 90 % interval; NaN without an ensemble
 * @param ensemble     how the ensemble was formed: {@code "members"}, {@code "seeds"} or {@code ""} (none)
 * @param ensembleSize members per forecast (the smallest, if it varies) or seeds; 0 without an ensemble
 */
public record Summary(String model, int trainSize, int horizon, double rmse, double rmseLow, double rmseHigh, double mae, double nrmse,
                      double mase, double smape, double pathR, int origins, int seeds, int failed, int fallbacks, int forecasts, String status,
                      String note, double crps, double coverage90, String ensemble, int ensembleSize) {
    /** The central interval whose coverage is reported. */
    public static final double COVERAGE_LEVEL = 0.9;

    /** An ensemble made of the model's own forecast members. */
    public static final String MEMBERS = "members";

    /** An ensemble made of the seeds' point forecasts. */
    public static final String SEEDS = "seeds";

    /** The rows of every model, size and horizon. */
    public static List<Summary> of(EvaluationResult r) {
        List<Summary> out = new ArrayList<>();
        double[] sd = testSd(r);
        for (String m : r.models()) {
            for (int size : r.spec().trainSizes()) {
                out.addAll(rows(r, m, size, sd));
            }
        }
        return out;
    }

    private static List<Summary> rows(EvaluationResult r, String m, int size, double[] sd) {
        List<Cell> all = r.cells(m, size);
        List<Cell> g = all.stream().filter(c -> !c.skipped()).toList();
        int hz = r.spec().horizon();
        List<Summary> out = new ArrayList<>();
        String note = all.stream().flatMap(c -> c.training().note().stream()).distinct().reduce((a, b) -> a + "; " + b).orElse("");
        if (g.isEmpty()) {
            String why = all.get(0).training().skipReason();
            for (int h = 1; h <= hz; h++) {
                out.add(new Summary(m, size, h, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0,
                        0, 0, 0, 0, "skipped", why, Double.NaN, Double.NaN, "", 0));
            }
            return out;
        }
        int[] usable = usableOrigins(g);
        int failed = r.originFrames().length - usable.length;
        int fallbacks = 0;
        int forecasts = 0;
        for (Cell c : g) {
            fallbacks += c.count(Forecast.Status.FALLBACK);
            forecasts += c.origins();
        }
        int origins = r.originFrames().length;
        String status = usable.length == 0 ? "all-failed" : 2 * failed > origins ? "mostly-failed" : 2 * fallbacks > forecasts ? "mostly-fallbacks" : "ok";
        int seeds = g.size();
        double[][][] truth = r.truthAt(usable);
        double[][] train = r.trainFrames(size);
        double[][][] perSeed = new double[seeds][][]; // [seed][origin][horizon]
        double[] mae = new double[hz];
        double[] nrmse = new double[hz];
        double[] mase = new double[hz];
        double[] smape = new double[hz];
        double pathR = 0;
        for (int s = 0; s < seeds; s++) {
            double[][][] f = g.get(s).at(usable);
            if (usable.length == 0) {
                continue;
            }
            perSeed[s] = Metrics.rmsePerOrigin(f, truth);
            add(mae, Metrics.overChannels(Metrics.mae(f, truth)), seeds);
            add(nrmse, Metrics.overChannels(Metrics.nrmse(f, truth, sd)), seeds);
            add(mase, Metrics.overChannels(Metrics.mase(f, truth, train)), seeds);
            add(smape, Metrics.overChannels(Metrics.smape(f, truth)), seeds);
            pathR += Statistics.mean(Metrics.pathCorrelation(f, truth)) / seeds;
        }
        int[] usableFrames = new int[usable.length];
        for (int k = 0; k < usable.length; k++) {
            usableFrames[k] = r.originFrames()[usable[k]];
        }
        Ensemble ens = ensemble(g, usable, truth, hz);
        String rowNote = ens.note().isEmpty() ? note : note.isEmpty() ? ens.note() : note + "; " + ens.note();
        for (int h = 0; h < hz; h++) {
            double[] est = usable.length == 0 ? new double[] {Double.NaN, Double.NaN, Double.NaN, 0} : estimate(perSeed, h, usableFrames, h + 1);
            out.add(new Summary(m, size, h + 1, est[0], est[1], est[2], usable.length == 0 ? Double.NaN : mae[h], usable.length == 0 ? Double.NaN
                    : nrmse[h], usable.length == 0 ? Double.NaN : mase[h], usable.length == 0 ? Double.NaN : smape[h], usable.length == 0 ? Double.NaN
                    : pathR, (int) est[3], seeds, failed, fallbacks, forecasts, status, rowNote, ens.crps()[h], ens.coverage()[h], ens.kind(), ens.size()));
        }
        return out;
    }

    /** A model's probabilistic scores at one size: per horizon, with how the ensemble was formed, its size and a note. */
    private record Ensemble(double[] crps, double[] coverage, String kind, int size, String note) {
        static Ensemble none(int hz) {
            double[] nan = new double[hz];
            java.util.Arrays.fill(nan, Double.NaN);
            return new Ensemble(nan, nan.clone(), "", 0, "");
        }
    }

    /** The ensemble of the trained cells {@code g} at the usable origins (see the type's comment), scored against their truth. */
    private static Ensemble ensemble(List<Cell> g, int[] usable, double[][][] truth, int hz) {
        int size = Integer.MAX_VALUE;
        for (Cell c : g) {
            for (int i = 0; i < c.origins(); i++) {
                if (c.hasMembers(i)) {
                    size = Math.min(size, c.membersAt(i).length);
                }
            }
        }
        if (size != Integer.MAX_VALUE) {
            double[] crps = new double[hz];
            double[] coverage = new double[hz];
            int without = 0;
            for (Cell c : g) {
                double[][][][] ens = new double[usable.length][][][];
                for (int k = 0; k < usable.length; k++) {
                    ens[k] = c.membersAt(usable[k]);
                    if (ens[k] == null) {
                        ens[k] = new double[][][] {c.forecastAt(usable[k])}; // a point forecast: a one-member ensemble
                        without++;
                    }
                }
                double[][] sc = score(ens, truth, hz);
                add(crps, sc[0], g.size());
                add(coverage, sc[1], g.size());
            }
            String note = without == 0 ? "" : without + " of " + usable.length * g.size() + " scored forecasts carried no members and are scored "
                    + "as point forecasts in CRPS and coverage";
            return new Ensemble(crps, coverage, MEMBERS, size, note);
        }
        if (g.get(0).seeded() && g.size() >= 2) {
            double[][][][] ens = new double[usable.length][g.size()][][];
            for (int k = 0; k < usable.length; k++) {
                for (int s = 0; s < g.size(); s++) {
                    ens[k][s] = g.get(s).forecastAt(usable[k]);
                }
            }
            double[][] sc = score(ens, truth, hz);
            return new Ensemble(sc[0], sc[1], SEEDS, g.size(), "");
        }
        return Ensemble.none(hz);
    }

    /**
     * {@code {crps[horizon], coverage[horizon]}} of ensembles {@code [origin][member][horizon][channel]}
     * against {@code truth[origin][horizon][channel]}: CRPS averaged over the channels whose truth is
     * present, then over the origins with any; coverage over every (origin, channel) pair with a
     * present truth. NaN where nothing is left.
     */
    static double[][] score(double[][][][] ens, double[][][] truth, int hz) {
        double[] crps = new double[hz];
        double[] coverage = new double[hz];
        for (int h = 0; h < hz; h++) {
            double sum = 0;
            int origins = 0;
            double hits = 0;
            int pairs = 0;
            for (int k = 0; k < ens.length; k++) {
                int n = truth[k][h].length;
                double o = 0;
                int present = 0;
                for (int c = 0; c < n; c++) {
                    double y = truth[k][h][c];
                    if (Double.isNaN(y)) {
                        continue;
                    }
                    double[] x = new double[ens[k].length];
                    for (int m = 0; m < x.length; m++) {
                        x[m] = ens[k][m][h][c];
                    }
                    o += Metrics.crps(x, y);
                    hits += Metrics.covered(x, y, COVERAGE_LEVEL);
                    present++;
                }
                if (present > 0) {
                    sum += o / present;
                    origins++;
                    pairs += present;
                }
            }
            crps[h] = origins == 0 ? Double.NaN : sum / origins;
            coverage[h] = pairs == 0 ? Double.NaN : hits / pairs;
        }
        return new double[][] {crps, coverage};
    }

    /** Origins (indices) where every seed gave a forecast that did not fail. */
    static int[] usableOrigins(List<Cell> g) {
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < g.get(0).origins(); i++) {
            boolean all = true;
            for (Cell c : g) {
                all &= c.status(i) != Forecast.Status.FAILED;
            }
            if (all) {
                ok.add(i);
            }
        }
        return ok.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {estimate, low, high, origins used} at horizon index h from {@code perSeed[seed][origin][horizon]}. */
    static double[] estimate(double[][][] perSeed, int h, int[] originFrames, int horizon) {
        int seeds = perSeed.length;
        List<Double> avg = new ArrayList<>();
        List<Integer> frames = new ArrayList<>();
        double[] seedMeans = new double[seeds];
        int[] seedCounts = new int[seeds];
        for (int o = 0; o < perSeed[0].length; o++) {
            double v = 0;
            for (int s = 0; s < seeds; s++) {
                v += perSeed[s][o][h] / seeds;
            }
            if (Double.isNaN(v)) {
                continue; // every channel's truth missing at this origin and horizon
            }
            avg.add(v);
            frames.add(originFrames[o]);
            for (int s = 0; s < seeds; s++) {
                seedMeans[s] += perSeed[s][o][h];
                seedCounts[s]++;
            }
        }
        int n = avg.size();
        double[] x = avg.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = Statistics.mean(x);
        if (n < 2) {
            return new double[] {mean, Double.NaN, Double.NaN, n};
        }
        int lags = DieboldMariano.overlapOrder(frames.stream().mapToInt(Integer::intValue).toArray(), horizon) - 1;
        double v = longRunVariance(x, lags);
        double seedVar = 0;
        if (seeds > 1) {
            for (int s = 0; s < seeds; s++) {
                seedMeans[s] /= seedCounts[s];
            }
            seedVar = Statistics.variance(seedMeans) / seeds;
        }
        double half = TDistribution.of(n - 1).inverseSurvivalProbability(0.025) * Math.sqrt(v / n + seedVar);
        return new double[] {mean, mean - half, mean + half, n};
    }

    /**
     * Newey–West: {@code (gamma_0 + 2 sum_{k=1}^{L} (1 - k / (L + 1)) gamma_k) n / (n - 1)}, never
     * negative (Bartlett weights give a positive semi-definite estimate).
     */
    static double longRunVariance(double[] x, int lags) {
        int l = Math.min(lags, x.length - 1);
        double v = Statistics.autocovariance(x, 0);
        for (int k = 1; k <= l; k++) {
            v += 2 * (1 - k / (l + 1.0)) * Statistics.autocovariance(x, k);
        }
        return v * x.length / (x.length - 1.0); // Bartlett weights keep it >= 0; n / (n - 1) as sandwich's adjust = TRUE
    }

    private static void add(double[] sum, double[] v, int count) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += v[i] / count;
        }
    }

    /** Standard deviation of each channel over the observed test truth (every frame once). */
    private static double[] testSd(EvaluationResult r) {
        int n = r.channels();
        double[] sd = new double[n];
        int[] rows = r.originRows();
        java.util.TreeMap<Integer, double[]> frames = new java.util.TreeMap<>();
        for (int i = 0; i < rows.length; i++) {
            double[][] t = r.truth(i);
            for (int h = 0; h < t.length; h++) {
                frames.putIfAbsent(rows[i] + 1 + h, t[h]);
            }
        }
        for (int c = 0; c < n; c++) {
            int cc = c;
            sd[c] = Statistics.sd(frames.values().stream().mapToDouble(f -> f[cc]).filter(v -> !Double.isNaN(v)).toArray());
        }
        return sd;
    }
}
