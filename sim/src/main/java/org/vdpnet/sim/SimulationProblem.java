package org.vdpnet.sim;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to integrate: the vector field, the initial state, the time span, the channel names of
 * the state components, optional noise and an optional stop condition. Immutable; the
 * {@code with*} methods return new instances.
 */
public final class SimulationProblem {
    private final VectorField field;
    private final double[] initialState;
    private final double t0;
    private final double tEnd;
    private final List<String> channels;
    private final NoiseSpec noise;
    private final StopCondition stop;

    private SimulationProblem(VectorField field, double[] y0, double t0, double tEnd,
                              List<String> channels, NoiseSpec noise, StopCondition stop) {
        this.field = field;
        this.initialState = y0;
        this.t0 = t0;
        this.tEnd = tEnd;
        this.channels = channels;
        this.noise = noise;
        this.stop = stop;
    }

    /** A deterministic problem on {@code [t0, tEnd]}. */
    public static SimulationProblem of(VectorField field, double[] y0, double t0, double tEnd, List<String> channels) {
        Objects.requireNonNull(field, "field");
        Checks.finite("t0", t0);
        Checks.finite("t-end", tEnd);
        if (!(tEnd > t0)) {
            throw new IllegalArgumentException("t-end: must be > t0 (" + t0 + "), got " + tEnd);
        }
        int n = field.getDimension();
        Checks.length("initial state", y0, n);
        double[] y = Checks.finite("initial state", y0);
        if (channels.size() != n) {
            throw new IllegalArgumentException("channels: must name all " + n + " state components, got " + channels.size());
        }
        return new SimulationProblem(field, y, t0, tEnd, List.copyOf(channels), NoiseSpec.none(), null);
    }

    /** A copy with noise; its intensities must have one entry per state component. */
    public SimulationProblem withNoise(NoiseSpec noise) {
        Objects.requireNonNull(noise, "noise");
        if (noise.kind() != NoiseSpec.Kind.NONE) {
            Checks.length("noise.sigma", noise.sigma(), field.getDimension());
        }
        return new SimulationProblem(field, initialState, t0, tEnd, channels, noise, stop);
    }

    /** A copy that stops when {@code stop} changes sign. */
    public SimulationProblem withStopCondition(StopCondition stop) {
        return new SimulationProblem(field, initialState, t0, tEnd, channels, noise, Objects.requireNonNull(stop));
    }

    /** A copy with another end time. */
    public SimulationProblem withEndTime(double tEnd) {
        return of(field, initialState, t0, tEnd, channels).withNoise(noise).withStop(stop);
    }

    /** A copy with another initial state. */
    public SimulationProblem withInitialState(double[] y0) {
        return of(field, y0, t0, tEnd, channels).withNoise(noise).withStop(stop);
    }

    private SimulationProblem withStop(StopCondition s) {
        return new SimulationProblem(field, initialState, t0, tEnd, channels, noise, s);
    }

    /** The vector field. */
    public VectorField field() { return field; }

    /** A copy of the initial state. */
    public double[] initialState() { return initialState.clone(); }

    /** The start time. */
    public double t0() { return t0; }

    /** The end time. */
    public double tEnd() { return tEnd; }

    /** The channel names, one per state component. */
    public List<String> channels() { return channels; }

    /** The noise (possibly {@link NoiseSpec#none()}). */
    public NoiseSpec noise() { return noise; }

    /** The stop condition, if any. */
    public Optional<StopCondition> stopCondition() { return Optional.ofNullable(stop); }
}
