package org.vdpnet.sim;

/**
 * One classical fourth-order Runge–Kutta step into caller-owned arrays: the only RK4 in the
 * codebase. The simulator's fixed-step runs, the fitters' trajectories and their forward
 * sensitivities all step through it. Holds its stage arrays, so it allocates nothing per step;
 * one instance per thread.
 */
public final class Rk4 {
    private final int n;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] tmp;

    /** Stage arrays for fields of this dimension. */
    public Rk4(int dimension) {
        this.n = Checks.positive("dimension", dimension);
        this.k1 = new double[n];
        this.k2 = new double[n];
        this.k3 = new double[n];
        this.k4 = new double[n];
        this.tmp = new double[n];
    }

    /** The dimension it steps. */
    public int dimension() { return n; }

    /**
     * Writes the state after one step of length {@code h} from {@code (t, y)} into {@code out};
     * {@code out} may be {@code y} itself (an in-place step).
     */
    public void step(VectorField f, double t, double h, double[] y, double[] out) {
        double half = 0.5 * h;
        f.derivatives(t, y, k1);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + half * k1[i];
        }
        f.derivatives(t + half, tmp, k2);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + half * k2[i];
        }
        f.derivatives(t + half, tmp, k3);
        for (int i = 0; i < n; i++) {
            tmp[i] = y[i] + h * k3[i];
        }
        f.derivatives(t + h, tmp, k4);
        double sixth = h / 6.0;
        for (int i = 0; i < n; i++) {
            out[i] = y[i] + sixth * (k1[i] + 2.0 * (k2[i] + k3[i]) + k4[i]);
        }
    }
}
