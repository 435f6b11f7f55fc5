package org.vdpnet.fitting.estimate;

import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.vdpnet.sim.Checks;

/**
 * Savitzky–Golay smoothing: a least-squares polynomial of the given order fitted in a sliding
 * window of odd length, evaluated at the window's centre; near the ends the first and last
 * windows' polynomials are evaluated at the end samples (SciPy's {@code mode='interp'}).
 */
final class SavitzkyGolay {
    private SavitzkyGolay() {}

    static double[] smooth(double[] x, int window, int order) {
        Checks.inRange("smoothing window", window, 3, 1001);
        if (window % 2 == 0 || order >= window) {
            throw new IllegalArgumentException("smoothing: window must be odd and > order, got " + window + " and " + order);
        }
        int n = x.length;
        if (n < window) {
            return x.clone();
        }
        int m = (window - 1) / 2;
        double[][] v = new double[window][order + 1];
        for (int k = 0; k < window; k++) {
            for (int j = 0; j <= order; j++) {
                v[k][j] = Math.pow(k - m, j);
            }
        }
        RealMatrix vm = MatrixUtils.createRealMatrix(v);
        RealMatrix hat = vm.multiply(MatrixUtils.inverse(vm.transpose().multiply(vm))).multiply(vm.transpose());
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int start;
            int row;
            if (i < m) {
                start = 0;
                row = i;
            } else if (i >= n - m) {
                start = n - window;
                row = i - start;
            } else {
                start = i - m;
                row = m;
            }
            double s = 0;
            for (int k = 0; k < window; k++) {
                s += hat.getEntry(row, k) * x[start + k];
            }
            out[i] = s;
        }
        return out;
    }
}
