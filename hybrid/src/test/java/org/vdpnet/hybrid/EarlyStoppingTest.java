package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vdpnet.hybrid.LstmNetwork.TrainingLog;
import org.vdpnet.hybrid.LstmNetwork.TrainingLog.Status;

/** How {@link LstmNetwork#fit} ends and which weights it keeps. */
class EarlyStoppingTest {
    private static final int N = 60;
    private static final int WINDOW = 6;
    private static final double[][] Y = new double[N][2];
    private static final double[][][] X = LstmNetworkTest.windows(N, WINDOW, Y);
    private static final double[][][] NO_X = new double[0][][];
    private static final double[][] NO_Y = new double[0][];

    private static LstmSettings settings(int epochs, int patience) {
        return new LstmSettings(4, WINDOW, 2e-2, epochs, 16, patience, 0.15, 7L);
    }

    /**
     * Validation targets at half the true value: as the network learns the sine its validation
     * loss first falls (from the random start towards the half-size targets) and then rises
     * again, so the best validation epoch lies inside training.
     */
    private static double[][] halfTargets(double[][] y) {
        double[][] h = new double[y.length][];
        for (int i = 0; i < y.length; i++) {
            h[i] = new double[] {0.5 * y[i][0], 0.5 * y[i][1]};
        }
        return h;
    }

    private static final double[][] VAL_Y = new double[30][2];
    private static final double[][][] VAL_X = LstmNetworkTest.windows(N + 2 * WINDOW, 30, WINDOW, VAL_Y);

    /** The weights after exactly {@code epochs} epochs with no validation: the training trajectory. */
    private static float[][] trajectory(LstmSettings s, int epochs, double[][][] x, double[][] y) {
        if (epochs == 0) {
            return LstmNetwork.create(2, 2, s).weights();
        }
        LstmNetwork net = LstmNetwork.create(2, 2, s.withEpochs(epochs));
        TrainingLog log = net.fit(x, y, null);
        assertEquals(Status.BUDGET, log.status(), "the reference run must be finite: " + log);
        return net.weights();
    }

    private static void assertWeightsEqual(float[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(expected[k], actual[k], what + ": weight array " + k);
        }
    }

    private static void assertFinite(float[][] w) {
        for (float[] a : w) {
            for (float v : a) {
                assertTrue(Float.isFinite(v), "a kept weight is " + v);
            }
        }
    }

    /** Mean squared error of predictions, computed here from {@link LstmNetwork#predict}. */
    private static double mse(LstmNetwork net, double[][][] x, double[][] y) {
        double[][] p = net.predict(x);
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y[i].length; j++) {
                s += (p[i][j] - y[i][j]) * (p[i][j] - y[i][j]);
            }
        }
        return s / (y.length * y[0].length);
    }

    @Test
    void anEmptyValidationSetRunsTheFullBudgetAndKeepsTheFinalWeights() {
        LstmSettings s = settings(9, 1); // patience 1 would stop at once if anything were monitored
        LstmNetwork net = LstmNetwork.create(2, 2, s);
        TrainingLog log = net.fit(X, Y, NO_X, NO_Y, null);
        assertEquals(Status.BUDGET, log.status());
        assertEquals(9, log.epochs());
        assertEquals(9, log.bestEpoch());
        assertTrue(Double.isNaN(log.bestValidationLoss()));
        assertEquals(0, log.validationExamples());
        assertEquals(N, log.trainingExamples());
        assertEquals(List.of(), log.validationLoss());
        assertEquals(9, log.trainLoss().size());
        assertEquals(List.of(), log.warnings());
        // the kept weights are the last epoch's: their training loss is the last one recorded
        assertEquals(log.trainLoss().get(8), mse(net, X, Y), 1e-12);
        assertWeightsEqual(trajectory(s, 9, X, Y), net.weights(), "no validation");
        assertEquals("BUDGET", log.describe().get("status"));
        assertTrue(Double.isNaN((Double) log.describe().get("bestValidationLoss")));
    }

    @Test
    void earlyStoppingRestoresTheBestValidationEpoch() {
        LstmSettings s = settings(60, 4);
        LstmNetwork net = LstmNetwork.create(2, 2, s);
        double[][] valY = halfTargets(VAL_Y);
        TrainingLog log = net.fit(X, Y, VAL_X, valY, null);
        assertEquals(Status.EARLY_STOPPED, log.status(), log.toString());
        int best = log.bestEpoch();
        assertTrue(best >= 2 && best < log.epochs(), "best epoch " + best + " of " + log.epochs() + ": " + log.validationLoss());
        assertEquals(best + 4, log.epochs(), "stops after patience epochs without improvement");
        assertEquals(Collections.min(log.validationLoss()), log.bestValidationLoss());
        assertEquals(log.validationLoss().get(best - 1), log.bestValidationLoss());
        assertEquals(30, log.validationExamples());
        // the restored weights are the best epoch's: equal to a run of exactly that many epochs ...
        assertWeightsEqual(trajectory(s, best, X, Y), net.weights(), "best validation epoch " + best);
        // ... and they score the recorded best validation loss
        assertEquals(log.bestValidationLoss(), mse(net, VAL_X, valY), 1e-12);
        assertEquals(List.of(), log.warnings());
    }

    @Test
    void withValidationTheBudgetKeepsTheBestValidationWeightsNotTheFinalOnes() {
        LstmSettings s = settings(12, 1000);
        LstmNetwork net = LstmNetwork.create(2, 2, s);
        TrainingLog log = net.fit(X, Y, VAL_X, halfTargets(VAL_Y), null);
        assertEquals(Status.BUDGET, log.status());
        assertEquals(12, log.epochs());
        int best = log.bestEpoch();
        assertEquals(log.validationLoss().indexOf(Collections.min(log.validationLoss())) + 1, best);
        assertTrue(best < 12, "the half-size targets make the last epoch worse than the best: " + log.validationLoss());
        assertWeightsEqual(trajectory(s, best, X, Y), net.weights(), "best of the budget");
    }

    @Test
    void nanTargetsKeepTheInitialWeightsAndSaySo() {
        LstmSettings s = settings(5, 5);
        float[][] initial = LstmNetwork.create(2, 2, s).weights();
        double[][] y = new double[N][];
        for (int i = 0; i < N; i++) {
            y[i] = Y[i].clone();
        }
        y[17][1] = Double.NaN;
        LstmNetwork net = LstmNetwork.create(2, 2, s);
        TrainingLog log = net.fit(X, y, VAL_X, VAL_Y, null);
        assertEquals(Status.NON_FINITE_LOSS, log.status());
        assertEquals(1, log.epochs());
        assertEquals(0, log.bestEpoch());
        assertTrue(Double.isNaN(log.bestValidationLoss()));
        assertEquals(List.of("training loss became NaN at epoch 1; kept the initial weights (no epoch had a finite loss)"), log.warnings());
        assertWeightsEqual(initial, net.weights(), "initial weights");

        double[][] valY = halfTargets(VAL_Y);
        valY[3][0] = Double.NaN;
        LstmNetwork other = LstmNetwork.create(2, 2, s);
        TrainingLog vlog = other.fit(X, Y, VAL_X, valY, null);
        assertEquals(Status.NON_FINITE_LOSS, vlog.status());
        assertEquals(0, vlog.bestEpoch());
        assertEquals(List.of("validation loss became NaN at epoch 1; kept the initial weights (no epoch had a finite loss)"), vlog.warnings());
        assertWeightsEqual(initial, other.weights(), "initial weights");
    }

    @Test
    void aHugeLearningRateEndsWithTheBestFiniteWeights() {
        // 1e39: the first Adam step already overflows the float32 weights to infinity
        LstmNetwork first = LstmNetwork.create(2, 2, settings(5, 5).withLearningRate(1e39));
        TrainingLog firstLog = first.fit(X, Y, null);
        assertEquals(Status.NON_FINITE_LOSS, firstLog.status());
        assertEquals(0, firstLog.bestEpoch());
        assertWeightsEqual(LstmNetwork.create(2, 2, settings(5, 5)).weights(), first.weights(), "initial weights");

        // just below the overflow the loss stays finite for some epochs and then becomes NaN
        TrainingLog found = null;
        // each Adam step moves a weight by about the learning rate: these overflow float32 after one to a dozen steps
        for (double lr : new double[] {2.3e38, 1.1e38, 7e37, 5e37, 4e37, 3e37, 2e37, 1.5e37}) {
            LstmSettings s = settings(250, 250).withLearningRate(lr);
            LstmNetwork net = LstmNetwork.create(2, 2, s);
            TrainingLog log = net.fit(X, Y, null);
            if (log.status() != Status.NON_FINITE_LOSS || log.bestEpoch() == 0) {
                continue;
            }
            found = log;
            assertEquals(log.epochs() - 1, log.bestEpoch(), "without validation the last finite epoch is kept");
            assertFalse(Double.isFinite(log.trainLoss().get(log.epochs() - 1)));
            float[][] kept = net.weights();
            assertFinite(kept);
            assertWeightsEqual(trajectory(s, log.bestEpoch(), X, Y), kept, "last finite epoch at lr " + lr);
            assertEquals(List.of("training loss became NaN at epoch " + log.epochs() + "; kept the weights of epoch " + log.bestEpoch()),
                    log.warnings());

            // with validation: the best validation epoch before the failure
            LstmNetwork v = LstmNetwork.create(2, 2, s);
            TrainingLog vlog = v.fit(X, Y, VAL_X, VAL_Y, null);
            assertEquals(Status.NON_FINITE_LOSS, vlog.status());
            assertTrue(vlog.epochs() <= log.epochs(), "validation does not change the training trajectory");
            assertEquals(vlog.validationLoss().indexOf(Collections.min(vlog.validationLoss().subList(0, vlog.epochs() - 1))) + 1,
                    vlog.bestEpoch());
            assertWeightsEqual(trajectory(s, vlog.bestEpoch(), X, Y), v.weights(), "best validation epoch at lr " + lr);
            assertFinite(v.weights());
            break;
        }
        // the overflow edge depends on the CPU's float kernels: where none of these rates crosses it mid-training,
        // the NaN-at-epoch-1 case above still covers the status, so this part is skipped rather than failed
        org.junit.jupiter.api.Assumptions.assumeTrue(found != null, "no learning rate here gave a finite epoch and then a NaN loss");
    }

    @Test
    void trainingWithValidationIsBitIdenticalForASeed() {
        LstmSettings s = settings(10, 3);
        LstmNetwork a = LstmNetwork.create(2, 2, s);
        LstmNetwork b = LstmNetwork.create(2, 2, s);
        TrainingLog la = a.fit(X, Y, VAL_X, halfTargets(VAL_Y), null);
        TrainingLog lb = b.fit(X, Y, VAL_X, halfTargets(VAL_Y), null);
        assertEquals(la, lb);
        assertWeightsEqual(a.weights(), b.weights(), "same seed");
    }
}
