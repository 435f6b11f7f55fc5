package org.vdpnet.validation;

import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * Vector autoregression {@code x_t = c + sum_{k=1..p} A_k x_{t-k} + e_t}, fitted by ridge least
 * squares, with the order chosen by AIC on the training part as statsmodels'
 * {@code VAR(train).fit(maxlags, ic="aic", trend="c")} does: every candidate order is fitted on the
 * same rows (those after the largest lag), and the chosen order is then refitted on all rows after
 * its own lag. Multi-step forecasts iterate the model. The research compares van der Pol networks
 * with VAR.
 *
 * <p>The AIC is Lütkepohl's (and statsmodels') {@code ln det(Sigma_ML) + 2 k / T}, where T is the
 * number of rows fitted, {@code Sigma_ML} the residual sum of squares and cross-products over T, and
 * {@code k = n (1 + p n)} the number of coefficients (intercepts and lag matrices). With ridge 0 the
 * orders, coefficients, AICs and forecasts agree with statsmodels 0.13.5 to about 1e-10
 * ({@code validation/fixtures/var_statsmodels.py}, {@code ReferenceFixturesTest}).
 */
public final class VarModel implements Forecaster {
    private final int p;
    private final int n;
    private final int maxHorizon;
    private final double[][] coef; // [n][1 + p n]: intercept, then lag 1 block, lag 2 block, ...
    private final double aic;

    private VarModel(int p, int n, int maxHorizon, double[][] coef, double aic) {
        this.p = p;
        this.n = n;
        this.maxHorizon = maxHorizon;
        this.coef = coef;
        this.aic = aic;
    }

    /**
     * Chooses the order by AIC and refits it, as statsmodels' {@code VAR(train).fit(maxlags=maxOrder,
     * ic="aic", trend="c")}: orders {@code 1..maxOrder} are each fitted on the rows after lag
     * {@code maxOrder} (a common sample, as statsmodels' {@code select_order}), the order with the
     * lowest AIC is kept (the lowest order on a tie), and that order {@code p} is refitted on all
     * rows after lag {@code p}. The returned model's {@link #aic()} is the AIC of that refit (like
     * statsmodels' {@code results.aic}), so it is not the value that won the comparison; the
     * per-order comparison values are {@code fit(train, q, maxOrder, ridge, maxHorizon).aic()}.
     *
     * <p>One difference: statsmodels' {@code select_order} also considers order 0 (intercept only)
     * and picks it when its AIC is lowest; this method always returns an order of at least 1, the
     * best among {@code 1..maxOrder}.
     *
     * @param ridge added to the diagonal of the lag columns' normal equations (0 for plain least
     *              squares, the statsmodels fit); the AIC is then computed from the ridge residuals
     */
    public static VarModel fitByAic(double[][] train, int maxOrder, double ridge, int maxHorizon) {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("var: the largest order must be >= 1, got " + maxOrder);
        }
        int n = train[0].length;
        if (train.length - maxOrder < 1 + maxOrder * n + 1) {
            throw new IllegalArgumentException("var: " + train.length + " training frames are too few for order " + maxOrder + " with " + n
                    + " channels (need at least " + (maxOrder + 2 + maxOrder * n) + ")");
        }
        int bestOrder = 1;
        double bestAic = Double.POSITIVE_INFINITY;
        for (int q = 1; q <= maxOrder; q++) {
            double a = fit(train, q, maxOrder, ridge, maxHorizon).aic;
            if (q == 1 || a < bestAic) {
                bestOrder = q;
                bestAic = a;
            }
        }
        return fit(train, bestOrder, bestOrder, ridge, maxHorizon);
    }

    /**
     * Fits order {@code p} on the rows after lag {@code skip} (>= p), that is on
     * {@code T = train.length - skip} rows; {@link #aic()} is computed on those T rows.
     */
    public static VarModel fit(double[][] train, int p, int skip, double ridge, int maxHorizon) {
        if (p < 1 || skip < p) {
            throw new IllegalArgumentException("var: needs order >= 1 and skip >= order, got order " + p + ", skip " + skip);
        }
        int n = train[0].length;
        int rows = train.length - skip;
        int cols = 1 + p * n;
        if (rows < cols + 1) {
            throw new IllegalArgumentException("var: " + train.length + " training frames are too few for order " + p);
        }
        double[][] x = new double[rows][cols];
        double[][] y = new double[rows][n];
        for (int r = 0; r < rows; r++) {
            int t = skip + r;
            x[r][0] = 1;
            for (int k = 1; k <= p; k++) {
                System.arraycopy(train[t - k], 0, x[r], 1 + (k - 1) * n, n);
            }
            y[r] = train[t].clone();
        }
        RealMatrix xm = MatrixUtils.createRealMatrix(x);
        RealMatrix xtx = xm.transpose().multiply(xm);
        for (int j = 1; j < cols; j++) {
            xtx.addToEntry(j, j, ridge);
        }
        DecompositionSolver solver = new LUDecomposition(xtx).getSolver();
        RealMatrix b = solver.solve(xm.transpose().multiply(MatrixUtils.createRealMatrix(y))); // cols x n
        double[][] coef = b.transpose().getData();
        // residual covariance (ML), AIC = ln det(Sigma) + 2 k / T with k = n (1 + p n) parameters
        RealMatrix resid = MatrixUtils.createRealMatrix(y).subtract(xm.multiply(b));
        RealMatrix sigma = resid.transpose().multiply(resid).scalarMultiply(1.0 / rows);
        double det = new LUDecomposition(sigma).getDeterminant();
        double aic = Math.log(det) + 2.0 * n * cols / rows;
        return new VarModel(p, n, maxHorizon, coef, aic);
    }

    public int order() { return p; }

    public double aic() { return aic; }

    /** The intercept {@code c} (one per channel; a copy). */
    public double[] intercept() {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = coef[i][0];
        }
        return c;
    }

    /** The lag-{@code k} coefficient matrix {@code A_k} (k from 1). */
    public double[][] lag(int k) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(coef[i], 1 + (k - 1) * n, a[i], 0, n);
        }
        return a;
    }

    @Override public String name() { return "var"; }

    @Override public int channels() { return n; }

    @Override public int minimumHistory() { return p; }

    @Override public int maximumHorizon() { return maxHorizon; }

    @Override
    public double[][] forecast(double[][] history, int horizon) {
        Forecaster.check(this, history, horizon);
        double[][] buf = new double[p + horizon][];
        for (int k = 0; k < p; k++) {
            buf[k] = history[history.length - p + k];
        }
        double[][] out = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double s = coef[i][0];
                for (int k = 1; k <= p; k++) {
                    double[] prev = buf[p + h - k];
                    int off = 1 + (k - 1) * n;
                    for (int j = 0; j < n; j++) {
                        s += coef[i][off + j] * prev[j];
                    }
                }
                next[i] = s;
            }
            buf[p + h] = next;
            out[h] = next;
        }
        return out;
    }
}
