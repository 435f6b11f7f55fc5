package org.vdpnet.fitting.recording;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vdpnet.sim.TimeSeries;

/**
 * Measured data: a {@link TimeSeries} (times in seconds, one channel per region or cell) with
 * where it came from and the sampling rate. Immutable.
 *
 * <p>Sample {@code k} of the file is stamped {@code k / rate}, also when {@code --nan drop} removed
 * time points: the stamps stay real, so {@link #sampleIndex(int)} recovers the file's sample
 * number of every frame and {@link #evenlySpaced()} says whether a drop opened gaps inside the
 * recording. Under {@code --nan interpolate} the values keep their NaN: a consumer fills them per
 * split ({@link GapFilling}), so that no frame is filled from a later one.
 *
 * @param data    the samples (values may be non-finite under {@code --nan interpolate})
 * @param rate    samples per second
 * @param source  the file it was read from
 * @param format  csv, npy, mat or nwb
 * @param notes   what the reader did that a user should know (NaN handling, dropped rows, dead channels)
 * @param layout  the {@code --layout} the 2-D array was read with, or null where the format fixes the orientation
 */
public record Recording(TimeSeries data, double rate, String source, String format, List<String> notes, RecordingOptions.Layout layout) {
    /** Checks the fields. */
    public Recording {
        Objects.requireNonNull(data, "data");
        notes = List.copyOf(notes);
    }

    /** A recording whose orientation the format fixed. */
    public Recording(TimeSeries data, double rate, String source, String format, List<String> notes) {
        this(data, rate, source, format, notes, null);
    }

    /**
     * A hint to append to a "runs past the end" message when a request for {@code frames} frames
     * does not fit but would with the other {@code --layout}: e.g. {@code "; fish.csv reads as 24
     * time points x 892 channels; if rows are channels, pass --layout channels-by-time"}. Empty where
     * the request fits, the format fixes the orientation, or the other orientation would not fit either.
     */
    public String orientationHint(int frames) {
        if (layout == null || frames <= data.size() || frames > data.channelCount()) {
            return "";
        }
        String name = java.nio.file.Path.of(source).getFileName().toString();
        return "; " + name + " reads as " + data.size() + " time points x " + data.channelCount() + " channels; "
                + (layout == RecordingOptions.Layout.TIME_BY_CHANNELS ? "if rows are channels, pass --layout channels-by-time"
                        : "if rows are time points, pass --layout time-by-channels");
    }

    /** The file's sample number of frame {@code frame}: {@code round(time * rate)}. */
    public int sampleIndex(int frame) {
        return (int) Math.round(data.time(frame) * rate);
    }

    /**
     * How many of the file's samples are missing between frames {@code from} and {@code to - 1}
     * (time points dropped inside that range); 0 when those frames are evenly spaced.
     */
    public int missingSamples(int from, int to) {
        Objects.checkFromToIndex(from, to, data.size());
        if (to - from < 2) {
            return 0;
        }
        return sampleIndex(to - 1) - sampleIndex(from) - (to - 1 - from);
    }

    /** False when {@code --nan drop} removed interior time points, so frames are no longer evenly spaced. */
    public boolean evenlySpaced() {
        return missingSamples(0, data.size()) == 0;
    }

    /**
     * Refuses frames {@code [from, to)} when they are not evenly spaced, with one line naming
     * {@code --nan drop}, what it did and what to {@code use} instead.
     *
     * @param use what is allowed instead, e.g. {@code "--nan interpolate (...) or --nan fail"}
     */
    public void requireEvenlySpaced(int from, int to, String use) {
        int missing = missingSamples(from, to);
        if (missing > 0) {
            throw new IllegalArgumentException("--nan drop: dropped " + missing + " interior time point(s), so frames " + from + "-" + (to - 1)
                    + " are no longer evenly spaced; use " + use);
        }
    }

    /** For provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("format", format);
        if (layout != null) {
            m.put("layout", RecordingReader.layoutId(layout));
        }
        m.put("rate", rate);
        m.put("channels", data.channelCount());
        m.put("samples", data.size());
        m.put("notes", notes);
        return m;
    }
}
