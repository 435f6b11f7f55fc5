package org.vdpnet.fitting.preprocess;

import java.util.ArrayList;
import java.util.List;
import org.vdpnet.sim.TimeSeries;

/**
 * Temporal SVD components of a (time x channels) recording and what maps them back:
 * {@code X ~ mean + scores * loadings^T}, where the component time series are the scores
 * (optionally rescaled). Immutable.
 */
public final class Components implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> channels;
    private final double[] means;
    private final double[][] loadings; // channels x k
    private final double[] singularValues;
    private final double[] explained;
    private final double[] scale; // score = component * scale + offset
    private final double[] offset;

    Components(List<String> channels, double[] means, double[][] loadings, double[] singularValues, double[] explained,
               double[] scale, double[] offset) {
        this.channels = List.copyOf(channels);
        this.means = means;
        this.loadings = loadings;
        this.singularValues = singularValues;
        this.explained = explained;
        this.scale = scale;
        this.offset = offset;
    }

    /** Number of components. */
    public int count() { return singularValues.length; }

    /** The channel names the loadings refer to. */
    public List<String> channels() { return channels; }

    /** Loadings, {@code [channel][component]}; a copy. */
    public double[][] loadings() {
        double[][] c = new double[loadings.length][];
        for (int i = 0; i < loadings.length; i++) {
            c[i] = loadings[i].clone();
        }
        return c;
    }

    /** Singular values of the centred data; a copy. */
    public double[] singularValues() { return singularValues.clone(); }

    /** Fraction of the centred data's variance each component explains; a copy. */
    public double[] explainedVariance() { return explained.clone(); }

    /**
     * Projects frames of the same channels ({@code [time][channel]}) onto these components, scaled
     * as the components were: new data (for example a test period) in the training components' terms.
     */
    public double[][] project(double[][] rows) {
        int k = count();
        double[][] out = new double[rows.length][k];
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != channels.size()) {
                throw new IllegalArgumentException("components: frames have " + rows[t].length + " channels, the components " + channels.size());
            }
            for (int j = 0; j < k; j++) {
                double score = 0;
                for (int c = 0; c < channels.size(); c++) {
                    score += (rows[t][c] - means[c]) * loadings[c][j];
                }
                out[t][j] = (score - offset[j]) / scale[j];
            }
        }
        return out;
    }

    /** Maps one frame of component values back to channel values: {@code mean + scores * loadings^T}. */
    public double[] toChannels(double[] comps) {
        if (comps.length != count()) {
            throw new IllegalArgumentException("components: got " + comps.length + " values for " + count() + " components");
        }
        double[] x = new double[channels.size()];
        for (int c = 0; c < x.length; c++) {
            double v = means[c];
            for (int j = 0; j < comps.length; j++) {
                v += (comps[j] * scale[j] + offset[j]) * loadings[c][j];
            }
            x[c] = v;
        }
        return x;
    }

    /** Maps component series (for example a forecast) back to channels: {@code mean + scores * loadings^T}. */
    public TimeSeries toChannels(TimeSeries comps) {
        if (comps.channelCount() != count()) {
            throw new IllegalArgumentException("components: expected " + count() + " series, got " + comps.channelCount());
        }
        double[][] rows = new double[comps.size()][];
        for (int k = 0; k < comps.size(); k++) {
            rows[k] = toChannels(comps.row(k));
        }
        return TimeSeries.of(comps.times(), new ArrayList<>(channels), rows);
    }
}
