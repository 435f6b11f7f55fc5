package org.vdpnet.sim.param;

import java.util.List;

/**
 * A {@link ParametricField} that is a network of identical node models joined by one coupling
 * on a weighted graph: what a fitter needs to know to build its initial estimate and to say which
 * parameters are per node, the gain or edge weights. The state is laid out variable by variable,
 * {@code y[v * nodes() + i]} being variable {@code v} of node {@code i}.
 *
 * <p>The parameters are, in this order: each per-node kind for every node
 * ({@code kind[label]}), the coupling gain {@code g}, then one weight per graph edge
 * ({@code W[target<-source]}), the effective weight of an edge being {@code g * W}.
 */
public interface ParametricNetwork extends ParametricField {

    /** Number of nodes. */
    int nodes();

    /** Node labels. */
    List<String> labels();

    /** The variables of one node, for example {@code [x, y]}. */
    List<String> variables();

    /** The node model's short type id, for example {@code vdp} or {@code research}. */
    String form();

    /** The per-node parameter kinds, for example {@code [a1, a2]}. */
    List<String> nodeParameterKinds();

    /** The index of {@code kind} of {@code node} among {@link #parameters()}, or -1 if the form has no such kind. */
    int nodeParameter(String kind, int node);

    /** The index of the coupling gain among {@link #parameters()}. */
    int gainParameter();

    /** The coupling's short type id: linear, diffusive or sigmoidal. */
    String couplingType();

    /** The variable that the coupling reads (index into {@link #variables()}). */
    int couplingVariableIndex();

    /** The variable whose equation receives the coupling input. */
    int inputVariableIndex();

    /** Number of graph edges (weights kept even where zero, so they can be fitted). */
    int edgeCount();

    /** The node that edge {@code e} drives. */
    int edgeTarget(int e);

    /** The node that drives edge {@code e}. */
    int edgeSource(int e);

    /** The index of edge {@code e}'s weight among {@link #parameters()}. */
    int edgeParameter(int e);

    @Override
    ParametricNetwork withParameterValues(double[] values);
}
