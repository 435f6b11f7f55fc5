package org.vdpnet.scenarios.cli;

import java.nio.file.Path;
import org.vdpnet.fitting.estimate.FitOptions;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.hybrid.LstmSettings;
import org.vdpnet.scenarios.forecast.ForecastPipeline;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The recording, preprocessing and model options shared by {@code forecast} and {@code evaluate}. */
public final class ForecastOptions {
    @CommandLine.Mixin
    RecordingArgs input = new RecordingArgs();
    @Option(names = "--components", defaultValue = "6", description = "Temporal SVD components (default: ${DEFAULT-VALUE}).")
    int components;
    @Option(names = "--channel-zscore", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Z-score every channel by the training frames' statistics before the SVD (default: on).")
    boolean channelZscore;
    @Option(names = "--horizon", defaultValue = "20", description = "Frames ahead (default: ${DEFAULT-VALUE}).")
    int horizon;
    @Option(names = "--hidden", description = "LSTM units, at most " + MAX_HIDDEN + " (default: ${DEFAULT-VALUE}).")
    int hidden = LstmSettings.defaults().hidden();
    @Option(names = "--window", description = "LSTM input frames (default: ${DEFAULT-VALUE}).")
    int window = LstmSettings.defaults().window();
    @Option(names = "--learning-rate", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = LstmSettings.defaults().learningRate();
    @Option(names = "--epochs", description = "Most epochs of lstm and of residual's corrector, at most " + MAX_EPOCHS + " (default: ${DEFAULT-VALUE}).")
    int epochs = LstmSettings.defaults().epochs();
    @Option(names = "--batch-size", description = "Examples per Adam step, at most " + MAX_BATCH + " (default: ${DEFAULT-VALUE}).")
    int batchSize = LstmSettings.defaults().batchSize();
    @Option(names = "--patience", description = "Early-stopping patience in epochs (default: ${DEFAULT-VALUE}).")
    int patience = LstmSettings.defaults().patience();
    @Option(names = "--validation-tail", description = "Fraction of the real training frames held out, as a contiguous tail after a gap of "
            + "window + horizon frames, for early stopping (default: ${DEFAULT-VALUE}).")
    double validationTail = LstmSettings.defaults().validationTail();
    @Option(names = "--input-normalisation", description = "How the LSTMs (lstm, pretrained, noise-aug) normalise each input window: last (the "
            + "change from the window's last frame), revin (window mean and sd) or none (default: ${DEFAULT-VALUE}).")
    String inputNormalisation = LstmSettings.defaults().inputNormalisation();
    @Option(names = "--pretrain-epochs", defaultValue = "20", description = "Most epochs of each of pretrained's phases (synthetic, then "
            + "real frames) and of noise-aug, 1 to " + MAX_EPOCHS + " (default: ${DEFAULT-VALUE}).")
    int pretrainEpochs;
    @Option(names = "--synthetic-factor", defaultValue = "50", description = "Synthetic frames per real training frame, 1 to " + MAX_SYNTHETIC_FACTOR + " (default: ${DEFAULT-VALUE}).")
    int syntheticFactor;
    @Option(names = "--aug-noise", defaultValue = "0.1", description = "Noise sd of noise-aug's copies, z-scored units (default: ${DEFAULT-VALUE}).")
    double augNoise;
    @Option(names = "--fit-window", defaultValue = "100", description = "vdp is fitted to the last this many training frames, 10 to " + MAX_FRAMES + " (default: ${DEFAULT-VALUE}).")
    int fitWindow;
    @Option(names = "--fit-segment", defaultValue = "50", description = "Multiple-shooting segment of vdp's fit (default: ${DEFAULT-VALUE}; "
            + "a 100-frame window is one segment).")
    int fitSegment;
    @Option(names = "--bootstrap-block", defaultValue = "10", description = "Frames per block of the residual bootstrap that refits vdp for "
            + "seeds >= 2, 1 to " + MAX_FRAMES + " (default: ${DEFAULT-VALUE}).")
    int bootstrapBlock;
    @Option(names = "--var-ridge", defaultValue = "1e-6", description = "Ridge penalty of the VAR baseline's least squares (default: ${DEFAULT-VALUE}).")
    double varRidge;
    @Option(names = "--assimilation", defaultValue = "15", description = "Frames before an origin that set vdp's latent state (default: ${DEFAULT-VALUE}).")
    int assimilation;

    @Option(names = "--vdp-state", defaultValue = "enkf", description = "How vdp estimates its state at an origin: enkf (an ensemble Kalman "
            + "filter through the whole history; forecasts carry its members) or window (a fit to the last --assimilation frames) (default: ${DEFAULT-VALUE}).")
    String vdpState;
    @Option(names = "--filter-members", description = "Members of vdp's ensemble Kalman filter, 2 to 10000 (default: ${DEFAULT-VALUE}).")
    int filterMembers = org.vdpnet.fitting.estimate.EnsembleFilter.Settings.defaults().members();
    @Option(names = "--filter-inflation", description = "Multiplicative anomaly inflation of the filter per frame, in [1, 10) (default: ${DEFAULT-VALUE}).")
    double filterInflation = org.vdpnet.fitting.estimate.EnsembleFilter.Settings.defaults().inflation();
    @Option(names = "--filter-process-noise", description = "Additive process noise sd of the filter per frame, >= 0 (default: ${DEFAULT-VALUE}).")
    double filterProcessNoise = org.vdpnet.fitting.estimate.EnsembleFilter.Settings.defaults().processNoise();
    @Option(names = "--filter-spread", description = "Initial spread of the filter's members around the implied state, > 0 (default: ${DEFAULT-VALUE}).")
    double filterSpread = org.vdpnet.fitting.estimate.EnsembleFilter.Settings.defaults().initialSpread();
    @Option(names = "--vdp-a1-min", description = "Lower bound of every a1 in vdp's fits (per unit time, 1/s), at most 1; -Infinity for none (default: ${DEFAULT-VALUE}).")
    double a1Min = ForecastPipeline.Vdp.defaults().a1Min();
    @Option(names = "--vdp-a2-min", description = "Lower bound of every a2 in vdp's fits (1/s^2), at most 1; -Infinity for none (default: ${DEFAULT-VALUE}).")
    double a2Min = ForecastPipeline.Vdp.defaults().a2Min();
    @Option(names = "--free-run", description = "Frames of free run a vdp fit must stay bounded over (its starts are ranked "
            + "bounded first); 0 for no check (default: ${DEFAULT-VALUE}).")
    int freeRun = ForecastPipeline.Vdp.defaults().freeRun();
    @Option(names = "--residual-folds", description = "Rolling refits of vdp whose out-of-sample forecasts train the residual "
            + "corrector, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    int residualFolds = ForecastPipeline.Vdp.defaults().folds();
    @Option(names = "--fold-frames", description = "Frames before the first fold's first origin (default: ${DEFAULT-VALUE}).")
    int foldFrames = ForecastPipeline.Vdp.defaults().minFoldFrames();
    @Option(names = "--synthetic-length", defaultValue = "100", description = "Frames per synthetic pre-training series, at most the training frames (default: ${DEFAULT-VALUE}).")
    int syntheticLength;
    @Option(names = "--synthetic-source", defaultValue = "folds", description = "Fits that pretrained's synthetic set is drawn from: folds (the "
            + "final vdp fit and its fold fits) or final (the final fit only) (default: ${DEFAULT-VALUE}).")
    String syntheticSource;
    @Option(names = "--jitter", defaultValue = "0.05", description = "Log-normal jitter sd of the fitted parameters between synthetic series, in [0, 10) (default: ${DEFAULT-VALUE}).")
    double jitter;

    /** Upper bounds of the count options (each named in its option's help). */
    static final int MAX_HIDDEN = 4096;
    static final int MAX_EPOCHS = 100_000;
    static final int MAX_BATCH = 65_536;
    static final int MAX_SYNTHETIC_FACTOR = 1000;
    static final int MAX_FRAMES = 10_000_000;

    /** Reads the recording as the options say. */
    Recording read() throws java.io.IOException {
        return input.read();
    }

    /** The recording file. */
    Path recording() {
        return input.recording;
    }

    /** Checks the values, with messages naming the options. */
    void check() {
        if (horizon < 1) {
            throw new IllegalArgumentException("--horizon: must be >= 1, got " + horizon);
        }
        if (horizon > MAX_HORIZON) {
            throw new IllegalArgumentException("--horizon: must be at most " + MAX_HORIZON + " frames, got " + horizon);
        }
        OptionChecks.count("--fit-window", fitWindow, 10, MAX_FRAMES);
        OptionChecks.count("--pretrain-epochs", pretrainEpochs, 1, MAX_EPOCHS);
        OptionChecks.count("--synthetic-factor", syntheticFactor, 1, MAX_SYNTHETIC_FACTOR);
        OptionChecks.count("--bootstrap-block", bootstrapBlock, 1, MAX_FRAMES);
        // the lower bounds are LstmSettings' own; the upper bounds keep a run's memory and time finite
        if (hidden > MAX_HIDDEN) {
            OptionChecks.count("--hidden", hidden, 1, MAX_HIDDEN);
        }
        if (epochs > MAX_EPOCHS) {
            OptionChecks.count("--epochs", epochs, 1, MAX_EPOCHS);
        }
        if (batchSize > MAX_BATCH) {
            OptionChecks.count("--batch-size", batchSize, 1, MAX_BATCH);
        }
        if (!(varRidge >= 0 && varRidge < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--var-ridge: must be finite and >= 0, got " + varRidge);
        }
        lstmSettings(); // checks its own ranges
        if (!vdpState.equals("enkf") && !vdpState.equals("window")) {
            throw new IllegalArgumentException("--vdp-state: must be enkf or window, got '" + vdpState + "'");
        }
        OptionChecks.count("--filter-members", filterMembers, 2, 10_000);
        if (!(filterInflation >= 1 && filterInflation < 10)) {
            throw new IllegalArgumentException("--filter-inflation: must be in [1, 10), got " + filterInflation);
        }
        if (!(filterSpread > 0 && filterSpread < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--filter-spread: must be finite and > 0, got " + filterSpread);
        }
        if (!(filterProcessNoise >= 0 && filterProcessNoise < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--filter-process-noise: must be finite and >= 0, got " + filterProcessNoise);
        }
        // the fits start every node at a1 = a2 = 1, so a bound must lie at or below 1
        if (!(a1Min <= 1)) {
            throw new IllegalArgumentException("--vdp-a1-min: must be <= 1 (the fits start at a1 = 1), or -Infinity for none, got " + a1Min);
        }
        if (!(a2Min <= 1)) {
            throw new IllegalArgumentException("--vdp-a2-min: must be <= 1 (the fits start at a2 = 1), or -Infinity for none, got " + a2Min);
        }
        if (!(jitter >= 0 && jitter < 10)) {
            throw new IllegalArgumentException("--jitter: must be in [0, 10), got " + jitter);
        }
        OptionChecks.count("--free-run", freeRun, 0, MAX_FRAMES);
        OptionChecks.count("--residual-folds", residualFolds, 1, 1000);
        OptionChecks.count("--fold-frames", foldFrames, 10, MAX_FRAMES);
        OptionChecks.count("--synthetic-length", syntheticLength, 2, MAX_FRAMES);
        vdp(); // the filter and bounds check their own ranges
    }

    private LstmSettings lstmSettings() {
        return new LstmSettings(hidden, window, learningRate, epochs, batchSize, patience, validationTail, 1L)
                .withInputNormalisation(inputNormalisation);
    }

    private ForecastPipeline.Vdp vdp() {
        org.vdpnet.fitting.estimate.EnsembleFilter.Settings f = vdpState.equals("window") ? null
                : new org.vdpnet.fitting.estimate.EnsembleFilter.Settings(filterMembers, filterInflation, filterSpread, filterProcessNoise, Double.NaN, 1L);
        if (!syntheticSource.equals("folds") && !syntheticSource.equals("final")) {
            throw new IllegalArgumentException("--synthetic-source: must be folds or final, got '" + syntheticSource + "'");
        }
        return new ForecastPipeline.Vdp(a1Min, a2Min, freeRun, f, residualFolds, foldFrames, syntheticSource.equals("folds"));
    }

    /** Checks the values and builds the pipeline settings (each training sets its own seed). */
    ForecastPipeline.Settings settings(double dt) {
        check();
        LstmSettings lstm = lstmSettings();
        return new ForecastPipeline.Settings(horizon, dt, FitOptions.defaults().withSegment(fitSegment)
                .withParallelism(Math.max(1, Runtime.getRuntime().availableProcessors())), fitWindow, assimilation, lstm, pretrainEpochs,
                syntheticFactor, jitter, augNoise, bootstrapBlock, varRidge, vdp(), syntheticLength);
    }

    /**
     * Checks the values against a recording of {@code frames} frames: the horizon must leave room
     * for training frames before it. Called before any output folder is made.
     */
    void check(int frames) {
        check();
        if (horizon >= frames) {
            throw new IllegalArgumentException("--horizon: must be < the recording's " + frames + " frames, got " + horizon);
        }
    }

    /** The largest horizon any command accepts, whatever the recording. */
    static final int MAX_HORIZON = 100_000;

    /** The fewest training frames the models need. */
    int minimumTrain() {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(window, assimilation) + horizon + 2);
    }
}
