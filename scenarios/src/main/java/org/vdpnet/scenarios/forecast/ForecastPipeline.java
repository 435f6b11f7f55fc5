package org.vdpnet.scenarios.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.vdpnet.fitting.estimate.FitOptions;
import org.vdpnet.fitting.estimate.ResearchForecaster;
import org.vdpnet.hybrid.LstmForecaster;
import org.vdpnet.hybrid.LstmSettings;
import org.vdpnet.hybrid.ResidualForecaster;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * Trains the five forecasters of the small-data comparison on the same training frames:
 * {@code vdp} (the fitted research form), {@code lstm} (real frames only), {@code residual}
 * (vdp + LSTM correction), {@code pretrained} (LSTM pre-trained on a synthetic set simulated from
 * the fitted network, then fine-tuned on the real frames) and {@code noise-aug} (LSTM on noisy
 * copies of the real frames, as many examples as the synthetic set).
 */
public final class ForecastPipeline {
    private ForecastPipeline() {}

    /** The models, in the order they are trained. */
    public static final List<String> MODELS = List.of("vdp", "lstm", "residual", "pretrained", "noise-aug");

    /**
     * Settings of the comparison.
     *
     * @param horizon          frames ahead
     * @param dt               seconds per frame
     * @param fit              the research-form fit on the training frames
     * @param fitWindow        vdp is fitted to the last this many training frames (the research fits windows of about 100)
     * @param assimilation     frames before an origin from which vdp estimates the latent state
     * @param lstm             the LSTMs trained on real frames (lstm, residual, fine-tuning)
     * @param pretrainEpochs   epoch budget on the large sets (pretrained's first phase, noise-aug)
     * @param syntheticFactor  synthetic frames per real training frame (the research: large; at least 50)
     * @param jitter           log-normal jitter of the parameters between synthetic series
     * @param augNoise         noise standard deviation of noise-aug's copies (the data are z-scored)
     * @param seed             seed of every random choice
     */
    public record Settings(int horizon, double dt, FitOptions fit, int fitWindow, int assimilation, LstmSettings lstm, int pretrainEpochs,
                           int syntheticFactor, double jitter, double augNoise, long seed) {
        /** Describes every setting for provenance. */
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("horizon", horizon);
            m.put("dt", dt);
            m.put("fit", Map.of("segment", fit.segment(), "maxIterations", fit.maxIterations(), "restarts", fit.restarts(), "seed", fit.seed()));
            m.put("fitWindow", fitWindow);
            m.put("assimilation", assimilation);
            m.put("lstm", lstm.describe());
            m.put("pretrainEpochs", pretrainEpochs);
            m.put("syntheticFactor", syntheticFactor);
            m.put("jitter", jitter);
            m.put("augNoise", augNoise);
            m.put("seed", seed);
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

    /** What was trained, with what each model reports about its training, and models that could not be built (name → why). */
    public record Trained(Map<String, Forecaster> models, Map<String, Object> details, Map<String, String> skipped) {
        /** Without skipped models. */
        public Trained(Map<String, Forecaster> models, Map<String, Object> details) {
            this(models, details, Map.of());
        }
    }

    /**
     * Trains the requested models on {@code train[time][component]}; {@code step} hears each
     * model's name as its training starts.
     */
    public static Trained train(double[][] train, List<String> models, Settings s, BiConsumer<String, Integer> step) {
        checkModels(models, MODELS);
        Map<String, Forecaster> out = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        int k = 0;
        ResearchForecaster vdp = null;
        boolean needVdp = models.contains("vdp") || models.contains("residual") || models.contains("pretrained");
        if (needVdp) {
            step.accept("vdp", k++);
            double[][] fitFrames = java.util.Arrays.copyOfRange(train, Math.max(0, train.length - s.fitWindow()), train.length);
            ResearchForecaster.Trained t = ResearchForecaster.train(fitFrames, s.dt(), s.fit(), s.assimilation(), s.horizon());
            vdp = t.forecaster();
            Map<String, Object> d = new LinkedHashMap<>(vdp.describe());
            d.put("fitStatus", t.fit().status().name());
            d.put("fitMeanR", t.fit().meanR());
            details.put("vdp", d);
            if (models.contains("vdp")) {
                out.put("vdp", vdp);
            }
        }
        List<double[][]> real = java.util.Collections.singletonList(train);
        if (models.contains("lstm")) {
            step.accept("lstm", k++);
            LstmForecaster f = LstmForecaster.train("lstm", real, s.horizon(), s.lstm(), null);
            out.put("lstm", f);
            details.put("lstm", f.describe());
        }
        if (models.contains("residual")) {
            step.accept("residual", k++);
            ResidualForecaster f = ResidualForecaster.train(vdp, train, s.horizon(), s.lstm(), null);
            out.put("residual", f);
            details.put("residual", f.describe());
        }
        int seriesLength = Math.min(train.length, 100);
        int seriesCount = (int) Math.ceil((double) s.syntheticFactor() * train.length / seriesLength);
        LstmSettings big = s.lstm().withEpochs(s.pretrainEpochs());
        int syntheticExamples = seriesCount * Math.max(0, seriesLength - s.lstm().window() - s.horizon() + 1);
        if (models.contains("pretrained")) {
            step.accept("pretrained", k++);
            double noise = Double.isFinite(vdp.residualRms()) ? vdp.residualRms() : 0.0;
            int minLength = s.lstm().window() + s.horizon() + 5;
            double[][][] synth = vdp.synthetic(train, seriesCount, seriesLength, Math.min(minLength, seriesLength), s.jitter(), noise, s.seed());
            int frames = 0;
            for (double[][] series : synth) {
                frames += series.length;
            }
            if (synth.length == 0) {
                skipped.put("pretrained", "the fitted van der Pol network diverges from every synthetic start, so there is no pre-training set");
            } else {
                List<double[][]> list = new ArrayList<>(java.util.Arrays.asList(synth));
                LstmForecaster f = LstmForecaster.train("pretrained", list, s.horizon(), big, null);
                f.fineTune(real, null);
                out.put("pretrained", f);
                Map<String, Object> d = new LinkedHashMap<>(f.describe());
                d.put("syntheticSeries", synth.length);
                d.put("syntheticFrames", frames);
                details.put("pretrained", d);
            }
        }
        if (models.contains("noise-aug")) {
            step.accept("noise-aug", k++);
            int realExamples = Math.max(1, train.length - s.lstm().window() - s.horizon() + 1);
            int copies = Math.max(1, (int) Math.ceil((double) syntheticExamples / realExamples));
            LstmForecaster f = LstmForecaster.train("noise-aug", LstmForecaster.noisyCopies(train, copies, s.augNoise(), s.seed()), s.horizon(),
                    big, null);
            out.put("noise-aug", f);
            Map<String, Object> d = new LinkedHashMap<>(f.describe());
            d.put("copies", copies);
            details.put("noise-aug", d);
        }
        return new Trained(out, details, skipped);
    }
}
