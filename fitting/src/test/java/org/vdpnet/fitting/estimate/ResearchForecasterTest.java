package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResearchForecasterTest {
    static final ResearchParameters TRUE = new ResearchParameters(SyntheticRecoveryTest.A1, SyntheticRecoveryTest.A2, SyntheticRecoveryTest.W);

    /** With the true parameters, the latent state is recovered from 15 frames and the forecast follows an independent DOP853 trajectory. */
    @Test
    void trueParametersForecastTheTrajectory() {
        double[][] truth = SyntheticRecoveryTest.simulate(200, 0.1);
        ResearchForecaster f = new ResearchForecaster(TRUE, 0.1, 4, 15, 30, 0);
        double[][] history = Arrays.copyOf(truth, 150);
        double[][] fc = f.forecast(history, 30);
        for (int h = 0; h < 30; h++) {
            for (int i = 0; i < 6; i++) {
                assertEquals(truth[150 + h][i], fc[h][i], 1e-4, "h=" + (h + 1) + " i=" + i);
            }
        }
        assertEquals(org.vdpnet.sim.forecast.Forecast.Status.OK, f.forecastAll(java.util.Collections.singletonList(history), 30).get(0).status(), "no fallback");
    }

    @Test
    void syntheticSeriesAreReproducibleAndBounded() {
        double[][] truth = SyntheticRecoveryTest.simulate(100, 0.1);
        ResearchForecaster f = new ResearchForecaster(TRUE, 0.1, 4, 10, 10, 0.05);
        double[][][] a = f.synthetic(truth, 5, 50, 50, 0.05, 0.05, 3);
        double[][][] b = f.synthetic(truth, 5, 50, 50, 0.05, 0.05, 3);
        assertEquals(5, a.length);
        assertEquals(Arrays.deepToString(a), Arrays.deepToString(b));
        for (double[][] s : a) {
            for (double[] row : s) {
                for (double v : row) {
                    assertTrue(Math.abs(v) < 10, "bounded: " + v);
                }
            }
        }
    }

    @Test
    void badCallsNameTheProblem() {
        ResearchForecaster f = new ResearchForecaster(TRUE, 0.1, 4, 10, 20, 0);
        assertEquals("horizon: must be in [1, 20] for vdp, got 0",
                assertThrows(IllegalArgumentException.class, () -> f.forecast(new double[12][6], 0)).getMessage());
        assertEquals("vdp: needs at least 10 history frames, got 5",
                assertThrows(IllegalArgumentException.class, () -> f.forecast(new double[5][6], 3)).getMessage());
        assertEquals("vdp: trained on 6 channels, got 4",
                assertThrows(IllegalArgumentException.class, () -> f.forecast(new double[12][4], 3)).getMessage());
    }
}
