package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LstmNetworkTest {
    /** Windows of a two-channel sine and cosine, and the next sample: a task with a known answer. */
    static double[][][] windows(int n, int window, double[][] targets) {
        return windows(0, n, window, targets);
    }

    /** As {@link #windows(int, int, double[][])}, starting {@code from} samples later. */
    static double[][][] windows(int from, int n, int window, double[][] targets) {
        double[][][] x = new double[n][window][2];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < window; s++) {
                double t = 0.3 * (from + i + s);
                x[i][s][0] = Math.sin(t);
                x[i][s][1] = Math.cos(t);
            }
            double t = 0.3 * (from + i + window);
            targets[i][0] = Math.sin(t);
            targets[i][1] = Math.cos(t);
        }
        return x;
    }

    @Test
    void learnsTheNextSampleOfASine() {
        int n = 200;
        double[][] y = new double[n][2];
        double[][][] x = windows(n, 10, y);
        // validation windows from later in the series, 20 samples past the last training target
        double[][] valY = new double[40][2];
        double[][][] valX = windows(n + 30, 40, 10, valY);
        LstmSettings s = new LstmSettings(16, 10, 1e-2, 60, 32, 60, 0.2, 3L);
        LstmNetwork net = LstmNetwork.create(2, 2, s);
        LstmNetwork.TrainingLog log = net.fit(x, y, valX, valY, null);
        double[][] p = net.predict(x);
        double mse = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                mse += (p[i][j] - y[i][j]) * (p[i][j] - y[i][j]) / (2 * n);
            }
        }
        // the targets have variance 0.5; persistence would score 2(1 - cos 0.3) / 2 = 0.045
        assertTrue(mse < 0.01, "mse " + mse + " after " + log.epochs() + " epochs");
        assertTrue(log.bestEpoch() >= 1 && log.validationLoss().size() == log.epochs());
        assertTrue(log.trainLoss().get(log.trainLoss().size() - 1) < log.trainLoss().get(0), "training loss " + log.trainLoss());
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        int n = 80;
        double[][] y = new double[n][2];
        double[][][] x = windows(n, 8, y);
        LstmSettings s = new LstmSettings(8, 8, 1e-2, 5, 16, 5, 0.2, 5L);
        float[][] a = train(x, y, s);
        float[][] b = train(x, y, s);
        float[][] c = train(x, y, s.withSeed(6));
        for (int k = 0; k < a.length; k++) {
            assertArrayEquals(a[k], b[k]);
        }
        assertNotEquals(a[0][0], c[0][0]);
    }

    private static float[][] train(double[][][] x, double[][] y, LstmSettings s) {
        LstmNetwork net = LstmNetwork.create(2, 2, s);
        net.fit(x, y, null);
        return net.weights();
    }

    @Test
    void wrongShapesAreRejectedWithTheSizes() {
        LstmNetwork net = LstmNetwork.create(2, 2, LstmSettings.defaults().withShape(4, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(new double[1][3][2]));
        assertEquals("lstm: input windows must be 5 x 2, got 3 x 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LstmSettings(0, 5, 1e-3, 1, 1, 1, 0, 1));
    }
}
