package org.vdpnet.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * The forecaster a {@link Stacking} trains: row {@code h - 1} of a forecast is
 * {@code sum_k w[h-1][k] f_k[h-1]} over its components' forecasts, with weights on the simplex
 * per horizon. Only components with a positive weight at some horizon of a call are asked to
 * forecast.
 *
 * <p>Statuses: a component that fails at an origin (a {@link Forecast.Status#FAILED} forecast, a
 * non-finite value, or a numerical exception, which {@link Backtest#run} would also turn into a
 * failure) is left out there, the weights of every horizon are renormalised over the others, and
 * the stacked forecast is {@link Forecast.Status#FALLBACK} with a note naming it. If every
 * component weighted at some horizon failed, the stacked forecast is FAILED. A component's own
 * FALLBACK forecast is used as its forecast, and the stacked forecast is then FALLBACK too, with
 * the component's note, so that a reader knows part of it was a simpler forecast. Members of the
 * components' forecast distributions are not combined: a stacked forecast has none. Immutable.
 */
public final class StackedForecaster implements Forecaster {
    private final String name;
    private final List<Forecaster> components;
    private final double[][] weights; // [horizon][component]
    private final int channels;
    private final int minimumHistory;

    /**
     * @param weights {@code [horizon][component]}, each row non-negative and summing to 1 (copied)
     */
    StackedForecaster(String name, List<Forecaster> components, double[][] weights) {
        this.name = name;
        this.components = List.copyOf(components);
        this.weights = new double[weights.length][];
        for (int h = 0; h < weights.length; h++) {
            if (weights[h].length != components.size()) {
                throw new IllegalArgumentException("weights: each horizon needs " + components.size() + " weights, horizon " + (h + 1) + " has "
                        + weights[h].length);
            }
            this.weights[h] = weights[h].clone();
        }
        this.channels = components.get(0).channels();
        this.minimumHistory = components.stream().mapToInt(Forecaster::minimumHistory).max().orElseThrow();
    }

    @Override public String name() { return name; }

    @Override public int channels() { return channels; }

    @Override public int minimumHistory() { return minimumHistory; }

    @Override public int maximumHorizon() { return weights.length; }

    /** The components' names, in the order of the weights. */
    public List<String> componentNames() { return components.stream().map(Forecaster::name).toList(); }

    /** The weights {@code [horizon][component]}, a copy. */
    public double[][] weights() {
        double[][] c = new double[weights.length][];
        for (int h = 0; h < weights.length; h++) {
            c[h] = weights[h].clone();
        }
        return c;
    }

    /** The point forecast; NaN where the stacked forecast is FAILED (see {@link #forecastAll}). */
    @Override
    public double[][] forecast(double[][] history, int horizon) {
        return forecastAll(Collections.singletonList(history), horizon).get(0).values();
    }

    @Override
    public List<double[][]> forecastMany(List<double[][]> histories, int horizon) {
        return forecastAll(histories, horizon).stream().map(Forecast::values).toList();
    }

    @Override
    public List<Forecast> forecastAll(List<double[][]> histories, int horizon) {
        for (double[][] h : histories) {
            Forecaster.check(this, h, horizon);
        }
        int k = components.size();
        List<List<Forecast>> parts = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            parts.add(used(c, horizon) ? Backtest.forecastAll(components.get(c), copies(histories), horizon) : null);
        }
        List<Forecast> out = new ArrayList<>(histories.size());
        for (int i = 0; i < histories.size(); i++) {
            out.add(combine(parts, i, horizon));
        }
        return out;
    }

    private boolean used(int c, int horizon) {
        for (int h = 0; h < horizon; h++) {
            if (weights[h][c] > 0) {
                return true;
            }
        }
        return false;
    }

    private Forecast combine(List<List<Forecast>> parts, int i, int horizon) {
        int k = components.size();
        double[][][] values = new double[k][][];
        List<String> failed = new ArrayList<>();
        List<String> fellBack = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (parts.get(c) == null) {
                continue;
            }
            Forecast f = parts.get(c).get(i);
            double[][] v = f.values();
            if (f.status() == Forecast.Status.FAILED || !finite(v)) {
                failed.add(components.get(c).name() + " (" + (f.status() == Forecast.Status.FAILED ? f.note() : "non-finite values") + ")");
            } else {
                values[c] = v;
                if (f.status() == Forecast.Status.FALLBACK) {
                    fellBack.add(components.get(c).name() + " fell back (" + f.note() + ")");
                }
            }
        }
        double[][] out = new double[horizon][channels];
        for (int h = 0; h < horizon; h++) {
            double total = 0;
            for (int c = 0; c < k; c++) {
                if (values[c] != null) {
                    total += weights[h][c];
                }
            }
            if (!(total > 0)) {
                return Forecast.failed(horizon, channels, name + ": every component weighted at horizon " + (h + 1) + " failed: "
                        + String.join("; ", failed));
            }
            double scale = failed.isEmpty() ? 1 : 1 / total;
            for (int c = 0; c < k; c++) {
                double w = weights[h][c] * scale;
                if (values[c] == null || w == 0) {
                    continue;
                }
                for (int j = 0; j < channels; j++) {
                    out[h][j] += w * values[c][h][j];
                }
            }
        }
        if (failed.isEmpty() && fellBack.isEmpty()) {
            return Forecast.of(out);
        }
        List<String> notes = new ArrayList<>(fellBack);
        if (!failed.isEmpty()) {
            notes.add(0, "failed: " + String.join("; ", failed) + "; weights renormalised over the other components");
        }
        return Forecast.fallback(out, name + ": " + String.join("; ", notes));
    }

    /** Each component gets its own copy of the histories, so that none can change what another sees. */
    private static List<double[][]> copies(List<double[][]> histories) {
        List<double[][]> out = new ArrayList<>(histories.size());
        for (double[][] h : histories) {
            double[][] c = new double[h.length][];
            for (int t = 0; t < h.length; t++) {
                c[t] = h[t].clone();
            }
            out.add(c);
        }
        return out;
    }

    static boolean finite(double[][] v) {
        return Arrays.stream(v).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
    }
}
