package org.vdpnet.fitting.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads recordings from CSV, NPY, MATLAB v5 {@code .mat} and NWB/HDF5 files into one
 * {@link Recording}. Every error is an {@link IllegalArgumentException} whose one-line message
 * names the file or option, the value and what is allowed.
 */
public final class RecordingReader {
    private RecordingReader() {}

    /** Reads {@code file}; the format follows the extension (.csv/.txt/.tsv, .npy, .mat, .nwb/.h5/.hdf5). */
    public static Recording read(Path file, RecordingOptions options) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a directory; name a recording file (CSV, .npy, .mat or .nwb)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": is not a regular file (a pipe, device or socket); name a recording file");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + ": permission denied");
        }
        try {
            return readFile(file, options);
        } catch (OutOfMemoryError e) {
            // the last resort: every reader estimates the memory it needs first, but the estimate is not exact
            throw Limits.tooLarge(file, sizeOf(file));
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Recording readFile(Path file, RecordingOptions options) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Raw raw;
        String format;
        if (name.endsWith(".npy")) {
            raw = NpyArrays.read(file);
            format = "npy";
        } else if (name.endsWith(".mat")) {
            raw = MatArrays.read(file, options.variable());
            format = "mat";
        } else if (name.endsWith(".nwb") || name.endsWith(".h5") || name.endsWith(".hdf5")) {
            raw = NwbArrays.read(file, options.variable());
            format = "nwb";
        } else {
            raw = CsvArrays.read(file, options.layout());
            format = "csv";
        }
        return finish(file, raw, format, options);
    }

    /**
     * A 2-D array as read, before orientation.
     *
     * @param values      rows of the array as stored
     * @param rowsAreTime whether rows are samples (fixed by the format) or null to follow the layout option
     * @param names       channel names where the file has them, else null
     * @param rate        the rate the file states, or NaN
     * @param rateProblem why the rate the file states is unusable (with the value), or null
     */
    record Raw(double[][] values, Boolean rowsAreTime, List<String> names, double rate, String rateProblem) {
        Raw(double[][] values, Boolean rowsAreTime, List<String> names, double rate) {
            this(values, rowsAreTime, names, rate, null);
        }
    }

    static String layoutId(RecordingOptions.Layout l) {
        return l == RecordingOptions.Layout.TIME_BY_CHANNELS ? "time-by-channels" : "channels-by-time";
    }

    private static Recording finish(Path file, Raw raw, String format, RecordingOptions o) {
        double[][] v = raw.values();
        if (v.length == 0 || v[0].length == 0) {
            throw new IllegalArgumentException(file + ": holds no data");
        }
        boolean rowsAreTime = raw.rowsAreTime() != null ? raw.rowsAreTime() : o.layout() == RecordingOptions.Layout.TIME_BY_CHANNELS;
        RecordingOptions.Layout layout = raw.rowsAreTime() != null ? null : o.layout();
        int samples = rowsAreTime ? v.length : v[0].length;
        int channels = rowsAreTime ? v[0].length : v.length;
        if (samples < 2) {
            String hint = layout == null || channels < 2 ? "" : "; if " + (rowsAreTime ? "the columns are time points, pass --layout channels-by-time"
                    : "the rows are time points, pass --layout time-by-channels");
            throw new IllegalArgumentException(file + ": the recording has only 1 time point (" + channels + " channel" + (channels == 1 ? "" : "s")
                    + "); need at least 2" + hint);
        }
        double[][] rows = v; // stored time by channels already: used as it is (nothing below writes into it)
        if (!rowsAreTime) {
            rows = new double[samples][channels];
            for (int k = 0; k < samples; k++) {
                for (int c = 0; c < channels; c++) {
                    rows[k][c] = v[c][k];
                }
            }
        }
        double rate = !Double.isNaN(o.rate()) ? o.rate() : raw.rate();
        if (Double.isNaN(o.rate()) && raw.rateProblem() != null) {
            throw new IllegalArgumentException(file + ": " + raw.rateProblem() + "; pass --rate (samples per second) to override it");
        }
        if (!(rate > 0 && Double.isFinite(rate))) {
            throw new IllegalArgumentException("--rate: required for " + file.getFileName() + " (samples per second, > 0); the file does not state it");
        }
        List<String> names = raw.names();
        if (names == null || names.size() != channels) {
            names = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                names.add("ch" + c);
            }
        }
        List<String> notes = new ArrayList<>();
        NanHandling.Kept kept = NanHandling.apply(file, rows, names, o.nan(), notes);
        double[] t = new double[kept.rows.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = kept.samples[k] / rate; // the file's sample number, also after --nan drop
        }
        org.vdpnet.sim.TimeSeries ts;
        try {
            ts = org.vdpnet.sim.TimeSeries.of(t, kept.names, kept.rows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (layout != null && ts.channelCount() > 4L * ts.size()) {
            notes.add("read as " + ts.size() + " time points x " + ts.channelCount() + " channels (" + layoutId(layout)
                    + "); more channels than time points often means the other orientation");
        }
        return new Recording(ts, rate, file.toAbsolutePath().normalize().toString(), format, notes, layout);
    }
}
