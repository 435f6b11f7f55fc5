package org.vdpnet.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * B members integrated together ({@link Simulator#solveEnsemble}): an {@link EnsembleField}, each
 * member's initial state and noise (its own seed; every member's noise of the same kind, or none),
 * one time span and the channel names of a member. Immutable.
 */
public final class EnsembleProblem {
    private final EnsembleField field;
    private final double[][] initialStates;
    private final double t0;
    private final double tEnd;
    private final List<String> channels;
    private final List<NoiseSpec> noise;

    private EnsembleProblem(EnsembleField field, double[][] initialStates, double t0, double tEnd, List<String> channels, List<NoiseSpec> noise) {
        this.field = field;
        this.initialStates = initialStates;
        this.t0 = t0;
        this.tEnd = tEnd;
        this.channels = channels;
        this.noise = noise;
    }

    /**
     * @param initialStates one state per member, {@code [member][component]}
     * @throws IllegalArgumentException if the sizes disagree or the span is empty or not finite
     */
    public static EnsembleProblem of(EnsembleField field, double[][] initialStates, double t0, double tEnd, List<String> channels) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(initialStates, "initial states");
        Objects.requireNonNull(channels, "channels");
        int b = field.members();
        int d = field.memberDimension();
        if (initialStates.length != b) {
            throw new IllegalArgumentException("initial states: must be one per member (" + b + "), got " + initialStates.length);
        }
        double[][] y0 = new double[b][];
        for (int m = 0; m < b; m++) {
            Checks.length("initial state of member " + m, initialStates[m], d);
            y0[m] = Checks.finite("initial state of member " + m, initialStates[m]);
        }
        Checks.finite("t0", t0);
        Checks.finite("t-end", tEnd);
        if (!(tEnd > t0)) {
            throw new IllegalArgumentException("t-end: must be > t0 (" + t0 + "), got " + tEnd);
        }
        if (channels.size() != d) {
            throw new IllegalArgumentException("channels: must name all " + d + " components of a member, got " + channels.size());
        }
        List<NoiseSpec> none = new ArrayList<>();
        for (int m = 0; m < b; m++) {
            none.add(NoiseSpec.none());
        }
        return new EnsembleProblem(field, y0, t0, tEnd, List.copyOf(channels), List.copyOf(none));
    }

    /** A copy with each member's noise (one spec per member, all of one kind). */
    public EnsembleProblem withNoise(List<NoiseSpec> perMember) {
        if (perMember.size() != field.members()) {
            throw new IllegalArgumentException("ensemble: " + field.members() + " members but " + perMember.size() + " noise specs");
        }
        NoiseSpec.Kind kind = null;
        for (NoiseSpec s : perMember) {
            NoiseSpec.Kind k = s.isActive() ? s.kind() : NoiseSpec.Kind.NONE;
            if (kind != null && k != kind) {
                throw new IllegalArgumentException("ensemble: every member's noise must be of one kind, got " + kind + " and " + k);
            }
            kind = k;
            if (s.kind() != NoiseSpec.Kind.NONE) { // the rule of SimulationProblem.withNoise
                Checks.length("noise.sigma", s.sigma(), field.memberDimension());
            }
        }
        return new EnsembleProblem(field, initialStates, t0, tEnd, channels, List.copyOf(perMember));
    }

    /**
     * Rows of {@code b} members side by side, member-minor: entry {@code i} of member {@code m} at
     * {@code [i * b + m]} (as an {@link EnsembleField} reads its state). The rows must have one length.
     */
    public static double[] memberMinor(double[][] rows) {
        int b = rows.length;
        int d = rows[0].length;
        double[] out = new double[b * d];
        for (int m = 0; m < b; m++) {
            Checks.length("row of member " + m, rows[m], d);
            for (int i = 0; i < d; i++) {
                out[i * b + m] = rows[m][i];
            }
        }
        return out;
    }

    public EnsembleField field() { return field; }

    public int members() { return field.members(); }

    /** Member {@code m}'s initial state (a copy). */
    public double[] initialState(int m) { return initialStates[m].clone(); }

    public double t0() { return t0; }

    public double tEnd() { return tEnd; }

    public List<String> channels() { return channels; }

    /** Member {@code m}'s noise. */
    public NoiseSpec noise(int m) { return noise.get(m); }
}
