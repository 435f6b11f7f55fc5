package org.vdpnet.models;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.ImportException;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.vdpnet.sim.io.TextNumbers;

/**
 * Reads graphs: GraphML through jgrapht-io (weights from the {@code weight} edge key, checked
 * here, since jgrapht-io skips a weight it cannot parse), and edge lists {@code source target
 * [weight]}, comma-, tab- or space-separated, checked line by line.
 */
final class GraphReaders {
    private static final Pattern DIRECTED = Pattern.compile("edgedefault\\s*=\\s*[\"']directed[\"']");

    private GraphReaders() {}

    static Connectome graphMl(Path file) throws IOException {
        String text = ConnectomeText.read(file);
        if (text.isBlank()) {
            throw new IllegalArgumentException(file + ": is empty; need a GraphML document");
        }
        Graph<String, DefaultWeightedEdge> g = newGraph(DIRECTED.matcher(text).find());
        GraphMLImporter<String, DefaultWeightedEdge> im = new GraphMLImporter<>();
        im.setSchemaValidation(false);
        im.setVertexFactory(id -> id);
        Map<String, String> names = new LinkedHashMap<>();
        im.addVertexAttributeConsumer((pair, attr) -> {
            String key = pair.getSecond().toLowerCase(Locale.ROOT);
            if (key.equals("label") || key.equals("name")) {
                names.put(pair.getFirst(), attr.getValue());
            }
        });
        Map<DefaultWeightedEdge, String> weights = new HashMap<>();
        im.addEdgeAttributeConsumer((pair, attr) -> {
            if (pair.getSecond().equals(im.getEdgeWeightAttributeName())) {
                weights.put(pair.getFirst(), attr.getValue());
            }
        });
        try (Reader r = new StringReader(text)) {
            im.importGraph(g, r);
        } catch (ImportException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not valid GraphML (" + ConnectomeText.clean(e) + ")");
        }
        if (g.vertexSet().isEmpty()) {
            throw new IllegalArgumentException(file + ": the graph has no nodes; need <node> elements");
        }
        for (Map.Entry<DefaultWeightedEdge, String> e : weights.entrySet()) {
            if (!g.containsEdge(e.getKey())) {
                continue;
            }
            String where = file + ": edge " + g.getEdgeSource(e.getKey()) + " -> " + g.getEdgeTarget(e.getKey()) + ": weight ";
            String s = e.getValue() == null ? "" : e.getValue().trim();
            double w = TextNumbers.parse(s).orElseThrow(() -> new IllegalArgumentException(where + "must be a number, got '" + s + "'"));
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException(where + "must be finite, got '" + s + "'");
            }
            g.setEdgeWeight(e.getKey(), w);
        }
        return new Connectome(Topologies.fromGraph(file.toString(), g, v -> names.getOrDefault(v, v)), null, null, "graphml");
    }

    static Connectome edgeList(Path file, boolean directed) throws IOException {
        String text = ConnectomeText.read(file);
        Graph<String, DefaultWeightedEdge> g = newGraph(directed);
        Map<DefaultWeightedEdge, Integer> lineOf = new HashMap<>();
        String delim = null;
        int fields = 0;
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (delim == null) {
                delim = line.contains(",") ? "\\s*,\\s*" : line.contains("\t") ? "\\s*\t\\s*" : "\\s+";
            }
            String[] p = line.split(delim, -1);
            String at = file + " line " + lineNo + ": ";
            if (fields == 0) {
                fields = p.length;
            }
            if (p.length < 2 || p.length > 3) {
                throw new IllegalArgumentException(at + "expected 'source target [weight]', got " + p.length
                        + (p.length == 1 ? " field" : " fields") + " in '" + line + "'");
            }
            if (p.length != fields) {
                throw new IllegalArgumentException(at + "has " + p.length + " fields but the first edge has " + fields
                        + "; give every edge a weight or none");
            }
            String s = unquote(p[0]);
            String t = unquote(p[1]);
            if (s.isEmpty() || t.isEmpty()) {
                throw new IllegalArgumentException(at + "empty node name in '" + line + "'");
            }
            double w = 1.0;
            if (p.length == 3) {
                String ws = p[2].strip();
                w = TextNumbers.parse(ws).orElseThrow(() -> new IllegalArgumentException(
                        at + "weight of edge " + s + " -> " + t + " must be a number, got '" + ws + "'"));
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException(at + "weight of edge " + s + " -> " + t + " must be finite, got '" + ws + "'");
                }
            }
            g.addVertex(s);
            g.addVertex(t);
            DefaultWeightedEdge old = g.getEdge(s, t);
            if (old != null) {
                if (g.getEdgeWeight(old) != w) {
                    throw new IllegalArgumentException(at + "edge " + s + " -> " + t + " has weight " + p[2].strip()
                            + " but line " + lineOf.get(old) + " gave it " + g.getEdgeWeight(old));
                }
                continue;
            }
            DefaultWeightedEdge e = g.addEdge(s, t);
            g.setEdgeWeight(e, w);
            lineOf.put(e, lineNo);
        }
        if (g.edgeSet().isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no edges; need lines 'source target [weight]'");
        }
        return new Connectome(Topologies.fromGraph(file.toString(), g, v -> v), null, null, "edgelist");
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static Graph<String, DefaultWeightedEdge> newGraph(boolean directed) {
        return (directed ? GraphTypeBuilder.<String, DefaultWeightedEdge>directed()
                : GraphTypeBuilder.<String, DefaultWeightedEdge>undirected())
                .weighted(true).allowingMultipleEdges(false).allowingSelfLoops(true)
                .edgeSupplier(org.jgrapht.util.SupplierUtil.createDefaultWeightedEdgeSupplier()).buildGraph();
    }
}
