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

    /** Work arrays for one thread's simulations, so the optimiser's inner loop allocates nothing. */
    static final class Work {
        final double[] x;
        final double[] y;
        final double[] k1x;
        final double[] k1y;
        final double[] k2x;
        final double[] k2y;
        final double[] k3x;
        final double[] k3y;
        final double[] k4x;
        final double[] k4y;
        final double[] tx;
        final double[] ty;

        Work(int n) {
            x = new double[n];
            y = new double[n];
            k1x = new double[n];
            k1y = new double[n];
            k2x = new double[n];
            k2y = new double[n];
            k3x = new double[n];
            k3y = new double[n];
            k4x = new double[n];
            k4y = new double[n];
            tx = new double[n];
            ty = new double[n];
        }
    }

    /** As {@link #simulate(int, double[], int, double[], int, double[], int, int, double, int, double[][], double[], Work)} with fresh work arrays. */
    static boolean simulate(int n, double[] p, int off, double[] x0, double[] y0, int samples, double dt, int substeps,
                            double[][] xOut, double[] end) {
        return simulate(n, p, off, x0, 0, y0, 0, samples, dt, substeps, xOut, end, new Work(n));
    }

    /**
     * Integrates from {@code x0[x0Off..x0Off+n)}, {@code y0[y0Off..y0Off+n)} over {@code samples - 1}
     * intervals of length {@code dt}.
     *
     * @param p       packed parameters (a1, a2, W) at {@code off}
     * @param xOut    receives x at every sample ({@code samples x n} or larger); may be null
     * @param end     receives the final (x, y) as {@code 2n} values; may be null
     * @return false when the state diverged or became non-finite
     */
    static boolean simulate(int n, double[] p, int off, double[] x0, int x0Off, double[] y0, int y0Off, int samples, double dt,
                            int substeps, double[][] xOut, double[] end, Work w) {
        double[] x = w.x;
        double[] y = w.y;
        System.arraycopy(x0, x0Off, x, 0, n);
        System.arraycopy(y0, y0Off, y, 0, n);
        double h = dt / substeps;
        if (xOut != null) {
            System.arraycopy(x, 0, xOut[0], 0, n);
        }
        for (int k = 1; k < samples; k++) {
            for (int s = 0; s < substeps; s++) {
                rhs(n, p, off, x, y, w.k1x, w.k1y);
                for (int i = 0; i < n; i++) {
                    w.tx[i] = x[i] + 0.5 * h * w.k1x[i];
                    w.ty[i] = y[i] + 0.5 * h * w.k1y[i];
                }
                rhs(n, p, off, w.tx, w.ty, w.k2x, w.k2y);
                for (int i = 0; i < n; i++) {
                    w.tx[i] = x[i] + 0.5 * h * w.k2x[i];
                    w.ty[i] = y[i] + 0.5 * h * w.k2y[i];
                }
                rhs(n, p, off, w.tx, w.ty, w.k3x, w.k3y);
                for (int i = 0; i < n; i++) {
                    w.tx[i] = x[i] + h * w.k3x[i];
                    w.ty[i] = y[i] + h * w.k3y[i];
                }
                rhs(n, p, off, w.tx, w.ty, w.k4x, w.k4y);
                for (int i = 0; i < n; i++) {
                    x[i] += h / 6 * (w.k1x[i] + 2 * (w.k2x[i] + w.k3x[i]) + w.k4x[i]);
                    y[i] += h / 6 * (w.k1y[i] + 2 * (w.k2y[i] + w.k3y[i]) + w.k4y[i]);
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
