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

    /** The recorded samples. */
    TimeSeries result();
}
