package org.vdpnet.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.outputs.LSTMLayerOutputs;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.vdpnet.sim.ProgressListener;
import org.vdpnet.sim.Seeds;

/**
 * One LSTM layer and a linear read-out on its last hidden state, mapping a window of
 * {@code window x inputs} values to {@code outputs} values. Built on SameDiff's fused
 * {@code lstmLayer} op, which runs a whole batch of sequences in one native call (DL4J's layer
 * API costs a native call per time step and gate). Float32 on the CPU. Weights start as PyTorch's
 * do, uniform in +-1/sqrt(hidden), drawn from our own seeded generator, and batches are shuffled
 * by it, so a seed fixes the training on one machine.
 */
public final class LstmNetwork {
    private final int inputs;
    private final int outputs;
    private final LstmSettings settings;
    private final SameDiff sd;

    private static final String[] PARAMS = {"lstm_w", "lstm_rw", "lstm_b", "out_w", "out_b"};

    private LstmNetwork(int inputs, int outputs, LstmSettings settings) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.settings = settings;
        this.sd = build(inputs, outputs, settings);
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

    private static SameDiff build(int f, int o, LstmSettings s) {
        SameDiff sd = SameDiff.create();
        int h = s.hidden();
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(s.seed(), "lstm-init"));
        double bound = 1.0 / Math.sqrt(h);
        SDVariable in = sd.placeHolder("input", DataType.FLOAT, -1, s.window(), f);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, o);
        SDVariable w = sd.var("lstm_w", uniform(rng, bound, f, 4 * h));
        SDVariable rw = sd.var("lstm_rw", uniform(rng, bound, h, 4 * h));
        SDVariable b = sd.var("lstm_b", uniform(rng, bound, 4 * h));
        LSTMLayerConfig config = LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.NTS).directionMode(LSTMDirectionMode.FWD)
                .gateAct(LSTMActivations.SIGMOID).cellAct(LSTMActivations.TANH).outAct(LSTMActivations.TANH)
                .retFullSequence(false).retLastH(true).retLastC(false).build();
        LSTMLayerOutputs lstm = new LSTMLayerOutputs(sd.rnn().lstmLayer(in, LSTMLayerWeights.builder().weights(w).rWeights(rw).bias(b).build(),
                config), config);
        SDVariable last = lstm.getLastOutput();
        SDVariable ow = sd.var("out_w", uniform(rng, bound, h, o));
        SDVariable ob = sd.var("out_b", uniform(rng, bound, o));
        SDVariable out = last.mmul(ow).add("output", ob);
        sd.loss().meanSquaredError("loss", label, out, null);
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(s.learningRate())).dataSetFeatureMapping("input")
                .dataSetLabelMapping("label").build());
        createGradientsQuietly(sd);
        return sd;
    }

    /**
     * SameDiff 1.0.0-M2.1 prints a line to standard output for every op it differentiates; a
     * library must not print, so the gradient graph is built here with standard output silenced.
     */
    private static void createGradientsQuietly(SameDiff sd) {
        synchronized (System.class) {
            java.io.PrintStream out = System.out;
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    private static INDArray uniform(UniformRandomProvider rng, double bound, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
        return Nd4j.create(v, shape, DataType.FLOAT);
    }

    /** What training did. */
    public record TrainingLog(int epochs, int bestEpoch, double bestValidationLoss, List<Double> trainLoss, List<Double> validationLoss) {
        /** The summary provenance records. */
        public Map<String, Object> describe() {
            return Map.of("epochs", epochs, "bestEpoch", bestEpoch, "bestValidationLoss", bestValidationLoss);
        }
    }

    /**
     * Trains on {@code x[example][step][input]} to {@code y[example][output]}, examples in time
     * order: the last {@code validationTail} of them are held out for early stopping, and the
     * weights of the best validation epoch are kept.
     */
    public TrainingLog fit(double[][][] x, double[][] y, ProgressListener progress) {
        check(x);
        if (y.length != x.length) {
            throw new IllegalArgumentException("lstm: " + x.length + " input windows but " + y.length + " targets");
        }
        int n = x.length;
        int nVal = settings.validationTail() > 0 ? (int) Math.round(n * settings.validationTail()) : 0;
        if (nVal > 0 && n - nVal < 1) {
            nVal = 0;
        }
        int nTrain = n - nVal;
        if (nTrain < 1) {
            throw new IllegalArgumentException("lstm: no training examples");
        }
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(settings.seed(), "lstm-shuffle"));
        INDArray valX = nVal > 0 ? features(x, range(nTrain, n)) : null;
        INDArray trainX = features(x, range(0, nTrain));
        int[] order = range(0, nTrain);
        List<Double> trainLoss = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        INDArray[] bestParams = snapshot();
        int epoch = 0;
        while (epoch < settings.epochs()) {
            epoch++;
            for (int i = nTrain - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            DataSet ds = new DataSet(features(x, order), labels(y, order));
            sd.fit(new ViewIterator(ds, settings.batchSize()), 1);
            // SameDiff's own loss curve reads 0 without listeners in M2.1: measure at the epoch's end
            trainLoss.add(mse(predictArray(trainX), y, 0));
            double v = nVal > 0 ? mse(predictArray(valX), y, nTrain) : trainLoss.get(trainLoss.size() - 1);
            valLoss.add(v);
            if (!Double.isFinite(v)) {
                break;
            }
            if (v < best) {
                best = v;
                bestEpoch = epoch;
                bestParams = snapshot();
            } else if (epoch - bestEpoch >= settings.patience()) {
                break;
            }
            if (progress != null) {
                progress.progress((double) epoch / settings.epochs());
            }
        }
        restore(bestParams);
        return new TrainingLog(epoch, bestEpoch, best, trainLoss, valLoss);
    }

    /** Predictions for {@code x[example][step][input]}. */
    public double[][] predict(double[][][] x) {
        check(x);
        INDArray out = predictArray(features(x, range(0, x.length)));
        double[][] r = new double[x.length][outputs];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < outputs; j++) {
                r[i][j] = out.getDouble(i, j);
            }
        }
        return r;
    }

    private INDArray predictArray(INDArray features) {
        Map<String, INDArray> out = sd.output(Map.of("input", features), "output");
        return out.get("output");
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

    private double mse(INDArray pred, double[][] y, int from) {
        double s = 0;
        long rows = pred.rows();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < outputs; j++) {
                double d = pred.getDouble(i, j) - y[from + i][j];
                s += d * d;
            }
        }
        return s / (rows * outputs);
    }

    private INDArray features(double[][][] x, int[] idx) {
        int t = settings.window();
        float[] v = new float[idx.length * t * inputs];
        int k = 0;
        for (int i : idx) {
            for (int s = 0; s < t; s++) {
                for (int f = 0; f < inputs; f++) {
                    v[k++] = (float) x[i][s][f];
                }
            }
        }
        return Nd4j.create(v, new long[] {idx.length, t, inputs}, DataType.FLOAT);
    }

    private INDArray labels(double[][] y, int[] idx) {
        float[] v = new float[idx.length * outputs];
        int k = 0;
        for (int i : idx) {
            for (int j = 0; j < outputs; j++) {
                v[k++] = (float) y[i][j];
            }
        }
        return Nd4j.create(v, new long[] {idx.length, outputs}, DataType.FLOAT);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private INDArray[] snapshot() {
        INDArray[] p = new INDArray[PARAMS.length];
        for (int i = 0; i < PARAMS.length; i++) {
            p[i] = sd.getVariable(PARAMS[i]).getArr().dup();
        }
        return p;
    }

    private void restore(INDArray[] p) {
        for (int i = 0; i < PARAMS.length; i++) {
            sd.getVariable(PARAMS[i]).getArr().assign(p[i]);
        }
    }

    /** A network with these shapes, settings and weights (as {@link #weights()} gave them). */
    public static LstmNetwork restore(int inputs, int outputs, LstmSettings settings, float[][] weights) {
        LstmNetwork net = create(inputs, outputs, settings);
        if (weights.length != PARAMS.length) {
            throw new IllegalArgumentException("lstm: expected " + PARAMS.length + " weight arrays, got " + weights.length);
        }
        for (int i = 0; i < PARAMS.length; i++) {
            INDArray arr = net.sd.getVariable(PARAMS[i]).getArr();
            if (arr.length() != weights[i].length) {
                throw new IllegalArgumentException("lstm: weight array " + PARAMS[i] + " has " + weights[i].length + " values, the network "
                        + arr.length());
            }
            arr.assign(Nd4j.create(weights[i], arr.shape(), DataType.FLOAT));
        }
        return net;
    }

    /** The weights as flat float arrays, in a fixed order (for saving and for tests). */
    public float[][] weights() {
        float[][] w = new float[PARAMS.length][];
        for (int i = 0; i < PARAMS.length; i++) {
            w[i] = sd.getVariable(PARAMS[i]).getArr().dup().data().asFloat();
        }
        return w;
    }
}
