package org.vdpnet.fitting.preprocess;

import org.vdpnet.sim.Statistics;
import java.util.List;

/**
 * Per-channel means and standard deviations learnt from one period (the training frames) and
 * applied to any other, so that a test period is scaled without looking at it.
 */
public final class ChannelScaling {
    private final double[] mean;
    private final double[] sd;

    private ChannelScaling(double[] mean, double[] sd) {
        this.mean = mean;
        this.sd = sd;
    }

    /** Learns the scaling from {@code rows[time][channel]}; a constant channel is an error naming it. */
    public static ChannelScaling fit(double[][] rows, List<String> names) {
        return fit(rows, names, " over the training frames");
    }

    /** As {@link #fit(double[][], List)}, with {@code where} ending the constant-channel message. */
    static ChannelScaling fit(double[][] rows, List<String> names, String where) {
        int ch = rows[0].length;
        double[] m = new double[ch];
        double[] s = new double[ch];
        for (int c = 0; c < ch; c++) {
            double[] col = Statistics.column(rows, c);
            m[c] = Statistics.mean(col);
            s[c] = Statistics.populationSd(col);
            if (!(s[c] > 0)) {
                throw new IllegalArgumentException("z-score: channel " + names.get(c) + " is constant" + where);
            }
        }
        return new ChannelScaling(m, s);
    }

    /** The scaled copy of {@code rows}. */
    public double[][] apply(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int t = 0; t < rows.length; t++) {
            out[t] = new double[rows[t].length];
            for (int c = 0; c < rows[t].length; c++) {
                out[t][c] = (rows[t][c] - mean[c]) / sd[c];
            }
        }
        return out;
    }
}
