package org.vdpnet.sim.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vdpnet.sim.TimeSeries;

/**
 * CSV with a header {@code t,<channel>...} and one row per sample. Numbers are written with
 * {@link Double#toString}, the shortest text that reads back to the same double, so a written
 * file round-trips exactly and equal series give byte-identical files.
 */
public final class TimeSeriesCsv {
    private TimeSeriesCsv() {}

    /** Writes the series atomically. */
    public static void write(TimeSeries ts, Path target) throws IOException {
        AtomicFiles.write(target, os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder(256);
            sb.append('t');
            for (String c : ts.channels()) {
                sb.append(',').append(quote(c));
            }
            w.write(sb.append('\n').toString());
            int m = ts.channelCount();
            for (int k = 0; k < ts.size(); k++) {
                sb.setLength(0);
                sb.append(ts.time(k));
                for (int c = 0; c < m; c++) {
                    sb.append(',').append(ts.value(k, c));
                }
                w.write(sb.append('\n').toString());
            }
            w.flush();
        });
    }

    /** Reads a file written by {@link #write}: a header {@code t,<channel>...}, then numbers. */
    public static TimeSeries read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(file + ": empty file, expected a header 't,<channel>...'");
            }
            List<String> cols = new ArrayList<>(Arrays.asList(header.split(",", -1)));
            cols.remove(0);
            cols.replaceAll(TimeSeriesCsv::unquote);
            TimeSeries.Builder b = new TimeSeries.Builder(cols);
            double[] row = new double[cols.size()];
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                if (parts.length != cols.size() + 1) {
                    throw new IOException(file + " line " + lineNo + ": expected " + (cols.size() + 1)
                            + " fields, got " + parts.length);
                }
                for (int c = 0; c < row.length; c++) {
                    row[c] = Double.parseDouble(parts[c + 1]);
                }
                b.add(Double.parseDouble(parts[0]), row);
            }
            return b.build();
        }
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
                ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }
}
