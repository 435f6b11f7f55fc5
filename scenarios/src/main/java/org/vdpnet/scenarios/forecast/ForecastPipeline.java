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

    /**
     * The stacking hybrid: a horizon-wise simplex combination of {@link #STACKED_PARTS}, weights
     * learnt on a validation tail the parts never trained on ({@link org.vdpnet.validation.Stacking}).
     * Evaluated, not saved ({@code evaluate} only).
     */
    public static final String STACKED = "stacked";

    /** The parts of {@link #STACKED}. */
    public static final List<String> STACKED_PARTS = List.of("vdp", "lstm", "var", "persistence");

    /** Every model name {@code evaluate --models} accepts. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(MODELS);
        all.add(STACKED);
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
     * @param vdp              how the vdp fits are made runnable, how vdp estimates its state, and the residual corrector's folds
     * @param seriesLength     frames per synthetic series (at most; a training set shorter than this gives series of its length)
     */
    public record Settings(int horizon, double dt, FitOptions fit, int fitWindow, int assimilation, LstmSettings lstm, int pretrainEpochs,
                           int syntheticFactor, double jitter, double augNoise, int bootstrapBlock, double varRidge, Vdp vdp, int seriesLength)
            implements java.io.Serializable {
        /** Checks the values that the parts do not check themselves. */
        public Settings {
            java.util.Objects.requireNonNull(vdp, "vdp");
            org.vdpnet.sim.Checks.inRange("synthetic series length", seriesLength, 2, 10_000_000);
            if (!(jitter >= 0 && jitter < 10)) {
                throw new IllegalArgumentException("jitter: must be in [0, 10), got " + jitter);
            }
        }

        /** Describes every setting for provenance. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("horizon", horizon);
            m.put("dt", dt);
            Map<String, Object> f = new LinkedHashMap<>(fit.describe());
            f.remove("parallelism"); // results do not depend on it
            f.put("freeRun", vdp.freeRun()); // vdp's fits add the free-run check
            f.put("seed", "1 for vdp seed 1, s for its bootstrap replicate s");
            m.put("fit", f);
            m.put("fitWindow", fitWindow);
            m.put("assimilation", assimilation);
            Map<String, Object> l = new LinkedHashMap<>(lstm.describe());
            l.put("seed", "each training's own seed");
            m.put("lstm", l);
            m.put("pretrainEpochs", pretrainEpochs);
            m.put("syntheticFactor", syntheticFactor);
            m.put("syntheticSeriesLength", "min(training frames, " + seriesLength + ")");
            m.put("syntheticSource", vdp.syntheticFromFolds() ? "the final vdp fit and each of its " + vdp.folds()
                    + " fold fits, series dealt round-robin" : "the final vdp fit");
            m.put("syntheticMinLength", "window + horizon + " + MIN_LENGTH_MARGIN + " (shorter bounded stretches are dropped)");
            m.put("jitter", jitter);
            m.put("augNoise", augNoise);
            m.put("vdpSeeds", "seed 1: the window's fit (restart seed 1); seed s >= 2: a moving-block residual bootstrap of the window ("
                    + bootstrapBlock + "-frame blocks) refitted with restart seed s");
            m.put("bootstrapBlock", bootstrapBlock);
            m.put("varRidge", varRidge);
            m.put("vdp", vdp.describe());
            Map<String, Object> th = new LinkedHashMap<>();
            th.put("fitThreads", fit.parallelism());
            th.put("fitThreadsNote", "the starts of each fit run side by side; results do not depend on the count");
            th.put("lstm", "LstmMath on the training thread (pure Java: no OpenMP, no native BLAS; ND4J is not on the class path)");
            m.put("threading", th);
            return m;
        }
    }

    /**
     * The vdp settings of issue 13.
     *
     * @param a1Min         lower bound of every a1 in vdp's fits (-Infinity: none)
     * @param a2Min         lower bound of every a2 (-Infinity: none)
     * @param freeRun       frames of free run a fit must stay bounded over; the finalists are ranked bounded first (0: no check)
     * @param filter        the ensemble Kalman filter that estimates vdp's state, or null for the per-origin window fit
     * @param folds         rolling refits whose forecasts train the residual corrector (out-of-sample residuals)
     * @param minFoldFrames the fewest frames a fold's fit sees: the first fold starts there
     * @param syntheticFromFolds pretrained's synthetic set comes from the final fit and the fold fits (true) or the final fit only
     */
    public record Vdp(double a1Min, double a2Min, int freeRun, org.vdpnet.fitting.estimate.EnsembleFilter.Settings filter, int folds,
                      int minFoldFrames, boolean syntheticFromFolds) implements java.io.Serializable {
        /** Checks the values. */
        public Vdp {
            if (Double.isNaN(a1Min) || a1Min == Double.POSITIVE_INFINITY || Double.isNaN(a2Min) || a2Min == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("vdp bounds: a1 and a2 lower bounds must be finite or -Infinity, got " + a1Min + ", " + a2Min);
            }
            org.vdpnet.sim.Checks.inRange("free-run", freeRun, 0, 1_000_000);
            org.vdpnet.sim.Checks.inRange("residual folds", folds, 1, 1000);
            org.vdpnet.sim.Checks.inRange("fold frames", minFoldFrames, 10, 10_000_000);
        }

        /**
         * a1 >= 0.02 and a2 >= 0.002 (z-scored components, time in seconds: every node keeps a cubic restoring term and an
         * oscillatory latent loop, of period at most 2 pi / sqrt(0.002) = 140 s), a free-run check over 120 frames, the filter's defaults,
         * 4 folds of at least 40 frames (issue 13; bench/RESULTS.md).
         */
        public static Vdp defaults() {
            return new Vdp(0.02, 0.002, 120, org.vdpnet.fitting.estimate.EnsembleFilter.Settings.defaults(), 4, 40, true);
        }

        /** For provenance. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a1Min", a1Min);
            m.put("a2Min", a2Min);
            m.put("freeRun", freeRun);
            m.put("state", filter == null ? "window fit of the last 'assimilation' frames at each origin" : "ensemble Kalman filter");
            if (filter != null) {
                Map<String, Object> f = new LinkedHashMap<>(filter.describe());
                f.put("seed", "each training's own seed");
                m.put("filter", f);
            }
            m.put("residualFolds", folds);
            m.put("minFoldFrames", minFoldFrames);
            m.put("syntheticSource", syntheticFromFolds ? "the final fit and the fold fits" : "the final fit only");
            m.put("residualTargets", "out of sample: fold k's fit sees the fitWindow frames before its first origin only (rolling refits)");
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
        Map<String, Memo> memo = new java.util.HashMap<>();
        List<ForecasterTrainer> out = new ArrayList<>();
        for (String m : models) {
            // the parts of the stack are memoised so that its retraining on all frames reuses the evaluation's own trainings
            boolean share = models.contains(STACKED) && STACKED_PARTS.contains(m);
            out.add(m.equals(STACKED) ? stacked(s, fits, memo) : share ? memoised(base(m, s, fits), memo) : base(m, s, fits));
        }
        return out;
    }

    /**
     * The recipe of {@link #trainers}, for an evaluation whose training sets may run on a distributed
     * engine's workers: each call makes new trainers (their shared fits shared within one training set).
     */
    public static org.vdpnet.validation.evaluation.Evaluation.Trainers recipe(List<String> models, Settings s) {
        checkModels(models, ALL);
        List<String> names = List.copyOf(models);
        return () -> trainers(names, s);
    }

    private static ForecasterTrainer base(String m, Settings s, VdpFits fits) {
        return BASELINES.contains(m) ? BaselineTrainers.of(m, s.horizon(), s.varRidge()) : learned(m, s, fits);
    }

    /** The stacking hybrid over memoised parts: the evaluation's own trainings of the parts on the same frames are reused. */
    private static ForecasterTrainer stacked(Settings s, VdpFits fits, Map<String, Memo> memo) {
        List<ForecasterTrainer> parts = new ArrayList<>();
        for (String m : STACKED_PARTS) {
            parts.add(memoised(base(m, s, fits), memo));
        }
        return org.vdpnet.validation.Stacking.of(parts, s.horizon()).withName(STACKED);
    }

    /**
     * The trainer with its trainings kept per (name, frames, seed), so that a part of the stack and
     * the same model evaluated on its own train once. Reruns are unaffected: a training is a pure
     * function of its frames and seed.
     */
    private static ForecasterTrainer memoised(ForecasterTrainer t, Map<String, Memo> memo) {
        return new ForecasterTrainer() {
            @Override public String name() { return t.name(); }

            @Override public boolean seeded() { return t.seeded(); }

            @Override public Training train(double[][] frames, long seed) {
                String key = t.name() + "/" + frames.length + "/" + Arrays.deepHashCode(frames) + "/" + seed;
                synchronized (memo) {
                    Memo hit = memo.get(key);
                    if (hit != null && Arrays.deepEquals(hit.frames(), frames)) {
                        return hit.training();
                    }
                }
                double[][] copy = copyFrames(frames);
                Training r = t.train(frames, seed);
                synchronized (memo) {
                    memo.put(key, new Memo(copy, r));
                }
                return r;
            }
        };
    }

    private static double[][] copyFrames(double[][] frames) {
        double[][] copy = new double[frames.length][];
        for (int k = 0; k < frames.length; k++) {
            copy[k] = frames[k].clone();
        }
        return copy;
    }

    /** A memoised training and the frames it was trained on. */
    private record Memo(double[][] frames, Training training) {}

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

    /** One vdp fit per training set and seed, shared by vdp, residual and pretrained; and the residual corrector's fold fits. */
    static final class VdpFits {
        private final Settings s;
        private final Map<String, MechanisticForecaster.Trained> memo = new java.util.HashMap<>();
        private final Map<String, double[][]> keys = new java.util.HashMap<>();
        private final Map<String, List<MechanisticForecaster.Trained>> foldMemo = new java.util.HashMap<>();
        private final Map<String, double[][]> foldKeys = new java.util.HashMap<>();

        VdpFits(Settings s) { this.s = s; }

        /** The research form on every pair of components, with vdp's lower bounds on a1 and a2. */
        private FitProblem problem(double[][] window) {
            int n = window[0].length;
            return NetworkFits.problem(NetworkFits.denseResearch(NetworkFits.componentLabels(n), s.vdp().a1Min(), s.vdp().a2Min()), window, s.dt(),
                    "dense");
        }

        private FitOptions options(long seed) {
            return s.fit().withRestarts(s.fit().restarts(), seed).withFreeRun(s.vdp().freeRun());
        }

        /**
         * The trained forecaster with vdp's filter attached; a fit with no bounded trajectory (or no
         * finite residual RMS to take as the observation noise) keeps the window state fit, which
         * falls back at every origin where it diverges, and its warnings say so.
         */
        private MechanisticForecaster.Trained filtered(MechanisticForecaster.Trained t, long seed) {
            if (s.vdp().filter() == null) {
                return t;
            }
            FitResult f = t.fit();
            if (!f.status().bounded() || !(f.rms() > 0 && f.rms() < Double.POSITIVE_INFINITY)) {
                return new MechanisticForecaster.Trained(t.forecaster(), f.withNote("no ensemble Kalman filter: the fit ended " + f.status()
                        + " with residual RMS " + f.rms() + ", so vdp estimates its state by the window fit, which falls back where it diverges"),
                        t.replicate(), t.bootstrapped());
            }
            return new MechanisticForecaster.Trained(t.forecaster().withFilter(s.vdp().filter().withSeed(seed)), f, t.replicate(), t.bootstrapped());
        }

        private static String key(double[][] frames, long seed) {
            return Arrays.deepHashCode(frames) + "/" + frames.length + "/" + seed;
        }

        synchronized MechanisticForecaster.Trained get(double[][] frames, long seed) {
            double[][] window = Arrays.copyOfRange(frames, Math.max(0, frames.length - s.fitWindow()), frames.length);
            String key = key(window, seed);
            MechanisticForecaster.Trained t = memo.get(key);
            if (t != null && Arrays.deepEquals(keys.get(key), window)) {
                return t;
            }
            if (seed == 1) {
                t = filtered(MechanisticForecaster.train(problem(window), options(1), s.assimilation(), s.horizon()), 1);
            } else {
                MechanisticForecaster.Trained reference = get(frames, 1);
                t = filtered(MechanisticForecaster.replicate(reference, options(seed), s.assimilation(), s.horizon(), seed, s.bootstrapBlock()), seed);
            }
            memo.put(key, t);
            keys.put(key, window);
            return t;
        }

        /**
         * The first origin of each fold: {@code folds} starts spread evenly from {@code minFoldFrames}
         * (or a third of the frames, if fewer) to the last origin {@code T - horizon}; empty when
         * there is no room for one fold.
         */
        int[] foldStarts(int frames) {
            int first = Math.max(MIN_FOLD_FRAMES, Math.min(s.vdp().minFoldFrames(), frames / 3));
            int last = frames - s.horizon();
            if (last <= first) {
                return new int[0];
            }
            int k = Math.min(s.vdp().folds(), last - first);
            int[] out = new int[k];
            for (int q = 0; q < k; q++) {
                out[q] = first + (int) ((long) q * (last - first) / k);
            }
            return out;
        }

        /** Fold q's fit: the research form fitted to the {@code fitWindow} frames before the fold's first origin, restart seed {@code seed}. */
        synchronized List<MechanisticForecaster.Trained> folds(double[][] frames, long seed) {
            String key = key(frames, seed);
            List<MechanisticForecaster.Trained> f = foldMemo.get(key);
            if (f != null && Arrays.deepEquals(foldKeys.get(key), frames)) {
                return f;
            }
            foldKeys.put(key, copyFrames(frames));
            List<MechanisticForecaster.Trained> out = new ArrayList<>();
            for (int start : foldStarts(frames.length)) {
                double[][] window = Arrays.copyOfRange(frames, Math.max(0, start - s.fitWindow()), start);
                out.add(filtered(MechanisticForecaster.train(problem(window), options(seed), s.assimilation(), s.horizon()), seed));
            }
            foldMemo.put(key, List.copyOf(out));
            return foldMemo.get(key);
        }
    }

    /** The fewest frames a fold's fit may see, whatever the settings (a fit needs a few samples per parameter's worth of dynamics). */
    static final int MIN_FOLD_FRAMES = 10;

    private static Map<String, Object> fitDetails(MechanisticForecaster.Trained t, long seed) {
        Map<String, Object> d = new LinkedHashMap<>(t.forecaster().describe());
        d.put("seed", seed);
        d.put("fitStatus", t.fit().status().name());
        d.put("fitMessage", t.fit().message());
        d.put("fitMeanR", t.fit().meanR());
        d.put("freeRunFrames", t.fit().freeRun());
        d.put("freeRunBounded", t.fit().freeRunBounded().orElse(null));
        d.put("state", t.forecaster().filter().isPresent() ? "ensemble Kalman filter" : "window fit");
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
        List<MechanisticForecaster.Trained> folds = fits.folds(frames, seed);
        List<String> w = new ArrayList<>(fitWarnings(v));
        ResidualForecaster.OutOfSample bases;
        int[] starts = fits.foldStarts(frames.length);
        if (folds.isEmpty()) {
            bases = ResidualForecaster.OutOfSample.inSample(v.forecaster());
            w.add("residual: too few training frames for a fold (" + frames.length + "), so the corrector learnt from in-sample base forecasts");
        } else {
            List<org.vdpnet.sim.forecast.Forecaster> b = new ArrayList<>();
            for (MechanisticForecaster.Trained t : folds) {
                b.add(t.forecaster());
                if (!t.fit().status().bounded()) {
                    w.add("residual: a fold's vdp fit ended " + t.fit().status() + ": " + t.fit().message());
                }
                if (t.fit().freeRunBounded().map(bounded -> !bounded).orElse(false)) {
                    w.add("residual: a fold's vdp fit does not stay bounded over " + t.fit().freeRun() + " frames of free run");
                }
            }
            bases = new ResidualForecaster.OutOfSample(starts, b, "rolling refits: fold k's vdp is fitted to the " + s.fitWindow()
                    + " frames before its first origin (at most), so no training residual comes from a fit that saw the frames it forecasts");
        }
        ResidualForecaster f = ResidualForecaster.train(v.forecaster(), bases, frames, s.horizon(), s.lstm().withSeed(seed), null);
        Map<String, Object> d = new LinkedHashMap<>(f.describe());
        d.put("vdp", fitDetails(v, seed));
        List<Object> fd = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            Map<String, Object> one = fitDetails(folds.get(k), seed);
            one.put("firstOrigin", starts[k]);
            one.put("fitFrames", "[" + Math.max(0, starts[k] - s.fitWindow()) + ", " + starts[k] + ")");
            fd.add(one);
        }
        d.put("foldFits", fd);
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

    /** Frames beyond window + horizon that a bounded synthetic stretch must have to be kept. */
    static final int MIN_LENGTH_MARGIN = 5;

    /** Synthetic series per training set: series of min(frames, seriesLength) frames, syntheticFactor real frames' worth in all. */
    private static int seriesLength(double[][] frames, Settings s) {
        return Math.min(frames.length, s.seriesLength());
    }

    private static int seriesCount(double[][] frames, Settings s) {
        return (int) Math.ceil((double) s.syntheticFactor() * frames.length / seriesLength(frames, s));
    }

    /**
     * The research's pre-training on simulated data, from an ensemble of fits: the synthetic series
     * are dealt round-robin over the final vdp fit and its fold fits (fits to earlier windows of
     * the training part), each series with its fit's parameters jittered and its fit's residual RMS
     * as observation noise; then fine-tuned on the real frames.
     */
    private static Training pretrained(double[][] frames, long seed, Settings s, VdpFits fits) {
        MechanisticForecaster.Trained v = fits.get(frames, seed);
        List<MechanisticForecaster.Trained> sources = new ArrayList<>();
        sources.add(v);
        if (s.vdp().syntheticFromFolds()) {
            sources.addAll(fits.folds(frames, seed));
        }
        int length = seriesLength(frames, s);
        int minLength = Math.min(s.lstm().window() + s.horizon() + MIN_LENGTH_MARGIN, length);
        int wanted = seriesCount(frames, s);
        List<double[][]> synth = new ArrayList<>();
        List<String> w = new ArrayList<>(fitWarnings(v));
        List<Object> perFit = new ArrayList<>();
        for (int k = 0; k < sources.size(); k++) {
            MechanisticForecaster vdp = sources.get(k).forecaster();
            int count = wanted / sources.size() + (k < wanted % sources.size() ? 1 : 0);
            boolean noiseKnown = Double.isFinite(vdp.residualRms());
            double noise = noiseKnown ? vdp.residualRms() : 0.0;
            if (!noiseKnown) {
                w.add("pretrained: fit " + k + " has no finite residual RMS, so its synthetic series carry no observation noise");
            }
            double[][][] one = count == 0 || !sources.get(k).fit().status().bounded() ? new double[0][][]
                    : vdp.synthetic(frames, count, length, minLength, s.jitter(), noise, org.vdpnet.sim.Seeds.derive(seed, "fit-" + k));
            synth.addAll(Arrays.asList(one));
            Map<String, Object> pf = new LinkedHashMap<>();
            pf.put("fit", k == 0 ? "final" : "fold " + k);
            pf.put("wanted", count);
            pf.put("made", one.length);
            pf.put("noise", noise);
            perFit.add(pf);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("vdp", fitDetails(v, seed));
        d.put("syntheticSeries", synth.size());
        d.put("syntheticSeriesWanted", wanted);
        d.put("syntheticSeriesLength", length);
        d.put("syntheticJitter", s.jitter());
        d.put("syntheticFits", perFit);
        if (synth.isEmpty()) {
            return Training.skipped("pretrained", "every fitted van der Pol network (" + (sources.size() > 1 ? "final and folds" : "the final fit")
                    + ") diverges from every synthetic start, so there is no pre-training set", d, w);
        }
        if (synth.size() < wanted) {
            w.add("only " + synth.size() + " of " + wanted + " synthetic series stayed bounded");
        }
        LstmForecaster f = LstmForecaster.trainPretrained("pretrained", synth, frames, s.horizon(),
                s.lstm().withSeed(seed).withEpochs(s.pretrainEpochs()), null);
        d.putAll(f.describe());
        w.addAll(f.warnings());
        return lossNote(noted(Training.of(f, d, w), fitNote(frames, s)), f.logs());
    }

    private static Training noiseAug(double[][] frames, long seed, Settings s) {
        int length = seriesLength(frames, s);
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
