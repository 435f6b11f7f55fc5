package org.vdpnet.validation;

import org.apache.commons.statistics.distribution.TDistribution;
import org.vdpnet.sim.Statistics;

/**
 * The Diebold–Mariano test of equal forecast accuracy with the Harvey, Leybourne and Newbold
 * (1997) small-sample correction, as R's {@code forecast::dm.test}: for loss differentials
 * {@code d_t}, {@code DM = mean(d) / sqrt(V / n)} with {@code V = gamma_0 + 2 sum_{k=1}^{h-1} gamma_k}
 * (autocovariances with divisor n), then {@code DM* = DM sqrt((n + 1 - 2h + h(h-1)/n) / n)},
 * compared with Student's t on n - 1 degrees of freedom (Commons Statistics).
 *
 * <p>Here {@code h} is the dependence order of the loss series, not the forecast horizon as such:
 * for {@code H}-step forecasts from origins one frame apart it is {@code H} (neighbouring
 * forecast windows overlap, so the differentials are MA(H-1)), and for origins {@code s} frames
 * apart it is {@link #overlapOrder}. Where the test is undefined (a variance estimate that is
 * not positive, fewer than 3 losses, {@code h >= n}) the statistic and p-value are NaN, never
 * p = 0; R instead falls back to {@code h = 1} with a warning when the variance is negative.
 */
public final class DieboldMariano {
    private DieboldMariano() {}

    /**
     * @param statistic the corrected statistic; negative when the first model's losses are smaller; NaN when undefined
     * @param pValue    two-sided; NaN when undefined
     * @param n         losses
     * @param h         the dependence order used (autocovariance lags h - 1)
     */
    public record Result(double statistic, double pValue, int n, int h) {
        /** Whether the test is defined. */
        public boolean defined() { return !Double.isNaN(pValue); }
    }

    /** Tests losses {@code a[t]} against {@code b[t]} (d = a - b) with dependence order {@code h} (as dm.test's h). */
    public static Result test(double[] a, double[] b, int h) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("diebold-mariano: " + a.length + " and " + b.length + " losses");
        }
        if (h < 1) {
            throw new IllegalArgumentException("diebold-mariano: h must be >= 1, got " + h);
        }
        int n = a.length;
        if (n < 3 || h >= n) {
            return new Result(Double.NaN, Double.NaN, n, h);
        }
        double[] d = new double[n];
        for (int t = 0; t < n; t++) {
            d[t] = a[t] - b[t];
        }
        double mean = Statistics.mean(d);
        double v = Statistics.autocovariance(d, 0);
        for (int k = 1; k < h; k++) {
            v += 2 * Statistics.autocovariance(d, k);
        }
        double factor = (n + 1 - 2.0 * h + h * (h - 1.0) / n) / n;
        if (!(v > 0) || !(factor > 0) || !Double.isFinite(mean)) {
            return new Result(Double.NaN, Double.NaN, n, h);
        }
        double corrected = mean / Math.sqrt(v / n) * Math.sqrt(factor);
        double p = 2 * TDistribution.of(n - 1).survivalProbability(Math.abs(corrected));
        return new Result(corrected, p, n, h);
    }

    /**
     * The dependence order for {@code horizon}-step forecasts from {@code origins} (ascending
     * frame numbers): one plus the most later origins whose forecast window overlaps an
     * origin's ({@code origins[i + k] - origins[i] < horizon}). It is 1 when neighbouring
     * origins are at least {@code horizon} frames apart, and {@code horizon} for consecutive origins.
     */
    public static int overlapOrder(int[] origins, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("diebold-mariano: horizon must be >= 1, got " + horizon);
        }
        int most = 0;
        for (int i = 0; i < origins.length; i++) {
            int k = 0;
            while (i + k + 1 < origins.length && origins[i + k + 1] - origins[i] < horizon) {
                if (origins[i + k + 1] <= origins[i + k]) {
                    throw new IllegalArgumentException("diebold-mariano: origins must ascend, got " + origins[i + k] + " then " + origins[i + k + 1]);
                }
                k++;
            }
            most = Math.max(most, k);
        }
        return most + 1;
    }
}
