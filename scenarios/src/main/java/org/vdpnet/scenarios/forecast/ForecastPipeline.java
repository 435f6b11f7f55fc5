package org.vdpnet.scenarios.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.fitting.estimate.FitOptions;
import org.vdpnet.fitting.estimate.FitProblem;
import org.vdpnet.scenarios.fit.NetworkFits;
import org.vdpnet.fitting.estimate.FitResult;
import org.vdpnet.fitting.estimate.MechanisticForecaster;
import org.vdpnet.hybrid.LstmForecaster;
import org.vdpnet.hybrid.LstmSettings;
import org.vdpnet.hybrid.ResidualForecaster;
import org.vdpnet.sim.forecast.ForecasterTrainer;
import org.vdpnet.sim.forecast.Training;
import org.vdpnet.validation.BaselineTrainers;

/**
 * Wires the trainers of the small-data comparison: {@code vdp} (the fitted research form),
 * {@code lstm} (real frames only), {@code residual} (vdp + LSTM correction), {@code pretrained}
 * (LSTM pre-trained on a synthetic set simulated from the fitted network, then fine-tuned on the
 * real frames) and {@code noise-aug} (LSTM on noisy copies of the real training frames, as many
 * examples as the synthetic set), and the baselines. The three vdp-based trainers share one fit
 * per training set and seed.
 *
 * <p>Seeds: every trainer here is seeded. For the LSTMs the seed sets the initial weights, the
 * shuffling, the synthetic set and the noise. For vdp, seed 1 is the fit of the window (restart
 * seed 1, as {@code vdpnet fit} gives it) and seed {@code s >= 2} refits a moving-block residual
 * bootstrap of the window with restart seed {@code s} ({@link MechanisticForecaster#replicate}), so
 * that intervals over seeds include the fit's own variability.
 */
public final class ForecastPipeline {
    private ForecastPipeline() {}

    /** The learned models, in the order they are trained. */
    public static final List<String> MODELS = List.of("vdp", "lstm", "residual", "pretrained", "noise-aug");

    /** Baselines evaluated next to the learned models. */
    public static final List<String> BASELINES = BaselineTrainers.NAMES;

    /** Every model name {@code evaluate --models} accepts. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(MODELS);
        all.addAll(BASELINES);
        ALL = List.copyOf(all);
    }

    /**
     * Settings of the comparison.
     *
     * @param horizon          frames ahead
     * @param dt               seconds per frame
     * @param fit              the research-form fit on the training frames
     * @param fitWindow        vdp is fitted to the last this many training frames (the research fits windows of about 100)
     * @param assimilation     frames before an origin from which vdp estimates the latent state
     * @param lstm             the LSTMs trained on real frames (lstm, residual, fine-tuning); its seed is replaced by each training's seed
     * @param pretrainEpochs   epoch budget on the large sets (pretrained's first phase, noise-aug)
     * @param syntheticFactor  synthetic frames per real training frame (the research: large; at least 50)
     * @param jitter           log-normal jitter of the parameters between synthetic series
     * @param augNoise         noise standard deviation of noise-aug's copies (the data are z-scored)
     * @param bootstrapBlock   frames per block of vdp's residual bootstrap (seeds >= 2)
     * @param varRidge         ridge penalty of the VAR baseline's least squares
     */
    public record Settings(int horizon, double dt, FitOptions fit, int fitWindow, int assimilation, LstmSettings lstm, int pretrainEpochs,
                           int syntheticFactor, double jitter, double augNoise, int bootstrapBlock, double varRidge) {
        /** Describes every setting for provenance. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("horizon", horizon);
            m.put("dt", dt);
            Map<String, Object> f = new LinkedHashMap<>(fit.describe());
            f.remove("parallelism"); // results do not depend on it
            f.put("seed", "1 for vdp seed 1, s for its bootstrap replicate s");
            m.put("fit", f);
            m.put("fitWindow", fitWindow);
            m.put("assimilation", assimilation);
            Map<String, Object> l = new LinkedHashMap<>(lstm.describe());
            l.put("seed", "each training's own seed");
            m.put("lstm", l);
            m.put("pretrainEpochs", pretrainEpochs);
            m.put("syntheticFactor", syntheticFactor);
            m.put("syntheticSeriesLength", "min(training frames, " + SERIES_LENGTH + ")");
            m.put("syntheticMinLength", "window + horizon + " + MIN_LENGTH_MARGIN + " (shorter bounded stretches are dropped)");
            m.put("jitter", jitter);
            m.put("augNoise", augNoise);
            m.put("vdpSeeds", "seed 1: the window's fit (restart seed 1); seed s >= 2: a moving-block residual bootstrap of the window ("
                    + bootstrapBlock + "-frame blocks) refitted with restart seed s");
            m.put("bootstrapBlock", bootstrapBlock);
            m.put("varRidge", varRidge);
            return m;
        }
    }

    /** Checks that every name in {@code models} is {@code allowed}; the message names the option and the choices. */
    public static void checkModels(List<String> models, List<String> allowed) {
        for (String m : models) {
            if (!allowed.contains(m)) {
                throw new IllegalArgumentException("--models: unknown model '" + m + "'; allowed: " + String.join(", ", allowed));
            }
        }
    }

    /** The trainers of the named models (learned or baselines), in the given order; the vdp-based ones share their fits. */
    public static List<ForecasterTrainer> trainers(List<String> models, Settings s) {
        checkModels(models, ALL);
        VdpFits fits = new VdpFits(s);
        List<ForecasterTrainer> out = new ArrayList<>();
        for (String m : models) {
            out.add(BASELINES.contains(m) ? BaselineTrainers.of(m, s.horizon(), s.varRidge()) : learned(m, s, fits));
        }
        return out;
    }

    /** Trains the named models on {@code frames} with one seed (for {@code vdpnet forecast}); {@code step} hears each name as it starts. */
    public static Map<String, Training> train(double[][] frames, List<String> models, Settings s, long seed, java.util.function.Consumer<String> step) {
        Map<String, Training> out = new LinkedHashMap<>();
        for (ForecasterTrainer t : trainers(models, s)) {
            step.accept(t.name());
            out.put(t.name(), t.train(frames, seed));
        }
        return out;
    }

    private static ForecasterTrainer learned(String name, Settings s, VdpFits fits) {
        return new ForecasterTrainer() {
            @Override public String name() { return name; }

            @Override public boolean seeded() { return true; }

            @Override public Training train(double[][] frames, long seed) {
                return switch (name) {
                    case "vdp" -> vdp(frames, seed, s, fits);
                    case "lstm" -> lstm(frames, seed, s);
                    case "residual" -> residual(frames, seed, s, fits);
                    case "pretrained" -> pretrained(frames, seed, s, fits);
                    default -> noiseAug(frames, seed, s);
                };
            }
        };
    }

    /** One vdp fit per training set and seed, shared by vdp, residual and pretrained. */
    static final class VdpFits {
        private final Settings s;
        private final Map<String, MechanisticForecaster.Trained> memo = new java.util.HashMap<>();
        private final Map<String, double[][]> keys = new java.util.HashMap<>();

        VdpFits(Settings s) { this.s = s; }

        /** The research form on every pair of components, as {@code vdpnet fit} fits it. */
        private FitProblem problem(double[][] window) {
            int n = window[0].length;
            return NetworkFits.problem(NetworkFits.dense("research", NetworkFits.componentLabels(n), "x"), window, s.dt(), "dense");
        }

        synchronized MechanisticForecaster.Trained get(double[][] frames, long seed) {
            double[][] window = Arrays.copyOfRange(frames, Math.max(0, frames.length - s.fitWindow()), frames.length);
            String key = Arrays.deepHashCode(window) + "/" + window.length + "/" + seed;
            MechanisticForecaster.Trained t = memo.get(key);
            if (t != null && Arrays.deepEquals(keys.get(key), window)) {
                return t;
            }
            MechanisticForecaster.Trained reference = seed == 1 ? MechanisticForecaster.train(problem(window), s.fit().withRestarts(s.fit().restarts(), 1),
                    s.assimilation(), s.horizon()) : get(frames, 1);
            t = seed == 1 ? reference : MechanisticForecaster.replicate(reference, s.fit(), s.assimilation(), s.horizon(), seed, s.bootstrapBlock());
            memo.put(key, t);
            keys.put(key, window);
            return t;
        }
    }

    private static Map<String, Object> fitDetails(MechanisticForecaster.Trained t, long seed) {
        Map<String, Object> d = new LinkedHashMap<>(t.forecaster().describe());
        d.put("seed", seed);
        d.put("fitStatus", t.fit().status().name());
        d.put("fitMessage", t.fit().message());
        d.put("fitMeanR", t.fit().meanR());
        return d;
    }

    private static List<String> fitWarnings(MechanisticForecaster.Trained t) {
        FitResult f = t.fit();
        List<String> w = new ArrayList<>();
        if (f.status() != FitResult.Status.SUCCESS) {
            w.add("the vdp fit ended " + f.status() + ": " + f.message());
        }
        f.warnings().forEach(x -> w.add("vdp fit: " + x));
        if (!t.bootstrapped() && t.replicate() > 1) {
            w.add("vdp seed " + t.replicate() + " refitted the window itself, not a bootstrap replicate: the reference fit had no bounded trajectory");
        }
        return w;
    }

    private static String fitNote(double[][] frames, Settings s) {
        return frames.length > s.fitWindow() ? "vdp fitted to the last " + s.fitWindow() + " training frames (--fit-window), so its fit does not "
                + "grow with the training size" : null;
    }

    private static Training noted(Training t, String note) {
        return note == null ? t : t.withNote(note);
    }

    private static Training vdp(double[][] frames, long seed, Settings s, VdpFits fits) {
        MechanisticForecaster.Trained t = fits.get(frames, seed);
        return noted(Training.of(t.forecaster(), fitDetails(t, seed), fitWarnings(t)), fitNote(frames, s));
    }

    private static Training lstm(double[][] frames, long seed, Settings s) {
        LstmForecaster f = LstmForecaster.trainOnReal("lstm", frames, s.horizon(), s.lstm().withSeed(seed), null);
        return lossNote(Training.of(f, f.describe(), f.warnings()), f.logs());
    }

    private static Training residual(double[][] frames, long seed, Settings s, VdpFits fits) {
        MechanisticForecaster.Trained v = fits.get(frames, seed);
        ResidualForecaster f = ResidualForecaster.train(v.forecaster(), frames, s.horizon(), s.lstm().withSeed(seed), null);
        Map<String, Object> d = new LinkedHashMap<>(f.describe());
        d.put("vdp", fitDetails(v, seed));
        List<String> w = new ArrayList<>(fitWarnings(v));
        w.addAll(f.warnings());
        return lossNote(noted(Training.of(f, d, w), fitNote(frames, s)), List.of(f.log()));
    }

    /** Flags, in the tables, a network whose training ended on a NaN loss (its warnings say which weights were kept). */
    private static Training lossNote(Training t, List<org.vdpnet.hybrid.LstmNetwork.TrainingLog> logs) {
        boolean nonFinite = logs.stream().anyMatch(l -> l.status() == org.vdpnet.hybrid.LstmNetwork.TrainingLog.Status.NON_FINITE_LOSS);
        if (!nonFinite) {
            return t;
        }
        String note = "training ended on a non-finite loss";
        return t.withNote(t.note().map(n -> n + "; " + note).orElse(note));
    }

    /** Frames per synthetic series (at most; the research's windows are about 100 frames). */
    static final int SERIES_LENGTH = 100;
    /** Frames beyond window + horizon that a bounded synthetic stretch must have to be kept. */
    static final int MIN_LENGTH_MARGIN = 5;

    /** Synthetic series per training set: series of min(frames, SERIES_LENGTH) frames, syntheticFactor real frames' worth in all. */
    private static int seriesLength(double[][] frames) {
        return Math.min(frames.length, SERIES_LENGTH);
    }

    private static int seriesCount(double[][] frames, Settings s) {
        return (int) Math.ceil((double) s.syntheticFactor() * frames.length / seriesLength(frames));
    }

    private static Training pretrained(double[][] frames, long seed, Settings s, VdpFits fits) {
        MechanisticForecaster.Trained v = fits.get(frames, seed);
        MechanisticForecaster vdp = v.forecaster();
        int length = seriesLength(frames);
        boolean noiseKnown = Double.isFinite(vdp.residualRms());
        double noise = noiseKnown ? vdp.residualRms() : 0.0;
        int minLength = Math.min(s.lstm().window() + s.horizon() + MIN_LENGTH_MARGIN, length);
        double[][][] synth = vdp.synthetic(frames, seriesCount(frames, s), length, minLength, s.jitter(), noise, seed);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("vdp", fitDetails(v, seed));
        d.put("syntheticSeries", synth.length);
        d.put("syntheticSeriesWanted", seriesCount(frames, s));
        d.put("syntheticNoise", noise);
        List<String> w = new ArrayList<>(fitWarnings(v));
        if (!noiseKnown) {
            w.add("the vdp fit has no finite residual RMS, so the synthetic series carry no observation noise");
        }
        if (synth.length == 0) {
            return Training.skipped("pretrained", "the fitted van der Pol network diverges from every synthetic start, so there is no pre-training set",
                    d, w);
        }
        if (synth.length < seriesCount(frames, s)) {
            w.add("only " + synth.length + " of " + seriesCount(frames, s) + " synthetic series stayed bounded");
        }
        LstmForecaster f = LstmForecaster.trainPretrained("pretrained", Arrays.asList(synth), frames, s.horizon(),
                s.lstm().withSeed(seed).withEpochs(s.pretrainEpochs()), null);
        d.putAll(f.describe());
        w.addAll(f.warnings());
        return lossNote(noted(Training.of(f, d, w), fitNote(frames, s)), f.logs());
    }

    private static Training noiseAug(double[][] frames, long seed, Settings s) {
        int length = seriesLength(frames);
        int syntheticExamples = seriesCount(frames, s) * Math.max(0, length - s.lstm().window() - s.horizon() + 1);
        // the noisy copies are of the training part only (the real tail validates), so count its examples
        org.vdpnet.hybrid.ValidationSplit split = org.vdpnet.hybrid.ValidationSplit.of(frames.length, s.lstm().window(), s.horizon(),
                s.lstm().validationTail());
        int realExamples = Math.max(1, split.trainingExamples());
        int copies = Math.max(1, (int) Math.ceil((double) syntheticExamples / realExamples));
        LstmForecaster f = LstmForecaster.trainNoiseAugmented("noise-aug", frames, copies, s.augNoise(), seed, s.horizon(),
                s.lstm().withSeed(seed).withEpochs(s.pretrainEpochs()), null);
        Map<String, Object> d = new LinkedHashMap<>(f.describe());
        d.put("copies", copies);
        return lossNote(Training.of(f, d, f.warnings()), f.logs());
    }
}
