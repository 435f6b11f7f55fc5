package org.vdpnet.validation;

/**
 * Least squares on the probability simplex, solved exactly:
 * {@code minimise ||y - F w||^2 subject to w >= 0, sum w = 1}, for a design {@code F} with few
 * columns (the forecasts of a handful of models). {@link Stacking} fits its per-horizon weights
 * with it.
 *
 * <p>The method enumerates supports. For every non-empty subset {@code S} of the columns it solves
 * the problem with the equality constraint only, on {@code S} (eliminating the last weight of
 * {@code S}: {@code y - f_last = sum_{k in S, k != last} w_k (f_k - f_last)}, an ordinary least
 * squares solved by Householder QR, so that the conditioning is that of the forecast differences,
 * not its square). A subset whose solution has a negative weight, or whose differences are rank
 * deficient, gives no candidate; the answer is the feasible candidate with the smallest residual
 * sum of squares, evaluated directly from the residuals. This is exact: a minimiser with the
 * smallest support has a reduced Hessian that is positive definite on its face (along a flat
 * direction the cost is constant, so a coordinate can be moved to zero), so it is the unique
 * equality-constrained solution on its support and is one of the candidates. Every vertex (a
 * single column, weight 1) is a candidate, so the answer is never worse than the best column.
 * Subsets are tried by size, then in lexicographic order, and a later candidate replaces the best
 * only when it is lower by more than a relative 1e-14, so ties go to the sparsest, earliest support
 * and reruns are bit-identical. The cost is {@code 2^K} small least-squares problems; K is at most
 * {@link #MAX_COLUMNS}.
 *
 * <pre>{@code
 * // truth = 0.3 f1 + 0.7 f2 exactly: the weights come back
 * double[][] design = {{1, 0}, {0, 1}, {2, 1}};
 * double[] y = {0.3, 0.7, 1.3};
 * double[] w = SimplexLeastSquares.solve(design, y).weights(); // {0.3, 0.7}
 * }</pre>
 */
public final class SimplexLeastSquares {
    /** The most columns {@link #solve} takes (it enumerates every subset). */
    public static final int MAX_COLUMNS = 12;

    /** Relative size of a Householder pivot below which forecast differences count as rank deficient. */
    static final double RANK_TOLERANCE = 1e-10;

    /** A weight of a candidate above {@code -NEGATIVE_TOLERANCE} counts as non-negative (and is set to 0 if negative). */
    static final double NEGATIVE_TOLERANCE = 1e-10;

    private static final double TIE = 1e-14;

    private final double[] weights;
    private final double residualSumOfSquares;

    private SimplexLeastSquares(double[] weights, double residualSumOfSquares) {
        this.weights = weights;
        this.residualSumOfSquares = residualSumOfSquares;
    }

    /** The weights, one per column, a copy: non-negative and summing to 1. */
    public double[] weights() { return weights.clone(); }

    /** {@code ||y - F w||^2} at the weights. */
    public double residualSumOfSquares() { return residualSumOfSquares; }

    /**
     * Solves the problem.
     *
     * @param design {@code F[row][column]}, finite, with 1 to {@link #MAX_COLUMNS} columns and at least one row
     * @param target {@code y[row]}, finite
     */
    public static SimplexLeastSquares solve(double[][] design, double[] target) {
        int n = design.length;
        if (n < 1 || target.length != n) {
            throw new IllegalArgumentException("design: needs at least 1 row and as many rows as the target, got " + n + " rows and "
                    + target.length + " targets");
        }
        int k = design[0].length;
        if (k < 1 || k > MAX_COLUMNS) {
            throw new IllegalArgumentException("design: must have 1 to " + MAX_COLUMNS + " columns, got " + k);
        }
        for (int i = 0; i < n; i++) {
            if (design[i].length != k) {
                throw new IllegalArgumentException("design: every row must have " + k + " columns, row " + i + " has " + design[i].length);
            }
            if (!Double.isFinite(target[i])) {
                throw new IllegalArgumentException("target: must be finite, got " + target[i] + " at row " + i);
            }
            for (int j = 0; j < k; j++) {
                if (!Double.isFinite(design[i][j])) {
                    throw new IllegalArgumentException("design: must be finite, got " + design[i][j] + " at [" + i + "][" + j + "]");
                }
            }
        }
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int size = 1; size <= k; size++) {
            for (int[] subset : subsets(k, size)) {
                double[] w = onSupport(design, target, subset, k);
                if (w == null) {
                    continue;
                }
                double cost = cost(design, target, w);
                if (best == null || cost < bestCost - TIE * bestCost) {
                    best = w;
                    bestCost = cost;
                }
            }
        }
        return new SimplexLeastSquares(best, bestCost);
    }

    /** The equality-constrained solution on {@code subset} (full length, zeros elsewhere), or null if infeasible or rank deficient. */
    private static double[] onSupport(double[][] f, double[] y, int[] subset, int k) {
        double[] w = new double[k];
        int last = subset[subset.length - 1];
        if (subset.length == 1) {
            w[last] = 1;
            return w;
        }
        int n = f.length;
        int m = subset.length - 1;
        double[][] a = new double[n][m];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = f[i][subset[j]] - f[i][last];
            }
            b[i] = y[i] - f[i][last];
        }
        double[] x = leastSquares(a, b);
        if (x == null) {
            return null;
        }
        double rest = 1;
        for (int j = 0; j < m; j++) {
            if (!(x[j] > -NEGATIVE_TOLERANCE)) {
                return null;
            }
            w[subset[j]] = Math.max(0, x[j]);
            rest -= w[subset[j]];
        }
        if (!(rest > -NEGATIVE_TOLERANCE)) {
            return null;
        }
        w[last] = Math.max(0, rest);
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int j = 0; j < k; j++) {
            w[j] /= sum;
        }
        return w;
    }

    /** {@code argmin ||b - A x||} by Householder QR (a and b are overwritten), or null if A is rank deficient. */
    static double[] leastSquares(double[][] a, double[] b) {
        int n = a.length;
        int m = a[0].length;
        if (n < m) {
            return null;
        }
        double scale = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (double[] row : a) {
                s += row[j] * row[j];
            }
            scale = Math.max(scale, Math.sqrt(s));
        }
        if (!(scale > 0)) {
            return null;
        }
        double[] diag = new double[m];
        for (int j = 0; j < m; j++) {
            double norm = 0;
            for (int i = j; i < n; i++) {
                norm = Math.hypot(norm, a[i][j]);
            }
            if (!(norm > RANK_TOLERANCE * scale)) {
                return null;
            }
            double alpha = a[j][j] > 0 ? -norm : norm;
            // v = a[j..n)[j] - alpha e_1, kept in place; H = I - 2 v v' / v'v
            a[j][j] -= alpha;
            double vv = 0;
            for (int i = j; i < n; i++) {
                vv += a[i][j] * a[i][j];
            }
            for (int c = j + 1; c < m; c++) {
                double d = 0;
                for (int i = j; i < n; i++) {
                    d += a[i][j] * a[i][c];
                }
                double t = 2 * d / vv;
                for (int i = j; i < n; i++) {
                    a[i][c] -= t * a[i][j];
                }
            }
            double d = 0;
            for (int i = j; i < n; i++) {
                d += a[i][j] * b[i];
            }
            double t = 2 * d / vv;
            for (int i = j; i < n; i++) {
                b[i] -= t * a[i][j];
            }
            diag[j] = alpha;
        }
        double[] x = new double[m];
        for (int j = m - 1; j >= 0; j--) {
            double s = b[j];
            for (int c = j + 1; c < m; c++) {
                s -= a[j][c] * x[c];
            }
            x[j] = s / diag[j];
        }
        return x;
    }

    /** {@code ||y - F w||^2}, summed directly from the residuals. */
    static double cost(double[][] f, double[] y, double[] w) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double r = y[i];
            for (int j = 0; j < w.length; j++) {
                if (w[j] != 0) {
                    r -= w[j] * f[i][j];
                }
            }
            s += r * r;
        }
        return s;
    }

    /** Every subset of {@code 0..k-1} of the given size, ascending, in lexicographic order. */
    private static java.util.List<int[]> subsets(int k, int size) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int[] s = new int[size];
        for (int i = 0; i < size; i++) {
            s[i] = i;
        }
        while (true) {
            out.add(s.clone());
            int i = size - 1;
            while (i >= 0 && s[i] == k - size + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            s[i]++;
            for (int j = i + 1; j < size; j++) {
                s[j] = s[j - 1] + 1;
            }
        }
    }
}
