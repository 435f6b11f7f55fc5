package org.vdpnet.sim;

import java.util.List;
import java.util.Map;

/**
 * What a run keeps of its trajectory: an immutable spec that makes a fresh {@link Recorder}
 * for each run, so one monitor can serve many parallel runs. Observation monitors (BOLD, calcium)
 * can also run alongside the main one in the same integration, through
 * {@link Simulator#solve(SimulationProblem, IntegratorSpec, Monitor, Map, ProgressListener)}.
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

    /**
     * A calcium-indicator observation of the state variables {@code sources}: each convolved with
     * the peak-normalised double-exponential kernel of {@code rise} and {@code decay} (model time units), sampled
     * every {@code period}, plus Gaussian noise of {@code noise} sd seeded by {@code seed}
     * ({@link CalciumMonitor}; presets {@link CalciumMonitor#GCAMP6F}, {@link CalciumMonitor#GCAMP6S}).
     */
    static Monitor calcium(double rise, double decay, double period, int[] sources, double noise, long seed) {
        return new CalciumMonitor(rise, decay, period, sources, noise, seed);
    }

    /**
     * A BOLD observation of the state variables {@code sources} through the Balloon–Windkessel model
     * (Friston 2003 constants), input {@code gain * state}, sampled every {@code tr} seconds with
     * {@code secondsPerUnit} seconds per model time unit ({@link BoldMonitor}; RK4 sub-steps of at most 10 ms).
     */
    static Monitor bold(double tr, int[] sources, double gain, double secondsPerUnit) {
        return new BoldMonitor(tr, sources, gain, secondsPerUnit, 0.01);
    }
}
