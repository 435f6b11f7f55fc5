package org.vdpnet.validation.evaluation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hipparchus.exception.MathRuntimeException;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.forecast.ForecasterTrainer;
import org.vdpnet.sim.exec.TaskExecutor;
import org.vdpnet.sim.forecast.Training;
import org.vdpnet.validation.Backtest;

/**
 * The small-data learning curve over any set of trainers: for every training size, trainer and
 * seed, train on the last {@code size} frames before one fixed test part and forecast from the
 * same origins, so that only the amount of training data changes along the curve. A
 * deterministic trainer ({@link ForecasterTrainer#seeded()} false) is trained once per size,
 * whatever the number of seeds. A trainer that cannot train is a skipped cell, a forecast that
 * fails is a status at its origin: the grid always runs to the end. Each training set (a size and
 * a seed) is one task behind a {@link TaskExecutor}: the local pool or a distributed engine, with
 * the same cells.
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * A claim to test, such as the research's "the pre-trained hybrid beats both its parts".
     *
     * @param model       the model the claim is about
     * @param parts       the models it must beat
     * @param description the claim in words, for the report
     */
    public record Claim(String model, List<String> parts, String description) {
        /** Copies the list. */
        public Claim {
            parts = List.copyOf(parts);
        }
    }

    /**
     * What to evaluate.
     *
     * @param trainSizes   training frames, each ending just before the test part
     * @param horizon      frames ahead
     * @param originCount  origins spread evenly over the test part (at most)
     * @param seeds        seeds 1..seeds for every seeded trainer
     * @param baselines    names of the trainers that are baselines (every other model is compared with each)
     * @param claims       claims to test
     * @param testHorizons horizons at which models are compared (Diebold–Mariano)
     * @param alpha        the family-wise significance level of the Holm-corrected tests
     */
    public record Spec(List<Integer> trainSizes, int horizon, int originCount, int seeds, List<String> baselines, List<Claim> claims,
                       List<Integer> testHorizons, double alpha) {
        /** Checks the values; messages name the setting. */
        public Spec {
            trainSizes = List.copyOf(trainSizes);
            baselines = List.copyOf(baselines);
            claims = List.copyOf(claims);
            testHorizons = List.copyOf(testHorizons);
            if (trainSizes.isEmpty() || trainSizes.stream().anyMatch(s -> s < 2)) {
                throw new IllegalArgumentException("train-sizes: need one or more sizes of at least 2 frames, got " + trainSizes);
            }
            if (trainSizes.stream().distinct().count() != trainSizes.size()) {
                throw new IllegalArgumentException("train-sizes: each size once, got " + trainSizes);
            }
            if (horizon < 1 || originCount < 1 || seeds < 1) {
                throw new IllegalArgumentException("horizon, origins and seeds: must be >= 1, got " + horizon + ", " + originCount + ", " + seeds);
            }
            for (int h : testHorizons) {
                if (h < 1 || h > horizon) {
                    throw new IllegalArgumentException("test horizons: must be in [1, " + horizon + "], got " + h);
                }
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha: must be in (0, 1), got " + alpha);
            }
        }
    }

    /** Hears the grid's progress. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} training sets (a size and a seed, every model on it) are finished; may come from another thread. */
        void step(int done, int total);
    }

    /**
     * The trainers of an evaluation, made where its cells run: a distributed engine ships this
     * recipe (not trained or training state) to its workers, which make their own. Each call returns
     * new trainers, in the same order, with the same names; trainers that share work (a hybrid and its
     * parts) share it within one training set, where they see the same frames and seed.
     */
    @FunctionalInterface
    public interface Trainers extends Serializable {
        /** New trainers. */
        List<ForecasterTrainer> create();
    }

    /** Maps a frame to the space it is scored in; serializable, as it travels with the cells. */
    @FunctionalInterface
    public interface Scoring extends UnaryOperator<double[]>, Serializable {
        /** The model's own space. */
        static Scoring identity() { return v -> v; }
    }

    /** One training set of the grid: a size and a seed (the unseeded trainers run with seed 1 only). */
    private record TrainingSet(int size, long seed) implements Serializable {}

    /**
     * Runs the grid on the caller's thread with the given trainers (which may share state across
     * the grid).
     *
     * @see #run(double[][], double[][], int, int, Trainers, Spec, Scoring, TaskExecutor, Progress)
     */
    public static EvaluationResult run(double[][] inputs, double[][] observed, int testStart, int frameOffset, List<ForecasterTrainer> trainers,
                                       Spec spec, UnaryOperator<double[]> scoring, Progress progress) {
        List<ForecasterTrainer> fixed = List.copyOf(trainers);
        try (TaskExecutor one = TaskExecutor.local(1)) {
            return run(inputs, observed, testStart, frameOffset, () -> fixed, spec, scoring::apply, one, progress);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e); // the tasks throw no checked exception
        }
    }

    /**
     * Runs the grid: one task per training set (a size and a seed, every trainer on it) behind
     * {@code executor}, so that the result does not depend on the executor, its threads or its
     * partitioning; the cells come back in the order size, trainer, seed.
     *
     * @param inputs      the frames models see, {@code [time][channel]} (gaps filled without look-ahead)
     * @param observed    the same frames as observed (NaN where missing): the truth that forecasts are scored against
     * @param testStart   the first test row; training sizes end just before it
     * @param frameOffset the frame number of row 0 (origins are reported as frame numbers)
     * @param trainers    makes the trainers, on the caller's side (for their names) and for every training set
     * @param scoring     maps a frame (forecast, each forecast member, or truth) to the space it is scored in (identity for the model's own space)
     * @throws Exception what a task or the executor threw (a numerical failure while training is a skipped cell, not an exception)
     */
    public static EvaluationResult run(double[][] inputs, double[][] observed, int testStart, int frameOffset, Trainers trainers,
                                       Spec spec, Scoring scoring, TaskExecutor executor, Progress progress) throws Exception {
        if (inputs.length != observed.length) {
            throw new IllegalArgumentException("evaluation: " + inputs.length + " input frames but " + observed.length + " observed frames");
        }
        int largest = spec.trainSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (testStart < largest || testStart >= inputs.length) {
            throw new IllegalArgumentException("evaluation: the test part must start in [" + largest + ", " + inputs.length + "), got " + testStart);
        }
        int last = inputs.length - 1 - spec.horizon();
        if (last < testStart - 1) {
            throw new IllegalArgumentException("horizon: " + spec.horizon() + " frames do not fit in the test part (" + (inputs.length - testStart)
                    + " frames)");
        }
        List<ForecasterTrainer> here = trainers.create();
        List<String> names = here.stream().map(ForecasterTrainer::name).toList();
        boolean[] seeded = new boolean[here.size()];
        for (int k = 0; k < seeded.length; k++) {
            seeded[k] = here.get(k).seeded();
        }
        for (String b : spec.baselines()) {
            if (!names.contains(b)) {
                throw new IllegalArgumentException("baselines: '" + b + "' is not among the trainers " + names);
            }
        }
        int[] rows = Backtest.origins(testStart - 1, last, spec.originCount());
        double[][][] truth = map(Backtest.truth(observed, rows, spec.horizon()), scoring);
        Map<Integer, double[][]> trainFrames = new java.util.LinkedHashMap<>();
        List<TrainingSet> sets = new ArrayList<>();
        boolean anySeeded = false;
        for (boolean x : seeded) {
            anySeeded |= x;
        }
        for (int size : spec.trainSizes()) {
            // MASE's scale from the observed training frames: interpolated gaps would shrink it
            trainFrames.put(size, map(new double[][][] {copy(Arrays.copyOfRange(observed, testStart - size, testStart))}, scoring)[0]);
            for (int s = 1; s <= (anySeeded ? spec.seeds() : 1); s++) {
                sets.add(new TrainingSet(size, s));
            }
        }
        int horizon = spec.horizon();
        TaskExecutor.Task<TrainingSet, List<Cell>> task = set -> {
            List<ForecasterTrainer> ts = trainers.create();
            double[][] train = copy(Arrays.copyOfRange(inputs, testStart - set.size(), testStart));
            List<Cell> out = new ArrayList<>();
            for (ForecasterTrainer t : ts) {
                if (t.seeded() || set.seed() == 1) {
                    out.add(cell(t, copy(train), set.size(), set.seed(), inputs, rows, horizon, scoring, truth));
                }
            }
            return out;
        };
        Map<TrainingSet, List<Cell>> done = new java.util.HashMap<>();
        int total = sets.size();
        progress.step(0, total);
        executor.run(sets, task, (i, cells) -> done.put(sets.get(i), cells), k -> progress.step(k, total));
        List<Cell> cells = new ArrayList<>();
        for (int size : spec.trainSizes()) {
            for (int k = 0; k < here.size(); k++) {
                for (int s = 1; s <= (seeded[k] ? spec.seeds() : 1); s++) {
                    List<Cell> set = done.get(new TrainingSet(size, s));
                    int at = 0;
                    for (int j = 0; j < k; j++) {
                        at += seeded[j] || s == 1 ? 1 : 0;
                    }
                    Cell c = set.get(at);
                    if (!c.model().equals(names.get(k))) {
                        throw new IllegalStateException("evaluation: the trainers made for training set " + size + "/" + s + " are not "
                                + names + " in that order");
                    }
                    cells.add(c);
                }
            }
        }
        int[] frames = Arrays.stream(rows).map(r -> r + frameOffset).toArray();
        return new EvaluationResult(spec, names, frames, rows, truth, cells, trainFrames);
    }

    private static Cell cell(ForecasterTrainer t, double[][] train, int size, long seed, double[][] inputs, int[] rows, int horizon,
                             UnaryOperator<double[]> scoring, double[][][] truth) {
        Training training;
        try {
            training = t.train(train, seed);
        } catch (IllegalStateException | ArithmeticException | MathRuntimeException e) {
            // a numerical failure while training is a model outcome, not a user error
            training = Training.skipped(t.name(), "training failed: " + e.getMessage(), Map.of(), List.of());
        }
        int n = truth[0][0].length;
        double[][][] values = new double[rows.length][][];
        Forecast.Status[] status = new Forecast.Status[rows.length];
        String[] notes = new String[rows.length];
        double[][][][] members = new double[rows.length][][][];
        if (training.isSkipped()) {
            for (int i = 0; i < rows.length; i++) {
                values[i] = Forecast.failed(horizon, n, "").values();
                status[i] = Forecast.Status.FAILED;
                notes[i] = "skipped: " + training.skipReason();
            }
        } else {
            Forecaster f = training.forecaster().orElseThrow();
            List<Forecast> fc = Backtest.run(f, inputs, rows, horizon);
            for (int i = 0; i < rows.length; i++) {
                Forecast x = fc.get(i);
                values[i] = map(new double[][][] {x.values()}, scoring)[0];
                status[i] = x.status();
                notes[i] = x.note();
                if (x.status() != Forecast.Status.FAILED && !finite(values[i])) {
                    // finite in the model's space but not once mapped: a failure all the same
                    status[i] = Forecast.Status.FAILED;
                    notes[i] = "non-finite in the scoring space";
                } else if (x.hasMembers()) {
                    // every member through the same map as the point forecast
                    members[i] = map(x.members(), scoring);
                    for (double[][] member : members[i]) {
                        if (!finite(member)) {
                            status[i] = Forecast.Status.FAILED;
                            notes[i] = "a forecast member is non-finite in the scoring space";
                            members[i] = null;
                            break;
                        }
                    }
                }
            }
        }
        // keep what the training reported, not the model: a grid of trained networks would hold their native memory
        return new Cell(t.name(), size, seed, t.seeded(), training.detached(), values, status, notes, members);
    }

    private static boolean finite(double[][] v) {
        for (double[] row : v) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[][][] map(double[][][] a, UnaryOperator<double[]> f) {
        double[][][] out = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length][];
            for (int h = 0; h < a[i].length; h++) {
                out[i][h] = f.apply(a[i][h].clone());
            }
        }
        return out;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
