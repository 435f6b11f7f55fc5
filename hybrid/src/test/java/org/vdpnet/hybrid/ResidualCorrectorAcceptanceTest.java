package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.forecast.Forecaster;

/**
 * Acceptance tests of the residual corrector on problems whose right answer is known: the data
 * are a known sum of sinusoids per channel plus i.i.d. Gaussian observation noise of sd
 * {@link #SIGMA}, and the base forecaster knows the generating function (it reads the origin from
 * the history's length). Measured on the unseen frames {@code [TRAIN, T)} after the training part.
 * <ul>
 *   <li>an exact base leaves only unpredictable noise, so the best correction is 0: the learnt one
 *       must stay well below the noise floor;</li>
 *   <li>a base with a known bias (a per-channel offset plus a per-channel slope in the horizon):
 *       the corrector must remove most of it at every horizon;</li>
 *   <li>out-of-sample bases: each training origin's base forecast comes from its fold's base, and
 *       origins before the first fold give no examples.</li>
 * </ul>
 * Each check is also applied to a zeroed and to a fixed correction, which it must reject, so
 * the bounds are shown to discriminate.
 */
class ResidualCorrectorAcceptanceTest {
    private static final int T = 600;
    private static final int TRAIN = 480;
    private static final int H = 5;
    private static final int N = 2;
    private static final double SIGMA = 0.3;
    private static final long SEED = 20240611L;
    /** Small and fast: 12 units, a 10-frame history, at most 60 epochs, early stopping on the last 20 % of the training frames. */
    private static final LstmSettings S = new LstmSettings(12, 10, 1e-2, 60, 32, 10, 0.2, 7L, "none", LstmSettings.DEFAULT_SD_FLOOR);

    /** The noise-free signal of channel {@code c} at frame {@code t}. */
    static double signal(int t, int c) {
        return c == 0 ? Math.sin(2 * Math.PI * t / 25.0) + 0.5 * Math.sin(2 * Math.PI * t / 7.3 + 1.0)
                : 0.8 * Math.cos(2 * Math.PI * t / 40.0) + 0.4 * Math.sin(2 * Math.PI * t / 11.0 + 0.3);
    }

    /** The signal plus i.i.d. N(0, SIGMA^2) noise, {@code [T][N]}. */
    static double[][] noisy(long seed) {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, "observation-noise"));
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][] s = new double[T][N];
        for (int t = 0; t < T; t++) {
            for (int c = 0; c < N; c++) {
                s[t][c] = signal(t, c) + SIGMA * g.sample();
            }
        }
        return s;
    }

    /** A bias of a base forecast {@code h} frames ahead (1-based) in channel {@code c}. */
    interface Bias {
        double at(int h, int c);
    }

    static final Bias NONE = (h, c) -> 0;
    /** A per-channel offset plus a per-channel slope in the horizon: 0.68, -0.51 at h = 1 up to 1.0, -0.75 at h = 5. */
    static final Bias OFFSET_AND_SLOPE = (h, c) -> c == 0 ? 0.6 + 0.08 * h : -0.45 - 0.06 * h;

    /** Forecasts the signal after the history's last frame, plus a bias; records the history lengths it was asked about. */
    static final class KnownBase implements Forecaster {
        private final String name;
        private final Bias bias;
        final List<Integer> asked = Collections.synchronizedList(new ArrayList<>());

        KnownBase(String name, Bias bias) {
            this.name = name;
            this.bias = bias;
        }

        @Override public String name() { return name; }

        @Override public int channels() { return N; }

        @Override public int minimumHistory() { return 1; }

        @Override public int maximumHorizon() { return H; }

        @Override
        public double[][] forecast(double[][] history, int horizon) {
            Forecaster.check(this, history, horizon);
            asked.add(history.length);
            int origin = history.length; // the first forecast frame
            double[][] f = new double[horizon][N];
            for (int k = 0; k < horizon; k++) {
                for (int c = 0; c < N; c++) {
                    f[k][c] = signal(origin + k, c) + bias.at(k + 1, c);
                }
            }
            return f;
        }
    }

    /** Base and corrected forecasts from every test origin {@code t} in {@code [TRAIN, T - H]}: {@code [origin][horizon][channel]}. */
    record TestForecasts(double[][][] base, double[][][] corrected) {
        /** These base forecasts with the correction replaced by {@code base + fixed(h, c)}. */
        TestForecasts withCorrection(Bias fixed) {
            double[][][] c = new double[base.length][H][N];
            for (int i = 0; i < base.length; i++) {
                for (int k = 0; k < H; k++) {
                    for (int j = 0; j < N; j++) {
                        c[i][k][j] = base[i][k][j] + fixed.at(k + 1, j);
                    }
                }
            }
            return new TestForecasts(base, c);
        }
    }

    static TestForecasts testForecasts(ResidualForecaster f, Forecaster base, double[][] data) {
        List<double[][]> hist = new ArrayList<>();
        for (int t = TRAIN; t + H <= T; t++) {
            hist.add(Arrays.copyOf(data, t));
        }
        return new TestForecasts(base.forecastMany(hist, H).toArray(new double[0][][]), f.forecastMany(hist, H).toArray(new double[0][][]));
    }

    /** The RMS of corrected minus base over every test origin, horizon and channel. */
    static double correctionRms(TestForecasts p) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < p.base.length; i++) {
            for (int k = 0; k < H; k++) {
                for (int c = 0; c < N; c++) {
                    double d = p.corrected[i][k][c] - p.base[i][k][c];
                    sum += d * d;
                    count++;
                }
            }
        }
        return Math.sqrt(sum / count);
    }

    /** The RMSE of forecasts {@code [origin][horizon][channel]} against the noisy frames. */
    static double rmse(double[][][] p, double[][] data) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < H; k++) {
                for (int c = 0; c < N; c++) {
                    double d = p[i][k][c] - data[TRAIN + i + k][c];
                    sum += d * d;
                    count++;
                }
            }
        }
        return Math.sqrt(sum / count);
    }

    /** The mean error (forecast minus noisy truth) over the test origins, {@code [horizon][channel]}. */
    static double[][] meanError(double[][][] p, double[][] data) {
        double[][] m = new double[H][N];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < H; k++) {
                for (int c = 0; c < N; c++) {
                    m[k][c] += (p[i][k][c] - data[TRAIN + i + k][c]) / p.length;
                }
            }
        }
        return m;
    }

    /** The exact signal's forecasts from the test origins (error = the noise alone), computed from {@link #signal} directly. */
    static double[][][] exactForecasts() {
        double[][][] p = new double[T - H - TRAIN + 1][H][N];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < H; k++) {
                for (int c = 0; c < N; c++) {
                    p[i][k][c] = signal(TRAIN + i + k, c);
                }
            }
        }
        return p;
    }

    /**
     * An exact base leaves i.i.d. noise, independent of everything the corrector reads, so any
     * correction c adds E[c^2] to the MSE. The bound 0.3 sigma keeps the corrected RMSE within
     * sqrt(1 + 0.09) = 1.044 of the base's; a corrector that had fit the training noise (corrections of
     * the noise's size, sigma) would add 41 %, and a fixed offset of 0.5 sigma fails too.
     */
    static boolean belowNoiseFloor(TestForecasts p, double[][] data) {
        return correctionRms(p) < 0.3 * SIGMA && rmse(p.corrected, data) < 1.05 * rmse(p.base, data);
    }

    @Test
    void anExactBaseIsLeftAloneBelowTheNoiseFloor() {
        double[][] data = noisy(SEED);
        KnownBase base = new KnownBase("exact", NONE);
        ResidualForecaster f = ResidualForecaster.train(base, Arrays.copyOf(data, TRAIN), H, S, null);
        TestForecasts p = testForecasts(f, base, data);
        double rms = correctionRms(p);
        double baseRmse = rmse(p.base, data);
        double corrRmse = rmse(p.corrected, data);
        // measured: correction RMS 0.036 = 0.12 sigma, corrected RMSE 1.007 x the base's (0.2861 vs 0.2843),
        // stopped early after 16 epochs (best 6);
        // over 8 other noise and weight seeds 0.09 to 0.18 sigma and 0.997 to 1.016 x; a corrector that overfits (32 units, no
        // validation tail, 100 epochs) measured 0.87 sigma and 1.35 x and fails
        assertTrue(rms < 0.3 * SIGMA, "correction RMS " + rms + " must be below 0.3 sigma = " + 0.3 * SIGMA);
        assertTrue(corrRmse < 1.05 * baseRmse, "corrected RMSE " + corrRmse + " vs the exact base's " + baseRmse);
        assertTrue(belowNoiseFloor(p, data));
        // the check rejects a fixed correction of half the noise sd, and a corrector that adds noise of sd sigma
        assertTrue(!belowNoiseFloor(p.withCorrection((h, c) -> 0.5 * SIGMA), data));
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(SEED, "spurious-correction"));
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        assertTrue(!belowNoiseFloor(p.withCorrection((h, c) -> SIGMA * g.sample()), data));
        // bit-identical on a rerun
        ResidualForecaster again = ResidualForecaster.train(base, Arrays.copyOf(data, TRAIN), H, S, null);
        float[][] wa = (float[][]) f.state().get("weights");
        float[][] wb = (float[][]) again.state().get("weights");
        assertEquals(wa.length, wb.length);
        for (int k = 0; k < wa.length; k++) {
            assertArrayEquals(wa[k], wb[k]);
        }
    }

    /** |mean error| / |bias| per horizon and channel, {@code [horizon][channel]}. */
    static double[][] residualBiasFractions(double[][][] p, double[][] data, Bias bias) {
        double[][] m = meanError(p, data);
        double[][] fr = new double[H][N];
        for (int k = 0; k < H; k++) {
            for (int c = 0; c < N; c++) {
                fr[k][c] = Math.abs(m[k][c]) / Math.abs(bias.at(k + 1, c));
            }
        }
        return fr;
    }

    /** The fraction of the bias's part of the base's MSE (its MSE minus the exact signal's on the same frames) left after correction. */
    static double biasMsePartLeft(TestForecasts p, double[][] data) {
        double exact = sq(rmse(exactForecasts(), data));
        return (sq(rmse(p.corrected, data)) - exact) / (sq(rmse(p.base, data)) - exact);
    }

    /**
     * Removes most of a known bias: at every horizon and channel the corrected forecasts' mean error
     * over the test origins is below 25 % of the bias there, and the corrected MSE keeps less than
     * 30 % of the part of the base's MSE that is due to the bias (the base's MSE minus that of the
     * exact signal on the same frames). The mean error's sampling sd is sigma / sqrt(116) = 0.028,
     * about 5 % of the smallest bias (0.51).
     */
    static boolean removesMostOfTheBias(TestForecasts p, double[][] data, Bias bias) {
        for (double[] row : residualBiasFractions(p.corrected, data, bias)) {
            for (double v : row) {
                if (!(v < 0.25)) {
                    return false;
                }
            }
        }
        return biasMsePartLeft(p, data) < 0.3;
    }

    private static double sq(double v) {
        return v * v;
    }

    @Test
    void aKnownBiasIsRemovedAtEveryHorizon() {
        double[][] data = noisy(SEED + 1);
        KnownBase base = new KnownBase("biased", OFFSET_AND_SLOPE);
        ResidualForecaster f = ResidualForecaster.train(base, Arrays.copyOf(data, TRAIN), H, S, null);
        TestForecasts p = testForecasts(f, base, data);
        double[][] fr = residualBiasFractions(p.corrected, data, OFFSET_AND_SLOPE);
        double[][] frBase = residualBiasFractions(p.base, data, OFFSET_AND_SLOPE);
        // measured: the mean error left is 2 % to 11 % of the bias (the base's: 101 % to 108 %, its noise included), and the corrected
        // MSE keeps 0.9 % of the bias's part; over 8 other seeds at most 19 % and 0.6 %
        for (double[] row : frBase) {
            for (double v : row) {
                assertTrue(v > 0.9, "the base keeps its bias: " + v);
            }
        }
        for (int k = 0; k < H; k++) {
            for (int c = 0; c < N; c++) {
                assertTrue(fr[k][c] < 0.25, "h = " + (k + 1) + ", channel " + c + ": mean error " + fr[k][c] + " of the bias "
                        + OFFSET_AND_SLOPE.at(k + 1, c) + " is left");
            }
        }
        double left = biasMsePartLeft(p, data);
        assertTrue(left < 0.3, "the corrected MSE keeps " + left + " of the bias's part of the base's MSE");
        assertTrue(removesMostOfTheBias(p, data, OFFSET_AND_SLOPE));
        // the check rejects a zeroed correction, a fixed correction of the wrong sign and one of twice the bias
        assertTrue(!removesMostOfTheBias(p.withCorrection(NONE), data, OFFSET_AND_SLOPE));
        assertTrue(!removesMostOfTheBias(p.withCorrection(OFFSET_AND_SLOPE), data, OFFSET_AND_SLOPE));
        assertTrue(!removesMostOfTheBias(p.withCorrection((h, c) -> -2 * OFFSET_AND_SLOPE.at(h, c)), data, OFFSET_AND_SLOPE));
    }

    @Test
    void outOfSampleTrainingOriginsUseTheirFoldsBase() {
        double[][] data = noisy(SEED + 2);
        double[][] train = Arrays.copyOf(data, TRAIN);
        int[] starts = {100, 300};
        KnownBase early = new KnownBase("fold-0", (h, c) -> 0.5);
        KnownBase late = new KnownBase("fold-1", (h, c) -> -0.5);
        KnownBase last = new KnownBase("final", NONE);
        ResidualForecaster.OutOfSample bases = new ResidualForecaster.OutOfSample(starts, List.of(early, late), "two test folds");
        // no validation tail, so every origin t in [starts[0], TRAIN - H] trains (a history of t frames) whatever the split rule;
        // with a tail, train() currently splits with window max(w', starts[0]) = 100 (166 training, 1 validation example here)
        LstmSettings s = S.withValidationTail(0).withEpochs(5);
        ResidualForecaster f = ResidualForecaster.train(last, bases, train, H, s, null);
        TreeSet<Integer> a = new TreeSet<>(early.asked);
        TreeSet<Integer> b = new TreeSet<>(late.asked);
        assertEquals(early.asked.size(), a.size(), "each origin asked once");
        assertEquals(late.asked.size(), b.size(), "each origin asked once");
        assertEquals(100, a.first());
        assertEquals(299, a.last());
        assertEquals(200, a.size());
        assertEquals(300, b.first());
        assertEquals(TRAIN - H, b.last());
        assertEquals(TRAIN - H - 300 + 1, b.size());
        assertEquals(List.of(), last.asked, "the final base forecasts no training origin");
        assertEquals(TRAIN - H - 100 + 1, f.log().trainingExamples(), "origins before the first fold give no examples");
        assertEquals(0, f.log().validationExamples());
        // at forecast time the final base is the one corrected
        f.forecast(train, H);
        assertEquals(List.of(TRAIN), last.asked);
    }
}
