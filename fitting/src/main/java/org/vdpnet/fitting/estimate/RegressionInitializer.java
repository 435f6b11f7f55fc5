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
        return fit(x, dt, ridge, window, null);
    }

    /**
     * As {@link #fit(double[][], double, double, int)}, with the integrals restarted at each of
     * {@code segmentStarts} (ascending, the first 0) and a separate {@code a2 y} constant per
     * segment: over long noisy records the integrated noise drifts like a random walk and would
     * swamp the double integral, so segments keep it short.
     */
    public static Estimate fit(double[][] x, double dt, double ridge, int window, int[] segmentStarts) {
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
        int[] starts = segmentStarts == null ? new int[] {0} : segmentStarts;
        int segs = starts.length;
        double[][] ix = new double[t][n];
        double[][] ix3 = new double[t][n];
        double[][] iix = new double[t][n];
        int[] segOf = new int[t];
        for (int q = 0; q < segs; q++) {
            int from = starts[q];
            int to = q + 1 < segs ? starts[q + 1] : t;
            for (int k = from; k < to; k++) {
                segOf[k] = q;
                if (k == from) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    double c0 = s[k - 1][i];
                    double c1 = s[k][i];
                    ix[k][i] = ix[k - 1][i] + 0.5 * dt * (c0 + c1);
                    ix3[k][i] = ix3[k - 1][i] + 0.5 * dt * (c0 * c0 * c0 + c1 * c1 * c1);
                    iix[k][i] = iix[k - 1][i] + 0.5 * dt * (ix[k][i] + ix[k - 1][i]);
                }
            }
        }
        double[] a1 = new double[n];
        double[] a2 = new double[n];
        double[] y0 = new double[n];
        double[][] w = new double[n][n];
        int cols = n + 2 + segs;
        for (int i = 0; i < n; i++) {
            double[][] a = new double[t][cols];
            double[] b = new double[t];
            for (int k = 0; k < t; k++) {
                int q = segOf[k];
                a[k][0] = -ix3[k][i];
                for (int j = 0; j < n; j++) {
                    a[k][1 + j] = ix[k][j];
                }
                a[k][n + 1] = -iix[k][i];
                a[k][n + 2 + q] = (k - starts[q]) * dt;
                b[k] = s[k][i] - s[starts[q]][i];
            }
            double[] coef = ridgeSolve(a, b, ridge);
            a1[i] = coef[0];
            for (int j = 0; j < n; j++) {
                w[i][j] = coef[1 + j];
            }
            w[i][i] -= a1[i];
            a2[i] = coef[n + 1];
            y0[i] = Math.abs(a2[i]) > 1e-8 ? coef[n + 2] / a2[i] : 0.0;
        }
        return new Estimate(new ResearchParameters(a1, a2, w), y0);
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
