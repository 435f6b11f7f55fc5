package org.vdpnet.fitting.network;

import java.util.List;
import java.util.Map;
import org.vdpnet.sim.VectorField;

/**
 * The models a network fit searches: a parameter vector (the free parameters, in search order) to
 * the network's right-hand side, plus where its nodes' observed and input variables sit in the
 * state. The fitting module sees only this contract; the composition root implements it with the
 * concrete node dynamics, couplings and delays. Implementations are immutable and thread-safe, and
 * serializable: a distributed engine ships the search's objective, and so the family, to its workers.
 */
public interface NetworkFamily extends java.io.Serializable {

    /** The free parameter names, in search order. */
    List<String> parameters();

    /** The network of a parameter vector (a {@link org.vdpnet.sim.DelayedField} where it has delays). */
    VectorField field(double[] values);

    /** The sd of the noise on each node's input variable for a parameter vector (0: none). */
    double noise(double[] values);

    /** The number of nodes (observed channels). */
    int nodes();

    /** The state index of node 0's observed variable; node {@code i}'s is this plus {@code i}. */
    int observedOffset();

    /** The state index of node 0's input variable (where the noise enters); node {@code i}'s is this plus {@code i}. */
    int inputOffset();

    /** The settings, for provenance. */
    Map<String, Object> describe();
}
