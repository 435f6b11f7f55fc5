package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link LstmForecaster} with each {@link LstmSettings#inputNormalisation()}: in every way of training, in forecasting and restoring. */
class LstmNormalisationTest {
    private static final int H = 3;
    private static final LstmSettings S = new LstmSettings(4, 6, 2e-2, 6, 16, 3, 0.15, 5L);
    private static final double[][] REAL = zScored(LevelShiftTest.oscillations(160, 3L));

    /** {@code raw} z-scored per channel by its own mean and sd. */
    static double[][] zScored(double[][] raw) {
        double[][] ms = LevelShiftTest.meanSd(raw, raw.length);
        double[][] s = new double[raw.length][raw[0].length];
        for (int t = 0; t < raw.length; t++) {
            for (int c = 0; c < raw[0].length; c++) {
                s[t][c] = (raw[t][c] - ms[0][c]) / ms[1][c];
            }
        }
        return s;
    }

    private static double[][] plus(double[][] s, double c) {
        double[][] r = new double[s.length][];
        for (int t = 0; t < s.length; t++) {
            r[t] = s[t].clone();
            for (int i = 0; i < r[t].length; i++) {
                r[t][i] += c;
            }
        }
        return r;
    }

    /** The same forecaster trained in each of its four ways, all on {@code mode}. */
    private static List<LstmForecaster> everyWay(String mode) {
        LstmSettings s = S.withInputNormalisation(mode);
        List<double[][]> synthetic = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            synthetic.add(zScored(LevelShiftTest.oscillations(60, 100L + i)));
        }
        return List.of(LstmForecaster.trainOnReal("lstm", REAL, H, s, null),
                LstmForecaster.trainPretrained("pretrained", synthetic, REAL, H, s, null),
                LstmForecaster.trainNoiseAugmented("noise-aug", REAL, 2, 0.1, 9L, H, s, null),
                LstmForecaster.train("lstm", List.<double[][]>of(Arrays.copyOf(REAL, 120)), List.of(), H, s, null));
    }

    private static List<double[][]> histories(double[][] s) {
        return List.of(Arrays.copyOf(s, 40), Arrays.copyOf(s, 100), Arrays.copyOf(s, 160));
    }

    /** With last or revin, adding c to every frame of a history adds c to every forecast value, in every way of training. */
    @ParameterizedTest
    @ValueSource(strings = {"last", "revin"})
    void aConstantOffsetMovesTheForecastByExactlyThatOffset(String mode) {
        double c = 3.75;
        for (LstmForecaster f : everyWay(mode)) {
            List<double[][]> a = f.forecastMany(histories(REAL), H);
            List<double[][]> b = f.forecastMany(histories(plus(REAL, c)), H);
            for (int i = 0; i < a.size(); i++) {
                for (int k = 0; k < H; k++) {
                    for (int j = 0; j < 2; j++) {
                        assertEquals(a.get(i)[k][j] + c, b.get(i)[k][j], 1e-12, f.name() + " " + mode + " origin " + i);
                    }
                }
            }
        }
    }

    @Test
    void withoutNormalisationAnOffsetDoesNotCarryThrough() {
        LstmForecaster f = everyWay("none").get(0);
        double a = f.forecast(REAL, 1)[0][0];
        double b = f.forecast(plus(REAL, 3.75), 1)[0][0];
        assertTrue(Math.abs(b - a - 3.75) > 0.5, "none forecasts from the raw level: " + a + " then " + b);
    }

    /**
     * No look-ahead: a forecaster trained on the frames up to an origin, forecasting from histories that end by it, is
     * bit-identical whatever the frames after the origin are; and in one batch an origin's forecast does not depend on the
     * other (later) origins in it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"last", "revin", "none"})
    void framesAfterTheOriginChangeNothing(String mode) {
        int origin = 120;
        double[][] other = plus(REAL, 0);
        for (int t = origin; t < other.length; t++) {
            other[t][0] = 50 + t;
            other[t][1] = -7;
        }
        LstmSettings s = S.withInputNormalisation(mode);
        LstmForecaster f = LstmForecaster.trainOnReal("lstm", Arrays.copyOf(REAL, origin), H, s, null);
        LstmForecaster g = LstmForecaster.trainOnReal("lstm", Arrays.copyOf(other, origin), H, s, null);
        Map<String, Object> fs = f.state();
        Map<String, Object> gs = g.state();
        assertArrayEquals((double[]) fs.get("inScale"), (double[]) gs.get("inScale"));
        assertArrayEquals((double[]) fs.get("outScale"), (double[]) gs.get("outScale"));
        float[][] fw = (float[][]) fs.get("weights");
        float[][] gw = (float[][]) gs.get("weights");
        for (int k = 0; k < fw.length; k++) {
            assertArrayEquals(fw[k], gw[k]);
        }
        List<double[][]> a = f.forecastMany(List.of(Arrays.copyOf(REAL, 60), Arrays.copyOf(REAL, origin), Arrays.copyOf(REAL, 160)), H);
        List<double[][]> b = g.forecastMany(List.of(Arrays.copyOf(other, 60), Arrays.copyOf(other, origin), Arrays.copyOf(other, 160)), H);
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < H; k++) {
                assertArrayEquals(a.get(i)[k], b.get(i)[k], "origin " + i + " horizon " + k);
            }
        }
        assertTrue(!Arrays.equals(a.get(2)[0], b.get(2)[0]), "the third origin, after the change, does see it");
    }

    /** The scales come from the training part only: hand-computed RMS of last's changes over [0, trainEnd), not the validation tail. */
    @Test
    void theScalesAreLearntFromTheTrainingPartOnly() {
        LstmForecaster f = LstmForecaster.trainOnReal("lstm", REAL, H, S, null);
        ValidationSplit split = ValidationSplit.of(REAL.length, S.window(), H, S.validationTail());
        int end = split.trainEnd();
        double[] expected = new double[H * 2];
        int count = 0;
        for (int t = S.window(); t + H <= end; t++) {
            for (int k = 0; k < H; k++) {
                for (int c = 0; c < 2; c++) {
                    double d = REAL[t + k][c] - REAL[t - 1][c];
                    expected[k * 2 + c] += d * d;
                }
            }
            count++;
        }
        for (int j = 0; j < expected.length; j++) {
            expected[j] = Math.sqrt(expected[j] / count);
        }
        assertArrayEquals(expected, (double[]) f.state().get("outScale"), 1e-12);
        double[][] changedTail = plus(REAL, 0);
        for (int t = split.validationStart(); t < REAL.length; t++) {
            changedTail[t][0] += 10 * Math.sin(t);
        }
        assertArrayEquals((double[]) f.state().get("outScale"),
                (double[]) LstmForecaster.trainOnReal("lstm", changedTail, H, S, null).state().get("outScale"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"last", "revin", "none"})
    void rerunsAreBitIdenticalAndRestoredModelsForecastTheSame(String mode) {
        LstmSettings s = S.withInputNormalisation(mode);
        LstmForecaster f = LstmForecaster.trainOnReal("lstm", REAL, H, s, null);
        LstmForecaster again = LstmForecaster.trainOnReal("lstm", REAL, H, s, null);
        Map<String, Object> st = f.state();
        LstmForecaster restored = LstmForecaster.restore("lstm", 2, H, (LstmSettings) st.get("settings"), (double[]) st.get("inScale"),
                (double[]) st.get("outScale"), (float[][]) st.get("weights"));
        List<double[][]> a = f.forecastMany(histories(REAL), H);
        for (LstmForecaster g : List.of(again, restored)) {
            List<double[][]> b = g.forecastMany(histories(REAL), H);
            for (int i = 0; i < a.size(); i++) {
                for (int k = 0; k < H; k++) {
                    assertArrayEquals(a.get(i)[k], b.get(i)[k]);
                }
            }
        }
        assertEquals(f.logs().get(0).trainLoss(), again.logs().get(0).trainLoss());
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) f.describe().get("normalisation");
        assertEquals(mode, d.get("inputNormalisation"));
        assertEquals(mode, ((Map<?, ?>) f.describe().get("lstm")).get("inputNormalisation"));
    }

    @Test
    void aFlatChannelIsFlooredAndSaidSo() {
        double[][] flat = plus(REAL, 0);
        for (double[] row : flat) {
            row[1] = 2.0;
        }
        LstmForecaster f = LstmForecaster.trainOnReal("lstm", flat, H, S.withInputNormalisation("revin"), null);
        ValidationSplit split = ValidationSplit.of(flat.length, S.window(), H, S.validationTail());
        List<String> w = f.warnings();
        assertEquals("lstm train: the learnt scale of the normalised input channel 1 was 0.0, below sd-floor 0.001; used the floor", w.get(0));
        assertTrue(w.contains("lstm train: revin: " + split.trainingExamples() + " of " + 2 * split.trainingExamples() + " training and "
                + split.validationExamples() + " of " + 2 * split.validationExamples() + " validation windows (per channel) had an sd below "
                + "sd-floor 0.001; divided by the floor"), w.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((List<Map<String, Object>>) f.describe().get("training")).get(0).get("data");
        assertEquals(split.trainingExamples(), data.get("revinFlooredTrainingWindows"));
        // a flat channel is forecast flat: its level plus floor (window sd) x floor (scale) x the network's output
        assertEquals(2.0, f.forecast(flat, 1)[0][1], 1e-5);
    }
}
