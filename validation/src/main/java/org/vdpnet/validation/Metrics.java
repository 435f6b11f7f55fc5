package org.vdpnet.validation;

import org.vdpnet.sim.Statistics;

/**
 * Forecast errors per horizon and channel over a set of origins ({@code [origin][horizon][channel]}
 * arrays): RMSE, MAE, NRMSE (RMSE over the test period's standard deviation of that channel),
 * MASE (MAE over the training part's mean absolute one-step change, Hyndman and Koehler 2006),
 * sMAPE (percent) and the Pearson r between forecast and truth paths over the horizon.
 *
 * <p>A missing true value (NaN, a gap in the recording) is skipped: each mean is over the
 * pairs whose truth is present. A non-finite forecast is a caller's error: failed forecasts are
 * statuses ({@link org.vdpnet.sim.forecast.Forecast.Status#FAILED}) to be left out before
 * scoring, so it raises an {@link IllegalStateException}.
 *
 * <p>Scores of a forecast distribution given as equally weighted members (an ensemble) against
 * one scalar truth: the ensemble CRPS ({@link #crps}), empirical quantiles ({@link #quantile}, type
 * 7: numpy's and R's default linear interpolation) and whether the truth lies in a central
 * interval ({@link #covered}). A missing truth (NaN) gives NaN.
 */
public final class Metrics {
    private Metrics() {}

    /** RMSE {@code [horizon][channel]}. */
    public static double[][] rmse(double[][][] f, double[][][] y) {
        double[][] m = mean(f, y, (a, b) -> (a - b) * (a - b));
        for (double[] row : m) {
            for (int c = 0; c < row.length; c++) {
                row[c] = Math.sqrt(row[c]);
            }
        }
        return m;
    }

    /** RMSE over origins and channels together (the root of the mean square), {@code [horizon]}. */
    public static double[] pooledRmse(double[][][] f, double[][][] y) {
        double[] p = overChannels(mean(f, y, (a, b) -> (a - b) * (a - b)));
        for (int h = 0; h < p.length; h++) {
            p[h] = Math.sqrt(p[h]);
        }
        return p;
    }

    /**
     * RMSE over channels of each single forecast, {@code [origin][horizon]} (the samples behind an
     * interval over origins); NaN where every channel's truth is missing.
     */
    public static double[][] rmsePerOrigin(double[][][] f, double[][][] y) {
        double[][] r = new double[y.length][y[0].length];
        for (int o = 0; o < y.length; o++) {
            for (int h = 0; h < y[o].length; h++) {
                double se = 0;
                int k = 0;
                for (int c = 0; c < y[o][h].length; c++) {
                    if (Double.isNaN(y[o][h][c])) {
                        continue;
                    }
                    double d = checked(f[o][h][c], o, h, c) - y[o][h][c];
                    se += d * d;
                    k++;
                }
                r[o][h] = k == 0 ? Double.NaN : Math.sqrt(se / k);
            }
        }
        return r;
    }

    /** MAE {@code [horizon][channel]}. */
    public static double[][] mae(double[][][] f, double[][][] y) { return mean(f, y, (a, b) -> Math.abs(a - b)); }

    /** sMAPE in percent, {@code 200 |f - y| / (|f| + |y|)} averaged (0 where both are 0). */
    public static double[][] smape(double[][][] f, double[][][] y) {
        return mean(f, y, (a, b) -> Math.abs(a) + Math.abs(b) == 0 ? 0 : 200 * Math.abs(a - b) / (Math.abs(a) + Math.abs(b)));
    }

    /** NRMSE: RMSE divided by each channel's standard deviation {@code sd[channel]} over the test period. */
    public static double[][] nrmse(double[][][] f, double[][][] y, double[] sd) {
        double[][] r = rmse(f, y);
        for (double[] row : r) {
            for (int c = 0; c < row.length; c++) {
                row[c] /= sd[c];
            }
        }
        return r;
    }

    /**
     * MASE: MAE divided by the training frames' mean absolute one-step change per channel (steps
     * touching a missing training value are left out).
     */
    public static double[][] mase(double[][][] f, double[][][] y, double[][] train) {
        int n = train[0].length;
        double[] scale = new double[n];
        for (int c = 0; c < n; c++) {
            java.util.List<Double> steps = new java.util.ArrayList<>();
            for (int t = 1; t < train.length; t++) {
                double d = Math.abs(train[t][c] - train[t - 1][c]);
                if (!Double.isNaN(d)) {
                    steps.add(d);
                }
            }
            scale[c] = Statistics.mean(steps.stream().mapToDouble(Double::doubleValue).toArray());
        }
        double[][] m = mae(f, y);
        for (double[] row : m) {
            for (int c = 0; c < n; c++) {
                row[c] /= scale[c];
            }
        }
        return m;
    }

    /**
     * Pearson r between the forecast and true paths over the horizon, averaged over origins, per
     * channel. Origins where r is undefined (a flat forecast or true path, as persistence's) or the
     * true path has a gap are left out; NaN if none is left.
     */
    public static double[] pathCorrelation(double[][][] f, double[][][] y) {
        int n = y[0][0].length;
        int hz = y[0].length;
        double[] r = new double[n];
        int[] used = new int[n];
        double[] a = new double[hz];
        double[] b = new double[hz];
        for (int o = 0; o < y.length; o++) {
            for (int c = 0; c < n; c++) {
                boolean gap = false;
                for (int h = 0; h < hz; h++) {
                    a[h] = checked(f[o][h][c], o, h, c);
                    b[h] = y[o][h][c];
                    gap |= Double.isNaN(b[h]);
                }
                if (gap) {
                    continue;
                }
                double v = Statistics.pearson(a, b);
                if (!Double.isNaN(v)) {
                    r[c] += v;
                    used[c]++;
                }
            }
        }
        for (int c = 0; c < n; c++) {
            r[c] = used[c] == 0 ? Double.NaN : r[c] / used[c];
        }
        return r;
    }

    /**
     * Squared errors averaged over the channels whose truth is present at horizon {@code h}
     * (1-based), one per origin (NaN where none is): the losses for Diebold–Mariano.
     */
    public static double[] squaredErrors(double[][][] f, double[][][] y, int h) {
        double[] l = new double[y.length];
        for (int o = 0; o < y.length; o++) {
            int k = 0;
            for (int c = 0; c < y[o][h - 1].length; c++) {
                if (Double.isNaN(y[o][h - 1][c])) {
                    continue;
                }
                double d = checked(f[o][h - 1][c], o, h - 1, c) - y[o][h - 1][c];
                l[o] += d * d;
                k++;
            }
            l[o] = k == 0 ? Double.NaN : l[o] / k;
        }
        return l;
    }

    /**
     * The CRPS of the empirical distribution of the members {@code x_1..x_m} against the truth
     * {@code y}: {@code mean_i |x_i - y| - (1 / (2 m^2)) sum_ij |x_i - x_j|}, which equals
     * {@code ∫ (F_m(z) - 1{z >= y})^2 dz}. Computed in O(m log m): with the members sorted,
     * {@code sum_ij |x_i - x_j| = 2 sum_k (2k - m + 1) x_(k)} (k from 0). For one member it is the
     * absolute error. Lower is better; in the units of the data.
     *
     * @param members at least one member, all finite (not changed)
     * @param truth   the true value, finite, or NaN where it is missing (the score is then NaN)
     */
    public static double crps(double[] members, double truth) {
        double[] x = sortedMembers(members, "crps");
        if (checkTruth(truth, "crps")) {
            return Double.NaN;
        }
        int m = x.length;
        double abs = 0;
        double spread = 0;
        for (int k = 0; k < m; k++) {
            abs += Math.abs(x[k] - truth);
            spread += (2.0 * k - m + 1) * x[k];
        }
        return abs / m - spread / ((double) m * m);
    }

    /**
     * The empirical {@code p} quantile of the values by linear interpolation between order
     * statistics (Hyndman and Fan's type 7; numpy's {@code quantile} default and R's
     * {@code quantile} default): with the values sorted, {@code g = (m - 1) p},
     * {@code q = x_(floor g) + (g - floor g) (x_(floor g + 1) - x_(floor g))} (k from 0).
     *
     * @param values at least one value, all finite (not changed)
     * @param p      in [0, 1]
     */
    public static double quantile(double[] values, double p) {
        checkProbability(p, "quantile: p");
        return sortedQuantile(sortedMembers(values, "quantile"), p);
    }

    /**
     * The central {@code level} interval of the members: their empirical {@code (1 - level) / 2}
     * and {@code (1 + level) / 2} quantiles ({@link #quantile}, type 7), {@code {low, high}}; for
     * 0.9 the 5 % and 95 % quantiles.
     *
     * @param members at least one member, all finite (not changed)
     * @param level   in (0, 1)
     */
    public static double[] centralInterval(double[] members, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("central interval: level must be in (0, 1), got " + level);
        }
        double[] x = sortedMembers(members, "central interval");
        return new double[] {sortedQuantile(x, (1 - level) / 2), sortedQuantile(x, (1 + level) / 2)};
    }

    /**
     * Whether the truth lies in the members' central {@code level} interval
     * ({@link #centralInterval}, ends included): 1 if it does, 0 if not, NaN where the truth is
     * missing (NaN). Averaged over forecasts it is the interval's coverage. With {@code m}
     * exchangeable members a calibrated ensemble covers only about {@code level (m - 1) / (m + 1)}
     * of the truths (exactly, for a continuous distribution, when {@code (m - 1) (1 - level) / 2}
     * is a whole number), since the expected probability below the k-th of m order statistics is
     * {@code k / (m + 1)}; see {@link #calibratedCoverage}.
     */
    public static double covered(double[] members, double truth, double level) {
        double[] iv = centralInterval(members, level);
        if (checkTruth(truth, "coverage")) {
            return Double.NaN;
        }
        return truth >= iv[0] && truth <= iv[1] ? 1 : 0;
    }

    /**
     * The coverage a calibrated ensemble of {@code m} exchangeable members is expected to have
     * with its central {@code level} interval ({@link #covered}): {@code level (m - 1) / (m + 1)}
     * (0.45 for 3 members and level 0.9). Exact for a continuous distribution when
     * {@code (m - 1) (1 - level) / 2} is a whole number, close otherwise; it tends to
     * {@code level} as m grows.
     *
     * @param members m, at least 1
     * @param level   in (0, 1)
     */
    public static double calibratedCoverage(int members, double level) {
        if (members < 1) {
            throw new IllegalArgumentException("calibrated coverage: members must be >= 1, got " + members);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("calibrated coverage: level must be in (0, 1), got " + level);
        }
        return level * (members - 1) / (members + 1.0);
    }

    private static double sortedQuantile(double[] x, double p) {
        double g = (x.length - 1) * p;
        int lo = (int) Math.floor(g);
        if (lo >= x.length - 1) {
            return x[x.length - 1];
        }
        return x[lo] + (g - lo) * (x[lo + 1] - x[lo]);
    }

    private static double[] sortedMembers(double[] members, String what) {
        if (members == null || members.length == 0) {
            throw new IllegalArgumentException(what + ": members must hold at least 1 value, got " + (members == null ? "null" : "none"));
        }
        double[] x = members.clone();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(what + ": members must be finite, member " + i + " is " + x[i]);
            }
        }
        java.util.Arrays.sort(x);
        return x;
    }

    /** True where the truth is missing (NaN); an infinite truth is refused. */
    private static boolean checkTruth(double truth, String what) {
        if (Double.isNaN(truth)) {
            return true;
        }
        if (Double.isInfinite(truth)) {
            throw new IllegalArgumentException(what + ": truth must be finite or NaN (missing), got " + truth);
        }
        return false;
    }

    private static void checkProbability(double p, String what) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + p);
        }
    }

    /** Averages a channel-wise error over channels: {@code [horizon]}. */
    public static double[] overChannels(double[][] m) {
        double[] a = new double[m.length];
        for (int h = 0; h < m.length; h++) {
            for (double v : m[h]) {
                a[h] += v / m[h].length;
            }
        }
        return a;
    }

    private interface Err {
        double of(double forecast, double truth);
    }

    private static double checked(double forecast, int o, int h, int c) {
        if (!Double.isFinite(forecast)) {
            throw new IllegalStateException("metrics: non-finite forecast " + forecast + " at origin " + o + ", horizon " + (h + 1) + ", channel " + c
                    + "; leave failed forecasts out before scoring");
        }
        return forecast;
    }

    private static double[][] mean(double[][][] f, double[][][] y, Err e) {
        if (f.length != y.length || f.length == 0) {
            throw new IllegalArgumentException("metrics: " + f.length + " forecasts for " + y.length + " origins");
        }
        int hz = y[0].length;
        int n = y[0][0].length;
        double[][] m = new double[hz][n];
        int[][] count = new int[hz][n];
        for (int o = 0; o < y.length; o++) {
            for (int h = 0; h < hz; h++) {
                for (int c = 0; c < n; c++) {
                    if (Double.isNaN(y[o][h][c])) {
                        continue;
                    }
                    m[h][c] += e.of(checked(f[o][h][c], o, h, c), y[o][h][c]);
                    count[h][c]++;
                }
            }
        }
        for (int h = 0; h < hz; h++) {
            for (int c = 0; c < n; c++) {
                m[h][c] = count[h][c] == 0 ? Double.NaN : m[h][c] / count[h][c];
            }
        }
        return m;
    }
}
