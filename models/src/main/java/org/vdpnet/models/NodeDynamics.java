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

    /** The per-node parameter kinds, for example {@code [mu, omega]}. */
    List<String> parameterKinds();

    /** Every per-node parameter, kind-major: {@code v[q * nodes() + i]} is kind {@code q} of node {@code i} (a fresh array). */
    double[] parameterValues();

    /** The lower bound of kind {@code q}. */
    double lowerBound(int q);

    /** The upper bound of kind {@code q}. */
    double upperBound(int q);

    /** The same dynamics with other parameter values, kind-major; checked as the factory checks them. */
    NodeDynamics withParameterValues(double[] values);

    /**
     * The Jacobian of each node's own equations (without the coupling input), block by block:
     * {@code out[(i * V + a) * V + b] = d f_{a,i} / d y_{b,i}} for {@code V} variables. Allocation-free.
     */
    void nodeJacobian(double[] y, double[] out);

    /**
     * The derivatives with respect to the parameters: {@code out[(q * nodes() + i) * V + a] = d f_{a,i} / d theta_{q,i}}
     * (a parameter of node {@code i} moves only node {@code i}'s equations). Allocation-free.
     */
    void nodeParameterJacobian(double[] y, double[] out);
}
