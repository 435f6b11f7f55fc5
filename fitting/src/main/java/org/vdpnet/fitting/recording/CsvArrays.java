package org.vdpnet.fitting.recording;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vdpnet.sim.io.TextNumbers;

/**
 * CSV (or tab/space separated) numbers in UTF-8 (a leading byte order mark is skipped). Time-by-channels
 * files may start with a header row of channel names; channels-by-time files may start each row with
 * a channel name. Ragged rows are refused with their line number. The file is streamed line by line:
 * binary data (a NUL byte) or bytes that are not UTF-8 are refused with their byte offset and line, and
 * a file too large for the memory Java may use is refused before its values are allocated.
 */
final class CsvArrays {
    private static final Pattern SPLIT = Pattern.compile("\\s*[,;\\t]\\s*|\\s+");

    /** Values read between two memory checks. */
    private static final long CHECK_EVERY = 1 << 16;
    /** The longest line read, in bytes. */
    static final int MAX_LINE = 256 << 20;

    private CsvArrays() {}

    static RecordingReader.Raw read(Path file, RecordingOptions.Layout layout) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new IllegalArgumentException(file + ": is empty (0 bytes); need rows of numbers");
        }
        // a number takes at least 2 bytes of text and becomes 8 bytes, kept in up to 3 copies; a file larger
        // than the whole heap cannot fit, so refuse it before reading a byte
        long max = Runtime.getRuntime().maxMemory();
        if (size > max) {
            throw new IllegalArgumentException(file + ": " + Limits.size(size) + " of text is more than the " + Limits.size(max)
                    + " of memory Java may use; cut the recording, save it as .npy, or raise the Java heap (-Xmx, e.g. JAVA_OPTS=-Xmx16g)");
        }
        List<double[]> rows = new ArrayList<>();
        List<String> names = null;
        List<String> rowNames = new ArrayList<>();
        int width = -1;
        long values = 0;
        long nextCheck = CHECK_EVERY;
        try (Lines lines = new Lines(file, new BufferedInputStream(Files.newInputStream(file), 1 << 16), size)) {
            for (String line; (line = lines.next()) != null; ) {
                int lineNo = lines.lineNo;
                String s = line.trim();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] parts = SPLIT.split(s);
                if (parts.length == 0) {
                    // not a blank line: in a table ",,," may stand for a row of missing values, and dropping it would shift the times
                    throw new IllegalArgumentException(file + " line " + lineNo + ": holds only separators ('" + shorten(s)
                            + "'), no values; remove the line, or write nan for each missing value");
                }
                if (rows.isEmpty() && names == null && layout == RecordingOptions.Layout.TIME_BY_CHANNELS && !TextNumbers.isNumber(parts[0])) {
                    names = Arrays.stream(parts).map(CsvArrays::unquote).toList();
                    requireUnique(file, lineNo, names, "column");
                    continue;
                }
                int offset = 0;
                if (layout == RecordingOptions.Layout.CHANNELS_BY_TIME && !TextNumbers.isNumber(parts[0])) {
                    rowNames.add(unquote(parts[0]));
                    offset = 1;
                }
                int w = parts.length - offset;
                if (values + w >= nextCheck) {
                    // by values, not rows (a channels-by-time file has few, very wide rows), and before the row is allocated
                    nextCheck = values + w + CHECK_EVERY;
                    Limits.requireMemory(file, size, rows.size() + 1L, Math.max(width, w), layout == RecordingOptions.Layout.CHANNELS_BY_TIME,
                            "the table read so far (line " + lineNo + ")");
                }
                double[] row = new double[w];
                for (int j = offset; j < parts.length; j++) {
                    row[j - offset] = parse(file, lineNo, j + 1, parts[j]);
                }
                if (width >= 0 && row.length != width) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": has " + row.length
                            + " values, but the rows before have " + width + " (a ragged table)");
                }
                width = row.length;
                rows.add(row);
                values += row.length;
            }
        }
        if (rows.isEmpty() || width == 0) {
            throw new IllegalArgumentException(file + ": holds no rows of numbers" + (names != null ? " (only a header line)" : ""));
        }
        if (names != null && names.size() != width) {
            throw new IllegalArgumentException(file + ": the header names " + names.size() + " channels, but the rows have " + width + " values");
        }
        Limits.requireMemory(file, size, rows.size(), width, layout == RecordingOptions.Layout.CHANNELS_BY_TIME,
                rows.size() + " x " + width + " table");
        List<String> channelNames = layout == RecordingOptions.Layout.TIME_BY_CHANNELS ? names
                : (rowNames.size() == rows.size() ? rowNames : null);
        if (channelNames != null && layout == RecordingOptions.Layout.CHANNELS_BY_TIME) {
            requireUnique(file, -1, channelNames, "row");
        }
        return new RecordingReader.Raw(rows.toArray(new double[0][]), null, channelNames, Double.NaN);
    }

    private static void requireUnique(Path file, int lineNo, List<String> names, String where) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer before = seen.putIfAbsent(names.get(i), i + 1);
            if (before != null) {
                throw new IllegalArgumentException(file + (lineNo > 0 ? " line " + lineNo : "") + ": the channel name '" + names.get(i)
                        + "' appears twice (" + where + "s " + before + " and " + (i + 1) + "); channel names must be unique");
            }
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1) : s;
    }

    private static double parse(Path file, int line, int col, String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        return TextNumbers.parse(s).orElseThrow(() ->
                new IllegalArgumentException(file + " line " + line + ", field " + col + ": expected a number, got '" + shorten(s) + "'"));
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** UTF-8 lines read as bytes, so that a bad byte is reported with its offset; a leading BOM is skipped. */
    private static final class Lines implements AutoCloseable {
        private final Path file;
        private final InputStream in;
        private final long size;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private byte[] buf = new byte[256];
        private long offset;
        int lineNo;

        Lines(Path file, InputStream in, long size) throws IOException {
            this.file = file;
            this.in = in;
            this.size = size;
            in.mark(3);
            byte[] bom = in.readNBytes(3);
            if (bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF) {
                offset = 3;
            } else {
                in.reset();
                if (bom.length >= 2 && ((bom[0] & 0xFF) == 0xFF && (bom[1] & 0xFF) == 0xFE || (bom[0] & 0xFF) == 0xFE && (bom[1] & 0xFF) == 0xFF)) {
                    throw new IllegalArgumentException(file + ": not UTF-8 text (it starts with a UTF-16 byte order mark); save it as UTF-8 CSV");
                }
            }
        }

        String next() throws IOException {
            int n = 0;
            long start = offset;
            int b;
            while ((b = in.read()) >= 0) {
                offset++;
                if (b == '\n') {
                    break;
                }
                if (b == 0) {
                    throw new IllegalArgumentException(file + " (" + Limits.size(size) + "): not UTF-8 text: binary data (a NUL byte) at byte offset "
                            + (offset - 1) + ", line " + (lineNo + 1) + "; a recording CSV holds numbers as text");
                }
                if (n == buf.length) {
                    if (n >= MAX_LINE) {
                        throw new IllegalArgumentException(file + " (" + Limits.size(size) + ") line " + (lineNo + 1) + ": is longer than "
                                + Limits.size(MAX_LINE) + "; a recording CSV has one line per time point or channel, each far shorter");
                    }
                    if (n > Limits.available() / 8) {
                        throw new IllegalArgumentException(file + " line " + (lineNo + 1) + ": a line longer than " + Limits.size(n)
                                + " does not fit in the memory Java may use");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(MAX_LINE, 2L * n));
                }
                buf[n++] = (byte) b;
            }
            if (b < 0 && n == 0 && offset == start) {
                return null;
            }
            lineNo++;
            if (n > 0 && buf[n - 1] == '\r') {
                n--;
            }
            try {
                CharBuffer cb = utf8.decode(ByteBuffer.wrap(buf, 0, n));
                return cb.toString();
            } catch (CharacterCodingException e) {
                int bad = firstBad(n);
                throw new IllegalArgumentException(file + ": not UTF-8 text: byte 0x" + String.format("%02X", buf[bad] & 0xFF) + " at byte offset "
                        + (start + bad) + " (line " + lineNo + ") is not valid UTF-8; save the file as UTF-8 CSV");
            }
        }

        /** The index of the first byte of {@code buf[0, n)} that does not decode. */
        private int firstBad(int n) {
            int lo = 0;
            for (int i = 0; i < n; ) {
                int len = utf8Length(buf[i] & 0xFF);
                if (len < 0 || i + len > n) {
                    return i;
                }
                try {
                    utf8.reset();
                    utf8.decode(ByteBuffer.wrap(buf, i, len));
                } catch (CharacterCodingException e) {
                    return i;
                }
                i += len;
                lo = i;
            }
            return Math.min(lo, n - 1);
        }

        private static int utf8Length(int b) {
            if (b < 0x80) {
                return 1;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                return 2;
            }
            if (b >= 0xE0 && b <= 0xEF) {
                return 3;
            }
            if (b >= 0xF0 && b <= 0xF4) {
                return 4;
            }
            return -1;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
