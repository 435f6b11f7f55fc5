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
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": file not found");
        }
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
     */
    record Raw(double[][] values, Boolean rowsAreTime, List<String> names, double rate) {}

    private static Recording finish(Path file, Raw raw, String format, RecordingOptions o) {
        double[][] v = raw.values();
        if (v.length == 0 || v[0].length == 0) {
            throw new IllegalArgumentException(file + ": holds no data");
        }
        boolean rowsAreTime = raw.rowsAreTime() != null ? raw.rowsAreTime() : o.layout() == RecordingOptions.Layout.TIME_BY_CHANNELS;
        int samples = rowsAreTime ? v.length : v[0].length;
        int channels = rowsAreTime ? v[0].length : v.length;
        double[][] rows = new double[samples][channels];
        for (int k = 0; k < samples; k++) {
            for (int c = 0; c < channels; c++) {
                rows[k][c] = rowsAreTime ? v[k][c] : v[c][k];
            }
        }
        double rate = !Double.isNaN(o.rate()) ? o.rate() : raw.rate();
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
        return new Recording(org.vdpnet.sim.TimeSeries.of(t, names, kept.rows), rate, file.toAbsolutePath().normalize().toString(), format, notes);
    }
}
