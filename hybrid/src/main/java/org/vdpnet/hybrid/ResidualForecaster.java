package org.vdpnet.hybrid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.ProgressListener;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * The residual corrector ({@code residual}): a base forecaster (the fitted van der Pol network)
 * plus an LSTM that learns what the base misses. The LSTM reads one sequence of
 * {@code window + horizon} steps: the recent history (observed channels, a flag of 1), then the
 * base's forecast path (its channels, a flag of 0); it outputs the correction at every horizon,
 * and the forecast is base + correction. Trained on the origins of the training frames, with
 * the base forecasting from the history before each origin only, and stopped early on the
 * origins of a validation tail (see {@link #train}).
 */
public final class ResidualForecaster implements Forecaster {
    private final Forecaster base;
    private final int window;
    private final int horizon;
    private final int n;
    private final LstmNetwork net;
    private LstmNetwork.TrainingLog log;
    private ValidationSplit split;
    private OutOfSample bases;

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
     *
     * <p>An example is an origin {@code t}: the base forecasts from the frames before {@code t},
     * and the example's frames are {@code [t - w', t + horizon)} with
     * {@code w' = max(settings.window(), base.minimumHistory())}. Origins are split by
     * {@link ValidationSplit}'s rule with window {@code w'}: validation examples are the origins
     * whose whole span lies in the tail {@code [validationStart, T)}; training examples are those
     * whose target ends by {@code trainEnd = validationStart - (w' + horizon)}, so that {@code w' + horizon}
     * frames separate them from the tail. Without room for a split every origin trains and there
     * is no early stopping ({@link #warnings()} says so).
     */
    public static ResidualForecaster train(Forecaster base, double[][] train, int horizon, LstmSettings settings, ProgressListener progress) {
        return train(base, OutOfSample.inSample(base), train, horizon, settings, progress);
    }

    /**
     * The base forecasters that make the training examples' base forecasts: {@code bases.get(k)}
     * forecasts the origins {@code t} in {@code [starts[k], starts[k + 1])} (the last up to the
     * end). For out-of-sample residuals each is a fit to frames before its {@code starts[k]} only
     * (rolling refits), so no base forecast in the training examples comes from a model that saw
     * the frames it forecasts; origins before {@code starts[0]} give no examples.
     */
    public record OutOfSample(int[] starts, List<Forecaster> bases, String description) {
        /** Checks the shapes and copies. */
        public OutOfSample {
            starts = starts.clone();
            bases = List.copyOf(bases);
            if (starts.length == 0 || starts.length != bases.size()) {
                throw new IllegalArgumentException("out-of-sample bases: need one start per base, got " + starts.length + " and " + bases.size());
            }
            for (int k = 1; k < starts.length; k++) {
                if (starts[k] <= starts[k - 1]) {
                    throw new IllegalArgumentException("out-of-sample bases: starts must increase, got " + java.util.Arrays.toString(starts));
                }
            }
        }

        /** One base for every origin: the in-sample case (the base saw the training frames). */
        public static OutOfSample inSample(Forecaster base) {
            return new OutOfSample(new int[] {0}, List.of(base), "in-sample: the final base forecasts every training origin");
        }

        /** The base of origin {@code t}, or null before the first start. */
        Forecaster at(int t) {
            Forecaster f = null;
            for (int k = 0; k < starts.length && starts[k] <= t; k++) {
                f = bases.get(k);
            }
            return f;
        }

        /** For provenance. */
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folds", starts.length);
            m.put("foldStarts", java.util.Arrays.stream(starts).boxed().toList());
            m.put("description", description);
            return m;
        }
    }

    /**
     * Trains the corrector with training examples whose base forecasts come from {@code bases}
     * (see {@link OutOfSample}); {@code base} is the forecaster it corrects at forecast time (the
     * fit to the latest frames). Otherwise as {@link #train(Forecaster, double[][], int, LstmSettings, ProgressListener)}.
     */
    public static ResidualForecaster train(Forecaster base, OutOfSample bases, double[][] train, int horizon, LstmSettings settings,
                                           ProgressListener progress) {
        for (Forecaster b : bases.bases()) {
            if (b.channels() != base.channels() || b.maximumHorizon() < horizon) {
                throw new IllegalArgumentException("out-of-sample bases: each must forecast " + base.channels() + " channels over " + horizon
                        + " frames");
            }
        }
        if (horizon < 1 || horizon > base.maximumHorizon()) {
            throw new IllegalArgumentException("horizon: the base model forecasts 1 to " + base.maximumHorizon() + " frames, got " + horizon);
        }
        int w = settings.window();
        // the corrector reads raw history and base paths and learns residuals: no per-window normalisation
        LstmSettings seq = settings.withShape(settings.hidden(), w + horizon).withInputNormalisation("none");
        int n = base.channels();
        ResidualForecaster f = new ResidualForecaster(base, w, horizon, LstmNetwork.create(2 * n + 1, n * horizon, seq));
        int first = Math.max(w, base.minimumHistory());
        for (Forecaster b : bases.bases()) {
            first = Math.max(first, b.minimumHistory());
        }
        f.bases = bases;
        // the split follows the history window w' (as documented); the first fold start only removes origins
        ValidationSplit split = ValidationSplit.of(train.length, first, horizon, settings.validationTail());
        int firstOrigin = Math.max(first, bases.starts()[0]);
        String squeezed = null;
        if (split.hasValidation() && split.trainEnd() - horizon < firstOrigin) {
            squeezed = "the validation split would leave no training origin after the first base's start (origin " + firstOrigin + "), so "
                    + "every origin from there trains";
            split = ValidationSplit.of(train.length, first, horizon, 0.0);
        }
        Examples tr = f.examples(train, firstOrigin, split.trainEnd());
        if (tr.x.length == 0) {
            throw new IllegalArgumentException("residual: the training frames are too short for a window of " + first + " and a horizon of "
                    + horizon + " (need at least " + (first + horizon) + ")");
        }
        Examples val = split.hasValidation() ? f.examples(train, Math.max(split.validationStart() + first, firstOrigin), train.length)
                : new Examples(new double[0][][], new double[0][]);
        LstmNetwork.TrainingLog log = f.net.fit(tr.x, tr.y, val.x, val.y, progress);
        if (!split.hasValidation()) {
            log = log.withLeadingWarnings(List.of("no validation split in the training frames: " + (squeezed != null ? squeezed : split.reason()) + "; "
                    + (log.status() == LstmNetwork.TrainingLog.Status.BUDGET ? "trained the full " + log.epochs()
                    + " epochs without early stopping" : "no early stopping")));
        }
        List<String> notes = new ArrayList<>();
        int fb = tr.fallbacks() + val.fallbacks();
        int failed = tr.failed() + val.failed();
        if (fb > 0) {
            notes.add("the base " + base.name() + " fell back at " + fb + " of " + (tr.x.length + val.x.length) + " training origins; the corrector "
                    + "learnt from those fallback forecasts too");
        }
        if (failed > 0) {
            notes.add("the base " + base.name() + " failed at " + failed + " training origins; those were left out");
        }
        f.log = notes.isEmpty() ? log : log.withLeadingWarnings(notes);
        f.split = split;
        return f;
    }

    /** Examples, and how many of them rest on a base forecast that fell back or failed (skipped). */
    private record Examples(double[][][] x, double[][] y, int fallbacks, int failed) {
        Examples(double[][][] x, double[][] y) {
            this(x, y, 0, 0);
        }
    }

    /** The examples of the origins {@code t} in {@code [from, end - horizon]}: inputs and the base's residuals. */
    private Examples examples(double[][] train, int from, int end) {
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        int fallbacks = 0;
        int failed = 0;
        List<double[][]> histories = new ArrayList<>();
        for (int t = from; t + horizon <= end; t++) {
            histories.add(Arrays.copyOf(train, t));
        }
        // each origin's base forecast from its own base (a fit that never saw the frames it forecasts), grouped per base
        List<Forecast> baseFc = new ArrayList<>(java.util.Collections.nCopies(histories.size(), (Forecast) null));
        java.util.Map<Forecaster, List<Integer>> byBase = new java.util.LinkedHashMap<>();
        for (int k = 0; k < histories.size(); k++) {
            byBase.computeIfAbsent(bases.at(from + k), b -> new ArrayList<>()).add(k);
        }
        for (java.util.Map.Entry<Forecaster, List<Integer>> e : byBase.entrySet()) {
            List<double[][]> hs = new ArrayList<>();
            for (int k : e.getValue()) {
                hs.add(histories.get(k));
            }
            List<Forecast> fc = e.getKey().forecastAll(hs, horizon);
            for (int q = 0; q < hs.size(); q++) {
                baseFc.set(e.getValue().get(q), fc.get(q));
            }
        }
        for (int k = 0; k < histories.size(); k++) {
            double[][] hist = histories.get(k);
            int t = from + k;
            Forecast bf = baseFc.get(k);
            if (bf.status() == Forecast.Status.FAILED) {
                failed++;
                continue; // no base forecast to correct
            }
            fallbacks += bf.status() == Forecast.Status.FALLBACK ? 1 : 0;
            double[][] b = bf.values();
            xs.add(input(hist, b));
            double[] y = new double[horizon * n];
            for (int h = 0; h < horizon; h++) {
                for (int i = 0; i < n; i++) {
                    y[h * n + i] = train[t + h][i] - b[h][i];
                }
            }
            ys.add(y);
        }
        return new Examples(xs.toArray(new double[0][][]), ys.toArray(new double[0][]), fallbacks, failed);
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
        return forecastAll(java.util.Collections.singletonList(history), h).get(0).values();
    }

    /**
     * Every origin's forecast with its status: where the base fell back (or failed), so does
     * the corrected forecast, with the base's note, since the correction was learnt on the base's
     * own forecasts and cannot repair a fallback.
     */
    @Override
    public List<Forecast> forecastAll(List<double[][]> histories, int h) {
        for (double[][] history : histories) {
            Forecaster.check(this, history, h);
        }
        List<Forecast> baseFc = base.forecastAll(histories, horizon);
        // one pass of the corrector over every origin whose base forecast exists (each example is computed on its own)
        List<double[][]> inputs = new ArrayList<>();
        for (int i = 0; i < histories.size(); i++) {
            if (baseFc.get(i).status() != Forecast.Status.FAILED) {
                inputs.add(input(histories.get(i), baseFc.get(i).values()));
            }
        }
        double[][] corrections = inputs.isEmpty() ? new double[0][] : net.predict(inputs.toArray(new double[0][][]));
        List<Forecast> out = new ArrayList<>(histories.size());
        int next = 0;
        for (int i = 0; i < histories.size(); i++) {
            Forecast bf = baseFc.get(i);
            if (bf.status() == Forecast.Status.FAILED) {
                out.add(Forecast.failed(h, n, "base " + base.name() + ": " + bf.note()));
                continue;
            }
            double[][] b = bf.values();
            double[] c = corrections[next++];
            double[][] f = new double[h][n];
            for (int k = 0; k < h; k++) {
                for (int j = 0; j < n; j++) {
                    f[k][j] = b[k][j] + c[k * n + j];
                }
            }
            Forecast one = Forecast.of(f);
            out.add(bf.status() == Forecast.Status.FALLBACK && one.status() == Forecast.Status.OK
                    ? Forecast.fallback(f, "base " + base.name() + ": " + bf.note()) : one);
        }
        return out;
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

    /** The training log ({@code null} for a restored corrector). */
    public LstmNetwork.TrainingLog log() { return log; }

    /** What training could not do as asked (no validation split, a non-finite loss); empty for a restored corrector. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (log != null) {
            for (String w : log.warnings()) {
                out.add("residual: " + w);
            }
        }
        return out;
    }

    /** Settings and training summary for provenance: the validation split, the log (its status included) and the warnings. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "residual");
        m.put("base", base.name());
        m.put("historyWindow", window);
        m.put("horizon", horizon);
        m.put("lstm", net.settings().describe());
        if (log != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("data", split.describe());
            t.put("baseForecasts", bases.describe());
            t.putAll(log.describe());
            m.put("training", t);
        } else {
            m.put("training", Map.of());
        }
        m.put("warnings", warnings());
        return m;
    }
}
