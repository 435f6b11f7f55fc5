package org.vdpnet.scenarios.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vdpnet.fitting.estimate.FitOptions;
import org.vdpnet.hybrid.LstmSettings;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.validation.Backtest;
import org.vdpnet.validation.Baselines;
import org.vdpnet.validation.VarModel;

/**
 * The leakage test for every model the evaluation runs: corrupting every frame after an origin
 * (to 1e6) must leave every forecast from that origin bit-identical. A model that read a frame
 * past its origin, in training or at forecast time, would change.
 */
class LeakageTest {
    @Test
    void noModelSeesTheFuture() {
        Random rnd = new Random(4);
        double[][] x = new double[220][3];
        for (int t = 0; t < x.length; t++) {
            for (int i = 0; i < 3; i++) {
                x[t][i] = Math.sin(0.3 * t + i) + 0.5 * Math.sin(0.11 * t * (i + 1)) + 0.1 * rnd.nextGaussian();
            }
        }
        int trainEnd = 150;
        double[][] train = Arrays.copyOf(x, trainEnd);
        ForecastPipeline.Settings s = new ForecastPipeline.Settings(5, 1.0, FitOptions.defaults().withMaxIterations(20).withRestarts(0, 1), 80, 10,
                new LstmSettings(8, 10, 1e-2, 3, 32, 3, 0.2, 1L), 1, 3, 0.05, 0.1, 1L);
        ForecastPipeline.Trained t = ForecastPipeline.train(train, ForecastPipeline.MODELS, s, (m, k) -> { });
        List<Forecaster> models = new ArrayList<>(t.models().values());
        models.add(Baselines.persistence(3, 5));
        models.add(Baselines.climatology(train, 5));
        models.add(VarModel.fitByAic(train, 3, 1e-6, 5));
        assertEquals(8, models.size(), "five learned models and three baselines: " + t.skipped());
        int[] origins = Backtest.origins(trainEnd - 1, x.length - 6, 6);
        for (Forecaster m : models) {
            for (int o : origins) {
                double[][][] clean = Backtest.forecasts(m, x, new int[] {o}, 5);
                double[][][] dirty = Backtest.forecasts(m, Backtest.corruptAfter(x, o, 1e6), new int[] {o}, 5);
                assertTrue(Arrays.deepEquals(clean, dirty), m.name() + " changed its forecast from origin " + o + " when the future changed");
            }
        }
        Map<String, Object> d = t.details();
        assertTrue(d.containsKey("pretrained") && d.containsKey("noise-aug"), String.valueOf(d.keySet()));
    }
}
