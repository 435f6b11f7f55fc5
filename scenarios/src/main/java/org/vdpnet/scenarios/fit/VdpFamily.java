package org.vdpnet.scenarios.fit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.vdpnet.fitting.network.NetworkFamily;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.DelayedNetwork;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.NodeDynamics;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;
import org.vdpnet.sim.VectorField;

/**
 * The van der Pol networks of {@code vdpnet fit-network}, as a {@link NetworkFamily}: a structural
 * graph, a coupling type, node parameters per node, and optional tract lengths. Parameters:
 * {@code g} (coupling gain), {@code speed} (conduction speed, mm/ms; 0 or no lengths: no delays),
 * {@code noise} (sd on the input variable), and the node parameters {@code a1}, {@code a2}
 * (research form) or {@code mu}, {@code omega} (classic form), homogeneous (the name alone sets
 * every node) or per node ({@code a1[label]}). Those not free keep the values given here.
 */
public final class VdpFamily implements NetworkFamily {
    private static final long serialVersionUID = 1L;

    /** The node form. */
    public enum Form { RESEARCH, VDP }

    private final Topology topology;
    private final double[][] lengths;
    private final Form form;
    private final String coupling;
    private final double[] nodeA;
    private final double[] nodeB;
    private final double[] globals; // g, speed, noise
    private final double unitSeconds;
    private final List<String> free;
    private final int[] kind; // 0 g, 1 speed, 2 noise, 3 node A, 4 node B
    private final int[] node; // -1: every node
    private final double longestTract;

    /**
     * @param topology    the structural graph (normalised as wanted)
     * @param lengths     tract lengths (mm) oriented like the weights, or null
     * @param form        the node form
     * @param coupling    the coupling type (linear, diffusive, sigmoidal)
     * @param nodeA       a1 (research) or mu (classic) per node
     * @param nodeB       a2 (research) or omega (classic) per node
     * @param fixed       g, speed (mm/ms) and noise when not free
     * @param unitSeconds seconds per model time unit (turns mm/ms into delays in model units)
     * @param free        the free parameter names, in search order
     */
    public VdpFamily(Topology topology, double[][] lengths, Form form, String coupling, double[] nodeA, double[] nodeB,
                     double[] fixed, double unitSeconds, List<String> free) {
        this.topology = Objects.requireNonNull(topology, "topology");
        int n = topology.nodes();
        if (lengths != null) {
            DelayedNetwork.checkLengths("lengths", lengths, n);
        }
        if (nodeA.length != n || nodeB.length != n) {
            throw new IllegalArgumentException("node parameters: need " + n + " values each, got " + nodeA.length + " and " + nodeB.length);
        }
        Coupling.of("--coupling", coupling, 0.0); // checks the type
        this.lengths = lengths;
        double longest = 0;
        for (int e = 0; lengths != null && e < topology.nonZeros(); e++) {
            longest = Math.max(longest, lengths[topology.edgeTarget(e)][topology.edgeSource(e)]);
        }
        this.longestTract = longest;
        this.form = Objects.requireNonNull(form, "form");
        this.coupling = coupling;
        this.nodeA = nodeA.clone();
        this.nodeB = nodeB.clone();
        this.globals = fixed.clone();
        this.unitSeconds = unitSeconds;
        this.free = List.copyOf(free);
        this.kind = new int[free.size()];
        this.node = new int[free.size()];
        String a = form == Form.RESEARCH ? "a1" : "mu";
        String b = form == Form.RESEARCH ? "a2" : "omega";
        List<String> labels = topology.labels();
        for (int k = 0; k < free.size(); k++) {
            String name = free.get(k);
            int open = name.indexOf('[');
            String base = open < 0 ? name : name.substring(0, open);
            node[k] = -1;
            if (open >= 0) {
                String label = name.endsWith("]") ? name.substring(open + 1, name.length() - 1) : "";
                node[k] = labels.indexOf(label);
                if (node[k] < 0) {
                    throw new IllegalArgumentException("--free: parameter '" + name + "' names no node of the graph");
                }
            }
            if (base.equals("g") || base.equals("speed") || base.equals("noise")) {
                kind[k] = base.equals("g") ? 0 : base.equals("speed") ? 1 : 2;
                if (node[k] >= 0) {
                    throw new IllegalArgumentException("--per-node: only node parameters (" + a + ", " + b + ") can be per node, got " + base);
                }
            } else if (base.equals(a) || base.equals(b)) {
                kind[k] = base.equals(a) ? 3 : 4;
            } else {
                throw new IllegalArgumentException("--free: '" + name + "' is not a parameter; allowed: g, speed, noise, " + a + ", " + b
                        + " (the " + form.name().toLowerCase(Locale.ROOT) + " form)");
            }
        }
    }

    @Override public List<String> parameters() { return free; }

    @Override public int nodes() { return topology.nodes(); }

    @Override public int observedOffset() { return 0; } // x, the first block, in both forms

    @Override public int inputOffset() { return form == Form.RESEARCH ? 0 : topology.nodes(); }

    /** Whether the longest delay at {@code speed} mm/ms is at least half the step {@code dt} (model units), so the nearest-step rule resolves it. */
    public boolean delaysResolvable(double speed, double dt) {
        if (lengths == null || !(speed > 0)) {
            return false;
        }
        return longestTract / (speed * 1000 * unitSeconds) >= 0.5 * dt;
    }

    /** The longest tract length (mm) over the graph's edges (entries without an edge carry no delay); 0 without lengths. */
    public double longestTract() { return longestTract; }

    /**
     * How the delays of a parameter vector fall on the step {@code dt} (model units) under the
     * nearest-step rule: the number of edges at each whole number of steps (empty without delays).
     */
    public java.util.SortedMap<Long, Integer> lagCounts(double[] values, double dt) {
        java.util.TreeMap<Long, Integer> lags = new java.util.TreeMap<>();
        if (field(values) instanceof DelayedNetwork d) {
            for (double tau : d.edgeDelays()) {
                lags.merge(Math.round(tau / dt), 1, Integer::sum);
            }
        }
        return lags;
    }

    private double[] resolve(double[] values, double[] a, double[] b) {
        if (values.length != free.size()) {
            throw new IllegalArgumentException("parameters: need " + free.size() + " values (" + free + "), got " + values.length);
        }
        double[] gl = globals.clone();
        for (int k = 0; k < values.length; k++) {
            if (kind[k] < 3) {
                gl[kind[k]] = values[k];
            } else {
                double[] target = kind[k] == 3 ? a : b;
                if (node[k] < 0) {
                    Arrays.fill(target, values[k]);
                } else {
                    target[node[k]] = values[k];
                }
            }
        }
        return gl;
    }

    @Override
    public VectorField field(double[] values) {
        double[] a = nodeA.clone();
        double[] b = nodeB.clone();
        double[] gl = resolve(values, a, b);
        NodeDynamics dyn = form == Form.RESEARCH ? ResearchVanDerPol.of(a, b) : VanDerPol.of(a, b);
        NetworkModel net = NetworkModel.of(dyn, Coupling.of("--coupling", coupling, gl[0]), topology);
        return lengths != null && gl[1] > 0 ? DelayedNetwork.fromLengths(net, lengths, gl[1] * 1000 * unitSeconds) : net;
    }

    /** The delay-step counts of {@link #lagCounts} in words: {@code "120 edges: 80 at 0 steps, 40 at 1 step"}. */
    public static String describeLags(java.util.SortedMap<Long, Integer> lags) {
        StringBuilder text = new StringBuilder(lags.values().stream().mapToInt(Integer::intValue).sum() + " edges:");
        lags.forEach((k, c) -> text.append(' ').append(c).append(" at ").append(k).append(k == 1 ? " step," : " steps,"));
        text.setLength(text.length() - 1);
        return text.toString();
    }

    @Override
    public double noise(double[] values) {
        return resolve(values, nodeA.clone(), nodeB.clone())[2];
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", topology.nodes());
        m.put("form", form.name().toLowerCase(Locale.ROOT));
        m.put("coupling", coupling);
        m.put("delays", lengths != null);
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("g", globals[0]);
        fixed.put("speed", globals[1]);
        fixed.put("noise", globals[2]);
        m.put("fixed", fixed);
        m.put("unitSeconds", unitSeconds);
        m.put(form == Form.RESEARCH ? "a1" : "mu", nodeA.clone());
        m.put(form == Form.RESEARCH ? "a2" : "omega", nodeB.clone());
        m.put("free", free);
        return m;
    }
}
