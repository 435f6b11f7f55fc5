package org.vdpnet.models;

import java.util.List;
import java.util.Map;

/**
 * The vector field of the nodes of a network, with per-node parameters. The state of a network
 * of {@code n} nodes is laid out variable by variable: {@code y[v * n + i]} is variable
 * {@code v} of node {@code i}.
 */
public interface NodeDynamics {
    /** Number of nodes the parameters are for. */
    int nodes();

    /** Variable names, for example {@code [x, y]}. */
    List<String> variables();

    /** The variable whose equation receives the coupling input. */
    int inputVariable();

    /**
     * Writes the node derivatives into {@code dy}. On entry {@code dy[inputVariable() * n + i]}
     * holds the coupling input of node {@code i}; this adds it to that equation and overwrites
     * every other entry. Allocation-free and stateless.
     */
    void evaluate(double[] y, double[] dy);

    /** A short type id, for example {@code vdp} or {@code research}. */
    String type();

    /** The parameters, for provenance. */
    Map<String, Object> describe();
}
