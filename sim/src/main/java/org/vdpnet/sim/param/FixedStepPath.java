package org.vdpnet.sim.param;

import org.vdpnet.sim.Checks;
import org.vdpnet.sim.Rk4;
import org.vdpnet.sim.VectorField;

/**
 * Trajectories on a fixed-step RK4 path, sampled every {@code dt} with {@code substeps} steps
 * per sample, optionally with their forward sensitivities: the state and
 * {@code S = dy/d(p_free, y0)} are integrated together ({@code S' = (df/dy) S + df/dp}), so the
 * sensitivities are the exact derivatives of the discrete trajectory (RK4 applied to the
 * variational system is RK4 differentiated). A state that leaves {@code (-limit, limit)} or
 * becomes non-finite ends the run with {@code false}: a blow-up is an outcome, not an exception.
 *
 * <p>Holds its work arrays, so runs allocate nothing; one instance per thread. The directions
 * are the free parameters, in the order given, then every state variable's initial value. Time
 * starts at 0 on every run (the fields it serves are autonomous).
 */
public final class FixedStepPath {
    private final int d;
    private final int[] free;
    private final int cols;
    private final double h;
    private final double dt;
    private final int substeps;
    private final double limit;
    private final Rk4 plain;
    private final Rk4 augmentedStep;
    private final Augmented augmented;
    private final double[] y;
    private final double[] z;

    /**
     * @param dimension      the state dimension of the fields it will run
     * @param freeParameters indices (among the field's parameters) of the parameter directions
     * @param dt             the sample spacing
     * @param substeps       RK4 steps per sample
     * @param limit          states at or beyond this magnitude count as diverged
     */
    public FixedStepPath(int dimension, int[] freeParameters, double dt, int substeps, double limit) {
        this.d = Checks.positive("dimension", dimension);
        this.free = new int[freeParameters.length + d];
        System.arraycopy(freeParameters, 0, free, 0, freeParameters.length);
        for (int c = freeParameters.length; c < free.length; c++) {
            free[c] = -1;
        }
        this.cols = free.length;
        this.dt = Checks.positive("dt", dt);
        this.substeps = Checks.inRange("substeps", substeps, 1, 1_000_000);
        this.h = dt / substeps;
        this.limit = Checks.positive("limit", limit);
        this.plain = new Rk4(d);
        this.augmented = new Augmented(d, cols, free);
        this.augmentedStep = new Rk4(d * (1 + cols));
        this.y = new double[d];
        this.z = new double[d * (1 + cols)];
    }

    /** Number of sensitivity directions: the free parameters, then the {@code d} initial-state values. */
    public int directions() { return cols; }

    /** The sample spacing. */
    public double dt() { return dt; }

    /** RK4 steps per sample. */
    public int substeps() { return substeps; }

    /**
     * Integrates {@code f} from {@code y0[y0Off .. y0Off + d)} over {@code samples - 1} sample
     * intervals.
     *
     * @param observed state indices to record
     * @param xOut     receives the observed values at every sample ({@code samples x observed.length}); may be null
     * @param end      receives the final state ({@code d} values); may be null
     * @return false when the state diverged (the outputs are then incomplete)
     */
    public boolean simulate(VectorField f, double[] y0, int y0Off, int samples, int[] observed, double[][] xOut, double[] end) {
        checkDimension(f);
        System.arraycopy(y0, y0Off, y, 0, d);
        if (!bounded(y, d)) {
            return false;
        }
        record(y, observed, xOut, 0);
        double t = 0;
        for (int k = 1; k < samples; k++) {
            for (int s = 0; s < substeps; s++) {
                plain.step(f, t, h, y, y);
                t += h;
                if (!bounded(y, d)) {
                    return false;
                }
            }
            record(y, observed, xOut, k);
        }
        if (end != null) {
            System.arraycopy(y, 0, end, 0, d);
        }
        return true;
    }

    /**
     * As {@link #simulate}, with the sensitivities of the observed values: {@code sOut[k][o * directions() + c]}
     * is {@code d x_observed[o](t_k) / d direction c}.
     *
     * @param endSens receives the final state's sensitivities ({@code d x directions()}, row-major); may be null
     */
    public boolean sensitivities(ParametricField f, double[] y0, int y0Off, int samples, int[] observed, double[][] xOut, double[][] sOut,
                                 double[] end, double[] endSens) {
        checkDimension(f);
        int params = f.parameters().size();
        for (int c = 0; c < cols - d; c++) {
            if (free[c] < 0 || free[c] >= params) {
                throw new IllegalArgumentException("free parameter: index must be in [0, " + (params - 1) + "], got " + free[c]);
            }
        }
        java.util.Arrays.fill(z, 0.0);
        System.arraycopy(y0, y0Off, z, 0, d);
        int p0 = cols - d;
        for (int r = 0; r < d; r++) {
            z[d + r * cols + p0 + r] = 1.0;
        }
        if (!bounded(z, d)) {
            return false;
        }
        augmented.field = f;
        record(z, observed, xOut, 0);
        recordSens(observed, sOut, 0);
        double t = 0;
        for (int k = 1; k < samples; k++) {
            for (int s = 0; s < substeps; s++) {
                augmentedStep.step(augmented, t, h, z, z);
                t += h;
                if (!bounded(z, z.length)) {
                    augmented.field = null;
                    return false;
                }
            }
            record(z, observed, xOut, k);
            recordSens(observed, sOut, k);
        }
        augmented.field = null;
        if (end != null) {
            System.arraycopy(z, 0, end, 0, d);
        }
        if (endSens != null) {
            System.arraycopy(z, d, endSens, 0, d * cols);
        }
        return true;
    }

    private void checkDimension(VectorField f) {
        if (f.getDimension() != d) {
            throw new IllegalArgumentException("field: this path integrates dimension " + d + ", got a field of dimension " + f.getDimension());
        }
    }

    private boolean bounded(double[] v, int count) {
        for (int i = 0; i < d; i++) {
            if (!(Math.abs(v[i]) < limit)) {
                return false;
            }
        }
        for (int i = d; i < count; i++) {
            if (!Double.isFinite(v[i])) {
                return false;
            }
        }
        return true;
    }

    private static void record(double[] state, int[] observed, double[][] out, int k) {
        if (out == null) {
            return;
        }
        double[] row = out[k];
        for (int o = 0; o < observed.length; o++) {
            row[o] = state[observed[o]];
        }
    }

    private void recordSens(int[] observed, double[][] out, int k) {
        if (out == null) {
            return;
        }
        double[] row = out[k];
        for (int o = 0; o < observed.length; o++) {
            System.arraycopy(z, d + observed[o] * cols, row, o * cols, cols);
        }
    }

    /** The state and its sensitivities as one field, {@code [f(y); (df/dy) S + df/dp]}. */
    private static final class Augmented implements VectorField {
        private final int d;
        private final int cols;
        private final int[] free;
        ParametricField field;

        Augmented(int d, int cols, int[] free) {
            this.d = d;
            this.cols = cols;
            this.free = free;
        }

        @Override public int getDimension() { return d * (1 + cols); }

        @Override
        public void derivatives(double t, double[] z, double[] zDot) {
            field.derivatives(t, z, zDot); // reads z[0..d), writes zDot[0..d)
            field.sensitivityDerivatives(t, z, z, d, cols, free, zDot, d);
        }
    }
}
