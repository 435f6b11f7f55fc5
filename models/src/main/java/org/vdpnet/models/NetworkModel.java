package org.vdpnet.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vdpnet.sim.Checks;
import org.vdpnet.sim.param.Parameter;
import org.vdpnet.sim.param.ParametricNetwork;

/**
 * A network: node dynamics, a coupling acting through one variable, and a topology. It is an
 * immutable, stateless {@link org.vdpnet.sim.VectorField} (and so a Hipparchus ODE): the coupling input is
 * written straight into the derivative array, so evaluation allocates nothing and one model can
 * be integrated on many threads at once.
 *
 * <p>It is also a {@link ParametricNetwork}: its parameters are the node parameters
 * ({@code a1[label]}, ..., kind by kind), the coupling gain {@code g} and one weight per stored
 * edge ({@code W[target<-source]}), with analytic state and parameter Jacobians built from the
 * node dynamics' own derivatives and the coupling's linearisation, for any coupling and topology.
 * A fit moves these values ({@link #withParameterValues}) and the result is a network the
 * simulator runs.
 */
public final class NetworkModel implements ParametricNetwork {
    private final NodeDynamics dynamics;
    private final Coupling coupling;
    private final Topology topology;
    private final int couplingVariable;
    private final int n;
    private final int vars;
    private final int kinds;
    private volatile List<Parameter> parameters; // made on first use
    private volatile int[] edgeTargets; // made on first use
    /** Per-thread work arrays of the Jacobians (sized on use). */
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private NetworkModel(NodeDynamics dynamics, Coupling coupling, Topology topology, int couplingVariable) {
        this.dynamics = dynamics;
        this.coupling = coupling;
        this.topology = topology;
        this.couplingVariable = couplingVariable;
        this.n = topology.nodes();
        this.vars = dynamics.variables().size();
        this.kinds = dynamics.parameterKinds().size();
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

    // ---- the parametric contract ----------------------------------------------------------

    @Override
    public List<Parameter> parameters() {
        List<Parameter> p = parameters;
        if (p == null) {
            List<Parameter> l = new ArrayList<>(kinds * n + 1 + topology.nonZeros());
            double[] v = dynamics.parameterValues();
            List<String> kindNames = dynamics.parameterKinds();
            List<String> labels = topology.labels();
            for (int q = 0; q < kinds; q++) {
                for (int i = 0; i < n; i++) {
                    l.add(new Parameter(kindNames.get(q) + "[" + labels.get(i) + "]", v[q * n + i], 1.0, dynamics.lowerBound(q),
                            dynamics.upperBound(q)));
                }
            }
            l.add(new Parameter("g", coupling.gain(), 1.0, 0.0, Double.POSITIVE_INFINITY));
            int[] targets = targets();
            for (int e = 0; e < targets.length; e++) {
                l.add(Parameter.unbounded("W[" + labels.get(targets[e]) + "<-" + labels.get(topology.edgeSource(e)) + "]",
                        topology.edgeWeight(e), 1.0));
            }
            p = List.copyOf(l);
            parameters = p;
        }
        return p;
    }

    @Override
    public NetworkModel withParameterValues(double[] v) {
        int count = kinds * n + 1 + topology.nonZeros();
        if (v.length != count) {
            throw new IllegalArgumentException("parameters: need " + count + " values, got " + v.length);
        }
        for (int k = 0; k < count; k++) {
            // the bounds without building the named list (this runs at every optimiser step)
            double lo = k < kinds * n ? dynamics.lowerBound(k / n) : k == kinds * n ? 0.0 : Double.NEGATIVE_INFINITY;
            double hi = k < kinds * n ? dynamics.upperBound(k / n) : Double.POSITIVE_INFINITY;
            if (!(Double.isFinite(v[k]) && v[k] >= lo && v[k] <= hi)) {
                Parameter p = parameters().get(k);
                throw new IllegalArgumentException(p.name() + ": must be " + p.requirement() + ", got " + v[k]);
            }
        }
        NodeDynamics d = dynamics.withParameterValues(java.util.Arrays.copyOfRange(v, 0, kinds * n));
        Coupling c = coupling.withGain(v[kinds * n]);
        Topology t = topology.withWeights(java.util.Arrays.copyOfRange(v, kinds * n + 1, count));
        return new NetworkModel(d, c, t, couplingVariable);
    }

    @Override public List<String> stateNames() { return channels(); }

    @Override public List<String> labels() { return topology.labels(); }

    @Override public List<String> variables() { return dynamics.variables(); }

    @Override public String form() { return dynamics.type(); }

    @Override public List<String> nodeParameterKinds() { return dynamics.parameterKinds(); }

    @Override
    public int nodeParameter(String kind, int node) {
        int q = dynamics.parameterKinds().indexOf(kind);
        return q < 0 ? -1 : q * n + Checks.inRange("node", node, 0, n - 1);
    }

    @Override public int gainParameter() { return kinds * n; }

    @Override public String couplingType() { return coupling.type(); }

    @Override public int couplingVariableIndex() { return couplingVariable; }

    @Override public int inputVariableIndex() { return dynamics.inputVariable(); }

    @Override public int edgeCount() { return topology.nonZeros(); }

    @Override public int edgeTarget(int e) { return targets()[e]; }

    @Override public int edgeSource(int e) { return topology.edgeSource(e); }

    @Override public int edgeParameter(int e) { return kinds * n + 1 + Checks.inRange("edge", e, 0, topology.nonZeros() - 1); }

    private int[] targets() {
        int[] t = edgeTargets;
        if (t == null) {
            int[] rp = topology.rowPointers();
            t = new int[topology.nonZeros()];
            for (int i = 0; i < n; i++) {
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    t[k] = i;
                }
            }
            edgeTargets = t;
        }
        return t;
    }

    /** Work arrays of one thread: node Jacobian blocks, node parameter derivatives, coupling slopes. */
    private static final class Work {
        double[] node = new double[0];
        double[] nodeParams = new double[0];
        double[] slope = new double[0];
        double[] gainSlope = new double[0];

        private double[] identity = new double[0];
        private int[] none = new int[0];
        private double[] zeros = new double[0];
        private int[] every = new int[0];

        /** The d x d identity, row-major (read only). */
        double[] identity(int d) {
            if (identity.length != d * d) {
                identity = new double[d * d];
                for (int i = 0; i < d; i++) {
                    identity[i * d + i] = 1.0;
                }
            }
            return identity;
        }

        /** {@code count} directions without a parameter. */
        int[] noParameters(int count) {
            if (none.length != count) {
                none = new int[count];
                java.util.Arrays.fill(none, -1);
            }
            return none;
        }

        /** At least {@code count} zeros (read only). */
        double[] zeros(int count) {
            if (zeros.length < count) {
                zeros = new double[count];
            }
            return zeros;
        }

        /** The directions 0 .. count - 1, one per parameter. */
        int[] everyParameter(int count) {
            if (every.length != count) {
                every = new int[count];
                java.util.Arrays.setAll(every, q -> q);
            }
            return every;
        }

        Work sized(int n, int vars, int kinds) {
            if (node.length < n * vars * vars) {
                node = new double[n * vars * vars];
            }
            if (nodeParams.length < kinds * n * vars) {
                nodeParams = new double[kinds * n * vars];
            }
            if (slope.length < n) {
                slope = new double[n];
                gainSlope = new double[n];
            }
            return this;
        }
    }

    /**
     * {@code df/dy} as the sensitivity product with {@code S = I} and no parameter directions, so
     * the model's linearisation is written once ({@link #sensitivityDerivatives}).
     */
    @Override
    public void stateJacobian(double t, double[] y, double[] j) {
        int d = vars * n;
        Work w = WORK.get().sized(n, vars, kinds);
        sensitivityDerivatives(t, y, w.identity(d), 0, d, w.noParameters(d), j, 0);
    }

    /** {@code df/dp} as the sensitivity product with {@code S = 0} and every parameter as a direction. */
    @Override
    public void parameterJacobian(double t, double[] y, double[] jp) {
        int d = vars * n;
        int p = kinds * n + 1 + topology.nonZeros();
        Work w = WORK.get().sized(n, vars, kinds);
        sensitivityDerivatives(t, y, w.zeros(d * p), 0, p, w.everyParameter(p), jp, 0);
    }

    /** The sparse, allocation-free sensitivity product: node blocks, then the coupling's CSR rows, then the free parameters' columns. */
    @Override
    public void sensitivityDerivatives(double t, double[] y, double[] s, int sOff, int cols, int[] free, double[] out, int outOff) {
        Work w = WORK.get().sized(n, vars, kinds);
        dynamics.nodeJacobian(y, w.node);
        for (int c = 0; c < cols; c++) {
            if (free[c] >= 0 && free[c] < kinds * n) { // node parameter derivatives only where a node parameter is a direction
                dynamics.nodeParameterJacobian(y, w.nodeParams);
                break;
            }
        }
        coupling.linearise(topology, y, couplingVariable * n, w.slope, w.gainSlope);
        final double[] node = w.node;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < vars; a++) {
                int o = outOff + (a * n + i) * cols;
                double c0 = node[(i * vars + a) * vars];
                int s0 = sOff + i * cols;
                for (int c = 0; c < cols; c++) {
                    out[o + c] = c0 * s[s0 + c];
                }
                for (int b = 1; b < vars; b++) {
                    double cb = node[(i * vars + a) * vars + b];
                    if (cb != 0.0) {
                        int sb = sOff + (b * n + i) * cols;
                        for (int c = 0; c < cols; c++) {
                            out[o + c] += cb * s[sb + c];
                        }
                    }
                }
            }
        }
        int in = dynamics.inputVariable() * n;
        int cv = couplingVariable * n;
        int[] rp = topology.rowPointers();
        int[] cs = topology.columns();
        double[] ws = topology.weightsArray();
        boolean diff = coupling.difference();
        final double[] slope = w.slope;
        for (int i = 0; i < n; i++) {
            int o = outOff + (in + i) * cols;
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                double coef = slope[i] * ws[k];
                int sj = sOff + (cv + cs[k]) * cols;
                for (int c = 0; c < cols; c++) {
                    out[o + c] += coef * s[sj + c];
                }
            }
            if (diff) {
                double coef = -slope[i] * topology.rowSum(i);
                int si = sOff + (cv + i) * cols;
                for (int c = 0; c < cols; c++) {
                    out[o + c] += coef * s[si + c];
                }
            }
        }
        int g = kinds * n;
        int[] targets = targets();
        for (int c = 0; c < cols; c++) {
            int p = free[c];
            if (p < 0) {
                continue;
            }
            if (p < g) {
                int q = p / n;
                int i = p % n;
                for (int a = 0; a < vars; a++) {
                    out[outOff + (a * n + i) * cols + c] += w.nodeParams[(q * n + i) * vars + a];
                }
            } else if (p == g) {
                for (int i = 0; i < n; i++) {
                    out[outOff + (in + i) * cols + c] += w.gainSlope[i];
                }
            } else {
                int e = p - g - 1;
                int i = targets[e];
                out[outOff + (in + i) * cols + c] += slope[i] * (y[cv + cs[e]] - (diff ? y[cv + i] : 0.0));
            }
        }
    }

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
