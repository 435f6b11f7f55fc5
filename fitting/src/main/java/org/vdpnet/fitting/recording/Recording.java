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
 * @param data    the samples
 * @param rate    samples per second
 * @param source  the file it was read from
 * @param format  csv, npy, mat or nwb
 * @param notes   what the reader did that a user should know (NaN handling, dropped rows)
 */
public record Recording(TimeSeries data, double rate, String source, String format, List<String> notes) {
    /** Checks the fields. */
    public Recording {
        Objects.requireNonNull(data, "data");
        notes = List.copyOf(notes);
    }

    /** For provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("format", format);
        m.put("rate", rate);
        m.put("channels", data.channelCount());
        m.put("samples", data.size());
        m.put("notes", notes);
        return m;
    }
}
