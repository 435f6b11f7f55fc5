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
    /** Distinct source components, one ring column each. */
    private final int[] columns;
    /** Per read: its ring column, the whole steps of its delay and the fraction left over. */
    private final int[] readColumn;
    private final int[] whole;
    private final double[] fraction;
    private final int capacity;
    private final double[] ring;
    private final double[] initial;
    private final double[] past;
    /** The index of the latest stored point, and its ring row. */
    private long k;
    private int head;
    private double tk;

    DelayHistory(DelayedField field, double h, IntegratorSpec.DelayRule rule, double t0, double[] y0) {
        this.field = field;
        this.n = field.getDimension();
        this.h = h;
        int reads = field.delayedReads();
        int[] columnOf = new int[n];
        java.util.Arrays.fill(columnOf, -1);
        int m = 0;
        this.readColumn = new int[reads];
        this.whole = new int[reads];
        this.fraction = new double[reads];
        double maxLag = 0;
        for (int r = 0; r < reads; r++) {
            int s = field.delayedSource(r);
            if (columnOf[s] < 0) {
                columnOf[s] = m++;
            }
            readColumn[r] = columnOf[s];
            double steps = field.delay(r) / h;
            double lag = rule == IntegratorSpec.DelayRule.NEAREST ? Math.round(steps) : steps;
            whole[r] = (int) Math.floor(lag);
            fraction[r] = lag - whole[r];
            maxLag = Math.max(maxLag, lag);
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
        this.head = -1;
        push(t0, y0);
    }

    /** Stores the state at the next grid point {@code t} (the end of an accepted step). */
    void push(double t, double[] y) {
        k++;
        head = head + 1 == capacity ? 0 : head + 1;
        tk = t;
        int base = head * columns.length;
        for (int c = 0; c < columns.length; c++) {
            ring[base + c] = y[columns[c]];
        }
    }

    @Override public int getDimension() { return n; }

    /** The stored value of ring column {@code col} at grid index {@code k - back} (the initial state before the start). */
    private double stored(int back, int col) {
        if (k - back < 0) {
            return initial[col];
        }
        int row = head - back;
        return ring[(row < 0 ? row + capacity : row) * columns.length + col];
    }

    @Override
    public void derivatives(double t, double[] y, double[] yDot) {
        double c = (t - tk) / h;
        double snapped = Math.rint(2 * c) / 2; // the stages of RK4 and Heun sit at 0, 1/2 and 1
        if (Math.abs(c - snapped) < 1e-9) {
            c = snapped;
        }
        for (int r = 0; r < past.length; r++) {
            int col = readColumn[r];
            int l = whole[r];
            double e = c - fraction[r]; // the read sits at k - l + e, e in (-1, 1]
            if (l == 0) {
                if (fraction[r] == 0) { // no delay: the stage's present state
                    past[r] = y[columns[col]];
                    continue;
                }
                if (e >= 0) { // a delay shorter than the stage offset: between x_k and the stage's state
                    double xk = stored(0, col);
                    past[r] = xk + (e / c) * (y[columns[col]] - xk);
                    continue;
                }
            }
            if (e < 0) {
                double v0 = stored(l + 1, col);
                past[r] = v0 + (1 + e) * (stored(l, col) - v0);
            } else if (e == 0) {
                past[r] = stored(l, col);
            } else if (e < 1) {
                double v0 = stored(l, col);
                past[r] = v0 + e * (stored(l - 1, col) - v0);
            } else {
                past[r] = stored(l - 1, col);
            }
        }
        field.derivatives(t, y, past, yDot);
    }
}
