package org.vdpnet.models;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.vdpnet.sim.io.InputFiles;

/**
 * Reads connectomes. Formats:
 * <ul>
 *   <li>{@code matrix}: a square weight matrix, comma- or whitespace-separated, with an optional
 *       first row of labels; {@code W[i][j]} drives target {@code i} from source {@code j};</li>
 *   <li>{@code tvb}: a The Virtual Brain folder or zip with {@code weights.txt}, and optionally
 *       {@code tract_lengths.txt} and {@code centres.txt} ({@code label x y z} per line; extra
 *       columns, as some tvb-data zips have, are ignored); other TVB files are allowed;</li>
 *   <li>{@code graphml}: GraphML through jgrapht-io, weights from the {@code weight} edge key;</li>
 *   <li>{@code edgelist}: lines {@code source target [weight]}, checked line by line, comma-, tab-
 *       or space-separated.</li>
 * </ul>
 * Errors are {@link IllegalArgumentException}s with one line that names the file (and line, entry
 * or edge), the value and what is allowed; unreadable files (not UTF-8, a zip that is not a zip,
 * a folder where a file is expected) are reported the same way, never as I/O exceptions.
 */
public final class ConnectomeReader {
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
        if (!Files.isDirectory(path)) {
            // a regular, readable file of bounded size: a pipe would block, a device or huge file exhaust memory
            InputFiles.check(null, path, InputFiles.TEXT_LIMIT);
        }
        Format f = format == Format.AUTO ? guess(path) : format;
        try {
            switch (f) {
                case TVB: return TvbReader.read(path);
                case GRAPHML: return GraphReaders.graphMl(path);
                case EDGELIST: return GraphReaders.edgeList(path, directed);
                default: return new Connectome(readMatrix(path), null, null, "matrix");
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(e.getFile() + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(e.getFile() + ": permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot be read (" + ConnectomeText.clean(e) + ")", e);
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
        return parseMatrix(file.toString(), ConnectomeText.read(file));
    }

    static Topology parseMatrix(String name, String text) throws IOException {
        ConnectomeText.Matrix m = ConnectomeText.Matrix.parse(name, text, true);
        if (m.rows.isEmpty()) {
            throw new IllegalArgumentException(name + ": the graph is empty (no rows); need a square weight matrix");
        }
        if (m.labels != null && m.labels.size() != m.rows.size()) {
            throw new IllegalArgumentException(name + ": the label row has " + m.labels.size() + " labels but the matrix has "
                    + m.rows.size() + " rows; need one label per row");
        }
        return Topology.fromMatrix(name, m.rows.toArray(new double[0][]), m.labels);
    }
}
