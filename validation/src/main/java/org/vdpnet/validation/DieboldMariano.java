package org.vdpnet.validation;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The Diebold–Mariano test of equal forecast accuracy with the Harvey, Leybourne and Newbold
 * (1997) small-sample correction: for loss differentials {@code d_t} of {@code h}-step forecasts,
 * {@code DM = mean(d) / sqrt(V / n)} with {@code V = gamma_0 + 2 sum_{k=1}^{h-1} gamma_k}
 * (autocovariances with divisor n), then {@code DM* = DM sqrt((n + 1 - 2h + h(h-1)/n) / n)},
 * compared with Student's t on n - 1 degrees of freedom (Commons Statistics).
 */
public final class DieboldMariano {
    private DieboldMariano() {}

    /**
     * @param statistic the corrected statistic; negative when the first model's losses are smaller
     * @param pValue    two-sided
     */
    public record Result(double statistic, double pValue, int n) {}

    /** Tests losses {@code a[t]} against {@code b[t]} (d = a - b) of {@code h}-step forecasts. */
    public static Result test(double[] a, double[] b, int h) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("diebold-mariano: " + a.length + " and " + b.length + " losses");
        }
        int n = a.length;
        if (n < 3 || h < 1 || h >= n) {
            throw new IllegalArgumentException("diebold-mariano: needs 3 or more losses and 1 <= h < n, got n = " + n + ", h = " + h);
        }
        double[] d = new double[n];
        double mean = 0;
        for (int t = 0; t < n; t++) {
            d[t] = a[t] - b[t];
            mean += d[t] / n;
        }
        double v = 0;
        for (int k = 0; k < h; k++) {
            double g = 0;
            for (int t = k; t < n; t++) {
                g += (d[t] - mean) * (d[t - k] - mean);
            }
            g /= n;
            v += k == 0 ? g : 2 * g;
        }
        if (!(v > 0)) {
            return new Result(mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean), mean == 0 ? 1 : 0, n);
        }
        double dm = mean / Math.sqrt(v / n);
        double corrected = dm * Math.sqrt((n + 1 - 2.0 * h + h * (h - 1.0) / n) / n);
        double p = 2 * TDistribution.of(n - 1).survivalProbability(Math.abs(corrected));
        return new Result(corrected, p, n);
    }
}
