package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vdpnet.sim.Seeds;

/** {@link WindowNormaliser}: the per-window levels and spreads, the learnt scales and their inverse, against values worked by hand. */
class WindowNormaliserTest {
    private static final LstmSettings S = LstmSettings.defaults().withShape(4, 3);

    private static final double[][] WINDOW = {{1, 10}, {2, 20}, {4, 30}};

    @Test
    void lastSubtractsTheLastFrameAndDividesByTheScales() {
        WindowNormaliser n = WindowNormaliser.of(S.withInputNormalisation("last"), 2, 1, new double[] {2, 4}, new double[] {0.5, 8});
        WindowNormaliser.Stats st = n.stats(WINDOW);
        assertArrayEquals(new double[] {4, 30}, st.level);
        assertArrayEquals(new double[] {1, 1}, st.spread);
        assertArrayEquals(new double[][] {{-1.5, -5}, {-1, -2.5}, {0, 0}}, n.input(WINDOW, st));
        assertArrayEquals(new double[] {2, -0.5}, n.target(new double[] {5, 26}, st));
        assertArrayEquals(new double[] {4 + 0.5 * 3, 30 + 8 * -1}, n.output(new double[] {3, -1}, st));
    }

    @Test
    void revinSubtractsTheWindowMeanAndDividesByItsSd() {
        WindowNormaliser n = WindowNormaliser.of(S.withInputNormalisation("revin"), 2, 1, new double[] {2, 4}, new double[] {0.5, 8});
        WindowNormaliser.Stats st = n.stats(WINDOW);
        // channel 0: mean 7/3, population variance (16 + 1 + 25) / 27 = 14/9; channel 1: mean 20, variance 200/3
        double sd0 = Math.sqrt(14.0) / 3;
        double sd1 = Math.sqrt(200.0 / 3);
        assertEquals(7.0 / 3, st.level[0], 1e-15);
        assertEquals(20, st.level[1], 1e-14);
        assertEquals(sd0, st.spread[0], 1e-15);
        assertEquals(sd1, st.spread[1], 1e-14);
        assertEquals(0, st.floored);
        double[][] x = n.input(WINDOW, st);
        assertEquals((4 - 7.0 / 3) / sd0 / 2, x[2][0], 1e-15);
        assertEquals(-10 / sd1 / 4, x[0][1], 1e-15);
        double[] t = n.target(new double[] {5, 26}, st);
        assertEquals((5 - 7.0 / 3) / sd0 / 0.5, t[0], 1e-14);
        assertEquals(6 / sd1 / 8, t[1], 1e-15);
    }

    @Test
    void noneLeavesEverythingAsItIs() {
        WindowNormaliser n = WindowNormaliser.of(S.withInputNormalisation("none"), 2, 1, new double[] {1, 1}, new double[] {1, 1});
        WindowNormaliser.Stats st = n.stats(WINDOW);
        assertArrayEquals(WINDOW, n.input(WINDOW, st));
        assertArrayEquals(new double[] {5, 26}, n.target(new double[] {5, 26}, st));
        assertArrayEquals(new double[] {5, 26}, n.output(new double[] {5, 26}, st));
    }

    /** Dyadic values, power-of-two scales and windows whose revin sd is a power of two: every step is exact, so the round trip is. */
    @ParameterizedTest
    @ValueSource(strings = {"last", "revin", "none"})
    void theRoundTripIsExact(String mode) {
        double[][] w = {{0, 1, -3}, {0, 3, -3}, {2, 1, 5}, {2, 3, 5}}; // revin: means 1, 2, 1 and sds 1, 1, 4
        double[] in = mode.equals("none") ? new double[] {1, 1, 1} : new double[] {0.5, 2, 4};
        double[] out = mode.equals("none") ? new double[] {1, 1, 1, 1, 1, 1} : new double[] {0.25, 1, 8, 2, 0.5, 16};
        WindowNormaliser n = WindowNormaliser.of(S.withShape(4, 4).withInputNormalisation(mode), 3, 2, in, out);
        WindowNormaliser.Stats st = n.stats(w);
        double[] y = {2.5, -7.25, 1.125, 0.0625, 3, -11.5};
        assertArrayEquals(y, n.output(n.target(y, st), st));
        // the inputs too: level + spread * (scale * normalised) gives the window back
        double[][] x = n.input(w, st);
        for (int k = 0; k < w.length; k++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(w[k][c], st.level[c] + st.spread[c] * (in[c] * x[k][c]), 0.0);
            }
        }
    }

    /** Any values and learnt scales: the round trip is exact up to rounding (a few ulps of the level). */
    @ParameterizedTest
    @ValueSource(strings = {"last", "revin", "none"})
    void theRoundTripOfAnyValuesIsExactToRounding(String mode) {
        UniformRandomProvider rng = Seeds.rng(17L);
        int n = 2;
        int h = 3;
        double[][][] x = new double[50][6][n];
        double[][] y = new double[50][h * n];
        for (int e = 0; e < x.length; e++) {
            for (double[] row : x[e]) {
                row[0] = 100 + 5 * rng.nextDouble();
                row[1] = -3 * rng.nextDouble();
            }
            for (int j = 0; j < y[e].length; j++) {
                y[e][j] = x[e][5][j % n] + rng.nextDouble() - 0.5;
            }
        }
        WindowNormaliser norm = WindowNormaliser.learn(S.withShape(4, 6).withInputNormalisation(mode), n, h, x, y).normaliser();
        for (int e = 0; e < x.length; e++) {
            WindowNormaliser.Stats st = norm.stats(x[e]);
            double[] back = norm.output(norm.target(y[e], st), st);
            for (int j = 0; j < back.length; j++) {
                assertEquals(y[e][j], back[j], 4 * Math.ulp(105.0), mode + " example " + e + " output " + j);
            }
        }
    }

    @Test
    void theScalesAreTheRootMeanSquaresOfTheNormalisedTrainingValues() {
        // two windows of 2 frames, 1 channel, horizon 2
        double[][][] x = {{{1}, {3}}, {{2}, {-2}}};
        double[][] y = {{4, 7}, {0, -1}};
        WindowNormaliser last = WindowNormaliser.learn(S.withShape(4, 2), 1, 2, x, y).normaliser();
        // last: inputs -2, 0, 4, 0; targets at h = 1: 1, 2; at h = 2: 4, 1
        assertArrayEquals(new double[] {Math.sqrt(20.0 / 4)}, last.inScale(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(5.0 / 2), Math.sqrt(17.0 / 2)}, last.outScale(), 1e-15);
        WindowNormaliser revin = WindowNormaliser.learn(S.withShape(4, 2).withInputNormalisation("revin"), 1, 2, x, y).normaliser();
        // revin: window 1 mean 2 sd 1, window 2 mean 0 sd 2; inputs -1, 1, 1, -1; targets at h = 1: 2, 0; at h = 2: 5, -0.5
        assertArrayEquals(new double[] {1}, revin.inScale(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(4.0 / 2), Math.sqrt(25.25 / 2)}, revin.outScale(), 1e-15);
        WindowNormaliser none = WindowNormaliser.learn(S.withShape(4, 2).withInputNormalisation("none"), 1, 2, x, y).normaliser();
        assertArrayEquals(new double[] {1}, none.inScale());
        assertArrayEquals(new double[] {1, 1}, none.outScale());
    }

    @Test
    void aFlatWindowIsDividedByTheFloorAndCounted() {
        LstmSettings s = S.withInputNormalisation("revin").withSdFloor(0.25);
        WindowNormaliser n = WindowNormaliser.of(s, 2, 1, new double[] {1, 1}, new double[] {1, 1});
        WindowNormaliser.Stats st = n.stats(new double[][] {{1, 5}, {1, 5.1}, {1, 5}});
        assertArrayEquals(new double[] {0.25, 0.25}, st.spread); // sd 0 and sd 0.047 are both below the floor
        assertEquals(2, st.floored);
        WindowNormaliser.Learnt l = WindowNormaliser.learn(s, 1, 1, new double[][][] {{{1}, {1}, {1}}}, new double[][] {{1}});
        assertArrayEquals(new double[] {0.25}, l.normaliser().inScale());
        assertEquals(List.of("the learnt scale of the normalised input channel 0 was 0.0, below sd-floor 0.25; used the floor",
                "the learnt scale of the normalised target at horizon 1, channel 0 was 0.0, below sd-floor 0.25; used the floor"),
                l.warnings());
    }

    @Test
    void scalesThatDoNotSuitTheSettingsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WindowNormaliser.of(S.withInputNormalisation("none"), 1, 1, new double[] {2}, new double[] {1}));
        assertEquals("normalisation.inScale[0]: must be 1 with input-normalisation none, got 2.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WindowNormaliser.of(S, 1, 1, new double[] {1}, new double[] {Double.NaN}));
        assertEquals("normalisation.outScale[0]: must be finite and >= sd-floor 0.001, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WindowNormaliser.of(S, 2, 1, new double[] {1}, new double[] {1, 1}));
        assertEquals("normalisation.inScale: must have 2 values, got 1", e.getMessage());
    }

    @Test
    void theSettingsNameTheNormalisationAndTheFloor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S.withInputNormalisation("zscore"));
        assertEquals("input-normalisation: must be one of last, revin, none, got 'zscore'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> S.withInputNormalisation(null));
        assertEquals("input-normalisation: must be one of last, revin, none, got null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> S.withSdFloor(Double.NaN));
        assertEquals("sd-floor: must be finite and > 0, got NaN", e.getMessage());
        assertEquals("last", LstmSettings.defaults().inputNormalisation());
        assertEquals("last", new LstmSettings(4, 5, 1e-2, 3, 8, 2, 0.1, 1L).inputNormalisation(), "the old constructor takes the default");
        assertEquals(1e-3, new LstmSettings(4, 5, 1e-2, 3, 8, 2, 0.1, 1L).sdFloor());
        assertEquals("revin", S.withInputNormalisation("revin").describe().get("inputNormalisation"));
        assertEquals(0.5, S.withSdFloor(0.5).describe().get("sdFloor"));
        assertTrue(S.withInputNormalisation("revin").withSeed(9).withEpochs(2).withShape(3, 3).withLearningRate(1e-3).withValidationTail(0.2)
                .withBatchSize(4).withSdFloor(0.5).equals(new LstmSettings(3, 3, 1e-3, 2, 4, S.patience(), 0.2, 9, "revin", 0.5)),
                "every with* keeps the normalisation and the floor");
    }
}
