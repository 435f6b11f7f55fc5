package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.Seeds;

/**
 * The acceptance test of {@link LstmSettings#inputNormalisation()}: an LSTM trained on a series at
 * level 0 and scored on a test part whose level is 3 training sd higher. With {@code last} and
 * {@code revin} its one-step RMSE stays within 1.5x that of persistence (the last value held);
 * with {@code none} (the behaviour before the setting) it forecasts the training level and fails.
 */
class LevelShiftTest {
    static final int TRAIN = 400;
    static final int TEST = 200;
    static final int H = 3;
    /** A small budget: a few seconds for the three models. */
    static final LstmSettings S = new LstmSettings(8, 10, 1e-2, 40, 32, 10, 0.15, 3L);

    /**
     * Two coupled noisy damped oscillations (AR(2), period about 14 frames), seed-fixed: x_t = 1.6 x_{t-1} - 0.8 x_{t-2}
     * + 0.1 y_{t-1} + e, y_t = 1.5 y_{t-1} - 0.75 y_{t-2} + 0.1 x_{t-1} + e, e ~ N(0, 1), after a burn-in of 200 frames.
     */
    static double[][] oscillations(int frames, long seed) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(Seeds.rng(seed));
        int burn = 200;
        double[][] s = new double[frames + burn][2];
        for (int t = 2; t < s.length; t++) {
            s[t][0] = 1.6 * s[t - 1][0] - 0.8 * s[t - 2][0] + 0.1 * s[t - 1][1] + g.sample();
            s[t][1] = 1.5 * s[t - 1][1] - 0.75 * s[t - 2][1] + 0.1 * s[t - 1][0] + g.sample();
        }
        return Arrays.copyOfRange(s, burn, s.length);
    }

    /** Per channel: the mean and sd of {@code s[0, to)}. */
    static double[][] meanSd(double[][] s, int to) {
        int n = s[0].length;
        double[][] r = new double[2][n];
        for (int c = 0; c < n; c++) {
            double m = 0;
            for (int t = 0; t < to; t++) {
                m += s[t][c];
            }
            m /= to;
            double v = 0;
            for (int t = 0; t < to; t++) {
                v += (s[t][c] - m) * (s[t][c] - m);
            }
            r[0][c] = m;
            r[1][c] = Math.sqrt(v / to);
        }
        return r;
    }

    /**
     * The series z-scored by its training part (as the pipeline does) and its test part shifted by {@code shift} training sd:
     * at once ({@code ramp = false}) or rising linearly from 0 to {@code shift} over the test part.
     */
    static double[][] shifted(double[][] raw, double shift, boolean ramp) {
        double[][] ms = meanSd(raw, TRAIN);
        double[][] s = new double[raw.length][raw[0].length];
        for (int t = 0; t < raw.length; t++) {
            double level = t < TRAIN ? 0 : ramp ? shift * (t - TRAIN + 1) / TEST : shift;
            for (int c = 0; c < raw[0].length; c++) {
                s[t][c] = (raw[t][c] - ms[0][c]) / ms[1][c] + level;
            }
        }
        return s;
    }

    /** One-step RMSE over the test origins t (window inside the test part, target s[t + 1]) of the model and of persistence. */
    static double[] rmse(LstmForecaster f, double[][] s) {
        List<double[][]> hist = new ArrayList<>();
        for (int t = TRAIN + S.window() - 1; t + 1 < s.length; t++) {
            hist.add(Arrays.copyOf(s, t + 1));
        }
        List<double[][]> p = f.forecastMany(hist, 1);
        double model = 0;
        double persistence = 0;
        int count = 0;
        for (int i = 0; i < hist.size(); i++) {
            int t = TRAIN + S.window() - 1 + i;
            for (int c = 0; c < s[0].length; c++) {
                double d = p.get(i)[0][c] - s[t + 1][c];
                double q = s[t][c] - s[t + 1][c];
                model += d * d;
                persistence += q * q;
                count++;
            }
        }
        return new double[] {Math.sqrt(model / count), Math.sqrt(persistence / count)};
    }

    static final double[][] RAW = oscillations(TRAIN + TEST, 20240611L);
    static final Map<String, LstmForecaster> MODELS = new LinkedHashMap<>();

    @BeforeAll
    static void train() {
        double[][] train = Arrays.copyOf(shifted(RAW, 3, false), TRAIN); // the same frames whatever the test part's shift
        for (String mode : LstmSettings.NORMALISATIONS) {
            MODELS.put(mode, LstmForecaster.trainOnReal("lstm", train, H, S.withInputNormalisation(mode), null));
        }
    }

    private static String ratios(double[][] s) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, LstmForecaster> e : MODELS.entrySet()) {
            double[] r = rmse(e.getValue(), s);
            b.append(String.format(java.util.Locale.ROOT, "%s: RMSE %.3f, persistence %.3f, ratio %.2f; ", e.getKey(), r[0], r[1], r[0] / r[1]));
        }
        return b.toString();
    }

    /** Asserts that last and revin are within 1.5x of persistence at h = 1; returns every model's numbers as text. */
    private static String assertRobust(double[][] s, String what) {
        String all = what + ": " + ratios(s);
        System.out.println("LevelShiftTest " + all);
        for (String mode : List.of("last", "revin")) {
            double[] r = rmse(MODELS.get(mode), s);
            assertTrue(r[0] <= 1.5 * r[1], mode + " must be within 1.5x of persistence at h = 1; " + all);
        }
        return all;
    }

    @Test
    void lastAndRevinFollowAStepOfThreeSdWhereNoneForecastsTheTrainingLevel() {
        double[][] s = shifted(RAW, 3, false);
        String all = assertRobust(s, "test part shifted by +3 sd");
        double[] none = rmse(MODELS.get("none"), s);
        assertTrue(none[0] > 1.5 * none[1], "none forecasts the training level, so it fails on a level shift; " + all);
    }

    /**
     * A drift from 0 to +3 sd averages 1.5 sd, so none fails less clearly (1.2x to 1.7x persistence over the data and LSTM seeds
     * tried); it is asserted only to be worse than both normalisations.
     */
    @Test
    void lastAndRevinFollowADriftOfThreeSdOverTheTestPart() {
        double[][] s = shifted(RAW, 3, true);
        String all = assertRobust(s, "test part drifting 0 to +3 sd");
        double none = rmse(MODELS.get("none"), s)[0];
        assertTrue(none > rmse(MODELS.get("last"), s)[0] && none > rmse(MODELS.get("revin"), s)[0], all);
    }

    @Test
    void withoutAShiftEveryNormalisationBeatsPersistence() {
        double[][] s = shifted(RAW, 0, false);
        String all = "no shift: " + ratios(s);
        System.out.println("LevelShiftTest " + all);
        for (LstmForecaster f : MODELS.values()) {
            double[] r = rmse(f, s);
            assertTrue(r[0] < r[1], all);
        }
    }
}
