package org.vdpnet.models;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.vdpnet.sim.io.InputFiles;
import org.vdpnet.sim.io.TextNumbers;

/**
 * Text helpers shared by the connectome readers: UTF-8 decoding that names the file, numbers that
 * name the file, line and value, and square matrices that name the entry. Every error is an
 * {@link IllegalArgumentException} with one line of text and no class names.
 */
final class ConnectomeText {
    /** Comma, semicolon, tab or space separated fields. */
    static final Pattern SPLIT = Pattern.compile("[,;\\s]+");
    private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

    private ConnectomeText() {}

    /** The text of a file, named {@code name} in errors. */
    static String read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a folder, not a file; only a TVB connectivity (--connectome-format tvb) is a folder");
        }
        return decode(file.toString(), InputFiles.readAllBytes(null, file, InputFiles.TEXT_LIMIT));
    }

    /** Strict UTF-8 (a leading byte-order mark is dropped). */
    static String decode(String name, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(name + ": is not UTF-8 text (a binary file?)");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A finite or non-finite number; anything else names the file, line and value. */
    static double number(String name, int line, String s) {
        return TextNumbers.parse(s).orElseThrow(
                () -> new IllegalArgumentException(name + " line " + line + ": expected a number, got '" + s + "'"));
    }

    /** A message without Java class names, for wrapping a library's exception. */
    static String clean(Throwable t) {
        Throwable deepest = t;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String where = "";
        if (deepest instanceof org.xml.sax.SAXParseException sp && sp.getLineNumber() > 0) {
            where = "line " + sp.getLineNumber() + (sp.getColumnNumber() > 0 ? ", column " + sp.getColumnNumber() : "") + ": ";
        }
        String m = deepest.getMessage() != null ? deepest.getMessage() : t.getMessage();
        m = m == null ? "unreadable" : CLASS_NAME.matcher(m).replaceAll("").strip();
        m = m.replaceAll("\\s*\\R\\s*", " ");
        return where + (m.isEmpty() ? "unreadable" : m);
    }

    /** Rows of numbers, with optional labels from a non-numeric first row. */
    static final class Matrix {
        final List<double[]> rows = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();
        List<String> labels;

        /**
         * Parses rows of numbers; blank lines and {@code #} comments are skipped.
         *
         * @param allowLabels whether a first non-numeric row is taken as labels (else it is an error)
         */
        static Matrix parse(String name, String text, boolean allowLabels) {
            Matrix m = new Matrix();
            int lineNo = 0;
            for (String raw : text.split("\\R")) {
                lineNo++;
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = SPLIT.split(line);
                if (parts.length > 0 && parts[0].isEmpty()) {
                    parts = java.util.Arrays.copyOfRange(parts, 1, parts.length);
                }
                if (parts.length == 0) {
                    throw new IllegalArgumentException(name + " line " + lineNo + ": holds only separators, no values, in '" + line
                            + "'; need a row of numbers");
                }
                if (allowLabels && m.rows.isEmpty() && m.labels == null && !TextNumbers.isNumber(parts[0])) {
                    m.labels = List.of(parts);
                    continue;
                }
                double[] row = new double[parts.length];
                for (int j = 0; j < parts.length; j++) {
                    row[j] = number(name, lineNo, parts[j]);
                }
                m.rows.add(row);
                m.lines.add(lineNo);
            }
            return m;
        }

        /** The rows, checked square, finite and (if {@code nonNegative}) >= 0. */
        double[][] square(String name, String what, boolean nonNegative) {
            int n = rows.size();
            if (n == 0) {
                throw new IllegalArgumentException(name + ": holds no rows of numbers; need a square " + what + " matrix");
            }
            for (int i = 0; i < n; i++) {
                double[] r = rows.get(i);
                if (r.length != n) {
                    throw new IllegalArgumentException(name + ": matrix must be square " + n + "x" + n + ", but row " + (i + 1)
                            + " (line " + lines.get(i) + ") has " + r.length + " values");
                }
                for (int j = 0; j < n; j++) {
                    if (!(Double.isFinite(r[j]) && (!nonNegative || r[j] >= 0))) {
                        throw new IllegalArgumentException(name + ": entry (" + (i + 1) + ", " + (j + 1) + ") must be finite"
                                + (nonNegative ? " and >= 0" : "") + ", got " + r[j]);
                    }
                }
            }
            return rows.toArray(new double[0][]);
        }
    }
}
