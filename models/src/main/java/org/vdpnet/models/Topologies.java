package org.vdpnet.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.jgrapht.Graph;
import org.jgrapht.generate.BarabasiAlbertGraphGenerator;
import org.jgrapht.generate.CompleteGraphGenerator;
import org.jgrapht.generate.GnpRandomGraphGenerator;
import org.jgrapht.generate.GraphGenerator;
import org.jgrapht.generate.GridGraphGenerator;
import org.jgrapht.generate.RingGraphGenerator;
import org.jgrapht.generate.WattsStrogatzGraphGenerator;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.util.SupplierUtil;
import org.vdpnet.sim.Checks;
import org.vdpnet.sim.Seeds;

/**
 * Seeded graph generators (JGraphT) and the conversion of any JGraphT graph to a
 * {@link Topology}. Use {@link Spec} to describe a generated topology declaratively.
 */
public final class Topologies {
    private Topologies() {}

    /** The generator types, with their short ids. */
    public enum Type {
        RING("ring"), LATTICE("lattice"), COMPLETE("complete"), ERDOS_RENYI("erdos-renyi"),
        WATTS_STROGATZ("watts-strogatz"), BARABASI_ALBERT("barabasi-albert");

        private final String id;

        Type(String id) { this.id = id; }

        /** The short id. */
        public String id() { return id; }

        /** Parses a short id. */
        public static Type fromId(String name, String id) {
            for (Type t : values()) {
                if (t.id.equalsIgnoreCase(id)) {
                    return t;
                }
            }
            List<String> ids = new ArrayList<>();
            for (Type t : values()) {
                ids.add(t.id);
            }
            throw new IllegalArgumentException(name + ": unknown topology '" + id + "'; allowed: " + String.join(", ", ids));
        }
    }

    /**
     * A generated topology.
     *
     * @param type      the generator
     * @param nodes     number of nodes (for a lattice, rows x cols)
     * @param k         Watts–Strogatz: neighbours per node in the starting ring (even)
     * @param p         Erdős–Rényi: edge probability; Watts–Strogatz: rewiring probability
     * @param m         Barabási–Albert: edges per new node
     * @param rows      lattice rows (0: choose the squarest factorisation of {@code nodes})
     * @param directed  Erdős–Rényi only: draw directed edges
     * @param weightMin smallest edge weight
     * @param weightMax largest edge weight (equal to weightMin for constant weights)
     * @param seed      seed of the generator and of the weights
     */
    public record Spec(Type type, int nodes, int k, double p, int m, int rows, boolean directed,
                       double weightMin, double weightMax, long seed) {

        /** Defaults for a type: k = 4, p = 0.1, m = 2, weights 1. */
        public static Spec of(Type type, int nodes, long seed) {
            return new Spec(type, nodes, 4, 0.1, 2, 0, false, 1.0, 1.0, seed);
        }

        /** Checks the parameters for the chosen type. */
        public Spec {
            Checks.inRange("nodes", nodes, 1, 50_000_000);
            Checks.finite("weight-min", weightMin);
            Checks.finite("weight-max", weightMax);
            if (!(weightMax >= weightMin)) {
                throw new IllegalArgumentException("weight-max: must be >= weight-min (" + weightMin + "), got " + weightMax);
            }
            switch (type) {
                case ERDOS_RENYI:
                    Checks.inRange("p", p, 0.0, 1.0);
                    break;
                case WATTS_STROGATZ:
                    Checks.inRange("p", p, 0.0, 1.0);
                    if (k < 2 || k % 2 != 0 || k >= nodes) {
                        throw new IllegalArgumentException("k: must be even, >= 2 and < nodes (" + nodes + "), got " + k);
                    }
                    break;
                case BARABASI_ALBERT:
                    if (m < 1 || m >= nodes) {
                        throw new IllegalArgumentException("m: must be >= 1 and < nodes (" + nodes + "), got " + m);
                    }
                    break;
                case LATTICE:
                    if (rows < 0 || (rows > 0 && nodes % rows != 0)) {
                        throw new IllegalArgumentException("rows: must divide nodes (" + nodes + "), got " + rows);
                    }
                    break;
                case RING:
                    if (nodes < 3) {
                        throw new IllegalArgumentException("nodes: a ring needs >= 3 nodes, got " + nodes);
                    }
                    break;
                default:
                    break;
            }
            if (directed && type != Type.ERDOS_RENYI) {
                throw new IllegalArgumentException("directed: only erdos-renyi generates directed graphs, got " + type.id());
            }
        }

        /** A copy with other structural parameters. */
        public Spec withShape(int k, double p, int m, int rows) {
            return new Spec(type, nodes, k, p, m, rows, directed, weightMin, weightMax, seed);
        }

        /** A copy with edge weights drawn uniformly from {@code [min, max]}. */
        public Spec withWeights(double min, double max) {
            return new Spec(type, nodes, k, p, m, rows, directed, min, max, seed);
        }

        /** A copy with directed edges. */
        public Spec withDirected(boolean d) {
            return new Spec(type, nodes, k, p, m, rows, d, weightMin, weightMax, seed);
        }

        /** Generates the topology. */
        public Topology build() { return generate(this); }

        /** The settings, for provenance. */
        public Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("type", type.id());
            d.put("nodes", nodes);
            switch (type) {
                case ERDOS_RENYI: d.put("p", p); d.put("directed", directed); break;
                case WATTS_STROGATZ: d.put("k", k); d.put("p", p); break;
                case BARABASI_ALBERT: d.put("m", m); break;
                case LATTICE: d.put("rows", latticeRows(this)); break;
                default: break;
            }
            d.put("weightMin", weightMin);
            d.put("weightMax", weightMax);
            d.put("seed", seed);
            return d;
        }
    }

    static Topology generate(Spec s) {
        Graph<Integer, DefaultWeightedEdge> g = (s.directed() ? GraphTypeBuilder.<Integer, DefaultWeightedEdge>directed()
                : GraphTypeBuilder.<Integer, DefaultWeightedEdge>undirected())
                .weighted(true).allowingMultipleEdges(false).allowingSelfLoops(false)
                .vertexSupplier(SupplierUtil.createIntegerSupplier())
                .edgeSupplier(SupplierUtil.createDefaultWeightedEdgeSupplier()).buildGraph();
        long seed = Seeds.derive(s.seed(), "topology");
        GraphGenerator<Integer, DefaultWeightedEdge, Integer> gen;
        switch (s.type()) {
            case RING: gen = new RingGraphGenerator<>(s.nodes()); break;
            case LATTICE: {
                int rows = latticeRows(s);
                gen = new GridGraphGenerator<>(rows, s.nodes() / rows);
                break;
            }
            case COMPLETE: gen = new CompleteGraphGenerator<>(s.nodes()); break;
            case ERDOS_RENYI: gen = new GnpRandomGraphGenerator<>(s.nodes(), s.p(), seed, false); break;
            case WATTS_STROGATZ: gen = new WattsStrogatzGraphGenerator<>(s.nodes(), s.k(), s.p(), false, new Random(seed)); break;
            case BARABASI_ALBERT:
                gen = new BarabasiAlbertGraphGenerator<>(Math.max(s.m(), 2), s.m(), s.nodes(), new Random(seed));
                break;
            default: throw new IllegalStateException(s.type().name());
        }
        gen.generateGraph(g);
        if (s.weightMax() > s.weightMin() || s.weightMin() != 1.0) {
            UniformRandomProvider rng = Seeds.rng(Seeds.derive(s.seed(), "weights"));
            for (DefaultWeightedEdge e : g.edgeSet()) {
                double w = s.weightMin() + (s.weightMax() - s.weightMin()) * rng.nextDouble();
                g.setEdgeWeight(e, w);
            }
        }
        return fromGraph(s.type().id(), g, v -> Integer.toString(v));
    }

    private static int latticeRows(Spec s) {
        if (s.rows() > 0) {
            return s.rows();
        }
        int r = (int) Math.floor(Math.sqrt(s.nodes()));
        while (s.nodes() % r != 0) {
            r--;
        }
        return r;
    }

    /**
     * Converts a JGraphT graph: vertices are numbered in iteration order; an undirected edge
     * couples both ways, a directed edge {@code u -> v} makes {@code u} drive {@code v}. Edge
     * weights come from {@link Graph#getEdgeWeight}; parallel directed edges add up.
     */
    public static <V, E> Topology fromGraph(String name, Graph<V, E> g, Function<V, String> label) {
        int n = g.vertexSet().size();
        Map<V, Integer> index = new HashMap<>();
        List<String> labels = new ArrayList<>(n);
        for (V v : g.vertexSet()) {
            index.put(v, index.size());
            labels.add(label.apply(v));
        }
        boolean directed = g.getType().isDirected();
        int count = g.edgeSet().size();
        int[] src = new int[directed ? count : 2 * count];
        int[] dst = new int[src.length];
        double[] w = new double[src.length];
        int e = 0;
        for (E edge : g.edgeSet()) {
            int s = index.get(g.getEdgeSource(edge));
            int t = index.get(g.getEdgeTarget(edge));
            double weight = g.getEdgeWeight(edge);
            src[e] = s;
            dst[e] = t;
            w[e++] = weight;
            if (!directed && s != t) {
                src[e] = t;
                dst[e] = s;
                w[e++] = weight;
            }
        }
        return Topology.fromEdges(name, n, java.util.Arrays.copyOf(src, e), java.util.Arrays.copyOf(dst, e),
                java.util.Arrays.copyOf(w, e), labels);
    }

    /** The ids of every type, comma-separated, for help texts. */
    public static String typeIds() {
        StringBuilder sb = new StringBuilder();
        for (Type t : Type.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.id());
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
