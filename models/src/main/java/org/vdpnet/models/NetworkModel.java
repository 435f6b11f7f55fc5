package org.vdpnet.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vdpnet.sim.Checks;
import org.vdpnet.sim.VectorField;

/**
 * A network: node dynamics, a coupling acting through one variable, and a topology. It is an
 * immutable, stateless {@link VectorField} (and so a Hipparchus ODE): the coupling input is
 * written straight into the derivative array, so evaluation allocates nothing and one model can
 * be integrated on many threads at once.
 */
public final class NetworkModel implements VectorField {
    private final NodeDynamics dynamics;
    private final Coupling coupling;
    private final Topology topology;
    private final int couplingVariable;
    private final int n;
    private final int vars;

    private NetworkModel(NodeDynamics dynamics, Coupling coupling, Topology topology, int couplingVariable) {
        this.dynamics = dynamics;
        this.coupling = coupling;
        this.topology = topology;
        this.couplingVariable = couplingVariable;
        this.n = topology.nodes();
        this.vars = dynamics.variables().size();
    }

    /** A network coupled through the first variable ({@code x}). */
    public static NetworkModel of(NodeDynamics dynamics, Coupling coupling, Topology topology) {
        Objects.requireNonNull(dynamics, "dynamics");
        Objects.requireNonNull(coupling, "coupling");
        Objects.requireNonNull(topology, "topology");
        if (dynamics.nodes() != topology.nodes()) {
            throw new IllegalArgumentException("nodes: the dynamics have parameters for " + dynamics.nodes()
                    + " nodes but the topology has " + topology.nodes());
        }
        return new NetworkModel(dynamics, coupling, topology, 0);
    }

    /** A copy coupled through the named variable. */
    public NetworkModel withCouplingVariable(String variable) {
        int v = dynamics.variables().indexOf(variable);
        if (v < 0) {
            throw new IllegalArgumentException("coupling variable: must be one of " + dynamics.variables() + ", got '" + variable + "'");
        }
        return new NetworkModel(dynamics, coupling, topology, v);
    }

    /** A copy with another coupling. */
    public NetworkModel withCoupling(Coupling c) { return of(dynamics, c, topology).withVar(couplingVariable); }

    /** A copy with other node dynamics. */
    public NetworkModel withDynamics(NodeDynamics d) { return of(d, coupling, topology).withVar(couplingVariable); }

    private NetworkModel withVar(int v) { return new NetworkModel(dynamics, coupling, topology, v); }

    @Override
    public int getDimension() { return vars * n; }

    @Override
    public void derivatives(double t, double[] y, double[] yDot) {
        coupling.apply(topology, y, couplingVariable * n, yDot, dynamics.inputVariable() * n);
        dynamics.evaluate(y, yDot);
    }

    /** Channel names {@code x[label]}, ..., then {@code y[label]}, ..., in state order. */
    public List<String> channels() {
        List<String> c = new ArrayList<>(getDimension());
        for (String v : dynamics.variables()) {
            for (String l : topology.labels()) {
                c.add(v + "[" + l + "]");
            }
        }
        return c;
    }

    /** A state with the given per-node values of each variable ({@code perVariable[v][i]}). */
    public double[] state(double[]... perVariable) {
        if (perVariable.length != vars) {
            throw new IllegalArgumentException("state: need " + vars + " variables, got " + perVariable.length);
        }
        double[] y = new double[getDimension()];
        for (int v = 0; v < vars; v++) {
            Checks.length("state variable " + dynamics.variables().get(v), perVariable[v], n);
            System.arraycopy(perVariable[v], 0, y, v * n, n);
        }
        return y;
    }

    /** The node dynamics. */
    public NodeDynamics dynamics() { return dynamics; }

    /** The coupling. */
    public Coupling coupling() { return coupling; }

    /** The topology. */
    public Topology topology() { return topology; }

    /** Number of nodes. */
    public int nodes() { return n; }

    /** The coupling variable's name. */
    public String couplingVariable() { return dynamics.variables().get(couplingVariable); }

    /** The model, for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", n);
        m.put("dynamics", dynamics.describe());
        m.put("coupling", coupling.describe());
        m.put("couplingVariable", couplingVariable());
        m.put("nonZeroWeights", topology.nonZeros());
        m.put("symmetric", topology.isSymmetric());
        return m;
    }
}
