package org.vdpnet.fitting.recording;

import java.util.Locale;
import org.vdpnet.sim.Checks;

/**
 * How to read a recording.
 *
 * @param layout   how a 2-D array is oriented
 * @param rate     samples per second (NaN: take it from the file where the format has it, else an error)
 * @param variable MATLAB variable name, or HDF5/NWB path of the TimeSeries group or dataset (null: the only or first suitable one)
 * @param nan      what to do with NaN or infinite samples
 */
public record RecordingOptions(Layout layout, double rate, String variable, NanPolicy nan) {

    /** Orientation of a 2-D array. */
    public enum Layout {
        /** One row per channel, one column per sample (the zebrafish CSV). */
        CHANNELS_BY_TIME,
        /** One row per sample, one column per channel (with an optional header of channel names). */
        TIME_BY_CHANNELS;

        /** Parses channels-by-time or time-by-channels. */
        public static Layout fromId(String name, String id) {
            switch (id.toLowerCase(Locale.ROOT)) {
                case "channels-by-time": return CHANNELS_BY_TIME;
                case "time-by-channels": return TIME_BY_CHANNELS;
                default: throw new IllegalArgumentException(name + ": must be channels-by-time or time-by-channels, got '" + id + "'");
            }
        }
    }

    /** What to do with non-finite samples. */
    public enum NanPolicy {
        /** Refuse the recording, naming the first bad sample. */
        FAIL,
        /**
         * Drop every time point where any channel is not finite; the others keep their real time
         * stamps, so interior drops leave the frames unevenly spaced ({@link Recording#evenlySpaced()}).
         */
        DROP,
        /**
         * Keep the gaps (NaN) in the recording, to be filled per split by the consumer with
         * {@link GapFilling}: linearly within the training frames, carried forward in the test frames.
         */
        INTERPOLATE;

        /** Parses fail, drop or interpolate. */
        public static NanPolicy fromId(String name, String id) {
            for (NanPolicy p : values()) {
                if (p.name().equalsIgnoreCase(id)) {
                    return p;
                }
            }
            throw new IllegalArgumentException(name + ": must be fail, drop or interpolate, got '" + id + "'");
        }
    }

    /** Checks the rate. */
    public RecordingOptions {
        if (!Double.isNaN(rate)) {
            Checks.positive("--rate", rate);
        }
    }

    /** Time-by-channels, rate from the file, first variable, NaN refused. */
    public static RecordingOptions defaults() {
        return new RecordingOptions(Layout.TIME_BY_CHANNELS, Double.NaN, null, NanPolicy.FAIL);
    }

    /** A copy with another layout. */
    public RecordingOptions withLayout(Layout l) { return new RecordingOptions(l, rate, variable, nan); }

    /** A copy with a rate. */
    public RecordingOptions withRate(double r) { return new RecordingOptions(layout, r, variable, nan); }

    /** A copy with a variable name or path. */
    public RecordingOptions withVariable(String v) { return new RecordingOptions(layout, rate, v, nan); }

    /** A copy with a NaN policy. */
    public RecordingOptions withNan(NanPolicy p) { return new RecordingOptions(layout, rate, variable, p); }
}
