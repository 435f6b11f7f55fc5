package org.vdpnet.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hipparchus.exception.MathRuntimeException;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.forecast.ForecasterTrainer;
import org.vdpnet.sim.forecast.Training;

/**
 * The stacking hybrid ({@code stacked}): a horizon-wise convex combination of component
 * forecasters, with weights learnt on a validation tail that the components never trained on.
 *
 * <p>{@code train(frames, seed)} with {@code T} frames and horizon {@code H}:
 * <ol>
 *   <li>the validation tail is the last {@code V = max(ceil(validationFraction T), H + minimumOrigins - 1)}
 *       frames ({@link #validationFrames}); with fewer than {@code V} frames before it the
 *       training is skipped ({@link Training#skipped}) and says why;</li>
 *   <li>every component is trained on frames {@code [0, T - V)} with the same seed, and forecasts
 *       from every origin {@code t} in {@code [T - V, T - H]} (history {@code frames[0, t)}, target
 *       {@code [t, t + H)}, inside the tail): {@code V - H + 1} validation origins;</li>
 *   <li>a component skipped there, or failing ({@link Forecast.Status#FAILED}) at more than
 *       {@code maximumFailedFraction} of the origins, is dropped (weight 0, with a warning);
 *       FALLBACK forecasts count as the component's forecast;</li>
 *   <li>the kept components are retrained on all {@code T} frames with the same seed (the caller
 *       memoises trainings, so this is free when the evaluation trains them too); one skipped
 *       there is dropped too, with a warning;</li>
 *   <li>origins where a kept component failed are left out of the weight fit (counted); while
 *       fewer than {@code minimumOrigins} are left and more than one component is kept, the
 *       component with the most failures is dropped, with a warning;</li>
 *   <li>per horizon, the weights minimise the squared error summed over the fit origins and
 *       channels on the simplex ({@code w >= 0, sum w = 1}), solved exactly
 *       ({@link SimplexLeastSquares}).</li>
 * </ol>
 * The stacked forecaster combines the retrained components' forecasts with these weights; how it
 * handles a component that fails at forecast time is in {@link StackedForecaster}. The training's
 * details record the settings, the tail, the origin counts, the weights {@code [horizon][component]}
 * (in the order of the components, 0 for dropped ones), each kept component's and the stack's
 * validation MSE per horizon (mean over fit origins and channels), the components' own training
 * details, and the warnings.
 *
 * <p>A component that throws a numerical exception ({@link IllegalStateException},
 * {@link ArithmeticException}, Hipparchus {@link MathRuntimeException}) while training counts as
 * skipped, as in {@code Evaluation}; on the frames before the tail, which the stack cut and the
 * caller never chose, an {@link IllegalArgumentException} (too few frames for it) does too.
 *
 * <pre>{@code
 * ForecasterTrainer stack = Stacking.of(List.of(vdp, lstm, BaselineTrainers.of("var", 20, 0.0),
 *         BaselineTrainers.of("persistence", 20, 0.0)), 20).withValidationFraction(0.3);
 * Training t = stack.train(frames, 1);
 * double[][] w = (double[][]) t.details().get("weights"); // [horizon][component]
 * }</pre>
 */
public final class Stacking implements ForecasterTrainer {
    /** The default share of the training frames held out as the validation tail. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.25;
    /** The default fewest validation origins (it sets the tail's minimum length, {@code H + 4} frames). */
    public static final int DEFAULT_MINIMUM_ORIGINS = 5;
    /** The default largest share of validation origins at which a component may fail and still be weighted. */
    public static final double DEFAULT_MAXIMUM_FAILED_FRACTION = 0.5;

    private final String name;
    private final List<ForecasterTrainer> components;
    private final int horizon;
    private final double validationFraction;
    private final int minimumOrigins;
    private final double maximumFailedFraction;

    private Stacking(String name, List<ForecasterTrainer> components, int horizon, double validationFraction, int minimumOrigins,
                     double maximumFailedFraction) {
        this.name = name;
        this.components = components;
        this.horizon = horizon;
        this.validationFraction = validationFraction;
        this.minimumOrigins = minimumOrigins;
        this.maximumFailedFraction = maximumFailedFraction;
    }

    /**
     * A stack of the given components (distinct names, 1 to {@link SimplexLeastSquares#MAX_COLUMNS}),
     * forecasting up to {@code horizon} frames, named {@code stacked}, with the default settings.
     */
    public static Stacking of(List<ForecasterTrainer> components, int horizon) {
        Objects.requireNonNull(components, "components");
        if (components.isEmpty() || components.size() > SimplexLeastSquares.MAX_COLUMNS) {
            throw new IllegalArgumentException("components: need 1 to " + SimplexLeastSquares.MAX_COLUMNS + " trainers (the weight fit tries every subset), got "
                    + components.size());
        }
        List<String> names = new ArrayList<>();
        for (ForecasterTrainer t : components) {
            String n = Objects.requireNonNull(t, "components: a trainer is null").name();
            if (names.contains(n)) {
                throw new IllegalArgumentException("components: names must be distinct, '" + n + "' appears twice");
            }
            names.add(n);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon: must be >= 1, got " + horizon);
        }
        return new Stacking("stacked", List.copyOf(components), horizon, DEFAULT_VALIDATION_FRACTION, DEFAULT_MINIMUM_ORIGINS,
                DEFAULT_MAXIMUM_FAILED_FRACTION);
    }

    /** This stack under another model name (non-blank). */
    public Stacking withName(String n) {
        if (n == null || n.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank, got '" + n + "'");
        }
        return new Stacking(n, components, horizon, validationFraction, minimumOrigins, maximumFailedFraction);
    }

    /** The share of the training frames held out as the tail, in (0, 0.5] (the components keep at least as many frames). */
    public Stacking withValidationFraction(double f) {
        if (!(f > 0 && f <= 0.5)) {
            throw new IllegalArgumentException("validationFraction: must be in (0, 0.5], got " + f);
        }
        return new Stacking(name, components, horizon, f, minimumOrigins, maximumFailedFraction);
    }

    /** The fewest validation origins, >= 1: the tail holds at least {@code horizon + minimumOrigins - 1} frames. */
    public Stacking withMinimumOrigins(int m) {
        if (m < 1) {
            throw new IllegalArgumentException("minimumOrigins: must be >= 1, got " + m);
        }
        return new Stacking(name, components, horizon, validationFraction, m, maximumFailedFraction);
    }

    /** The largest share of validation origins, in [0, 1), at which a component may fail and keep a weight. */
    public Stacking withMaximumFailedFraction(double f) {
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException("maximumFailedFraction: must be in [0, 1), got " + f);
        }
        return new Stacking(name, components, horizon, validationFraction, minimumOrigins, f);
    }

    @Override public String name() { return name; }

    /** Seeded when any component is. */
    @Override public boolean seeded() { return components.stream().anyMatch(ForecasterTrainer::seeded); }

    public List<ForecasterTrainer> components() { return components; }

    public int horizon() { return horizon; }

    public double validationFraction() { return validationFraction; }

    public int minimumOrigins() { return minimumOrigins; }

    public double maximumFailedFraction() { return maximumFailedFraction; }

    /** The tail's length {@code V} for {@code trainFrames} frames: {@code max(ceil(validationFraction T), horizon + minimumOrigins - 1)}. */
    public int validationFrames(int trainFrames) {
        return Math.max((int) Math.ceil(validationFraction * trainFrames), horizon + minimumOrigins - 1);
    }

    /** The settings, as the training's details record them. */
    public Map<String, Object> settings() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("components", components.stream().map(ForecasterTrainer::name).toList());
        d.put("horizon", horizon);
        d.put("validationFraction", validationFraction);
        d.put("minimumOrigins", minimumOrigins);
        d.put("maximumFailedFraction", maximumFailedFraction);
        return d;
    }

    @Override
    public Training train(double[][] frames, long seed) {
        int n = check(frames);
        int total = frames.length;
        int tail = validationFrames(total);
        Map<String, Object> d = settings();
        d.put("seed", seed);
        d.put("trainFrames", total);
        d.put("validationFrames", tail);
        if (total - tail < tail) {
            return Training.skipped(name, total + " training frames are too few for stacking: the validation tail needs " + tail
                    + " frames (horizon " + horizon + " + " + minimumOrigins + " origins - 1, or " + validationFraction
                    + " of the frames) and the components at least as many before it", d, List.of());
        }
        int cut = total - tail;
        d.put("componentTrainFrames", cut);
        int[] rows = new int[tail - horizon + 1]; // Backtest's origins: the last history row, t - 1
        for (int i = 0; i < rows.length; i++) {
            rows[i] = cut - 1 + i;
        }
        double[][][] truth = Backtest.truth(frames, rows, horizon);
        int k = components.size();
        List<String> warnings = new ArrayList<>();
        Map<String, String> dropped = new LinkedHashMap<>();
        Map<String, Integer> failedOrigins = new LinkedHashMap<>();
        Map<String, Integer> fallbackOrigins = new LinkedHashMap<>();
        List<List<Forecast>> validation = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            ForecasterTrainer t = components.get(c);
            Training tr = trainSafely(t, Arrays.copyOfRange(frames, 0, cut), seed, true);
            if (tr.isSkipped()) {
                validation.add(null);
                drop(dropped, warnings, t.name(), "skipped when trained on the " + cut + " frames before the validation tail: " + tr.skipReason());
                continue;
            }
            Forecaster f = usable(t, tr, n);
            List<Forecast> fc = validationForecasts(f, frames, rows);
            validation.add(fc);
            int failed = (int) fc.stream().filter(x -> x.status() == Forecast.Status.FAILED).count();
            failedOrigins.put(t.name(), failed);
            fallbackOrigins.put(t.name(), (int) fc.stream().filter(x -> x.status() == Forecast.Status.FALLBACK).count());
            if (failed > maximumFailedFraction * rows.length) {
                drop(dropped, warnings, t.name(), "failed at " + failed + " of " + rows.length + " validation origins (more than "
                        + maximumFailedFraction + "): " + firstNote(fc));
            }
        }
        Forecaster[] finals = new Forecaster[k];
        Map<String, Object> componentTrainings = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            ForecasterTrainer t = components.get(c);
            if (dropped.containsKey(t.name())) {
                continue;
            }
            Training tr = trainSafely(t, frames, seed, false);
            componentTrainings.put(t.name(), componentRecord(tr));
            if (tr.isSkipped()) {
                drop(dropped, warnings, t.name(), "skipped when retrained on all " + total + " frames: " + tr.skipReason());
            } else {
                finals[c] = usable(t, tr, n);
            }
        }
        boolean[] ok = usableOrigins(validation, dropped, rows.length, warnings);
        int fitOrigins = 0;
        for (boolean b : ok) {
            fitOrigins += b ? 1 : 0;
        }
        d.put("validationOrigins", rows.length);
        d.put("fitOrigins", fitOrigins);
        d.put("leftOutOrigins", rows.length - fitOrigins);
        d.put("failedOrigins", Collections.unmodifiableMap(failedOrigins));
        d.put("fallbackOrigins", Collections.unmodifiableMap(fallbackOrigins));
        d.put("dropped", Collections.unmodifiableMap(dropped));
        d.put("componentTrainings", Collections.unmodifiableMap(componentTrainings));
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (!dropped.containsKey(components.get(c).name())) {
                kept.add(c);
            }
        }
        if (kept.isEmpty() || fitOrigins == 0) {
            d.put("warnings", List.copyOf(warnings));
            return Training.skipped(name, kept.isEmpty() ? "every component was dropped: " + dropped
                    : "no validation origin where every kept component forecast", d, warnings);
        }
        if (rows.length > fitOrigins) {
            warnings.add((rows.length - fitOrigins) + " of " + rows.length + " validation origins left out of the weight fit, where a kept component failed");
        }
        double[][] weights = new double[horizon][k];
        double[][] mse = new double[k][horizon];
        double[] stackedMse = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double[][] design = new double[fitOrigins * n][kept.size()];
            double[] y = new double[fitOrigins * n];
            int r = 0;
            for (int i = 0; i < rows.length; i++) {
                if (!ok[i]) {
                    continue;
                }
                double[][] fi = new double[kept.size()][];
                for (int j = 0; j < kept.size(); j++) {
                    fi[j] = validation.get(kept.get(j)).get(i).values()[h];
                }
                for (int ch = 0; ch < n; ch++, r++) {
                    y[r] = truth[i][h][ch];
                    for (int j = 0; j < kept.size(); j++) {
                        design[r][j] = fi[j][ch];
                    }
                }
            }
            SimplexLeastSquares s = SimplexLeastSquares.solve(design, y);
            double[] w = s.weights();
            for (int j = 0; j < kept.size(); j++) {
                weights[h][kept.get(j)] = w[j];
                double[] one = new double[kept.size()];
                one[j] = 1;
                mse[kept.get(j)][h] = SimplexLeastSquares.cost(design, y, one) / y.length;
            }
            stackedMse[h] = s.residualSumOfSquares() / y.length;
        }
        List<Forecaster> used = new ArrayList<>();
        List<Integer> usedIndex = new ArrayList<>();
        for (int c : kept) {
            boolean any = false;
            for (double[] row : weights) {
                any |= row[c] > 0;
            }
            if (any) {
                used.add(finals[c]);
                usedIndex.add(c);
            }
        }
        double[][] usedWeights = new double[horizon][used.size()];
        for (int h = 0; h < horizon; h++) {
            for (int j = 0; j < used.size(); j++) {
                usedWeights[h][j] = weights[h][usedIndex.get(j)];
            }
        }
        Map<String, Object> mseByName = new LinkedHashMap<>();
        for (int c : kept) {
            mseByName.put(components.get(c).name(), mse[c]);
        }
        d.put("weights", weights);
        d.put("validationMse", Collections.unmodifiableMap(mseByName));
        d.put("stackedValidationMse", stackedMse);
        d.put("warnings", List.copyOf(warnings));
        return Training.of(new StackedForecaster(name, used, usedWeights), d, warnings);
    }

    /** Checks the frames; returns the number of channels. */
    private static int check(double[][] frames) {
        if (frames == null || frames.length == 0 || frames[0] == null || frames[0].length == 0) {
            throw new IllegalArgumentException("frames: need at least 1 frame of at least 1 channel");
        }
        int n = frames[0].length;
        for (int t = 0; t < frames.length; t++) {
            if (frames[t] == null || frames[t].length != n) {
                throw new IllegalArgumentException("frames: every frame must have " + n + " channels, frame " + t + " does not");
            }
            for (int c = 0; c < n; c++) {
                if (!Double.isFinite(frames[t][c])) {
                    throw new IllegalArgumentException("frames: must be finite (fill gaps first), got " + frames[t][c] + " at [" + t + "][" + c + "]");
                }
            }
        }
        return n;
    }

    /** The trained model, checked against the stack's channels and horizon (a mismatch is a wiring error). */
    private Forecaster usable(ForecasterTrainer t, Training tr, int n) {
        Forecaster f = tr.forecaster().orElseThrow(() -> new IllegalArgumentException("components: '" + t.name() + "' returned a training without a model"));
        if (f.channels() != n || f.maximumHorizon() < horizon) {
            throw new IllegalArgumentException("components: '" + t.name() + "' forecasts " + f.channels() + " channels up to " + f.maximumHorizon()
                    + " frames; the stack needs " + n + " channels up to horizon " + horizon);
        }
        return f;
    }

    private static Training trainSafely(ForecasterTrainer t, double[][] frames, long seed, boolean cut) {
        double[][] copy = new double[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            copy[i] = frames[i].clone();
        }
        try {
            return Objects.requireNonNull(t.train(copy, seed), "components: '" + t.name() + "' returned no training");
        } catch (IllegalStateException | ArithmeticException | MathRuntimeException e) {
            return Training.skipped(t.name(), "training failed: " + e.getMessage(), Map.of(), List.of());
        } catch (IllegalArgumentException e) {
            if (cut) {
                return Training.skipped(t.name(), "refused the frames: " + e.getMessage(), Map.of(), List.of());
            }
            throw e;
        }
    }

    /** Forecasts from every validation origin; an origin with less history than the model needs is FAILED. */
    private List<Forecast> validationForecasts(Forecaster f, double[][] frames, int[] rows) {
        int first = 0;
        while (first < rows.length && rows[first] + 1 < f.minimumHistory()) {
            first++;
        }
        List<Forecast> out = new ArrayList<>(rows.length);
        for (int i = 0; i < first; i++) {
            out.add(Forecast.failed(horizon, f.channels(), f.name() + " needs " + f.minimumHistory() + " history frames, the origin has " + (rows[i] + 1)));
        }
        if (first < rows.length) {
            for (Forecast x : Backtest.run(f, frames, Arrays.copyOfRange(rows, first, rows.length), horizon)) {
                boolean bad = x.status() != Forecast.Status.FAILED && !StackedForecaster.finite(x.values());
                out.add(bad ? Forecast.failed(horizon, f.channels(), f.name() + ": non-finite values") : x);
            }
        }
        return out;
    }

    /**
     * The origins where every kept component forecast; while fewer than {@code minimumOrigins} and
     * more than one component is kept, drops the kept one with the most failures (the last on a tie).
     */
    private boolean[] usableOrigins(List<List<Forecast>> validation, Map<String, String> dropped, int count, List<String> warnings) {
        while (true) {
            boolean[] ok = new boolean[count];
            Arrays.fill(ok, true);
            int worst = -1;
            int worstFailures = -1;
            int kept = 0;
            for (int c = 0; c < components.size(); c++) {
                if (dropped.containsKey(components.get(c).name())) {
                    continue;
                }
                kept++;
                int failures = 0;
                for (int i = 0; i < count; i++) {
                    if (validation.get(c).get(i).status() == Forecast.Status.FAILED) {
                        ok[i] = false;
                        failures++;
                    }
                }
                if (failures >= worstFailures) {
                    worst = c;
                    worstFailures = failures;
                }
            }
            int usable = 0;
            for (boolean b : ok) {
                usable += b ? 1 : 0;
            }
            if (usable >= minimumOrigins || kept <= 1 || worstFailures == 0) {
                return ok;
            }
            drop(dropped, warnings, components.get(worst).name(), "with it only " + usable + " validation origins (fewer than " + minimumOrigins
                    + ") have every kept component's forecast; it failed at " + worstFailures);
        }
    }

    private static void drop(Map<String, String> dropped, List<String> warnings, String component, String why) {
        dropped.put(component, why);
        warnings.add(component + " dropped from the stack (weight 0): " + why);
    }

    private static String firstNote(List<Forecast> fc) {
        return fc.stream().filter(x -> x.status() == Forecast.Status.FAILED).map(Forecast::note).findFirst().orElse("");
    }

    private static Map<String, Object> componentRecord(Training tr) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (tr.isSkipped()) {
            m.put("skipped", tr.skipReason());
        }
        m.put("details", tr.details());
        m.put("warnings", tr.warnings());
        return m;
    }
}
