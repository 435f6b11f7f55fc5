package org.vdpnet.sim;

/**
 * The one implementation of the sample statistics every module uses: mean, variance and
 * standard deviation, Pearson's r and autocovariances. Two-pass formulas on flat arrays; no NaN
 * handling (callers leave missing values out first).
 */
public final class Statistics {
    private Statistics() {}

    /** The arithmetic mean (NaN for no values). */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        double m = s / x.length;
        double c = 0; // second pass: the correction term of the corrected two-pass algorithm
        for (double v : x) {
            c += v - m;
        }
        return m + c / x.length;
    }

    /** The sample variance with divisor n - 1 (NaN for fewer than two values). */
    public static double variance(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double ss = 0;
        double c = 0;
        for (double v : x) {
            double d = v - m;
            ss += d * d;
            c += d;
        }
        return (ss - c * c / x.length) / (x.length - 1);
    }

    /** The population variance with divisor n (NaN for no values): the scale of z-scoring. */
    public static double populationVariance(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        return x.length == 1 ? 0 : variance(x) * (x.length - 1) / x.length;
    }

    /** The population standard deviation with divisor n. */
    public static double populationSd(double[] x) {
        return Math.sqrt(populationVariance(x));
    }

    /** Column {@code c} of {@code rows[time][channel]} as a flat array. */
    public static double[] column(double[][] rows, int c) {
        double[] v = new double[rows.length];
        for (int t = 0; t < rows.length; t++) {
            v[t] = rows[t][c];
        }
        return v;
    }

    /** The sample standard deviation with divisor n - 1. */
    public static double sd(double[] x) {
        return Math.sqrt(variance(x));
    }

    /** Pearson's r of two equally long series; NaN where either is constant (r is undefined there). */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("pearson: " + a.length + " and " + b.length + " values");
        }
        double ma = mean(a);
        double mb = mean(b);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - ma;
            double y = b[i] - mb;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NaN;
    }

    /** The lag-{@code k} autocovariance with divisor n (as R's {@code acf(type = "covariance")}). */
    public static double autocovariance(double[] x, int k) {
        int n = x.length;
        if (k < 0 || k >= n) {
            throw new IllegalArgumentException("autocovariance: lag must be in [0, " + n + "), got " + k);
        }
        double m = mean(x);
        double g = 0;
        for (int t = k; t < n; t++) {
            g += (x[t] - m) * (x[t - k] - m);
        }
        return g / n;
    }
}
