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
