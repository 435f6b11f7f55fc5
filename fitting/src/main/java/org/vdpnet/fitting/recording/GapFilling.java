package org.vdpnet.fitting.recording;

import java.util.List;
import java.util.Objects;

/**
 * Fills non-finite values (gaps) of frames {@code rows[time][channel]} without looking outside
 * the frames it is given: {@link #interpolateWithin} for a training split (linear inside it, the
 * nearest value at its edges), {@link #carryForward} for a test split (causal: a frame is filled
 * from itself and earlier frames only). Pure functions: the input is not changed.
 *
 * <pre>{@code
 * Filled train = GapFilling.interpolateWithin(trainRows, channels, "the training frames 0-299");
 * double[][] t = train.rows();
 * Filled test = GapFilling.carryForward(testRows, t[t.length - 1]);
 * }</pre>
 */
public final class GapFilling {
    private GapFilling() {}

    /** Filled frames and how many values were filled. Immutable: arrays are copied out. */
    public static final class Filled {
        private final double[][] rows;
        private final int count;

        private Filled(double[][] rows, int count) {
            this.rows = rows;
            this.count = count;
        }

        /** The filled frames, {@code [time][channel]}; a copy. */
        public double[][] rows() {
            double[][] c = new double[rows.length][];
            for (int t = 0; t < rows.length; t++) {
                c[t] = rows[t].clone();
            }
            return c;
        }

        /** How many values were non-finite and filled. */
        public int count() { return count; }
    }

    /**
     * Fills each channel's gaps by linear interpolation in frame number between the nearest
     * finite values inside {@code rows}, and with the nearest finite value before the first or
     * after the last one. Nothing outside {@code rows} is read.
     *
     * @param rows     frames {@code [time][channel]}, all of the same width
     * @param channels the channel names, for the error message
     * @param label    what the frames are, for the error message (e.g. {@code "the training frames 0-299"})
     * @throws IllegalArgumentException naming the channel and {@code label} when a channel has no finite value in {@code rows}
     */
    public static Filled interpolateWithin(double[][] rows, List<String> channels, String label) {
        double[][] out = copy(rows, channels.size());
        int n = out.length;
        int count = 0;
        for (int c = 0; c < channels.size(); c++) {
            int prev = -1;
            for (int k = 0; k < n; k++) {
                if (!Double.isFinite(out[k][c])) {
                    continue;
                }
                for (int q = prev + 1; q < k; q++) {
                    out[q][c] = prev < 0 ? out[k][c] : out[prev][c] + (out[k][c] - out[prev][c]) * (q - prev) / (double) (k - prev);
                    count++;
                }
                prev = k;
            }
            if (prev < 0) {
                throw new IllegalArgumentException("--nan interpolate: channel " + channels.get(c) + " has no finite value in " + label
                        + ", so its gaps there cannot be filled");
            }
            for (int q = prev + 1; q < n; q++) {
                out[q][c] = out[prev][c];
                count++;
            }
        }
        return new Filled(out, count);
    }

    /**
     * Causal filling: each non-finite value becomes the latest finite value of its channel at or
     * before it, starting from {@code lastFinite} (the frame just before {@code rows}, e.g. the last
     * filled training frame). Frame {@code t} of the result depends on frames {@code <= t} only.
     *
     * @param rows       frames {@code [time][channel]}, all of {@code lastFinite.length} channels
     * @param lastFinite the value of each channel before the first frame; all finite
     */
    public static Filled carryForward(double[][] rows, double[] lastFinite) {
        Objects.requireNonNull(lastFinite, "lastFinite");
        for (int c = 0; c < lastFinite.length; c++) {
            if (!Double.isFinite(lastFinite[c])) {
                throw new IllegalArgumentException("lastFinite[" + c + "]: must be finite, got " + lastFinite[c]);
            }
        }
        double[][] out = copy(rows, lastFinite.length);
        double[] last = lastFinite.clone();
        int count = 0;
        for (double[] row : out) {
            for (int c = 0; c < last.length; c++) {
                if (Double.isFinite(row[c])) {
                    last[c] = row[c];
                } else {
                    row[c] = last[c];
                    count++;
                }
            }
        }
        return new Filled(out, count);
    }

    private static double[][] copy(double[][] rows, int width) {
        Objects.requireNonNull(rows, "rows");
        double[][] out = new double[rows.length][];
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != width) {
                throw new IllegalArgumentException("rows[" + t + "]: must have " + width + " values, got " + rows[t].length);
            }
            out[t] = rows[t].clone();
        }
        return out;
    }
}
