package org.vdpnet.validation;

import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * Vector autoregression {@code x_t = c + sum_{k=1..p} A_k x_{t-k} + e_t}, fitted by ridge least
 * squares, with the order chosen by AIC on the training part (every order fitted on the same
 * rows, those after the largest lag). Multi-step forecasts iterate the model. The research
 * compares van der Pol networks with VAR.
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

    /** Fits orders 1..maxOrder and keeps the one with the lowest AIC. */
    public static VarModel fitByAic(double[][] train, int maxOrder, double ridge, int maxHorizon) {
        if (maxOrder < 1) {
            throw new IllegalArgumentException("var: the largest order must be >= 1, got " + maxOrder);
        }
        int n = train[0].length;
        if (train.length - maxOrder < 1 + maxOrder * n + 1) {
            throw new IllegalArgumentException("var: " + train.length + " training frames are too few for order " + maxOrder + " with " + n
                    + " channels (need at least " + (maxOrder + 2 + maxOrder * n) + ")");
        }
        VarModel best = null;
        for (int q = 1; q <= maxOrder; q++) {
            VarModel m = fit(train, q, maxOrder, ridge, maxHorizon);
            if (best == null || m.aic < best.aic) {
                best = m;
            }
        }
        return best;
    }

    /** Fits order {@code p} on the rows after lag {@code skip} (>= p). */
    public static VarModel fit(double[][] train, int p, int skip, double ridge, int maxHorizon) {
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
