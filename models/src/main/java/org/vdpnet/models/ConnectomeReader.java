package org.vdpnet.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.ImportException;
import org.jgrapht.nio.csv.CSVFormat;
import org.jgrapht.nio.csv.CSVImporter;
import org.jgrapht.nio.graphml.GraphMLImporter;
import org.vdpnet.sim.io.TextNumbers;

/**
 * Reads connectomes. Formats:
 * <ul>
 *   <li>{@code matrix}: a square weight matrix, comma- or whitespace-separated, with an optional
 *       first row of labels; {@code W[i][j]} drives target {@code i} from source {@code j};</li>
 *   <li>{@code tvb}: a The Virtual Brain folder or zip with {@code weights.txt}, and optionally
 *       {@code tract_lengths.txt} and {@code centres.txt} (label x y z per line);</li>
 *   <li>{@code graphml}: GraphML through jgrapht-io, weights from the {@code weight} edge key;</li>
 *   <li>{@code edgelist}: lines {@code source target [weight]} through jgrapht-io, comma-, tab-
 *       or space-separated.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s whose message names the file, the value and what
 * is allowed.
 */
public final class ConnectomeReader {
    private static final Pattern SPLIT = Pattern.compile("[,;\\s]+");

    private ConnectomeReader() {}

    /** Formats, with their short ids. */
    public enum Format {
        AUTO, MATRIX, TVB, GRAPHML, EDGELIST;

        /** Parses a short id. */
        public static Format fromId(String name, String id) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(id)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(name + ": unknown format '" + id + "'; allowed: auto, matrix, tvb, graphml, edgelist");
        }
    }

    /** Reads a connectome, guessing the format from the path (folder or zip: tvb; .graphml; .edges/.edgelist; else matrix). */
    public static Connectome read(Path path) throws IOException {
        return read(path, Format.AUTO, false);
    }

    /**
     * Reads a connectome in the given format.
     *
     * @param directed for edge lists: whether edges are directed (GraphML says so itself)
     */
    public static Connectome read(Path path, Format format, boolean directed) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(path + ": file not found");
        }
        Format f = format == Format.AUTO ? guess(path) : format;
        try {
            switch (f) {
                case TVB: return readTvb(path);
                case GRAPHML: return readGraphMl(path);
                case EDGELIST: return readEdgeList(path, directed);
                default: return new Connectome(readMatrix(path), null, null, "matrix");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(e.getFile() + ": file not found", e);
        }
    }

    static Format guess(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path) || name.endsWith(".zip")) {
            return Format.TVB;
        }
        if (name.endsWith(".graphml") || name.endsWith(".xml")) {
            return Format.GRAPHML;
        }
        if (name.endsWith(".edges") || name.endsWith(".edgelist")) {
            return Format.EDGELIST;
        }
        return Format.MATRIX;
    }

    /** Reads a square matrix file; a first row that is not numeric is taken as labels. */
    public static Topology readMatrix(Path file) throws IOException {
        return parseMatrix(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    static Topology parseMatrix(String name, String text) throws IOException {
        MatrixText m = MatrixText.parse(name, text);
        if (m.rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": the graph is empty (no rows); need a square weight matrix");
        }
        return Topology.fromMatrix(name, m.rows.toArray(new double[0][]), m.labels);
    }

    private static Connectome readTvb(Path path) throws IOException {
        Map<String, String> files = new HashMap<>();
        if (Files.isDirectory(path)) {
            for (String f : new String[] {"weights.txt", "tract_lengths.txt", "centres.txt"}) {
                Path p = path.resolve(f);
                if (Files.exists(p)) {
                    files.put(f, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } else {
            try (ZipFile zip = new ZipFile(path.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    String base = Path.of(e.getName()).getFileName().toString();
                    if (!e.isDirectory() && List.of("weights.txt", "tract_lengths.txt", "centres.txt").contains(base)) {
                        try (InputStream in = zip.getInputStream(e)) {
                            files.put(base, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            } catch (java.util.zip.ZipException e) {
                throw new IllegalArgumentException(path + ": not a readable zip file (" + e.getMessage() + ")", e);
            }
        }
        if (!files.containsKey("weights.txt")) {
            throw new IllegalArgumentException(path + ": a TVB connectivity needs weights.txt; found " + files.keySet());
        }
        MatrixText w = MatrixText.parse(path + "/weights.txt", files.get("weights.txt"));
        int n = w.rows.size();
        List<String> labels = null;
        double[][] centres = null;
        if (files.containsKey("centres.txt")) {
            labels = new ArrayList<>();
            List<double[]> xyz = new ArrayList<>();
            int lineNo = 0;
            for (String line : files.get("centres.txt").split("\\R")) {
                lineNo++;
                String[] parts = SPLIT.split(line.trim());
                if (line.isBlank()) {
                    continue;
                }
                if (parts.length != 4) {
                    throw new IllegalArgumentException(path + "/centres.txt line " + lineNo
                            + ": expected 'label x y z', got " + parts.length + " fields");
                }
                labels.add(parts[0]);
                xyz.add(new double[] {number(path + "/centres.txt", lineNo, parts[1]),
                    number(path + "/centres.txt", lineNo, parts[2]), number(path + "/centres.txt", lineNo, parts[3])});
            }
            if (labels.size() != n) {
                throw new IllegalArgumentException(path + "/centres.txt: has " + labels.size()
                        + " regions but weights.txt is " + n + "x" + n);
            }
            centres = xyz.toArray(new double[0][]);
        }
        Topology t = Topology.fromMatrix(path + "/weights.txt", w.rows.toArray(new double[0][]), labels);
        double[][] lengths = null;
        if (files.containsKey("tract_lengths.txt")) {
            MatrixText l = MatrixText.parse(path + "/tract_lengths.txt", files.get("tract_lengths.txt"));
            lengths = Topology.fromMatrix(path + "/tract_lengths.txt", l.rows.toArray(new double[0][]), labels).toMatrix();
            if (lengths.length != n) {
                throw new IllegalArgumentException(path + "/tract_lengths.txt: is " + lengths.length + "x" + lengths.length
                        + " but weights.txt is " + n + "x" + n);
            }
        }
        return new Connectome(t, lengths, centres, "tvb");
    }

    private static Connectome readGraphMl(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean directed = text.matches("(?s).*edgedefault\\s*=\\s*\"directed\".*");
        Graph<String, DefaultWeightedEdge> g = newGraph(directed);
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
        try (Reader r = new StringReader(text)) {
            im.importGraph(g, r);
        } catch (ImportException e) {
            throw new IllegalArgumentException(file + ": not valid GraphML (" + e.getMessage() + ")", e);
        }
        return new Connectome(Topologies.fromGraph(file.toString(), g, v -> names.getOrDefault(v, v)), null, null, "graphml");
    }

    private static Connectome readEdgeList(Path file, boolean directed) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        char delim = first.contains(",") ? ',' : first.contains("\t") ? '\t' : ' ';
        boolean weighted = first.trim().split(delim == ' ' ? " +" : String.valueOf(delim)).length >= 3;
        Graph<String, DefaultWeightedEdge> g = newGraph(directed);
        CSVImporter<String, DefaultWeightedEdge> im = new CSVImporter<>(CSVFormat.EDGE_LIST, delim);
        im.setParameter(CSVFormat.Parameter.EDGE_WEIGHTS, weighted);
        im.setVertexFactory(id -> id);
        String normalised = delim == ' ' ? text.replaceAll("[ ]+", " ").replaceAll("(?m)^ ", "") : text;
        try (Reader r = new StringReader(normalised)) {
            im.importGraph(g, r);
        } catch (ImportException | NumberFormatException e) {
            throw new IllegalArgumentException(file + ": not a valid edge list 'source target [weight]' (" + e.getMessage() + ")", e);
        }
        if (g.vertexSet().isEmpty()) {
            throw new IllegalArgumentException(file + ": the graph is empty (no edges); need lines 'source target [weight]'");
        }
        return new Connectome(Topologies.fromGraph(file.toString(), g, v -> v), null, null, "edgelist");
    }

    private static Graph<String, DefaultWeightedEdge> newGraph(boolean directed) {
        return (directed ? GraphTypeBuilder.<String, DefaultWeightedEdge>directed()
                : GraphTypeBuilder.<String, DefaultWeightedEdge>undirected())
                .weighted(true).allowingMultipleEdges(false).allowingSelfLoops(true)
                .edgeSupplier(org.jgrapht.util.SupplierUtil.createDefaultWeightedEdgeSupplier()).buildGraph();
    }

    private static double number(String name, int line, String s) {
        return TextNumbers.parse(s).orElseThrow(
                () -> new IllegalArgumentException(name + " line " + line + ": expected a number, got '" + s + "'"));
    }

    /** Rows of numbers, with optional labels from a non-numeric first row. */
    private static final class MatrixText {
        final List<double[]> rows = new ArrayList<>();
        List<String> labels;

        static MatrixText parse(String name, String text) {
            MatrixText m = new MatrixText();
            int lineNo = 0;
            for (String raw : text.split("\\R")) {
                lineNo++;
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = SPLIT.split(line);
                if (m.rows.isEmpty() && m.labels == null && !TextNumbers.isNumber(parts[0])) {
                    m.labels = List.of(parts);
                    continue;
                }
                double[] row = new double[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    row[j] = number(name, lineNo, parts[j]);
                }
                m.rows.add(row);
            }
            return m;
        }
    }
}
