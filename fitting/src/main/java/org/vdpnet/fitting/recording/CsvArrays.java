package org.vdpnet.fitting.recording;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.vdpnet.sim.io.TextNumbers;

/**
 * CSV (or tab/space separated) numbers. Time-by-channels files may start with a header row of
 * channel names; channels-by-time files may start each row with a channel name. Ragged rows
 * are refused with their line number.
 */
final class CsvArrays {
    private static final Pattern SPLIT = Pattern.compile("\\s*[,;\\t]\\s*|\\s+");

    private CsvArrays() {}

    static RecordingReader.Raw read(Path file, RecordingOptions.Layout layout) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> names = null;
        List<String> rowNames = new ArrayList<>();
        int width = -1;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                String s = line.trim();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] parts = SPLIT.split(s);
                if (rows.isEmpty() && names == null && layout == RecordingOptions.Layout.TIME_BY_CHANNELS && !TextNumbers.isNumber(parts[0])) {
                    names = Arrays.stream(parts).map(CsvArrays::unquote).toList();
                    continue;
                }
                int offset = 0;
                if (layout == RecordingOptions.Layout.CHANNELS_BY_TIME && !TextNumbers.isNumber(parts[0])) {
                    rowNames.add(unquote(parts[0]));
                    offset = 1;
                }
                double[] row = new double[parts.length - offset];
                for (int j = offset; j < parts.length; j++) {
                    row[j - offset] = parse(file, lineNo, j + 1, parts[j]);
                }
                if (width >= 0 && row.length != width) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": has " + row.length
                            + " values, but the rows before have " + width + " (a ragged table)");
                }
                width = row.length;
                rows.add(row);
            }
        }
        if (names != null && width >= 0 && names.size() != width) {
            throw new IllegalArgumentException(file + ": the header names " + names.size() + " channels, but the rows have " + width + " values");
        }
        List<String> channelNames = layout == RecordingOptions.Layout.TIME_BY_CHANNELS ? names
                : (rowNames.size() == rows.size() ? rowNames : null);
        return new RecordingReader.Raw(rows.toArray(new double[0][]), null, channelNames, Double.NaN);
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
                new IllegalArgumentException(file + " line " + line + ", field " + col + ": expected a number, got '" + s + "'"));
    }
}
