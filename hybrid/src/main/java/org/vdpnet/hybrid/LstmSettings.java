package org.vdpnet.hybrid;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vdpnet.sim.Checks;

/**
 * Everything that shapes an LSTM and its training, set explicitly and recorded in provenance.
 *
 * @param hidden          LSTM units
 * @param window          input frames per example
 * @param learningRate    Adam learning rate
 * @param epochs          the most passes over the training examples
 * @param batchSize       examples per Adam step
 * @param patience        epochs without a better validation loss before training stops (early stopping)
 * @param validationTail  fraction of a real series' frames, taken from the end in time, held out for early stopping
 *                        (see {@link ValidationSplit}; for many synthetic series, the fraction of whole series held out)
 * @param seed            seed of the initial weights and the shuffling
 */
public record LstmSettings(int hidden, int window, double learningRate, int epochs, int batchSize, int patience,
                           double validationTail, long seed) {
    /** Checks every value; the messages name the setting. */
    public LstmSettings {
        Checks.inRange("hidden", hidden, 1, 4096);
        Checks.inRange("window", window, 1, 100_000);
        Checks.positive("learning-rate", learningRate);
        Checks.inRange("epochs", epochs, 1, 1_000_000);
        Checks.inRange("batch-size", batchSize, 1, 1_000_000);
        Checks.inRange("patience", patience, 1, 1_000_000);
        if (!(validationTail >= 0 && validationTail < 1)) {
            throw new IllegalArgumentException("validation-tail: must be in [0, 1), got " + validationTail);
        }
    }

    /**
     * Small-data defaults: one layer of 32 units, windows of 20 frames, Adam at 3e-3, up to 200
     * epochs in batches of 32, patience 20 on the last 15 % of the frames, seed 1.
     */
    public static LstmSettings defaults() {
        return new LstmSettings(32, 20, 3e-3, 200, 32, 20, 0.15, 1L);
    }

    /** A copy with another seed. */
    public LstmSettings withSeed(long s) { return new LstmSettings(hidden, window, learningRate, epochs, batchSize, patience, validationTail, s); }

    /** A copy with another epoch budget. */
    public LstmSettings withEpochs(int e) { return new LstmSettings(hidden, window, learningRate, e, batchSize, patience, validationTail, seed); }

    /** A copy with other sizes. */
    public LstmSettings withShape(int units, int frames) {
        return new LstmSettings(units, frames, learningRate, epochs, batchSize, patience, validationTail, seed);
    }

    /** A copy with another Adam learning rate. */
    public LstmSettings withLearningRate(double r) {
        return new LstmSettings(hidden, window, r, epochs, batchSize, patience, validationTail, seed);
    }

    /** A copy with another validation tail fraction. */
    public LstmSettings withValidationTail(double f) {
        return new LstmSettings(hidden, window, learningRate, epochs, batchSize, patience, f, seed);
    }

    /** A copy with another batch size. */
    public LstmSettings withBatchSize(int b) { return new LstmSettings(hidden, window, learningRate, epochs, b, patience, validationTail, seed); }

    /** As a map for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", 1);
        m.put("hidden", hidden);
        m.put("window", window);
        m.put("learningRate", learningRate);
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("patience", patience);
        m.put("validationTail", validationTail);
        m.put("seed", seed);
        m.put("optimizer", "adam");
        m.put("dataType", "float32");
        return m;
    }
}
