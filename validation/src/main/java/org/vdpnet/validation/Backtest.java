package org.vdpnet.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.exception.MathRuntimeException;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * Rolling-origin evaluation: from each origin (the last observed frame) a forecaster gets a copy
 * of the frames up to and including it, never a frame after, and forecasts the next frames.
 */
public final class Backtest {
    private Backtest() {}

    /** Origins spread evenly over {@code [first, last]} (at most {@code count}, distinct, ascending). */
    public static int[] origins(int first, int last, int count) {
        if (last < first || count < 1) {
            throw new IllegalArgumentException("origins: need first <= last and count >= 1, got " + first + ", " + last + ", " + count);
        }
        int span = last - first;
        int k = Math.min(count, span + 1);
        int[] o = new int[k];
        for (int i = 0; i < k; i++) {
            o[i] = k == 1 ? last : first + (int) Math.round((double) i * span / (k - 1));
        }
        return o;
    }

    /** Forecasts {@code [origin][horizon][channel]} of {@code f} from every origin of {@code series} (batched where the model can). */
    public static double[][][] forecasts(Forecaster f, double[][] series, int[] origins, int horizon) {
        return f.forecastMany(histories(series, origins, horizon), horizon).toArray(new double[0][][]);
    }

    /**
     * Every origin's forecast with its status. A numerical failure inside the model (an
     * {@link IllegalStateException}, {@link ArithmeticException} or Hipparchus
     * {@link MathRuntimeException}) is not a user error: it becomes a
     * {@link Forecast.Status#FAILED} forecast at that origin (a batch that fails is retried
     * origin by origin to find which), and the backtest goes on.
     */
    public static List<Forecast> run(Forecaster f, double[][] series, int[] origins, int horizon) {
        return forecastAll(f, histories(series, origins, horizon), horizon);
    }

    /**
     * {@code f.forecastAll(histories, horizon)} with a numerical failure inside the model turned
     * into {@link Forecast.Status#FAILED} forecasts: a batch that fails is retried origin by origin
     * to find which origins failed.
     */
    public static List<Forecast> forecastAll(Forecaster f, List<double[][]> histories, int horizon) {
        try {
            return f.forecastAll(histories, horizon);
        } catch (IllegalStateException | ArithmeticException | MathRuntimeException batch) {
            List<Forecast> out = new ArrayList<>(histories.size());
            for (double[][] h : histories) {
                try {
                    out.addAll(f.forecastAll(java.util.Collections.singletonList(h), horizon));
                } catch (IllegalStateException | ArithmeticException | MathRuntimeException e) {
                    out.add(Forecast.failed(horizon, f.channels(), f.name() + " failed: " + e.getMessage()));
                }
            }
            return out;
        }
    }

    private static List<double[][]> histories(double[][] series, int[] origins, int horizon) {
        List<double[][]> histories = new ArrayList<>(origins.length);
        for (int o : origins) {
            if (o + horizon >= series.length) {
                throw new IllegalArgumentException("origins: origin " + o + " + horizon " + horizon + " runs past the series (" + series.length + " frames)");
            }
            double[][] history = new double[o + 1][];
            for (int t = 0; t <= o; t++) {
                history[t] = series[t].clone();
            }
            histories.add(history);
        }
        return histories;
    }

    /** The true frames {@code [origin][horizon][channel]} after every origin. */
    public static double[][][] truth(double[][] series, int[] origins, int horizon) {
        double[][][] out = new double[origins.length][horizon][];
        for (int i = 0; i < origins.length; i++) {
            for (int h = 0; h < horizon; h++) {
                out[i][h] = series[origins[i] + 1 + h].clone();
            }
        }
        return out;
    }

    /** A copy of {@code series} with every frame after {@code origin} replaced by {@code value} (for leakage tests). */
    public static double[][] corruptAfter(double[][] series, int origin, double value) {
        double[][] c = new double[series.length][];
        for (int t = 0; t < series.length; t++) {
            c[t] = t <= origin ? series[t].clone() : filled(series[t].length, value);
        }
        return c;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
