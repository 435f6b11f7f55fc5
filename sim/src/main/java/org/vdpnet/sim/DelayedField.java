package org.vdpnet.sim;

/**
 * A right-hand side with constant delays, {@code y' = f(t, y(t), past)} where
 * {@code past[r] = y_{source(r)}(t - delay(r))} for each of its delayed reads {@code r} (in a
 * network, one per edge: the coupling variable of the edge's source, one conduction delay
 * earlier). The fixed-step integrators keep the history of the source components in a flat ring
 * buffer and fill {@code past} before every stage ({@link IntegratorSpec.DelayRule} says how a
 * delay that is not a whole number of steps is read). Before the start time the history is the
 * initial state, held constant. Adaptive integrators refuse delayed fields.
 *
 * <p>The plain {@link #derivatives(double, double[], double[])} has no past to read; implementations
 * throw {@link IllegalStateException} from it.
 *
 * <pre>{@code
 * // x' = -a x(t - tau): one state component, one delayed read of itself
 * DelayedField f = DelayedField.of(1, new int[] {0}, new double[] {tau},
 *         (t, y, past, dy) -> dy[0] = -a * past[0]);
 * Simulator.solve(SimulationProblem.of(f, new double[] {1}, 0, 50, List.of("x")),
 *         IntegratorSpec.rungeKutta4(1e-3), Monitor.subsample(0.01));
 * }</pre>
 */
public interface DelayedField extends VectorField {

    /** The past of a field without delayed reads. */
    double[] NO_PAST = new double[0];

    /** The number of delayed reads ({@code past.length}). */
    int delayedReads();

    /** The state component that read {@code r} looks back on. */
    int delayedSource(int r);

    /** The delay of read {@code r}, in model time units: finite and {@code >= 0}. */
    double delay(int r);

    /** Writes {@code f(t, y, past)} into {@code yDot}; allocation-free. */
    void derivatives(double t, double[] y, double[] past, double[] yDot);

    /** The longest delay (0 without reads). */
    default double maxDelay() {
        double m = 0;
        for (int r = 0, k = delayedReads(); r < k; r++) {
            m = Math.max(m, delay(r));
        }
        return m;
    }

    @Override
    default void derivatives(double t, double[] y, double[] yDot) {
        if (delayedReads() == 0) { // no past to read: the plain field (the integrators run it so)
            derivatives(t, y, NO_PAST, yDot);
            return;
        }
        throw new IllegalStateException("a delayed field needs its past: integrate it with a fixed-step method "
                + "(euler, rk4, euler-maruyama, heun)");
    }

    /** The in-place form of a delayed right-hand side, for {@link #of}. */
    @FunctionalInterface
    interface InPlace {
        void derivatives(double t, double[] y, double[] past, double[] yDot);
    }

    /** Wraps a lambda as a delayed field with the given reads. */
    static DelayedField of(int dimension, int[] sources, double[] delays, InPlace f) {
        Checks.positive("dimension", dimension);
        if (sources.length != delays.length) {
            throw new IllegalArgumentException("delays: need one delay per source, got " + delays.length + " for "
                    + sources.length);
        }
        int[] s = sources.clone();
        double[] d = delays.clone();
        for (int r = 0; r < s.length; r++) {
            Checks.inRange("delayed source[" + r + "]", s[r], 0, dimension - 1);
            if (!(d[r] >= 0 && d[r] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("delay[" + r + "]: must be finite and >= 0, got " + d[r]);
            }
        }
        return new DelayedField() {
            @Override public int getDimension() { return dimension; }
            @Override public int delayedReads() { return s.length; }
            @Override public int delayedSource(int r) { return s[r]; }
            @Override public double delay(int r) { return d[r]; }
            @Override public void derivatives(double t, double[] y, double[] past, double[] yDot) {
                f.derivatives(t, y, past, yDot);
            }
        };
    }
}
