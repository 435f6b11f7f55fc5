package org.vdpnet.sim;

/**
 * The right-hand side of B members of one structure at once (the same equations and graph, each
 * member with its own parameters), laid out member-minor: component {@code i} of member {@code b}
 * is {@code y[i * members() + b]}, so that the inner loops run over the members and vectorise.
 * Each member's derivative must be exactly (bit for bit) what its own single-member field computes,
 * so that an ensemble run of a member equals its solo run ({@link Simulator#solveEnsemble}), and it
 * must read only the member's own entries: the entries of a member that has ended are zeroed and
 * those of a member that is retrying a step hold its trial stages.
 */
public interface EnsembleField {
    /** Components of one member. */
    int memberDimension();

    /** Members side by side. */
    int members();

    /**
     * Whether the derivatives do not depend on time. Only an autonomous field runs adaptively as an
     * ensemble ({@link Simulator#solveEnsemble}): there each member has its own time, and the field
     * is called with time NaN.
     */
    default boolean autonomous() { return false; }

    /** Writes every member's derivative; {@code y} and {@code yDot} hold {@code memberDimension() * members()} values. */
    void derivatives(double t, double[] y, double[] yDot);
}
