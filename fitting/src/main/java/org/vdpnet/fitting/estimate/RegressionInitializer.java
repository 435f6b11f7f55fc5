package org.vdpnet.fitting.estimate;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The regression initialiser. Since {@code y_i' = -x_i}, the latent {@code y_i(t) = y_i(0) - int_0^t x_i};
 * integrating {@code x_i'} once gives an equation linear in the unknowns:
 * <pre>
 * x_i(t) - x_i(0) = -a1_i int x_i^3 + sum_j M_ij int x_j + c_i t - a2_i int int x_i,
 * M = W + diag(a1),  c_i = a2_i y_i(0)
 * </pre>
 * solved per component by ridge least squares on Savitzky–Golay-smoothed data. Working with
 * integrals rather than derivatives keeps the noise from being amplified. Milliseconds.
 */
public final class RegressionInitializer {
    private RegressionInitializer() {}

    /**
     * The initial estimate and the latent state at the first sample.
     *
     * @param params the parameters
     * @param y0     the latent y at the first sample
     */
    public record Estimate(ResearchParameters params, double[] y0) {}

    /**
     * Fits from samples {@code x[k][i]} at spacing {@code dt}.
     *
     * @param ridge  ridge penalty relative to the (unit-normalised) columns; 0 for plain least squares
     * @param window Savitzky–Golay window (odd), or 1 for no smoothing
     */
    public static Estimate fit(double[][] x, double dt, double ridge, int window) {
        int t = x.length;
        int n = x[0].length;
        double[][] s = new double[t][n];
        for (int i = 0; i < n; i++) {
            double[] col = new double[t];
            for (int k = 0; k < t; k++) {
                col[k] = x[k][i];
            }
            double[] sm = window > 1 ? SavitzkyGolay.smooth(col, window, 3) : col;
            for (int k = 0; k < t; k++) {
                s[k][i] = sm[k];
            }
        }
        double[][] ix = cumulative(s, dt);
        double[][] cubes = new double[t][n];
        for (int k = 0; k < t; k++) {
            for (int i = 0; i < n; i++) {
                cubes[k][i] = s[k][i] * s[k][i] * s[k][i];
            }
        }
        double[][] ix3 = cumulative(cubes, dt);
        double[][] iix = cumulative(ix, dt);
        double[] a1 = new double[n];
        double[] a2 = new double[n];
        double[] y0 = new double[n];
        double[][] w = new double[n][n];
        int cols = n + 3;
        for (int i = 0; i < n; i++) {
            double[][] a = new double[t][cols];
            double[] b = new double[t];
            for (int k = 0; k < t; k++) {
                a[k][0] = -ix3[k][i];
                for (int j = 0; j < n; j++) {
                    a[k][1 + j] = ix[k][j];
                }
                a[k][n + 1] = k * dt;
                a[k][n + 2] = -iix[k][i];
                b[k] = s[k][i] - s[0][i];
            }
            double[] coef = ridgeSolve(a, b, ridge);
            a1[i] = coef[0];
            for (int j = 0; j < n; j++) {
                w[i][j] = coef[1 + j];
            }
            w[i][i] -= a1[i];
            a2[i] = coef[n + 2];
            y0[i] = Math.abs(a2[i]) > 1e-8 ? coef[n + 1] / a2[i] : 0.0;
        }
        return new Estimate(new ResearchParameters(a1, a2, w), y0);
    }

    private static double[][] cumulative(double[][] v, double dt) {
        int t = v.length;
        int n = v[0].length;
        double[][] out = new double[t][n];
        for (int k = 1; k < t; k++) {
            for (int i = 0; i < n; i++) {
                out[k][i] = out[k - 1][i] + 0.5 * dt * (v[k][i] + v[k - 1][i]);
            }
        }
        return out;
    }

    /** Ridge least squares with unit-norm column scaling, through the SVD (stable for collinear columns). */
    private static double[] ridgeSolve(double[][] a, double[] b, double ridge) {
        int m = a[0].length;
        double[] norm = new double[m];
        for (double[] row : a) {
            for (int j = 0; j < m; j++) {
                norm[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < m; j++) {
            norm[j] = norm[j] > 0 ? Math.sqrt(norm[j]) : 1;
        }
        double[][] sc = new double[a.length][m];
        for (int k = 0; k < a.length; k++) {
            for (int j = 0; j < m; j++) {
                sc[k][j] = a[k][j] / norm[j];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(sc));
        double[] sv = svd.getSingularValues();
        RealMatrix u = svd.getU();
        RealMatrix v = svd.getV();
        RealVector utb = u.transpose().operate(MatrixUtils.createRealVector(b));
        double[] coef = new double[m];
        for (int r = 0; r < sv.length; r++) {
            double f = sv[r] / (sv[r] * sv[r] + ridge);
            for (int j = 0; j < m; j++) {
                coef[j] += v.getEntry(j, r) * f * utb.getEntry(r);
            }
        }
        for (int j = 0; j < m; j++) {
            coef[j] /= norm[j];
        }
        return coef;
    }
}
