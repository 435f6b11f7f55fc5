package org.vdpnet.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.forecast.Forecaster;

class ValidationTest {
    /** Persistence on sin(w t) over whole periods of origins: RMSE at horizon h is sqrt(1 - cos(w h)) exactly. */
    @Test
    void persistenceOnASineHasItsAnalyticError() {
        int period = 20;
        double w = 2 * Math.PI / period;
        double[][] x = new double[400][1];
        for (int t = 0; t < x.length; t++) {
            x[t][0] = Math.sin(w * t);
        }
        int[] origins = new int[5 * period];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = 100 + i;
        }
        double[][] rmse = Metrics.rmse(Backtest.forecasts(Baselines.persistence(1, 10), x, origins, 10), Backtest.truth(x, origins, 10));
        for (int h = 1; h <= 10; h++) {
            assertEquals(Math.sqrt(1 - Math.cos(w * h)), rmse[h - 1][0], 1e-12, "h=" + h);
        }
    }

    /** VAR(1) x_t = A x_{t-1} + e_t with unit Gaussian noise: AIC picks order 1 and A comes back within 0.05. */
    @Test
    void varRecoversASimulatedVarOne() {
        double[][] a = {{0.5, 0.2}, {-0.3, 0.4}};
        Random rnd = new Random(3);
        double[][] x = new double[3000][2];
        for (int t = 1; t < x.length; t++) {
            for (int i = 0; i < 2; i++) {
                x[t][i] = a[i][0] * x[t - 1][0] + a[i][1] * x[t - 1][1] + rnd.nextGaussian();
            }
        }
        VarModel m = VarModel.fitByAic(x, 4, 0.0, 5);
        assertEquals(1, m.order());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(a[i][j], m.lag(1)[i][j], 0.05, "A[" + i + "][" + j + "]");
            }
        }
        // its forecast iterates the fitted map: two steps from (1, 0) is about A^2 (1, 0)
        double[][] f = m.forecast(new double[][] {{1, 0}}, 2);
        assertEquals(0.5 * 0.5 + 0.2 * -0.3, f[1][0], 0.06);
    }

    /** Hand-computed: d = 1..5, h = 1: mean 3, gamma_0 = 2, DM = 3 / sqrt(2 / 5), corrected by sqrt(4 / 5): 3 sqrt 2. */
    @Test
    void dieboldMarianoMatchesHandComputedExamples() {
        DieboldMariano.Result r = DieboldMariano.test(new double[] {2, 3, 4, 5, 6}, new double[] {1, 1, 1, 1, 1}, 1);
        assertEquals(3 * Math.sqrt(2), r.statistic(), 1e-12);
        assertEquals(0.013235599563682686, r.pValue(), 1e-9); // SciPy: 2 * stats.t.sf(3 * sqrt(2), 4)
        // d = 1, 3, 2, 5, 4, 6 and h = 2: mean 3.5, gamma_0 = 17.5 / 6, gamma_1 = 1.75 / 6, V = 3.5,
        // DM = 3.5 / sqrt(3.5 / 6), correction sqrt((6 + 1 - 4 + 2 / 6) / 6)
        r = DieboldMariano.test(new double[] {1, 3, 2, 5, 4, 6}, new double[6], 2);
        assertEquals(3.5 / Math.sqrt(3.5 / 6) * Math.sqrt((3 + 1.0 / 3) / 6), r.statistic(), 1e-12);
        assertEquals(0.01892712407194565, r.pValue(), 1e-9); // SciPy: 2 * stats.t.sf(3.41565..., 5)
        assertTrue(Double.isNaN(DieboldMariano.test(new double[2], new double[2], 1).pValue()), "undefined for n < 3: NaN, never p = 0");
    }

    /**
     * The leakage test: corrupting every frame after an origin must not change any forecast from
     * it. A forecaster that peeks at the whole series is caught, so the test can fail.
     */
    @Test
    void noBaselineSeesTheFuture() {
        Random rnd = new Random(8);
        double[][] x = new double[300][3];
        for (int t = 1; t < x.length; t++) {
            for (int i = 0; i < 3; i++) {
                x[t][i] = 0.8 * x[t - 1][i] + rnd.nextGaussian();
            }
        }
        double[][] train = Arrays.copyOf(x, 200);
        List<Forecaster> models = List.of(Baselines.persistence(3, 10), Baselines.climatology(train, 10), VarModel.fitByAic(train, 3, 1e-6, 10));
        int[] origins = Backtest.origins(199, 280, 9);
        for (Forecaster m : models) {
            assertFalse(leaks(m, x, origins), m.name());
        }
        double[][] whole = x;
        Forecaster peeking = new Forecaster() {
            @Override public String name() { return "peeking"; }
            @Override public int channels() { return 3; }
            @Override public int minimumHistory() { return 1; }
            @Override public int maximumHorizon() { return 10; }
            @Override public double[][] forecast(double[][] history, int horizon) {
                return Arrays.copyOfRange(CURRENT[0] == null ? whole : CURRENT[0], history.length, history.length + horizon);
            }
        };
        assertTrue(leaks(peeking, x, origins));
    }

    /** The series a peeking forecaster reads (set by {@link #leaks}), to show the detector works. */
    private static final double[][][] CURRENT = new double[1][][];

    static boolean leaks(Forecaster m, double[][] x, int[] origins) {
        for (int o : origins) {
            CURRENT[0] = x;
            double[][][] clean = Backtest.forecasts(m, x, new int[] {o}, 10);
            double[][] corrupted = Backtest.corruptAfter(x, o, 1e6);
            CURRENT[0] = corrupted;
            double[][][] dirty = Backtest.forecasts(m, corrupted, new int[] {o}, 10);
            CURRENT[0] = null;
            if (!Arrays.deepEquals(clean, dirty)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void metricsHaveTheirDefinitions() {
        double[][][] f = {{{1.0, 2.0}}, {{3.0, 0.0}}};
        double[][][] y = {{{2.0, 2.0}}, {{1.0, 0.0}}};
        assertArrayEquals(new double[] {Math.sqrt(2.5), 0}, Metrics.rmse(f, y)[0], 1e-12);
        assertArrayEquals(new double[] {1.5, 0}, Metrics.mae(f, y)[0], 1e-12);
        assertArrayEquals(new double[] {(200.0 / 3 + 100) / 2, 0}, Metrics.smape(f, y)[0], 1e-12); // 0 where both are 0
        assertArrayEquals(new double[] {Math.sqrt(2.5) / 2, 0}, Metrics.nrmse(f, y, new double[] {2, 1})[0], 1e-12);
        // training changes of 2 per step in channel 0 and 1 in channel 1: MASE = MAE / scale
        assertArrayEquals(new double[] {0.75, 0}, Metrics.mase(f, y, new double[][] {{0, 0}, {2, 1}, {4, 2}})[0], 1e-12);
        assertThrows(IllegalStateException.class, () -> Metrics.rmse(new double[][][] {{{Double.NaN, 0}}}, new double[][][] {{{0, 0}}}));
        assertArrayEquals(new double[] {1, Double.NaN}, Metrics.rmse(new double[][][] {{{1, 0}}, {{0, 5}}}, new double[][][] {{{0, Double.NaN}}, {{1, Double.NaN}}})[0], 1e-12); // missing truth skipped
        assertArrayEquals(new int[] {10, 15, 20}, Backtest.origins(10, 20, 3));
    }
}
