package org.vdpnet.validation;

import org.vdpnet.sim.forecast.Forecaster;

/** The simple baselines every model must beat: persistence and the climatological mean. */
public final class Baselines {
    private Baselines() {}

    /** Forecasts the last observed frame at every horizon. */
    public static Forecaster persistence(int channels, int maxHorizon) {
        return new Forecaster() {
            @Override public String name() { return "persistence"; }

            @Override public int channels() { return channels; }

            @Override public int minimumHistory() { return 1; }

            @Override public int maximumHorizon() { return maxHorizon; }

            @Override
            public double[][] forecast(double[][] history, int horizon) {
                Forecaster.check(this, history, horizon);
                double[][] f = new double[horizon][];
                for (int h = 0; h < horizon; h++) {
                    f[h] = history[history.length - 1].clone();
                }
                return f;
            }
        };
    }

    /** Forecasts the training frames' mean at every horizon. */
    public static Forecaster climatology(double[][] train, int maxHorizon) {
        int n = train[0].length;
        double[] mean = new double[n];
        for (double[] row : train) {
            for (int i = 0; i < n; i++) {
                mean[i] += row[i] / train.length;
            }
        }
        return new Forecaster() {
            @Override public String name() { return "climatology"; }

            @Override public int channels() { return n; }

            @Override public int minimumHistory() { return 1; }

            @Override public int maximumHorizon() { return maxHorizon; }

            @Override
            public double[][] forecast(double[][] history, int horizon) {
                Forecaster.check(this, history, horizon);
                double[][] f = new double[horizon][];
                for (int h = 0; h < horizon; h++) {
                    f[h] = mean.clone();
                }
                return f;
            }
        };
    }
}
