package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vdpnet.hybrid.LstmNetwork.TrainingLog;
import org.vdpnet.hybrid.LstmNetwork.TrainingLog.Status;

/** Which frames {@link LstmForecaster}'s ways of training train and validate on. */
class LstmForecasterTest {
    private static final int W = 5;
    private static final int H = 3;
    private static final LstmSettings S = new LstmSettings(4, W, 2e-2, 8, 16, 3, 0.15, 11L);

    /** A two-channel series of {@code frames} frames, phase {@code phase}. */
    static double[][] series(int frames, double phase) {
        double[][] s = new double[frames][];
        for (int t = 0; t < frames; t++) {
            s[t] = new double[] {Math.sin(0.3 * t + phase), 0.5 * Math.cos(0.21 * t + phase)};
        }
        return s;
    }

    /**
     * MSE of the forecaster's forecasts from the origins {@code t} whose window and targets lie in {@code [from, to)}, all in one
     * batch, in the units the network is trained in: with S's normalisation {@code last} each error divided by the learnt scale of
     * its horizon and channel (the window's level cancels in the difference).
     */
    private static double mse(LstmForecaster f, double[][] s, int from, int to) {
        double[] scale = (double[]) f.state().get("outScale");
        List<double[][]> hist = new ArrayList<>();
        for (int t = from + W; t + H <= to; t++) {
            hist.add(Arrays.copyOfRange(s, 0, t));
        }
        List<double[][]> p = f.forecastMany(hist, H);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < p.size(); i++) {
            int t = from + W + i;
            for (int k = 0; k < H; k++) {
                for (int c = 0; c < 2; c++) {
                    double d = (p.get(i)[k][c] - s[t + k][c]) / scale[k * 2 + c];
                    sum += d * d;
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static void assertSameWeights(LstmForecaster a, LstmForecaster b) {
        float[][] wa = (float[][]) a.state().get("weights");
        float[][] wb = (float[][]) b.state().get("weights");
        for (int k = 0; k < wa.length; k++) {
            assertArrayEquals(wa[k], wb[k], "weight array " + k);
        }
    }

    // T = 120, w = 5, h = 3, f = 0.15: tail [102, 120) (round(18) = 18 frames, 11 examples), gap [94, 102), training [0, 94) (87 examples)
    private static final double[][] REAL = series(120, 0.4);

    @Test
    void trainOnRealTrainsOnTheHeadAndValidatesOnTheTailAfterTheGap() {
        LstmForecaster f = LstmForecaster.trainOnReal("lstm", REAL, H, S, null);
        TrainingLog log = f.logs().get(0);
        assertEquals(87, log.trainingExamples());
        assertEquals(11, log.validationExamples());
        assertEquals(mse(f, REAL, 102, 120), log.bestValidationLoss(), 1e-12);
        LstmForecaster explicit = LstmForecaster.train("lstm", List.<double[][]>of(Arrays.copyOfRange(REAL, 0, 94)),
                List.<double[][]>of(Arrays.copyOfRange(REAL, 102, 120)), H, S, null);
        assertSameWeights(explicit, f);
        assertEquals(List.of(), f.warnings());
    }

    @Test
    void noiseAugValidatesOnExactlyTheCleanRealTail() {
        LstmForecaster f = LstmForecaster.trainNoiseAugmented("noise-aug", REAL, 3, 0.2, 5L, H, S, null);
        TrainingLog log = f.logs().get(0);
        assertEquals(3 * 87, log.trainingExamples(), "noisy copies of the training part only");
        assertEquals(11, log.validationExamples());
        // the recorded validation loss is the kept weights' error on the clean real tail windows
        assertEquals(mse(f, REAL, 102, 120), log.bestValidationLoss(), 1e-12);
        // and the data are exactly: noisy copies of [0, 94), validated on the clean [102, 120)
        LstmForecaster explicit = LstmForecaster.train("noise-aug", LstmForecaster.noisyCopies(Arrays.copyOfRange(REAL, 0, 94), 3, 0.2, 5L),
                List.<double[][]>of(Arrays.copyOfRange(REAL, 102, 120)), H, S, null);
        assertSameWeights(explicit, f);
        // a noisy tail would have scored differently
        double[][] noisyTail = LstmForecaster.noisyCopies(REAL, 1, 0.2, 5L).get(0);
        assertTrue(Math.abs(mse(f, noisyTail, 102, 120) - log.bestValidationLoss()) > 1e-4);
    }

    @Test
    void tooFewFramesMeanNoSplitTheFullBudgetAndAWarning() {
        // T = 20: tail 8, gap 8 leave 4 training frames < w + h = 8, so no split
        double[][] real = series(20, 0.1);
        LstmForecaster f = LstmForecaster.trainOnReal("lstm", real, H, S.withValidationTail(0.15), null);
        TrainingLog log = f.logs().get(0);
        assertEquals(Status.BUDGET, log.status());
        assertEquals(8, log.epochs());
        assertEquals(8, log.bestEpoch());
        assertTrue(Double.isNaN(log.bestValidationLoss()));
        assertEquals(13, log.trainingExamples());
        assertEquals(0, log.validationExamples());
        assertEquals(List.of("lstm train: no validation split in the real frames: 20 frames are too few for a validation tail of 8 frames"
                + " (at least window+horizon = 8) after a gap of window+horizon = 8 frames and a training part of at least 8 frames;"
                + " trained the full 8 epochs without early stopping"), f.warnings());
        Map<String, Object> d = f.describe();
        assertEquals(f.warnings(), d.get("warnings"));
        @SuppressWarnings("unchecked")
        Map<String, Object> phase = ((List<Map<String, Object>>) d.get("training")).get(0);
        assertEquals("BUDGET", phase.get("status"));
        assertEquals(0, phase.get("validationExamples"));

        LstmForecaster none = LstmForecaster.train("lstm", List.<double[][]>of(real), List.of(), H, S, null);
        assertEquals(Status.BUDGET, none.logs().get(0).status());
        assertEquals(List.of("lstm train: no validation series given; trained the full 8 epochs without early stopping"), none.warnings());
        assertSameWeights(f, none);
    }

    @Test
    void pretrainingHoldsOutWholeSyntheticSeriesThenFineTunesOnTheRealSplit() {
        List<double[][]> synthetic = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            synthetic.add(series(30, 0.7 * i));
        }
        LstmForecaster f = LstmForecaster.trainPretrained("pretrained", synthetic, REAL, H, S, null);
        assertEquals(2, f.logs().size());
        // round(0.15 * 7) = 1 series held out: 6 x 23 training and 23 validation windows
        assertEquals(6 * 23, f.logs().get(0).trainingExamples());
        assertEquals(23, f.logs().get(0).validationExamples());
        assertEquals(87, f.logs().get(1).trainingExamples());
        assertEquals(11, f.logs().get(1).validationExamples());
        assertEquals(mse(f, REAL, 102, 120), f.logs().get(1).bestValidationLoss(), 1e-12);
        LstmForecaster explicit = LstmForecaster.train("pretrained", synthetic.subList(0, 6), synthetic.subList(6, 7), H, S, null)
                .fineTune(List.<double[][]>of(Arrays.copyOfRange(REAL, 0, 94)), List.<double[][]>of(Arrays.copyOfRange(REAL, 102, 120)), null);
        assertSameWeights(explicit, f);
        assertEquals(List.of(), f.warnings());

        LstmForecaster one = LstmForecaster.trainPretrained("pretrained", synthetic.subList(0, 1), REAL, H, S, null);
        assertEquals(List.of("pretrained pre-train: no held-out synthetic series: 1 synthetic series are too few to hold one out whole;"
                + " trained the full 8 epochs without early stopping"), one.warnings());
    }

    @Test
    void aRestoredModelForecastsBitIdentically() {
        LstmForecaster f = LstmForecaster.trainOnReal("lstm", REAL, H, S, null);
        Map<String, Object> st = f.state();
        LstmForecaster g = LstmForecaster.restore((String) st.get("name"), (Integer) st.get("channels"), (Integer) st.get("horizon"),
                (LstmSettings) st.get("settings"), (double[]) st.get("inScale"), (double[]) st.get("outScale"), (float[][]) st.get("weights"));
        List<double[][]> hist = List.of(Arrays.copyOf(REAL, 50), Arrays.copyOf(REAL, 120), Arrays.copyOf(REAL, 77));
        List<double[][]> a = f.forecastMany(hist, H);
        List<double[][]> b = g.forecastMany(hist, H);
        for (int i = 0; i < a.size(); i++) {
            for (int k = 0; k < H; k++) {
                assertArrayEquals(a.get(i)[k], b.get(i)[k]);
            }
        }
        assertArrayEquals(f.forecast(REAL, 2)[1], g.forecast(REAL, 2)[1]);
    }
}
