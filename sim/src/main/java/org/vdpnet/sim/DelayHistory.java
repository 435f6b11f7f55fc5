package org.vdpnet.sim;

/**
 * The past of a {@link DelayedField} on a fixed-step path: a flat ring buffer with one row per
 * step and one column per distinct source component, and the reads that fill {@code past} at any
 * stage of the current step. It is itself a plain {@link VectorField} (the field with its past
 * bound in), so every fixed-step method steps a delayed field without knowing it. Allocation-free
 * after construction; one instance per run.
 *
 * <p>The known past is piecewise linear in time: the stored states at the grid points
 * {@code t0 + i h} ({@code i <= k}, the initial state for {@code i < 0}) and, within the current
 * step, the stage's own state at its time. A read of delay {@code tau} at stage time
 * {@code t_k + c h} evaluates that function at {@code t_k + c h - d h}, where
 * {@code d = round(tau / h)} ({@link IntegratorSpec.DelayRule#NEAREST}: at a stage on the grid this
 * is a stored state, exactly) or {@code d = tau / h} ({@link IntegratorSpec.DelayRule#LINEAR}).
 * A delay of {@code d = 0} reads the stage's present state.
 */
final class DelayHistory implements VectorField {
    private final DelayedField field;
    private final int n;
    private final double h;
    private final double t0;
    /** Distinct source components, one ring column each. */
    private final int[] columns;
    /** Per read: its ring column, and its delay in steps. */
    private final int[] readColumn;
    private final double[] lag;
    private final int capacity;
    private final double[] ring;
    private final double[] initial;
    private final double[] past;
    private long k;
    private double tk;

    DelayHistory(DelayedField field, double h, IntegratorSpec.DelayRule rule, double t0, double[] y0) {
        this.field = field;
        this.n = field.getDimension();
        this.h = h;
        this.t0 = t0;
        int reads = field.delayedReads();
        int[] columnOf = new int[n];
        java.util.Arrays.fill(columnOf, -1);
        int m = 0;
        this.readColumn = new int[reads];
        this.lag = new double[reads];
        double maxLag = 0;
        for (int r = 0; r < reads; r++) {
            int s = field.delayedSource(r);
            if (columnOf[s] < 0) {
                columnOf[s] = m++;
            }
            readColumn[r] = columnOf[s];
            double steps = field.delay(r) / h;
            lag[r] = rule == IntegratorSpec.DelayRule.NEAREST ? Math.round(steps) : steps;
            maxLag = Math.max(maxLag, lag[r]);
        }
        this.columns = new int[m];
        for (int s = 0; s < n; s++) {
            if (columnOf[s] >= 0) {
                columns[columnOf[s]] = s;
            }
        }
        this.capacity = (int) Math.ceil(maxLag) + 2;
        this.ring = new double[capacity * m];
        this.initial = new double[m];
        for (int c = 0; c < m; c++) {
            initial[c] = y0[columns[c]];
        }
        this.past = new double[reads];
        this.k = -1;
        push(t0, y0);
    }

    /** Stores the state at the next grid point {@code t} (the end of an accepted step). */
    void push(double t, double[] y) {
        k++;
        tk = t;
        int base = (int) (k % capacity) * columns.length;
        for (int c = 0; c < columns.length; c++) {
            ring[base + c] = y[columns[c]];
        }
    }

    @Override public int getDimension() { return n; }

    @Override
    public void derivatives(double t, double[] y, double[] yDot) {
        double c = (t - tk) / h;
        double snapped = Math.rint(2 * c) / 2; // the stages of RK4 and Heun sit at 0, 1/2 and 1
        if (Math.abs(c - snapped) < 1e-9) {
            c = snapped;
        }
        final int m = columns.length;
        for (int r = 0; r < past.length; r++) {
            double d = lag[r];
            int col = readColumn[r];
            if (d == 0) {
                past[r] = y[columns[col]];
                continue;
            }
            double p = c - d; // position relative to t_k, in steps
            if (p >= 0) { // within the current step (a delay shorter than the stage offset): toward the stage's state
                double xk = ring[(int) (k % capacity) * m + col];
                past[r] = xk + (p / c) * (y[columns[col]] - xk);
                continue;
            }
            double q = k + p;
            long i0 = (long) Math.floor(q);
            double w = q - i0;
            double v0 = i0 < 0 ? initial[col] : ring[(int) (i0 % capacity) * m + col];
            double v1 = i0 + 1 < 0 ? initial[col] : ring[(int) ((i0 + 1) % capacity) * m + col];
            past[r] = w == 0 ? v0 : v0 + w * (v1 - v0);
        }
        field.derivatives(t, y, past, yDot);
    }

    /** The time of the latest stored point (for tests). */
    double latest() { return tk; }

    /** The start time. */
    double start() { return t0; }
}
