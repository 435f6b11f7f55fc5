package org.vdpnet.sim;

import java.util.List;
import java.util.Map;

/**
 * What a run keeps of its trajectory: an immutable spec that makes a fresh {@link Recorder}
 * for each run, so one monitor can serve many parallel runs.
 */
public interface Monitor {

    /** A fresh recorder for a run whose state components have the given channel names. */
    Recorder newRecorder(List<String> channels);

    /** The settings, for provenance. */
    Map<String, Object> describe();

    /** Every accepted step, and the initial state. */
    static Monitor raw() { return new Monitors.Raw(); }

    /**
     * The state at {@code t0, t0 + period, t0 + 2 period, ...} up to the end time. Adaptive
     * integrators give these from their dense output; fixed-step ones interpolate linearly
     * between steps, which is exact when the period is a multiple of the step.
     */
    static Monitor subsample(double period) { return new Monitors.Subsample(Checks.positive("period", period)); }

    /**
     * The mean of the state over consecutive windows of length {@code period}, stamped at each
     * window's centre. The integral uses three-point Gauss–Legendre quadrature of the dense
     * output within each step, so it is accurate even when steps are longer than the window.
     */
    static Monitor temporalAverage(double period) {
        return new Monitors.TemporalAverage(Checks.positive("period", period));
    }
}
