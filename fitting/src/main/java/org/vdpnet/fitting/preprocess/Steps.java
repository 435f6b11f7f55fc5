package org.vdpnet.fitting.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.vdpnet.sim.Checks;
import org.vdpnet.sim.TimeSeries;

/** The preprocessing steps. Each is an immutable value; compose them with {@link Preprocessing}. */
public final class Steps {
    private Steps() {}

    private static Map<String, Object> d(String type, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static double[][] rows(TimeSeries ts) {
        double[][] r = new double[ts.size()][];
        for (int k = 0; k < ts.size(); k++) {
            r[k] = ts.row(k);
        }
        return r;
    }

    /** Drops channels whose variance is zero (or below {@code tol} times the largest), with a warning that names them. */
    public static PreprocessStep dropDeadChannels() {
        return new PreprocessStep() {
            @Override
            public TimeSeries apply(TimeSeries in, PreprocessLog log) {
                List<String> keep = new ArrayList<>();
                List<String> dead = new ArrayList<>();
                for (int c = 0; c < in.channelCount(); c++) {
                    double[] x = in.column(c);
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : x) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    (max > min ? keep : dead).add(in.channels().get(c));
                }
                if (keep.isEmpty()) {
                    throw new IllegalArgumentException("recording: every channel is constant; nothing to fit");
                }
                if (!dead.isEmpty()) {
                    log.warn("dropped " + dead.size() + " dead (constant) channel(s): " + String.join(", ", dead));
                }
                return dead.isEmpty() ? in : in.select(keep);
            }

            @Override public Map<String, Object> describe() { return d("drop-dead-channels"); }
        };
    }

    /** Removes a least-squares polynomial trend of the given order (1: linear) from every channel. */
    public static PreprocessStep detrend(int order) {
        Checks.inRange("detrend order", order, 0, 5);
        return new PreprocessStep() {
            @Override
            public TimeSeries apply(TimeSeries in, PreprocessLog log) {
                int n = in.size();
                if (n <= order + 1) {
                    throw new IllegalArgumentException("detrend: needs more than " + (order + 1) + " samples, got " + n);
                }
                double[][] v = new double[n][order + 1];
                for (int k = 0; k < n; k++) {
                    double s = 2.0 * k / (n - 1) - 1; // scaled time keeps the basis well conditioned
                    for (int p = 0; p <= order; p++) {
                        v[k][p] = Math.pow(s, p);
                    }
                }
                QRDecomposition qr = new QRDecomposition(MatrixUtils.createRealMatrix(v));
                RealMatrix y = MatrixUtils.createRealMatrix(rows(in));
                RealMatrix coef = qr.getSolver().solve(y);
                RealMatrix trend = MatrixUtils.createRealMatrix(v).multiply(coef);
                return TimeSeries.of(in.times(), in.channels(), y.subtract(trend).getData());
            }

            @Override public Map<String, Object> describe() { return d("detrend", "order", order); }
        };
    }

    /** Subtracts each channel's mean and divides by its standard deviation (population). */
    public static PreprocessStep zScore() {
        return new PreprocessStep() {
            @Override
            public TimeSeries apply(TimeSeries in, PreprocessLog log) {
                double[][] r = rows(in);
                return TimeSeries.of(in.times(), in.channels(), ChannelScaling.fit(r, in.channels(), "; drop dead channels first").apply(r));
            }

            @Override public Map<String, Object> describe() { return d("z-score"); }
        };
    }

    /** Zero-phase Butterworth band-pass (SciPy's sosfiltfilt) at the recording's rate. */
    public static PreprocessStep bandPass(int order, double low, double high, double rate) {
        Butterworth bw = Butterworth.bandPass(order, low, high, rate);
        return new PreprocessStep() {
            @Override
            public TimeSeries apply(TimeSeries in, PreprocessLog log) {
                double[][] r = new double[in.size()][in.channelCount()];
                for (int c = 0; c < in.channelCount(); c++) {
                    double[] y = bw.filtFilt(in.column(c));
                    for (int k = 0; k < y.length; k++) {
                        r[k][c] = y[k];
                    }
                }
                return TimeSeries.of(in.times(), in.channels(), r);
            }

            @Override public Map<String, Object> describe() { return d("band-pass", "order", order, "low", low, "high", high, "rate", rate); }
        };
    }

    /** Keeps the mean of each block of {@code factor} samples (a boxcar anti-alias), stamped at the block's first time. */
    public static PreprocessStep downsample(int factor) {
        Checks.inRange("downsample factor", factor, 1, 1_000_000);
        return new PreprocessStep() {
            @Override
            public TimeSeries apply(TimeSeries in, PreprocessLog log) {
                int blocks = in.size() / factor;
                if (blocks < 2) {
                    throw new IllegalArgumentException("downsample: factor " + factor + " leaves fewer than 2 samples of " + in.size());
                }
                double[] t = new double[blocks];
                double[][] r = new double[blocks][in.channelCount()];
                for (int b = 0; b < blocks; b++) {
                    t[b] = in.time(b * factor);
                    for (int k = b * factor; k < (b + 1) * factor; k++) {
                        for (int c = 0; c < in.channelCount(); c++) {
                            r[b][c] += in.value(k, c) / factor;
                        }
                    }
                }
                if (in.size() % factor != 0) {
                    log.warn("downsample: dropped the last " + in.size() % factor + " sample(s), which do not fill a block of " + factor);
                }
                return TimeSeries.of(t, in.channels(), r);
            }

            @Override public Map<String, Object> describe() { return d("downsample", "factor", factor); }
        };
    }

    /** The samples {@code [start, start + length)}; times keep their original values. */
    public static PreprocessStep window(int start, int length) {
        if (start < 0 || length < 2) {
            throw new IllegalArgumentException("--window: need start >= 0 and at least 2 frames, got " + start + ":" + (start + length));
        }
        return new PreprocessStep() {
            @Override
            public TimeSeries apply(TimeSeries in, PreprocessLog log) {
                if (start + length > in.size()) {
                    throw new IllegalArgumentException("--window: " + start + ":" + (start + length) + " runs past the end of the recording ("
                            + in.size() + " frames)");
                }
                return in.slice(start, start + length);
            }

            @Override public Map<String, Object> describe() { return d("window", "start", start, "length", length); }
        };
    }

    /**
     * The first {@code k} temporal SVD components of the channel-centred data, as series
     * {@code c1..ck} (scores: U S), each z-scored; the loadings are kept in the log so that
     * component series can be mapped back to channels. Signs are fixed so that each component's
     * largest loading is positive.
     */
    public static PreprocessStep svdComponents(int k) {
        Checks.inRange("--components", k, 1, 10_000);
        return new PreprocessStep() {
            @Override
            public TimeSeries apply(TimeSeries in, PreprocessLog log) {
                int n = in.size();
                int ch = in.channelCount();
                if (k > ch) {
                    throw new IllegalArgumentException("--components: " + k + " components need at least as many channels, got " + ch);
                }
                if (k > n) {
                    throw new IllegalArgumentException("--components: " + k + " components need at least as many samples, got " + n);
                }
                double[][] x = rows(in);
                double[] means = new double[ch];
                for (int c = 0; c < ch; c++) {
                    for (double[] row : x) {
                        means[c] += row[c] / n;
                    }
                    for (double[] row : x) {
                        row[c] -= means[c];
                    }
                }
                SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(x));
                double[] s = svd.getSingularValues();
                RealMatrix u = svd.getU();
                RealMatrix v = svd.getV();
                double total = 0;
                for (double sv : s) {
                    total += sv * sv;
                }
                double[][] load = new double[ch][k];
                double[][] comps = new double[n][k];
                double[] sig = new double[k];
                double[] expl = new double[k];
                double[] scale = new double[k];
                double[] offset = new double[k];
                List<String> names = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    int big = 0;
                    for (int c = 1; c < ch; c++) {
                        if (Math.abs(v.getEntry(c, j)) > Math.abs(v.getEntry(big, j))) {
                            big = c;
                        }
                    }
                    double sign = v.getEntry(big, j) < 0 ? -1 : 1;
                    for (int c = 0; c < ch; c++) {
                        load[c][j] = sign * v.getEntry(c, j);
                    }
                    double[] score = new double[n];
                    for (int t = 0; t < n; t++) {
                        score[t] = sign * u.getEntry(t, j) * s[j];
                    }
                    double mean = org.vdpnet.sim.Statistics.mean(score);
                    double sd = org.vdpnet.sim.Statistics.populationSd(score);
                    if (!(sd > 0)) {
                        throw new IllegalArgumentException("--components: component " + (j + 1) + " has zero variance; use fewer components");
                    }
                    for (int t = 0; t < n; t++) {
                        comps[t][j] = (score[t] - mean) / sd;
                    }
                    sig[j] = s[j];
                    expl[j] = total > 0 ? s[j] * s[j] / total : 0;
                    scale[j] = sd;
                    offset[j] = mean;
                    names.add("c" + (j + 1));
                }
                log.components(new Components(in.channels(), means, load, sig, expl, scale, offset));
                return TimeSeries.of(in.times(), names, comps);
            }

            @Override public Map<String, Object> describe() { return d("svd-components", "k", k, "scaling", "z-score"); }
        };
    }
}
