package org.vdpnet.hybrid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.vdpnet.sim.ProgressListener;
import org.vdpnet.sim.Seeds;

/**
 * One LSTM layer and a linear read-out on its last hidden state, mapping a window of
 * {@code window x inputs} values to {@code outputs} values, trained by Adam on the mean squared
 * error with backpropagation through time ({@link LstmMath}: flat arrays, float32 parameters,
 * double arithmetic, no allocation per step). Weights start as PyTorch's do, uniform in
 * +-1/sqrt(hidden), drawn from our own seeded generator, and batches are shuffled by it, so a
 * seed fixes the training bit for bit.
 *
 * <p>Why not SameDiff: training through SameDiff 1.0.0-M2.1 (its fused {@code lstmLayer} op or the
 * same LSTM unrolled from elementary ops, by {@code fit} or {@code calculateGradients}) leaks
 * native memory in proportion to the examples seen, about 27 kB per example and epoch, which
 * neither garbage collection, workspace destruction nor closing its sessions returns; an
 * evaluation with pre-training ran out of the machine's 24 GB. The layout of the weights is that
 * of SameDiff's {@code lstmLayer}, and a test checks this forward pass against that op.
 */
public final class LstmNetwork {
    private final int inputs;
    private final int outputs;
    private final LstmSettings settings;
    private final LstmMath math;

    private static final String[] PARAMS = {"lstm_w", "lstm_rw", "lstm_b", "out_w", "out_b"};

    private LstmNetwork(int inputs, int outputs, LstmSettings settings) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.settings = settings;
        this.math = new LstmMath(inputs, settings.hidden(), outputs, settings.window(), initialWeights(inputs, outputs, settings));
    }

    /** A fresh network with seeded weights. */
    public static LstmNetwork create(int inputs, int outputs, LstmSettings settings) {
        if (inputs < 1 || outputs < 1) {
            throw new IllegalArgumentException("lstm: needs at least one input and one output, got " + inputs + " and " + outputs);
        }
        return new LstmNetwork(inputs, outputs, settings);
    }

    public int inputs() { return inputs; }

    public int outputs() { return outputs; }

    public LstmSettings settings() { return settings; }

    /** Seeded initial weights W, R, b, Wo, bo, each uniform in +-1/sqrt(hidden), drawn in this order and row-major. */
    private static float[][] initialWeights(int f, int o, LstmSettings s) {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(s.seed(), "lstm-init"));
        double bound = 1.0 / Math.sqrt(s.hidden());
        int[] sizes = LstmMath.sizes(f, s.hidden(), o);
        float[][] w = new float[sizes.length][];
        for (int p = 0; p < sizes.length; p++) {
            w[p] = new float[sizes[p]];
            for (int i = 0; i < w[p].length; i++) {
                w[p][i] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
        }
        return w;
    }

    /**
     * What training did.
     *
     * @param status             how training ended
     * @param epochs             epochs run, counting the one whose loss was not finite
     * @param bestEpoch          the epoch whose weights are kept (0: the initial weights)
     * @param bestValidationLoss the validation loss of the kept weights; NaN without a validation set, or when no epoch had a finite
     *                           validation loss
     * @param trainingExamples   examples trained on
     * @param validationExamples examples validated on (0: no early stopping)
     * @param trainLoss          training loss (MSE) at the end of each epoch
     * @param validationLoss     validation loss (MSE) at the end of each epoch; empty without a validation set
     * @param warnings           one-line human texts about anything that did not go as asked
     */
    public record TrainingLog(Status status, int epochs, int bestEpoch, double bestValidationLoss, int trainingExamples,
                              int validationExamples, List<Double> trainLoss, List<Double> validationLoss, List<String> warnings) {
        /** How training ended. */
        public enum Status {
            /** The validation loss did not improve for {@code patience} epochs; the best-validation weights are kept. */
            EARLY_STOPPED,
            /**
             * The epoch budget was used up; with a validation set the best-validation weights are kept, without one the final
             * weights.
             */
            BUDGET,
            /**
             * A training or validation loss became NaN or infinite and training stopped; the best finite weights are kept (the
             * best-validation epoch's, or without validation the last epoch whose training loss was finite, or the initial
             * weights when no epoch was finite).
             */
            NON_FINITE_LOSS
        }

        /** Copies the lists. */
        public TrainingLog {
            Objects.requireNonNull(status, "status");
            trainLoss = List.copyOf(trainLoss);
            validationLoss = List.copyOf(validationLoss);
            warnings = List.copyOf(warnings);
        }

        /** A copy with {@code first} put before this log's warnings (a caller's notes on how it chose the data). */
        public TrainingLog withLeadingWarnings(List<String> first) {
            List<String> w = new ArrayList<>(first);
            w.addAll(warnings);
            return new TrainingLog(status, epochs, bestEpoch, bestValidationLoss, trainingExamples, validationExamples, trainLoss,
                    validationLoss, w);
        }

        /** The summary provenance records. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", status.name());
            m.put("epochs", epochs);
            m.put("bestEpoch", bestEpoch);
            m.put("bestValidationLoss", bestValidationLoss);
            m.put("finalTrainLoss", trainLoss.isEmpty() ? Double.NaN : trainLoss.get(trainLoss.size() - 1));
            m.put("trainingExamples", trainingExamples);
            m.put("validationExamples", validationExamples);
            m.put("warnings", warnings);
            return m;
        }
    }

    /**
     * Trains without a validation set: {@code fit(x, y, new double[0][][], new double[0][], progress)}. There is no early
     * stopping ({@link LstmSettings#validationTail()} is not used here): the full epoch budget runs and the final weights are
     * kept, unless a loss becomes non-finite.
     */
    public TrainingLog fit(double[][][] x, double[][] y, ProgressListener progress) {
        return fit(x, y, new double[0][][], new double[0][], progress);
    }

    /**
     * Trains on {@code x[example][step][input]} to {@code y[example][output]} and stops early on
     * the validation set {@code valX}, {@code valY}. The caller chooses the validation set (see
     * {@link ValidationSplit}): it must not share frames with the training examples.
     *
     * <ul>
     *   <li>With validation examples: after each epoch the validation MSE is measured; training
     *       stops when it has not improved for {@code patience} epochs ({@code EARLY_STOPPED}) or
     *       the budget is used up ({@code BUDGET}), and the weights of the best validation epoch
     *       are restored.</li>
     *   <li>With empty arrays: no early stopping; the full budget runs and the final weights are
     *       kept ({@code BUDGET}).</li>
     *   <li>If a training or validation loss becomes NaN or infinite, training ends
     *       ({@code NON_FINITE_LOSS}) and the best finite weights are kept: the best validation
     *       epoch's, or without validation the previous epoch's (the initial weights when the first
     *       epoch already failed); a warning says which.</li>
     * </ul>
     * The training trajectory (weights after each epoch) depends only on the seed, the settings
     * and the training examples, not on the validation set.
     */
    public TrainingLog fit(double[][][] x, double[][] y, double[][][] valX, double[][] valY, ProgressListener progress) {
        check(x);
        checkTargets("training", x.length, y);
        Objects.requireNonNull(valX, "valX (use an empty array for no validation)");
        Objects.requireNonNull(valY, "valY (use an empty array for no validation)");
        boolean validate = valX.length > 0;
        if (validate) {
            check(valX);
        }
        checkTargets("validation", valX.length, valY);
        int n = x.length;
        int nVal = valX.length;
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(settings.seed(), "lstm-shuffle"));
        int[] order = range(0, n);
        List<Double> trainLoss = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        float[][] kept = snapshot(); // the best-validation weights, or without validation the last finite epoch's
        TrainingLog.Status status = TrainingLog.Status.BUDGET;
        int epoch = 0;
        while (epoch < settings.epochs()) {
            epoch++;
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < n; from += settings.batchSize()) {
                int to = Math.min(n, from + settings.batchSize());
                math.forward(x, order, from, to);
                math.backward(y, order, from, to);
                math.adam(settings.learningRate());
            }
            // the loss of the whole training set with the epoch's final weights
            double tl = mse(predict(x), y);
            trainLoss.add(tl);
            double vl = validate ? mse(predict(valX), valY) : Double.NaN;
            if (validate) {
                valLoss.add(vl);
            }
            if (!Double.isFinite(tl) || validate && !Double.isFinite(vl)) {
                status = TrainingLog.Status.NON_FINITE_LOSS;
                String which = !Double.isFinite(tl) ? "training loss became " + word(tl) : "validation loss became " + word(vl);
                warnings.add(which + " at epoch " + epoch + "; kept " + (bestEpoch == 0 ? "the initial weights (no epoch had a finite loss)"
                        : "the weights of epoch " + bestEpoch + (validate ? " (best validation loss " + best + ")" : "")));
                break;
            }
            if (!validate) {
                bestEpoch = epoch;
                if (epoch < settings.epochs()) {
                    kept = snapshot();
                }
            } else if (vl < best) {
                best = vl;
                bestEpoch = epoch;
                kept = snapshot();
            } else if (epoch - bestEpoch >= settings.patience()) {
                status = TrainingLog.Status.EARLY_STOPPED;
                break;
            }
            if (progress != null) {
                progress.progress((double) epoch / settings.epochs());
            }
        }
        if (validate || status == TrainingLog.Status.NON_FINITE_LOSS) {
            restore(kept);
        }
        double bestLoss = validate && bestEpoch > 0 ? best : Double.NaN;
        return new TrainingLog(status, epoch, bestEpoch, bestLoss, n, nVal, trainLoss, valLoss, warnings);
    }

    private static String word(double v) {
        return Double.isNaN(v) ? "NaN" : "infinite";
    }

    private void checkTargets(String what, int examples, double[][] y) {
        if (y.length != examples) {
            throw new IllegalArgumentException("lstm: " + examples + " " + what + " input windows but " + y.length + " targets");
        }
        for (double[] row : y) {
            if (row.length != outputs) {
                throw new IllegalArgumentException("lstm: " + what + " targets must have " + outputs + " values, got " + row.length);
            }
        }
    }

    /** Predictions for {@code x[example][step][input]}. */
    public double[][] predict(double[][][] x) {
        check(x);
        double[][] r = new double[x.length][outputs];
        int[] idx = range(0, x.length);
        int chunk = 256;
        for (int from = 0; from < x.length; from += chunk) {
            int to = Math.min(x.length, from + chunk);
            math.forward(x, idx, from, to);
            for (int e = from; e < to; e++) {
                for (int j = 0; j < outputs; j++) {
                    r[e][j] = math.output(e - from, j);
                }
            }
        }
        return r;
    }

    private void check(double[][][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("lstm: no input windows");
        }
        for (double[][] w : x) {
            if (w.length != settings.window() || w[0].length != inputs) {
                throw new IllegalArgumentException("lstm: input windows must be " + settings.window() + " x " + inputs + ", got "
                        + w.length + " x " + w[0].length);
            }
        }
    }

    private double mse(double[][] pred, double[][] y) {
        double s = 0;
        for (int i = 0; i < pred.length; i++) {
            for (int j = 0; j < outputs; j++) {
                double d = pred[i][j] - y[i][j];
                s += d * d;
            }
        }
        return s / ((double) pred.length * outputs);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private float[][] snapshot() {
        float[][] p = new float[math.params.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = math.params[i].clone();
        }
        return p;
    }

    private void restore(float[][] p) {
        for (int i = 0; i < p.length; i++) {
            System.arraycopy(p[i], 0, math.params[i], 0, p[i].length);
        }
    }

    /** A network with these shapes, settings and weights (as {@link #weights()} gave them). */
    public static LstmNetwork restore(int inputs, int outputs, LstmSettings settings, float[][] weights) {
        LstmNetwork net = create(inputs, outputs, settings);
        if (weights.length != PARAMS.length) {
            throw new IllegalArgumentException("lstm: expected " + PARAMS.length + " weight arrays, got " + weights.length);
        }
        for (int i = 0; i < PARAMS.length; i++) {
            if (net.math.params[i].length != weights[i].length) {
                throw new IllegalArgumentException("lstm: weight array " + PARAMS[i] + " has " + weights[i].length + " values, the network "
                        + net.math.params[i].length);
            }
        }
        net.restore(weights);
        return net;
    }

    /**
     * The weights as flat float arrays in a fixed order, {@code lstm_w [in][4h]}, {@code lstm_rw [h][4h]},
     * {@code lstm_b [4h]}, {@code out_w [h][out]}, {@code out_b [out]} (row-major; for saving and for tests).
     */
    public float[][] weights() {
        return snapshot();
    }
}
