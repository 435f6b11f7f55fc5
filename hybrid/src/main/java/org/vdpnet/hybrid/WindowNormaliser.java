package org.vdpnet.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link LstmForecaster} normalises one input window and its targets, per channel
 * ({@link LstmSettings#inputNormalisation()}): a level {@code l} and a spread {@code s} taken
 * from the window alone ({@code last}: the last frame and 1; {@code revin}: the window mean and
 * sd floored at {@link LstmSettings#sdFloor()}; {@code none}: 0 and 1), then fixed global scales
 * learnt once from training windows: an input {@code x} becomes {@code ((x - l) / s) / in[c]}, a
 * target {@code y} at horizon {@code k} becomes {@code ((y - l) / s) / out[k][c]}, and a network
 * output {@code z} becomes the forecast {@code l + s * (out[k][c] * z)}. The scales are the root
 * mean square of the normalised values (before scaling) over the training windows: per channel for
 * the inputs, per horizon and channel for the targets, each floored at the sd floor; with
 * {@code none} they are 1 and nothing is changed. Immutable.
 */
final class WindowNormaliser {
    private final String mode;
    private final double floor;
    private final int channels;
    private final int horizon;
    private final double[] inScale;
    private final double[] outScale;

    private WindowNormaliser(String mode, double floor, int channels, int horizon, double[] inScale, double[] outScale) {
        this.mode = mode;
        this.floor = floor;
        this.channels = channels;
        this.horizon = horizon;
        this.inScale = inScale.clone();
        this.outScale = outScale.clone();
    }

    /** A window's level and spread per channel, and how many channels' sd hit the floor. */
    static final class Stats {
        final double[] level;
        final double[] spread;
        final int floored;

        private Stats(double[] level, double[] spread, int floored) {
            this.level = level;
            this.spread = spread;
            this.floored = floored;
        }
    }

    /** A normaliser with the given scales (for {@code none} they must be all 1): a restored model's. */
    static WindowNormaliser of(LstmSettings s, int channels, int horizon, double[] inScale, double[] outScale) {
        check("inScale", inScale, channels, s);
        check("outScale", outScale, channels * horizon, s);
        return new WindowNormaliser(s.inputNormalisation(), s.sdFloor(), channels, horizon, inScale, outScale);
    }

    private static void check(String what, double[] v, int length, LstmSettings s) {
        if (v.length != length) {
            throw new IllegalArgumentException("normalisation." + what + ": must have " + length + " values, got " + v.length);
        }
        for (int i = 0; i < v.length; i++) {
            boolean ok = s.inputNormalisation().equals("none") ? v[i] == 1.0 : v[i] >= s.sdFloor() && v[i] < Double.POSITIVE_INFINITY;
            if (!ok) {
                throw new IllegalArgumentException("normalisation." + what + "[" + i + "]: must be " + (s.inputNormalisation().equals("none")
                        ? "1 with input-normalisation none" : "finite and >= sd-floor " + s.sdFloor()) + ", got " + v[i]);
            }
        }
    }

    /** The normaliser learnt from training windows {@code x[example][step][channel]} and their targets {@code y[example][k * channels + c]}. */
    static Learnt learn(LstmSettings s, int channels, int horizon, double[][][] x, double[][] y) {
        double[] in = new double[channels];
        double[] out = new double[channels * horizon];
        Arrays.fill(in, 1.0);
        Arrays.fill(out, 1.0);
        WindowNormaliser unit = new WindowNormaliser(s.inputNormalisation(), s.sdFloor(), channels, horizon, in, out);
        if (s.inputNormalisation().equals("none")) {
            return new Learnt(unit, List.of());
        }
        double[] inSum = new double[channels];
        double[] outSum = new double[channels * horizon];
        long steps = 0;
        for (int e = 0; e < x.length; e++) {
            Stats st = unit.stats(x[e]);
            for (double[] row : unit.input(x[e], st)) {
                for (int c = 0; c < channels; c++) {
                    inSum[c] += row[c] * row[c];
                }
                steps++;
            }
            double[] t = unit.target(y[e], st);
            for (int j = 0; j < t.length; j++) {
                outSum[j] += t[j] * t[j];
            }
        }
        List<String> warnings = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            in[c] = floored(Math.sqrt(inSum[c] / steps), s.sdFloor(), "input channel " + c, warnings);
        }
        for (int j = 0; j < out.length; j++) {
            out[j] = floored(Math.sqrt(outSum[j] / x.length), s.sdFloor(), "target at horizon " + (j / channels + 1) + ", channel "
                    + (j % channels), warnings);
        }
        return new Learnt(new WindowNormaliser(s.inputNormalisation(), s.sdFloor(), channels, horizon, in, out), warnings);
    }

    private static double floored(double rms, double floor, String what, List<String> warnings) {
        if (rms >= floor) {
            return rms;
        }
        warnings.add("the learnt scale of the normalised " + what + " was " + rms + ", below sd-floor " + floor + "; used the floor");
        return floor;
    }

    /** A learnt normaliser and what learning it could not do as asked (scales floored). */
    record Learnt(WindowNormaliser normaliser, List<String> warnings) {
        Learnt {
            warnings = List.copyOf(warnings);
        }
    }

    String mode() { return mode; }

    /** The input scales per channel, a copy. */
    double[] inScale() { return inScale.clone(); }

    /** The target scales per horizon and channel ({@code k * channels + c}), a copy. */
    double[] outScale() { return outScale.clone(); }

    /** The level and spread of one window {@code [step][channel]}, from its own frames only. */
    Stats stats(double[][] window) {
        double[] level = new double[channels];
        double[] spread = new double[channels];
        Arrays.fill(spread, 1.0);
        int floored = 0;
        switch (mode) {
            case "last" -> System.arraycopy(window[window.length - 1], 0, level, 0, channels);
            case "revin" -> {
                for (int c = 0; c < channels; c++) {
                    double[] col = org.vdpnet.sim.Statistics.column(window, c);
                    double m = org.vdpnet.sim.Statistics.mean(col);
                    double sd = org.vdpnet.sim.Statistics.populationSd(col); // the window's own spread (1/n, as RevIN)
                    level[c] = m;
                    if (sd >= floor) {
                        spread[c] = sd;
                    } else {
                        spread[c] = floor;
                        floored++;
                    }
                }
            }
            default -> { } // none: level 0, spread 1
        }
        return new Stats(level, spread, floored);
    }

    /** The network's input for {@code window}: the window itself with {@code none}, else a new normalised and scaled array. */
    double[][] input(double[][] window, Stats st) {
        if (mode.equals("none")) {
            return window;
        }
        double[][] x = new double[window.length][channels];
        for (int k = 0; k < window.length; k++) {
            for (int c = 0; c < channels; c++) {
                x[k][c] = (window[k][c] - st.level[c]) / st.spread[c] / inScale[c];
            }
        }
        return x;
    }

    /** The network's target for targets {@code y[k * channels + c]} after the window of {@code st}. */
    double[] target(double[] y, Stats st) {
        if (mode.equals("none")) {
            return y;
        }
        double[] t = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            int c = j % channels;
            t[j] = (y[j] - st.level[c]) / st.spread[c] / outScale[j];
        }
        return t;
    }

    /** The forecast {@code [k * channels + c]} for the network's output {@code z} after the window of {@code st}: the inverse of {@link #target}. */
    double[] output(double[] z, Stats st) {
        if (mode.equals("none")) {
            return z.clone();
        }
        double[] f = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            int c = j % channels;
            f[j] = st.level[c] + st.spread[c] * (outScale[j] * z[j]);
        }
        return f;
    }

    /** For provenance: the mode, the floor and the learnt scales. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputNormalisation", mode);
        m.put("level", switch (mode) {
            case "last" -> "each window's last frame, per channel";
            case "revin" -> "each window's mean, per channel, divided by its sd floored at sdFloor";
            default -> "none (raw values)";
        });
        m.put("sdFloor", floor);
        m.put("scales", mode.equals("none") ? "none" : "root mean square of the normalised values over the first phase's training windows");
        m.put("inScale", Arrays.stream(inScale).boxed().toList());
        m.put("outScale", Arrays.stream(outScale).boxed().toList());
        m.put("lossUnits", mode.equals("none") ? "data units" : "normalised and scaled targets");
        return m;
    }
}
