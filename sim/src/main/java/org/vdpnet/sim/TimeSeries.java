package org.vdpnet.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Sampled multichannel data: strictly increasing times, channel names, and one row of values
 * per time. A <em>trajectory</em> (simulated) and a <em>recording</em> (measured) are both time
 * series. Immutable: arrays are copied in and out.
 */
public final class TimeSeries {
    private final double[] times;
    private final List<String> channels;
    private final double[] values; // row-major, times.length x channels.size()

    private TimeSeries(double[] times, List<String> channels, double[] values) {
        this.times = times;
        this.channels = channels;
        this.values = values;
    }

    /**
     * Makes a time series from {@code rows[k][c]}, the value of channel {@code c} at
     * {@code times[k]}. Values may be non-finite (a recording may hold gaps); times may not.
     */
    public static TimeSeries of(double[] times, List<String> channels, double[][] rows) {
        Objects.requireNonNull(rows, "rows");
        if (rows.length != times.length) {
            throw new IllegalArgumentException("rows: must have one row per time (" + times.length + "), got " + rows.length);
        }
        double[] flat = new double[times.length * channels.size()];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k].length != channels.size()) {
                throw new IllegalArgumentException("rows[" + k + "]: must have " + channels.size() + " values, got " + rows[k].length);
            }
            System.arraycopy(rows[k], 0, flat, k * channels.size(), channels.size());
        }
        return ofFlat(times, channels, flat);
    }

    /** Makes a time series from row-major values ({@code values[k * channels + c]}). */
    public static TimeSeries ofFlat(double[] times, List<String> channels, double[] values) {
        List<String> ch = List.copyOf(channels);
        Set<String> seen = new HashSet<>();
        for (String c : ch) {
            if (!seen.add(c)) {
                throw new IllegalArgumentException("channels: names must be unique, '" + c + "' appears twice");
            }
        }
        if (values.length != times.length * ch.size()) {
            throw new IllegalArgumentException("values: must have " + times.length * ch.size() + " entries, got " + values.length);
        }
        for (int k = 0; k < times.length; k++) {
            Checks.finite("times[" + k + "]", times[k]);
            if (k > 0 && !(times[k] > times[k - 1])) {
                throw new IllegalArgumentException("times[" + k + "]: must be strictly increasing, got " + times[k] + " after " + times[k - 1]);
            }
        }
        return new TimeSeries(times.clone(), ch, values.clone());
    }

    /** Number of samples (rows). */
    public int size() { return times.length; }

    /** Number of channels (columns). */
    public int channelCount() { return channels.size(); }

    /** The channel names, in column order. */
    public List<String> channels() { return channels; }

    /** A copy of the sample times. */
    public double[] times() { return times.clone(); }

    /** The time of sample {@code k}. */
    public double time(int k) { return times[k]; }

    /** The value of channel {@code c} at sample {@code k}. */
    public double value(int k, int c) { return values[k * channels.size() + c]; }

    /** A copy of sample {@code k}. */
    public double[] row(int k) {
        int m = channels.size();
        return Arrays.copyOfRange(values, k * m, (k + 1) * m);
    }

    /** A copy of one channel over time. */
    public double[] column(int c) {
        Objects.checkIndex(c, channels.size());
        double[] out = new double[times.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = value(k, c);
        }
        return out;
    }

    /** A copy of the named channel over time. */
    public double[] column(String name) {
        return column(indexOf(name));
    }

    /** The column index of a channel name. */
    public int indexOf(String name) {
        int c = channels.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("channel: no channel named '" + name + "'; channels are " + abbreviate(channels));
        }
        return c;
    }

    /** A copy of all values, row-major. */
    public double[] flatValues() { return values.clone(); }

    /** The samples {@code from} (inclusive) to {@code to} (exclusive). */
    public TimeSeries slice(int from, int to) {
        Objects.checkFromToIndex(from, to, times.length);
        int m = channels.size();
        return new TimeSeries(Arrays.copyOfRange(times, from, to), channels,
                Arrays.copyOfRange(values, from * m, to * m));
    }

    /** The given channels, in the given order. */
    public TimeSeries select(List<String> names) {
        int[] idx = names.stream().mapToInt(this::indexOf).toArray();
        int m = channels.size();
        double[] out = new double[times.length * idx.length];
        for (int k = 0; k < times.length; k++) {
            for (int c = 0; c < idx.length; c++) {
                out[k * idx.length + c] = values[k * m + idx[c]];
            }
        }
        return ofFlat(times, new ArrayList<>(names), out);
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString()
                : names.subList(0, 8) + " ... (" + names.size() + " in all)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSeries ts && Arrays.equals(times, ts.times)
                && channels.equals(ts.channels) && Arrays.equals(values, ts.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(times) + channels.hashCode()) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "TimeSeries[" + times.length + " samples x " + channels.size() + " channels"
                + (times.length > 0 ? ", t in [" + times[0] + ", " + times[times.length - 1] + "]" : "") + "]";
    }

    /** Appends rows one at a time; used by recorders and readers. Not thread-safe. */
    public static final class Builder {
        private final List<String> channels;
        private final int width;
        private double[] times = new double[256];
        private double[] values;
        private int size;

        /** A builder for the given channels. */
        public Builder(List<String> channels) {
            this.channels = List.copyOf(channels);
            this.width = channels.size();
            this.values = new double[256 * width];
        }

        /** Appends one sample; {@code row} must have one value per channel. */
        public Builder add(double t, double[] row) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2 * width);
            }
            times[size] = t;
            System.arraycopy(row, 0, values, size * width, width);
            size++;
            return this;
        }

        /** Number of rows so far. */
        public int size() { return size; }

        /** Builds the series. */
        public TimeSeries build() {
            return ofFlat(Arrays.copyOf(times, size), channels, Arrays.copyOf(values, size * width));
        }
    }
}
