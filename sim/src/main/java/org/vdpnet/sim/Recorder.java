package org.vdpnet.sim;

/**
 * A per-run sink for integration steps, made fresh by a {@link Monitor}. Not thread-safe and
 * used by one run only.
 */
public interface Recorder {
    /** Called once with the initial state. */
    void start(double t0, double[] y0);

    /**
     * Called after each accepted step over {@code [tPrev, t]}; {@code y} is the state at {@code t}
     * and {@code interpolant} gives the state anywhere in the step.
     */
    void step(double tPrev, double t, double[] y, Interpolant interpolant);

    /**
     * Whether {@link #step} over {@code [tPrev, t]} would read neither the state nor the
     * interpolant and change nothing (no sample falls in the step), so that a run may skip the call
     * and the gathering of the state it would need (vdpnet's adaptive path and ensembles do). False unless a recorder
     * knows better.
     */
    default boolean idleOver(double tPrev, double t) { return false; }

    /** The recorded samples. */
    TimeSeries result();
}
