package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vdpnet.hybrid.LstmNetwork.TrainingLog;
import org.vdpnet.hybrid.LstmNetwork.TrainingLog.Status;
import org.vdpnet.sim.forecast.Forecaster;

/** The residual corrector's examples are split by the same rule as the LSTM's. */
class ResidualForecasterTest {
    /** Persistence (the last frame repeated) that needs 6 history frames: so w' = max(4, 6) = 6. */
    static final Forecaster PERSISTENCE = new Forecaster() {
        @Override public String name() { return "persistence"; }

        @Override public int channels() { return 2; }

        @Override public int minimumHistory() { return 6; }

        @Override public int maximumHorizon() { return 5; }

        @Override
        public double[][] forecast(double[][] history, int horizon) {
            double[][] f = new double[horizon][];
            for (int k = 0; k < horizon; k++) {
                f[k] = history[history.length - 1].clone();
            }
            return f;
        }
    };

    private static final LstmSettings S = new LstmSettings(4, 4, 2e-2, 8, 16, 3, 0.2, 13L);

    @Test
    void validationOriginsLieWhollyInTheTailAndTrainingOnesEndAGapBefore() {
        // T = 80, w' = 6, h = 3: tail = max(round(16), 9) = 16 frames [64, 80), gap 9 frames [55, 64), training [0, 55):
        // training origins t in [6, 52] (47), validation origins t with [t - 6, t + 3) in [64, 80): t in [70, 77] (8)
        double[][] train = LstmForecasterTest.series(80, 0.3);
        ResidualForecaster f = ResidualForecaster.train(PERSISTENCE, train, 3, S, null);
        TrainingLog log = f.log();
        assertEquals(47, log.trainingExamples());
        assertEquals(8, log.validationExamples());
        assertTrue(log.status() == Status.EARLY_STOPPED || log.status() == Status.BUDGET, log.toString());
        // the validation loss of the kept weights is the corrected forecast's error on exactly those origins
        double sum = 0;
        for (int t = 70; t <= 77; t++) {
            double[][] p = f.forecast(Arrays.copyOf(train, t), 3);
            for (int k = 0; k < 3; k++) {
                for (int c = 0; c < 2; c++) {
                    sum += (p[k][c] - train[t + k][c]) * (p[k][c] - train[t + k][c]);
                }
            }
        }
        double mse = sum / (8 * 3 * 2);
        assertEquals(mse, log.bestValidationLoss(), 1e-5 * mse); // one-at-a-time forecasts may differ from the batch in float32's last bits
        assertEquals(List.of(), f.warnings());
        @SuppressWarnings("unchecked")
        Map<String, Object> training = (Map<String, Object>) f.describe().get("training");
        assertEquals(log.status().name(), training.get("status"));
    }

    @Test
    void tooFewFramesTrainOnEveryOriginAndSaySo() {
        // T = 25: tail 9, gap 9 leave 7 training frames < 9: no split, origins t in [6, 22]
        double[][] train = LstmForecasterTest.series(25, 0.3);
        ResidualForecaster f = ResidualForecaster.train(PERSISTENCE, train, 3, S, null);
        assertEquals(17, f.log().trainingExamples());
        assertEquals(0, f.log().validationExamples());
        assertEquals(Status.BUDGET, f.log().status());
        assertTrue(Double.isNaN(f.log().bestValidationLoss()));
        assertEquals(List.of("residual: no validation split in the training frames: 25 frames are too few for a validation tail of 9 frames"
                + " (at least window+horizon = 9) after a gap of window+horizon = 9 frames and a training part of at least 9 frames;"
                + " trained the full 8 epochs without early stopping"), f.warnings());
        assertEquals(f.warnings(), f.describe().get("warnings"));
    }

    @Test
    void aRestoredCorrectorForecastsBitIdentically() {
        double[][] train = LstmForecasterTest.series(80, 0.3);
        ResidualForecaster f = ResidualForecaster.train(PERSISTENCE, train, 3, S, null);
        Map<String, Object> st = f.state();
        ResidualForecaster g = ResidualForecaster.restore(PERSISTENCE, (Integer) st.get("window"), (Integer) st.get("horizon"),
                (LstmSettings) st.get("settings"), (float[][]) st.get("weights"));
        for (int t : new int[] {6, 40, 80}) {
            double[][] a = f.forecast(Arrays.copyOf(train, t), 3);
            double[][] b = g.forecast(Arrays.copyOf(train, t), 3);
            for (int k = 0; k < 3; k++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(a[k], b[k]);
            }
        }
        assertEquals(List.of(), g.warnings());
    }
}
