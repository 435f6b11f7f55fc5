package org.vdpnet.hybrid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.Checks;

/**
 * Everything that shapes an LSTM and its training, set explicitly and recorded in provenance.
 *
 * <p>{@code inputNormalisation} says how {@link LstmForecaster} normalises each input window,
 * per channel, before the network sees it (and undoes it on the output), so that a forecast
 * follows the recent level rather than the training level:
 * <ul>
 *   <li>{@code last} (the default): the window's last observed value is subtracted from its
 *       inputs and targets and added back on the output; the network forecasts the change
 *       from the last observation;</li>
 *   <li>{@code revin}: the window's mean is subtracted and its standard deviation (floored at
 *       {@code sdFloor}) divided out, and undone on the output, as RevIN does without its
 *       learnable affine;</li>
 *   <li>{@code none}: the raw values (the behaviour before this setting existed).</li>
 * </ul>
 * With {@code last} or {@code revin} the forecaster also divides the normalised inputs (per
 * channel) and targets (per horizon and channel) by their root mean square over the first
 * phase's training windows (see {@link LstmForecaster}). {@link LstmNetwork} itself trains on
 * whatever windows it is given and does not use these two settings.
 *
 * @param hidden             LSTM units
 * @param window             input frames per example
 * @param learningRate       Adam learning rate
 * @param epochs             the most passes over the training examples
 * @param batchSize          examples per Adam step
 * @param patience           epochs without a better validation loss before training stops (early stopping)
 * @param validationTail     fraction of a real series' frames, taken from the end in time, held out for early stopping
 *                           (see {@link ValidationSplit}; for many synthetic series, the fraction of whole series held out)
 * @param seed               seed of the initial weights and the shuffling
 * @param inputNormalisation {@code last}, {@code revin} or {@code none} (above)
 * @param sdFloor            the least standard deviation or scale the normalisation divides by, in the data's units: a
 *                           {@code revin} window's sd, and the learnt scales; a value below it is replaced by it, and training
 *                           says how often in its warnings
 */
public record LstmSettings(int hidden, int window, double learningRate, int epochs, int batchSize, int patience,
                           double validationTail, long seed, String inputNormalisation, double sdFloor)
        implements java.io.Serializable {
    /** The allowed values of {@link #inputNormalisation}. */
    public static final List<String> NORMALISATIONS = List.of("last", "revin", "none");
    /** The default {@link #inputNormalisation}. */
    public static final String DEFAULT_NORMALISATION = "last";
    /** The default {@link #sdFloor}: 1e-3 (the data are z-scored upstream, so a thousandth of the training sd). */
    public static final double DEFAULT_SD_FLOOR = 1e-3;

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
        if (inputNormalisation == null || !NORMALISATIONS.contains(inputNormalisation)) {
            throw new IllegalArgumentException("input-normalisation: must be one of " + String.join(", ", NORMALISATIONS) + ", got "
                    + (inputNormalisation == null ? "null" : "'" + inputNormalisation + "'"));
        }
        Checks.positive("sd-floor", sdFloor);
    }

    /**
     * The settings as they were before {@code inputNormalisation} existed, with the default
     * normalisation ({@value #DEFAULT_NORMALISATION}) and sd floor ({@value #DEFAULT_SD_FLOOR}).
     */
    public LstmSettings(int hidden, int window, double learningRate, int epochs, int batchSize, int patience, double validationTail,
                        long seed) {
        this(hidden, window, learningRate, epochs, batchSize, patience, validationTail, seed, DEFAULT_NORMALISATION, DEFAULT_SD_FLOOR);
    }

    /**
     * Small-data defaults: one layer of 32 units, windows of 20 frames, Adam at 3e-3, up to 200
     * epochs in batches of 32, patience 20 on the last 15 % of the frames, seed 1, each window
     * normalised by its last value ({@code last}), sd floor 1e-3.
     */
    public static LstmSettings defaults() {
        return new LstmSettings(32, 20, 3e-3, 200, 32, 20, 0.15, 1L, DEFAULT_NORMALISATION, DEFAULT_SD_FLOOR);
    }

    /** A copy with another seed. */
    public LstmSettings withSeed(long s) {
        return new LstmSettings(hidden, window, learningRate, epochs, batchSize, patience, validationTail, s, inputNormalisation, sdFloor);
    }

    /** A copy with another epoch budget. */
    public LstmSettings withEpochs(int e) {
        return new LstmSettings(hidden, window, learningRate, e, batchSize, patience, validationTail, seed, inputNormalisation, sdFloor);
    }

    /** A copy with other sizes. */
    public LstmSettings withShape(int units, int frames) {
        return new LstmSettings(units, frames, learningRate, epochs, batchSize, patience, validationTail, seed, inputNormalisation, sdFloor);
    }

    /** A copy with another Adam learning rate. */
    public LstmSettings withLearningRate(double r) {
        return new LstmSettings(hidden, window, r, epochs, batchSize, patience, validationTail, seed, inputNormalisation, sdFloor);
    }

    /** A copy with another validation tail fraction. */
    public LstmSettings withValidationTail(double f) {
        return new LstmSettings(hidden, window, learningRate, epochs, batchSize, patience, f, seed, inputNormalisation, sdFloor);
    }

    /** A copy with another batch size. */
    public LstmSettings withBatchSize(int b) {
        return new LstmSettings(hidden, window, learningRate, epochs, b, patience, validationTail, seed, inputNormalisation, sdFloor);
    }

    /** A copy with another input normalisation: {@code last}, {@code revin} or {@code none}. */
    public LstmSettings withInputNormalisation(String mode) {
        return new LstmSettings(hidden, window, learningRate, epochs, batchSize, patience, validationTail, seed, mode, sdFloor);
    }

    /** A copy with another sd floor. */
    public LstmSettings withSdFloor(double floor) {
        return new LstmSettings(hidden, window, learningRate, epochs, batchSize, patience, validationTail, seed, inputNormalisation, floor);
    }

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
        m.put("inputNormalisation", inputNormalisation);
        m.put("sdFloor", sdFloor);
        m.put("optimizer", "adam");
        m.put("dataType", "float32");
        return m;
    }
}
