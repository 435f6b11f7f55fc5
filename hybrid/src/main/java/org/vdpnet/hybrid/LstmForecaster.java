package org.vdpnet.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.vdpnet.sim.ProgressListener;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * An LSTM that maps the last {@code window} frames to the next {@code horizon} frames at once
 * (direct multi-step heads). Direct heads rather than iterating a one-step model: with a few
 * hundred training frames an iterated model feeds its own errors back for 20 steps, while direct
 * heads are trained on exactly the error they are scored on and cost one forward pass. The same
 * class serves as {@code lstm} (real frames), {@code pretrained} (synthetic frames, then
 * {@link #fineTune}) and {@code noise-aug} (noisy copies of the real frames, see
 * {@link #noisyCopies}).
 */
public final class LstmForecaster implements Forecaster {
    private final String name;
    private final int channels;
    private final int horizon;
    private final LstmNetwork net;
    private final List<LstmNetwork.TrainingLog> logs = new ArrayList<>();

    private LstmForecaster(String name, int channels, int horizon, LstmNetwork net) {
        this.name = name;
        this.channels = channels;
        this.horizon = horizon;
        this.net = net;
    }

    /** Trains a fresh network on windows cut from every series ({@code [time][channel]} each). */
    public static LstmForecaster train(String name, List<double[][]> series, int horizon, LstmSettings settings, ProgressListener progress) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException(name + ": no training series");
        }
        int n = series.get(0)[0].length;
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon: must be >= 1, got " + horizon);
        }
        LstmForecaster f = new LstmForecaster(name, n, horizon, LstmNetwork.create(n, n * horizon, settings));
        f.fineTune(series, progress);
        return f;
    }

    /** Continues training the same weights on other series (the pre-trained model's second phase). */
    public LstmForecaster fineTune(List<double[][]> series, ProgressListener progress) {
        Examples ex = examples(series, net.settings().window(), horizon, channels, name);
        logs.add(net.fit(ex.x, ex.y, progress));
        return this;
    }

    /** Every training phase's log, in order. */
    public List<LstmNetwork.TrainingLog> logs() { return List.copyOf(logs); }

    record Examples(double[][][] x, double[][] y) {}

    static Examples examples(List<double[][]> series, int window, int horizon, int n, String name) {
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (double[][] s : series) {
            if (s[0].length != n) {
                throw new IllegalArgumentException(name + ": series have " + s[0].length + " channels, expected " + n);
            }
            for (int t = window; t + horizon <= s.length; t++) {
                double[][] x = new double[window][];
                for (int k = 0; k < window; k++) {
                    x[k] = s[t - window + k];
                }
                double[] y = new double[horizon * n];
                for (int h = 0; h < horizon; h++) {
                    System.arraycopy(s[t + h], 0, y, h * n, n);
                }
                xs.add(x);
                ys.add(y);
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException(name + ": the training frames are too short for a window of " + window + " and a horizon of "
                    + horizon + " (need at least " + (window + horizon) + ")");
        }
        return new Examples(xs.toArray(new double[0][][]), ys.toArray(new double[0][]));
    }

    /**
     * {@code copies} copies of {@code series} with independent Gaussian noise of standard
     * deviation {@code sd} (the research's noise-augmentation ablation).
     */
    public static List<double[][]> noisyCopies(double[][] series, int copies, double sd, long seed) {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, "noise-aug"));
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        List<double[][]> out = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            double[][] s = new double[series.length][];
            for (int k = 0; k < series.length; k++) {
                s[k] = series[k].clone();
                for (int i = 0; i < s[k].length; i++) {
                    s[k][i] += sd * g.sample();
                }
            }
            out.add(s);
        }
        return out;
    }

    @Override public String name() { return name; }

    @Override public int channels() { return channels; }

    @Override public int minimumHistory() { return net.settings().window(); }

    @Override public int maximumHorizon() { return horizon; }

    @Override
    public double[][] forecast(double[][] history, int h) {
        Forecaster.check(this, history, h);
        return forecastMany(java.util.Collections.singletonList(history), h).get(0);
    }

    /**
     * Forecasts from many origins in one batched pass. In float32 a batch can differ from
     * one-at-a-time forecasts in the last bits (the matrix products block differently); the same
     * call always gives the same bits.
     */
    @Override
    public List<double[][]> forecastMany(List<double[][]> histories, int h) {
        int w = net.settings().window();
        double[][][] x = new double[histories.size()][][];
        for (int i = 0; i < x.length; i++) {
            double[][] hist = histories.get(i);
            Forecaster.check(this, hist, h);
            x[i] = java.util.Arrays.copyOfRange(hist, hist.length - w, hist.length);
        }
        double[][] p = net.predict(x);
        List<double[][]> out = new ArrayList<>();
        for (double[] row : p) {
            double[][] f = new double[h][channels];
            for (int k = 0; k < h; k++) {
                System.arraycopy(row, k * channels, f[k], 0, channels);
            }
            out.add(f);
        }
        return out;
    }

    /** Everything needed to rebuild this forecaster: shapes, settings and weights. */
    public Map<String, Object> state() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        m.put("channels", channels);
        m.put("horizon", horizon);
        m.put("settings", net.settings());
        m.put("weights", net.weights());
        return m;
    }

    /** Rebuilds a forecaster from {@link #state()}'s parts. */
    public static LstmForecaster restore(String name, int channels, int horizon, LstmSettings settings, float[][] weights) {
        return new LstmForecaster(name, channels, horizon, LstmNetwork.restore(channels, channels * horizon, settings, weights));
    }

    /** Settings and training summary for provenance. */
    public Map<String, Object> describe() {
        List<Object> phases = new ArrayList<>();
        for (LstmNetwork.TrainingLog l : logs) {
            phases.add(l.describe());
        }
        return Map.<String, Object>of("name", name, "heads", "direct multi-step", "horizon", horizon, "lstm", net.settings().describe(), "training", phases);
    }
}
