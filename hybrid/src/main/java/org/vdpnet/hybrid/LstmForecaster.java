package org.vdpnet.hybrid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * class serves as {@code lstm} ({@link #trainOnReal}), {@code pretrained} (synthetic series,
 * then the real frames: {@link #trainPretrained}) and {@code noise-aug} (noisy copies of the real
 * training frames: {@link #trainNoiseAugmented}).
 *
 * <p>Early stopping always runs on data the training examples do not touch: a caller passes
 * training and validation series explicitly to {@link #train(String, List, List, int, LstmSettings,
 * ProgressListener)}, or the convenience methods cut them by {@link ValidationSplit}'s rule
 * (a real series: a tail after a gap of {@code window + horizon} frames; many synthetic series:
 * the last whole series, {@link ValidationSplit#heldOutSeries}). Noisy copies are made of the
 * training part only and validated on the clean tail. Whatever training could not do as asked
 * (no room for a validation split, a non-finite loss, a standard deviation or scale floored) is
 * listed in {@link #warnings()}.
 *
 * <p>Every window is normalised as {@link LstmSettings#inputNormalisation()} says, identically in
 * every way of training and in forecasting ({@link WindowNormaliser}): with {@code last} (the
 * default) the network sees each window minus its last frame and learns the change from the last
 * observation, so a forecast follows the recent level rather than the training level; with
 * {@code revin} each window is centred and scaled by its own mean and sd; with {@code none} it
 * sees the raw values. The global scales of the normalised inputs and targets are learnt once,
 * from the training windows of the first phase (the real training part for {@link #trainOnReal},
 * the noisy copies of it for {@link #trainNoiseAugmented}, the synthetic training series for
 * {@link #trainPretrained}, the given training series for {@link #train}), never from validation
 * frames, and are kept by later phases ({@link #fineTune}) and saved with the weights
 * ({@link #state()}). The training and validation losses are in these normalised, scaled units.
 */
public final class LstmForecaster implements Forecaster {
    private final String name;
    private final int channels;
    private final int horizon;
    private final LstmNetwork net;
    private final WindowNormaliser norm;
    /** What learning the normaliser could not do as asked; put before the first phase's warnings. */
    private final List<String> normNotes;
    private final List<String> phases = new ArrayList<>();
    private final List<LstmNetwork.TrainingLog> logs = new ArrayList<>();
    private final List<Map<String, Object>> data = new ArrayList<>();

    private static final System.Logger LOG = System.getLogger(LstmForecaster.class.getName());

    private LstmForecaster(String name, int channels, int horizon, LstmNetwork net, WindowNormaliser norm, List<String> normNotes) {
        this.name = name;
        this.channels = channels;
        this.horizon = horizon;
        this.net = net;
        this.norm = norm;
        this.normNotes = List.copyOf(normNotes);
    }

    /**
     * A fresh network with seeded weights and the normaliser learnt from the windows of
     * {@code scaleSeries} (the first phase's training series).
     */
    private static LstmForecaster fresh(String name, int channels, int horizon, LstmSettings settings, List<double[][]> scaleSeries) {
        checkHorizon(horizon);
        LstmNetwork net = LstmNetwork.create(channels, channels * horizon, settings);
        Examples ex = examples(scaleSeries, settings.window(), horizon, channels, name, true);
        WindowNormaliser.Learnt learnt = WindowNormaliser.learn(settings, channels, horizon, ex.x, ex.y);
        return new LstmForecaster(name, channels, horizon, net, learnt.normaliser(), learnt.warnings());
    }

    private static void checkHorizon(int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon: must be >= 1, got " + horizon);
        }
    }

    private static int channelsOf(String name, List<double[][]> series) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException(name + ": no training series");
        }
        double[][] first = series.get(0);
        if (first.length == 0) {
            throw new IllegalArgumentException(name + ": the first training series has no frames");
        }
        return first[0].length;
    }

    /**
     * Trains a fresh network on windows cut from every series of {@code trainSeries}
     * ({@code [time][channel]} each) and stops early on windows cut from
     * {@code validationSeries}, which must not share frames with the training series (an empty
     * list: no early stopping, the full epoch budget and the final weights).
     */
    public static LstmForecaster train(String name, List<double[][]> trainSeries, List<double[][]> validationSeries, int horizon,
                                       LstmSettings settings, ProgressListener progress) {
        LstmForecaster f = fresh(name, channelsOf(name, trainSeries), horizon, settings, trainSeries);
        f.phase("train", trainSeries, validationSeries, "no validation series given", counts(trainSeries, validationSeries), progress);
        return f;
    }

    /**
     * Trains a fresh network on one real series, cut by {@link ValidationSplit} with the
     * settings' window and validation tail: training windows from the head, early stopping on the
     * tail after a gap of {@code window + horizon} frames; without room for a split, on all frames
     * with no early stopping (said in {@link #warnings()}).
     */
    public static LstmForecaster trainOnReal(String name, double[][] real, int horizon, LstmSettings settings, ProgressListener progress) {
        if (real.length == 0) {
            throw new IllegalArgumentException(name + ": no real frames");
        }
        checkHorizon(horizon);
        ValidationSplit split = ValidationSplit.of(real.length, settings.window(), horizon, settings.validationTail());
        LstmForecaster f = fresh(name, real[0].length, horizon, settings, List.<double[][]>of(split.trainingPart(real)));
        f.fineTuneOnReal("train", real, progress);
        return f;
    }

    /**
     * Trains a fresh network on {@code copies} noisy copies ({@link #noisyCopies}) of the
     * training part of {@code real} only, and stops early on the clean real validation tail
     * ({@link ValidationSplit} with the settings' window and tail). Without room for a split the
     * copies are made of all frames and there is no early stopping.
     */
    public static LstmForecaster trainNoiseAugmented(String name, double[][] real, int copies, double sd, long seed, int horizon,
                                                     LstmSettings settings, ProgressListener progress) {
        if (real.length == 0) {
            throw new IllegalArgumentException(name + ": no real frames");
        }
        if (copies < 1) {
            throw new IllegalArgumentException("copies: must be >= 1, got " + copies);
        }
        if (!(sd >= 0 && sd < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("noise sd: must be finite and >= 0, got " + sd);
        }
        checkHorizon(horizon);
        ValidationSplit split = ValidationSplit.of(real.length, settings.window(), horizon, settings.validationTail());
        List<double[][]> train = noisyCopies(split.trainingPart(real), copies, sd, seed);
        LstmForecaster f = fresh(name, real[0].length, horizon, settings, train);
        List<double[][]> val = split.hasValidation() ? List.<double[][]>of(split.validationPart(real)) : List.of();
        Map<String, Object> d = new LinkedHashMap<>(split.describe());
        d.put("noisyCopiesOfTrainingPart", copies);
        d.put("noiseSd", sd);
        f.phase("train", train, val, noSplit(split), d, progress);
        return f;
    }

    /**
     * Pre-trains a fresh network on {@code synthetic} series with early stopping on whole
     * held-out series (the last {@link ValidationSplit#heldOutSeries} of them, by the settings'
     * validation tail: 15 % by default, at least one when there are two or more), then
     * {@link #fineTuneOnReal fine-tunes} it on {@code real} split by {@link ValidationSplit}.
     * Both phases use {@code settings} (its epoch budget included). Progress runs to 0.5 in the
     * first phase and to 1 in the second.
     */
    public static LstmForecaster trainPretrained(String name, List<double[][]> synthetic, double[][] real, int horizon, LstmSettings settings,
                                                 ProgressListener progress) {
        int held = ValidationSplit.heldOutSeries(synthetic.size(), settings.validationTail());
        List<double[][]> train = synthetic.subList(0, synthetic.size() - held);
        List<double[][]> val = synthetic.subList(synthetic.size() - held, synthetic.size());
        LstmForecaster f = fresh(name, channelsOf(name, synthetic), horizon, settings, train);
        f.phase("pre-train", train, val, noHeldOut(synthetic.size(), settings.validationTail(), "synthetic "), counts(train, val),
                progress == null ? null : p -> progress.progress(0.5 * p));
        f.fineTuneOnReal("fine-tune", real, progress == null ? null : p -> progress.progress(0.5 + 0.5 * p));
        return f;
    }

    /**
     * Continues training the same weights on {@code trainSeries}, stopping early on
     * {@code validationSeries} (empty: no early stopping), e.g. the pre-trained model's second
     * phase.
     */
    public LstmForecaster fineTune(List<double[][]> trainSeries, List<double[][]> validationSeries, ProgressListener progress) {
        phase("fine-tune", trainSeries, validationSeries, "no validation series given", counts(trainSeries, validationSeries), progress);
        return this;
    }

    /** Continues training the same weights on one real series split by {@link ValidationSplit}, as {@link #trainOnReal} does. */
    public LstmForecaster fineTuneOnReal(double[][] real, ProgressListener progress) {
        return fineTuneOnReal("fine-tune", real, progress);
    }

    private LstmForecaster fineTuneOnReal(String phase, double[][] real, ProgressListener progress) {
        LstmSettings s = net.settings();
        ValidationSplit split = ValidationSplit.of(real.length, s.window(), horizon, s.validationTail());
        List<double[][]> val = split.hasValidation() ? List.<double[][]>of(split.validationPart(real)) : List.of();
        phase(phase, List.<double[][]>of(split.trainingPart(real)), val, noSplit(split), split.describe(), progress);
        return this;
    }


    private static String noSplit(ValidationSplit split) {
        return "no validation split in the real frames: " + split.reason();
    }

    private static String noHeldOut(int count, double tail, String kind) {
        return "no held-out " + kind + "series: " + (tail == 0 ? "the validation tail fraction is 0"
                : count + " " + kind + "series are too few to hold one out whole");
    }

    private static Map<String, Object> counts(List<double[][]> train, List<double[][]> validation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trainSeries", train.size());
        m.put("validationSeries", validation.size());
        return m;
    }

    /**
     * One training phase: examples from {@code train}, early stopping on examples from
     * {@code validation}; {@code noValidation} says why when {@code validation} is empty.
     */
    private void phase(String phase, List<double[][]> train, List<double[][]> validation, String noValidation, Map<String, Object> dataNotes,
                       ProgressListener progress) {
        int w = net.settings().window();
        Examples raw = examples(train, w, horizon, channels, name, true);
        Examples rawVal = new Examples(new double[0][][], new double[0][]);
        if (!validation.isEmpty()) {
            rawVal = examples(validation, w, horizon, channels, name + " validation", false);
            if (rawVal.x.length == 0) {
                noValidation = "the " + validation.size() + " validation series are all shorter than window+horizon = " + (w + horizon)
                        + " frames";
            }
        }
        Normalised ex = normalise(raw);
        Normalised val = normalise(rawVal);
        LstmNetwork.TrainingLog log = net.fit(ex.x, ex.y, val.x, val.y, progress);
        List<String> lead = new ArrayList<>();
        if (phases.isEmpty()) {
            lead.addAll(normNotes);
        }
        if (ex.floored + val.floored > 0) {
            lead.add("revin: " + ex.floored + " of " + ex.x.length * channels + " training and " + val.floored + " of " + val.x.length * channels
                    + " validation windows (per channel) had an sd below sd-floor " + net.settings().sdFloor() + "; divided by the floor");
        }
        if (rawVal.x.length == 0) {
            lead.add(noValidation + "; " + (log.status() == LstmNetwork.TrainingLog.Status.BUDGET
                    ? "trained the full " + log.epochs() + " epochs without early stopping" : "no early stopping"));
        }
        if (!lead.isEmpty()) {
            log = log.withLeadingWarnings(lead);
        }
        Map<String, Object> notes = new LinkedHashMap<>(dataNotes);
        if (norm.mode().equals("revin")) {
            notes.put("revinFlooredTrainingWindows", ex.floored);
            notes.put("revinFlooredValidationWindows", val.floored);
        }
        phases.add(phase);
        logs.add(log);
        data.add(notes);
    }

    /** Normalised examples and how many (window, channel) pairs had their sd floored. */
    private record Normalised(double[][][] x, double[][] y, int floored) {}

    private Normalised normalise(Examples ex) {
        double[][][] x = new double[ex.x.length][][];
        double[][] y = new double[ex.y.length][];
        int floored = 0;
        for (int e = 0; e < x.length; e++) {
            WindowNormaliser.Stats st = norm.stats(ex.x[e]);
            floored += st.floored;
            x[e] = norm.input(ex.x[e], st);
            y[e] = norm.target(ex.y[e], st);
        }
        return new Normalised(x, y, floored);
    }

    /** Every training phase's log, in order. */
    public List<LstmNetwork.TrainingLog> logs() { return List.copyOf(logs); }

    /** Every training phase's warnings, in order, each prefixed by the model and phase name. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            for (String w : logs.get(i).warnings()) {
                out.add(name + " " + phases.get(i) + ": " + w);
            }
        }
        return out;
    }

    record Examples(double[][][] x, double[][] y) {}

    static Examples examples(List<double[][]> series, int window, int horizon, int n, String name, boolean required) {
        List<double[][]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (double[][] s : series) {
            if (s.length > 0 && s[0].length != n) {
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
        if (xs.isEmpty() && required) {
            throw new IllegalArgumentException(name + ": the frames are too short for a window of " + window + " and a horizon of "
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
        WindowNormaliser.Stats[] stats = new WindowNormaliser.Stats[x.length];
        int floored = 0;
        for (int i = 0; i < x.length; i++) {
            double[][] hist = histories.get(i);
            Forecaster.check(this, hist, h);
            double[][] window = java.util.Arrays.copyOfRange(hist, hist.length - w, hist.length);
            stats[i] = norm.stats(window);
            floored += stats[i].floored;
            x[i] = norm.input(window, stats[i]);
        }
        if (floored > 0) {
            int hits = floored;
            LOG.log(System.Logger.Level.WARNING, () -> name + ": revin: " + hits + " of " + x.length * channels + " forecast windows (per channel) "
                    + "had an sd below sd-floor " + net.settings().sdFloor() + "; divided by the floor");
        }
        double[][] p = net.predict(x);
        List<double[][]> out = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            double[] row = norm.output(p[i], stats[i]);
            double[][] f = new double[h][channels];
            for (int k = 0; k < h; k++) {
                System.arraycopy(row, k * channels, f[k], 0, channels);
            }
            out.add(f);
        }
        return out;
    }

    /**
     * Everything needed to rebuild this forecaster: shapes, settings (its input normalisation
     * included), the learnt normalisation scales ({@code inScale} per channel, {@code outScale}
     * per horizon and channel, all 1 with {@code none}) and the weights.
     */
    public Map<String, Object> state() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        m.put("channels", channels);
        m.put("horizon", horizon);
        m.put("settings", net.settings());
        m.put("inScale", norm.inScale());
        m.put("outScale", norm.outScale());
        m.put("weights", net.weights());
        return m;
    }

    /**
     * Rebuilds a forecaster from {@link #state()}'s parts; the scales must suit the settings'
     * normalisation (all 1 for {@code none}, at least the sd floor otherwise).
     */
    public static LstmForecaster restore(String name, int channels, int horizon, LstmSettings settings, double[] inScale, double[] outScale,
                                         float[][] weights) {
        checkHorizon(horizon);
        WindowNormaliser norm = WindowNormaliser.of(settings, channels, horizon, inScale, outScale);
        return new LstmForecaster(name, channels, horizon, LstmNetwork.restore(channels, channels * horizon, settings, weights), norm,
                List.of());
    }

    /** Settings and training summary for provenance: per phase its data (split, series counts) and its log. */
    public Map<String, Object> describe() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < logs.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", phases.get(i));
            m.put("data", data.get(i));
            m.putAll(logs.get(i).describe());
            out.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("heads", "direct multi-step");
        m.put("horizon", horizon);
        m.put("lstm", net.settings().describe());
        m.put("normalisation", norm.describe());
        m.put("training", out);
        m.put("warnings", warnings());
        return m;
    }
}
