package org.vdpnet.validation;

import java.util.function.Function;
import org.vdpnet.sim.forecast.Forecaster;

/** The simple baselines every model must beat: persistence and the climatological mean. */
public final class Baselines {
    private Baselines() {}

    /** Forecasts the last observed frame at every horizon. */
    public static Forecaster persistence(int channels, int maxHorizon) {
        return new Flat("persistence", channels, maxHorizon, history -> history[history.length - 1]);
    }

    /** Forecasts the training frames' mean at every horizon. */
    public static Forecaster climatology(double[][] train, int maxHorizon) {
        int n = train[0].length;
        double[] mean = new double[n];
        for (int i = 0; i < n; i++) {
            mean[i] = org.vdpnet.sim.Statistics.mean(org.vdpnet.sim.Statistics.column(train, i));
        }
        return new Flat("climatology", n, maxHorizon, history -> mean);
    }

    /** A forecast that repeats one frame, chosen from the history, at every horizon. */
    private record Flat(String name, int channels, int maximumHorizon, Function<double[][], double[]> level) implements Forecaster {
        @Override public int minimumHistory() { return 1; }

        @Override
        public double[][] forecast(double[][] history, int horizon) {
            Forecaster.check(this, history, horizon);
            double[] row = level.apply(history);
            double[][] f = new double[horizon][];
            for (int h = 0; h < horizon; h++) {
                f[h] = row.clone();
            }
            return f;
        }
    }
}
