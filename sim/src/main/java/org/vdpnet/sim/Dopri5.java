package org.vdpnet.sim;

/** DOPRI5: 6 stages and the end derivative (first same as last, used by the error estimate); dense output from the same stages. */
final class Dopri5 extends EmbeddedRk.Scheme {
    private static final double C1 = 1.0 / 5.0;
    private static final double C2 = 3.0 / 10.0;
    private static final double C3 = 4.0 / 5.0;
    private static final double C4 = 8.0 / 9.0;
    private static final double A1_0 = 1.0 / 5.0;
    private static final double A2_0 = 3.0 / 40.0;
    private static final double A2_1 = 9.0 / 40.0;
    private static final double A3_0 = 44.0 / 45.0;
    private static final double A3_1 = -56.0 / 15.0;
    private static final double A3_2 = 32.0 / 9.0;
    private static final double A4_0 = 19372.0 / 6561.0;
    private static final double A4_1 = -25360.0 / 2187.0;
    private static final double A4_2 = 64448.0 / 6561.0;
    private static final double A4_3 = -212.0 / 729.0;
    private static final double A5_0 = 9017.0 / 3168.0;
    private static final double A5_1 = -355.0 / 33.0;
    private static final double A5_2 = 46732.0 / 5247.0;
    private static final double A5_3 = 49.0 / 176.0;
    private static final double A5_4 = -5103.0 / 18656.0;
    private static final double B0 = 35.0 / 384.0;
    private static final double B2 = 500.0 / 1113.0;
    private static final double B3 = 125.0 / 192.0;
    private static final double B4 = -2187.0 / 6784.0;
    private static final double B5 = 11.0 / 84.0;
    private static final double E0 = 71.0 / 57600.0;
    private static final double E2 = -71.0 / 16695.0;
    private static final double E3 = 71.0 / 1920.0;
    private static final double E4 = -17253.0 / 339200.0;
    private static final double E5 = 22.0 / 525.0;
    private static final double E6 = -1.0 / 40.0;
    // Hairer's dense output (Shampine's continuous extension of order 4)
    private static final double D0 = -12715105075.0 / 11282082432.0;
    private static final double D2 = 87487479700.0 / 32700410799.0;
    private static final double D3 = -10690763975.0 / 1880347072.0;
    private static final double D4 = 701980252875.0 / 199316789632.0;
    private static final double D5 = -1453857185.0 / 822651844.0;
    private static final double D6 = 69997945.0 / 29380423.0;
    private final double[] r4;

    Dopri5(VectorField f, int b, int d) {
        super(f, b, d, 7);
        r4 = new double[n];
    }

    @Override int order() { return 5; }

    @Override int attemptEvaluations() { return 6; }

    @Override int worstCaseStepEvaluations() { return 6; }

    @Override int endStage() { return 6; }

    @Override
    void attempt(double t, double[] y, double[] yNew, double rtol, double atol, double[] error) {
        expandSteps();
        final double h = hm[0];
        final double[] hv = this.hv;
        final double[][] k = this.k;
        final double[] ytmp = this.ytmp;
        final int n = this.n;
        Lin.comb1(ytmp, y, h, hv, A1_0, k[0], n);
        f.derivatives(t + C1 * h, ytmp, k[1]);
        Lin.comb2(ytmp, y, h, hv, A2_0, k[0], A2_1, k[1], n);
        f.derivatives(t + C2 * h, ytmp, k[2]);
        Lin.comb3(ytmp, y, h, hv, A3_0, k[0], A3_1, k[1], A3_2, k[2], n);
        f.derivatives(t + C3 * h, ytmp, k[3]);
        Lin.comb4(ytmp, y, h, hv, A4_0, k[0], A4_1, k[1], A4_2, k[2], A4_3, k[3], n);
        f.derivatives(t + C4 * h, ytmp, k[4]);
        Lin.comb5(ytmp, y, h, hv, A5_0, k[0], A5_1, k[1], A5_2, k[2], A5_3, k[3], A5_4, k[4], n);
        f.derivatives(t + h, ytmp, k[5]);
        Lin.comb5(yNew, y, h, hv, B0, k[0], B2, k[2], B3, k[3], B4, k[4], B5, k[5], n);
        f.derivatives(t + h, yNew, k[6]);
        for (int m = 0; m < b; m++) { // each member sums its own components in its solo order (stride 1: a solo run)
            if (b == 1) {
                sums(0, 1, y, yNew, rtol, atol);
            } else {
                sums(m, b, y, yNew, rtol, atol);
            }
            error[m] = finiteSum != 0.0 ? Double.NaN : Math.sqrt(sumSq / d); // (true for NaN too)
        }
    }

    /** The last {@link #sums}: the squared scaled errors and the finiteness sum (0 while the trial state is finite). */
    private double sumSq;
    private double finiteSum;

    /** One member's error sums over its entries {@code m, m + stride, ...}. */
    private void sums(int m, int stride, double[] y, double[] yNew, double rtol, double atol) {
        final double h = hm[m];
        final double[] k0 = k[0];
        final double[] k2 = k[2];
        final double[] k3 = k[3];
        final double[] k4 = k[4];
        final double[] k5 = k[5];
        final double[] k6 = k[6];
        double s = 0;
        double fin = 0;
        for (int j = m; j < n; j += stride) {
            double yn = yNew[j];
            fin += yn * 0.0;
            double r = h * e(k0, k2, k3, k4, k5, k6, j) / EmbeddedRk.tolerance(atol, rtol, y[j], yn);
            s += r * r;
        }
        sumSq = s;
        finiteSum = fin;
    }

    private static double e(double[] k0, double[] k2, double[] k3, double[] k4, double[] k5, double[] k6, int j) {
        return E0 * k0[j] + E2 * k2[j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j];
    }

    @Override int accepted(double tNew, double[] yNew) { return 0; }

    @Override
    void prepareDense() {
        Lin.scaled6(r4, hm[0], hv, D0, k[0], D2, k[2], D3, k[3], D4, k[4], D5, k[5], D6, k[6], n);
    }

    @Override
    void denseAt(int m, double x, double[] out) {
        final double s1 = 1 - x;
        final double h = hm[0];
        final double[] hv = this.hv;
        final double[] y = yStart;
        final double[] y1 = yEnd;
        final double[] k0 = k[0];
        final double[] k6 = k[6];
        final double[] r = r4;
        if (b == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = dense(x, s1, h, y[i], y1[i], k0[i], k6[i], r[i]);
            }
        } else {
            for (int i = 0, j = m; i < d; i++, j += b) {
                out[i] = dense(x, s1, hv[j], y[j], y1[j], k0[j], k6[j], r[j]);
            }
        }
    }

    private static double dense(double x, double s1, double h, double y, double y1, double k0, double k6, double r) {
        double dy = y1 - y;
        double bspl = h * k0 - dy;
        return y + x * (dy + s1 * (bspl + x * (dy - h * k6 - bspl + s1 * r)));
    }
}
