package org.vdpnet.fitting.estimate;

/**
 * Simulates the research form from packed parameters with classical RK4 at a fixed number of
 * sub-steps per sample: the inner loop of the fitter, so it works on flat arrays and reports a
 * blow-up instead of throwing.
 */
final class ResearchTrajectory {
    /** States beyond this magnitude count as diverged (the data are z-scored). */
    static final double LIMIT = 1e3;

    private ResearchTrajectory() {}

    private static void rhs(int n, double[] p, int off, double[] x, double[] y, double[] dx, double[] dy) {
        int wOff = off + 2 * n;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = wOff + i * n;
            for (int j = 0; j < n; j++) {
                s += p[row + j] * x[j];
            }
            double xi = x[i];
            dx[i] = p[off + i] * xi * (1 - xi * xi) + p[off + n + i] * y[i] + s;
            dy[i] = -xi;
        }
    }

    /**
     * Integrates from {@code (x0, y0)} over {@code samples - 1} intervals of length {@code dt}.
     *
     * @param p       packed parameters (a1, a2, W) at {@code off}
     * @param xOut    receives x at every sample ({@code samples x n}); may be null
     * @param end     receives the final (x, y) as {@code 2n} values; may be null
     * @return false when the state diverged or became non-finite
     */
    static boolean simulate(int n, double[] p, int off, double[] x0, double[] y0, int samples, double dt, int substeps,
                            double[][] xOut, double[] end) {
        double[] x = x0.clone();
        double[] y = y0.clone();
        double[] k1x = new double[n], k1y = new double[n], k2x = new double[n], k2y = new double[n];
        double[] k3x = new double[n], k3y = new double[n], k4x = new double[n], k4y = new double[n];
        double[] tx = new double[n], ty = new double[n];
        double h = dt / substeps;
        if (xOut != null) {
            System.arraycopy(x, 0, xOut[0], 0, n);
        }
        for (int k = 1; k < samples; k++) {
            for (int s = 0; s < substeps; s++) {
                rhs(n, p, off, x, y, k1x, k1y);
                for (int i = 0; i < n; i++) {
                    tx[i] = x[i] + 0.5 * h * k1x[i];
                    ty[i] = y[i] + 0.5 * h * k1y[i];
                }
                rhs(n, p, off, tx, ty, k2x, k2y);
                for (int i = 0; i < n; i++) {
                    tx[i] = x[i] + 0.5 * h * k2x[i];
                    ty[i] = y[i] + 0.5 * h * k2y[i];
                }
                rhs(n, p, off, tx, ty, k3x, k3y);
                for (int i = 0; i < n; i++) {
                    tx[i] = x[i] + h * k3x[i];
                    ty[i] = y[i] + h * k3y[i];
                }
                rhs(n, p, off, tx, ty, k4x, k4y);
                for (int i = 0; i < n; i++) {
                    x[i] += h / 6 * (k1x[i] + 2 * (k2x[i] + k3x[i]) + k4x[i]);
                    y[i] += h / 6 * (k1y[i] + 2 * (k2y[i] + k3y[i]) + k4y[i]);
                    if (!(Math.abs(x[i]) < LIMIT && Math.abs(y[i]) < LIMIT)) {
                        return false;
                    }
                }
            }
            if (xOut != null) {
                System.arraycopy(x, 0, xOut[k], 0, n);
            }
        }
        if (end != null) {
            System.arraycopy(x, 0, end, 0, n);
            System.arraycopy(y, 0, end, n, n);
        }
        return true;
    }
}
