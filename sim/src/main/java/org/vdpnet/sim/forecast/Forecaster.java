package org.vdpnet.sim.forecast;

/**
 * A trained model that forecasts a multichannel series. Implementations are immutable once
 * trained and see only the history they are given: a backtest hands each one the frames up to and
 * including the forecast origin, never a frame after it.
 */
public interface Forecaster {
    /** Short name used in outputs ({@code vdp}, {@code lstm}, ...). */
    String name();

    /** Channels of the series it was trained on; a forecast has the same. */
    int channels();

    /** The fewest history frames {@link #forecast} accepts. */
    int minimumHistory();

    /** The longest horizon it can forecast. */
    int maximumHorizon();

    /**
     * Forecasts {@code horizon} frames after the last row of {@code history}.
     *
     * @param history frames {@code [time][channel]}, the origin last
     * @return {@code [horizon][channel]}: row {@code h - 1} is the forecast {@code h} frames ahead
     */
    double[][] forecast(double[][] history, int horizon);

    /**
     * Forecasts from many origins; element {@code i} is {@code forecast(histories.get(i), horizon)}.
     * Models that can batch (an LSTM runs all origins in one pass) override it.
     */
    default java.util.List<double[][]> forecastMany(java.util.List<double[][]> histories, int horizon) {
        java.util.List<double[][]> out = new java.util.ArrayList<>(histories.size());
        for (double[][] h : histories) {
            out.add(forecast(h, horizon));
        }
        return out;
    }

    /**
     * Forecasts from many origins with each forecast's status. The default marks a forecast
     * with a non-finite value {@link Forecast.Status#FAILED}; a model that can fall back (a
     * mechanistic model that diverged) overrides it to say so.
     */
    default java.util.List<Forecast> forecastAll(java.util.List<double[][]> histories, int horizon) {
        java.util.List<Forecast> out = new java.util.ArrayList<>(histories.size());
        for (double[][] f : forecastMany(histories, horizon)) {
            out.add(Forecast.of(f));
        }
        return out;
    }

    /** Checks a call's arguments, with messages that name the problem. */
    static void check(Forecaster f, double[][] history, int horizon) {
        if (horizon < 1 || horizon > f.maximumHorizon()) {
            throw new IllegalArgumentException("horizon: must be in [1, " + f.maximumHorizon() + "] for " + f.name() + ", got " + horizon);
        }
        if (history.length < f.minimumHistory()) {
            throw new IllegalArgumentException(f.name() + ": needs at least " + f.minimumHistory() + " history frames, got " + history.length);
        }
        if (history[0].length != f.channels()) {
            throw new IllegalArgumentException(f.name() + ": trained on " + f.channels() + " channels, got " + history[0].length);
        }
    }
}
