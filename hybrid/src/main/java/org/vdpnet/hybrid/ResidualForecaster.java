package org.vdpnet.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.ProgressListener;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * The residual corrector ({@code residual}): a base forecaster (the fitted van der Pol network)
 * plus an LSTM that learns what the base misses. The LSTM reads one sequence of
 * {@code window + horizon} steps: the recent history (observed channels, a flag of 1), then the
 * base's forecast path (its channels, a flag of 0); it outputs the correction at every horizon,
 * and the forecast is base + correction. Trained on every origin of the training frames, with
 * the base forecasting from the history before each origin only.
 */
public final class ResidualForecaster implements Forecaster {
    private final Forecaster base;
    private final int window;
    private final int horizon;
    private final int n;
    private final LstmNetwork net;
    private LstmNetwork.TrainingLog log;

    private ResidualForecaster(Forecaster base, int window, int horizon, LstmNetwork net) {
        this.base = base;
        this.window = window;
        this.horizon = horizon;
        this.n = base.channels();
        this.net = net;
    }

    /**
     * Trains the corrector on the frames {@code train[time][channel]}; {@code settings.window()}
     * is the history length the LSTM reads.
     */
    public static ResidualForecaster train(Forecaster base, double[][] train, int horizon, LstmSettings settings, ProgressListener progress) {
        if (horizon > base.maximumHorizon()) {
            throw new IllegalArgumentException("horizon: the base model forecasts at most " + base.maximumHorizon() + ", got " + horizon);
        }
        int w = settings.window();
        LstmSettings seq = new LstmSettings(settings.hidden(), w + horizon, settings.learningRate(), settings.epochs(), settings.batchSize(),
                settings.patience(), settings.validationTail(), settings.seed());
        int n = base.channels();
        ResidualForecaster f = new ResidualForecaster(base, w, horizon, LstmNetwork.create(2 * n + 1, n * horizon, seq));
        int first = Math.max(w, base.minimumHistory());
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int t = first; t + horizon <= train.length; t++) {
            double[][] hist = Arrays.copyOf(train, t);
            double[][] b = base.forecast(hist, horizon);
            xs.add(f.input(hist, b));
            double[] y = new double[horizon * n];
            for (int h = 0; h < horizon; h++) {
                for (int i = 0; i < n; i++) {
                    y[h * n + i] = train[t + h][i] - b[h][i];
                }
            }
            ys.add(y);
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("residual: the training frames are too short for a window of " + first + " and a horizon of "
                    + horizon + " (need at least " + (first + horizon) + ")");
        }
        f.log = f.net.fit(xs.toArray(new double[0][][]), ys.toArray(new double[0][]), progress);
        return f;
    }

    private double[][] input(double[][] hist, double[][] b) {
        double[][] x = new double[window + horizon][2 * n + 1];
        for (int k = 0; k < window; k++) {
            System.arraycopy(hist[hist.length - window + k], 0, x[k], 0, n);
            x[k][2 * n] = 1;
        }
        for (int h = 0; h < horizon; h++) {
            System.arraycopy(b[h], 0, x[window + h], n, n);
        }
        return x;
    }

    @Override public String name() { return "residual"; }

    @Override public int channels() { return n; }

    @Override public int minimumHistory() { return Math.max(window, base.minimumHistory()); }

    @Override public int maximumHorizon() { return horizon; }

    @Override
    public double[][] forecast(double[][] history, int h) {
        Forecaster.check(this, history, h);
        double[][] b = base.forecast(history, horizon);
        double[] c = net.predict(new double[][][] {input(history, b)})[0];
        double[][] f = new double[h][n];
        for (int k = 0; k < h; k++) {
            for (int i = 0; i < n; i++) {
                f[k][i] = b[k][i] + c[k * n + i];
            }
        }
        return f;
    }

    /** Everything needed to rebuild this corrector except its base: shapes, settings and weights. */
    public Map<String, Object> state() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("window", window);
        m.put("horizon", horizon);
        m.put("settings", net.settings());
        m.put("weights", net.weights());
        return m;
    }

    /** Rebuilds a corrector around {@code base} from {@link #state()}'s parts. */
    public static ResidualForecaster restore(Forecaster base, int window, int horizon, LstmSettings sequenceSettings, float[][] weights) {
        int n = base.channels();
        return new ResidualForecaster(base, window, horizon, LstmNetwork.restore(2 * n + 1, n * horizon, sequenceSettings, weights));
    }

    /** The base forecaster. */
    public Forecaster base() { return base; }

    /** Settings and training summary for provenance. */
    public Map<String, Object> describe() {
        return Map.<String, Object>of("name", "residual", "base", base.name(), "historyWindow", window, "horizon", horizon, "lstm",
                net.settings().describe(), "training", log == null ? Map.of() : log.describe());
    }
}
