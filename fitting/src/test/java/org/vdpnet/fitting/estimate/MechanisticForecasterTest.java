package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.sim.forecast.Forecast;

/**
 * The fitted-model forecaster ({@code vdp}) on the research form: forecasts against an
 * independent DOP853 trajectory ({@link SyntheticRecoveryTest#simulate}), its statuses and
 * fallback, seeded synthetic series, training from a {@link FitProblem} and seeded replicates.
 */
class MechanisticForecasterTest {
    static final int N = SyntheticRecoveryTest.N;

    /** The research network with the true parameters of {@link SyntheticRecoveryTest}: a1, a2 and the dense W, g = 1. */
    static NetworkModel truth(double[] a1) {
        return NetworkModel.of(ResearchVanDerPol.of(a1, SyntheticRecoveryTest.A2), Coupling.linear(1.0),
                Topology.complete("W", SyntheticRecoveryTest.W, null));
    }

    static int[] nodes() {
        int[] o = new int[N];
        Arrays.setAll(o, i -> i);
        return o;
    }

    static MechanisticForecaster trueForecaster(int assimilation, int horizon, double rms) {
        NetworkModel m = truth(SyntheticRecoveryTest.A1);
        int[] nodeParameters = new int[2 * N];
        Arrays.setAll(nodeParameters, q -> q);
        return new MechanisticForecaster(m, nodes(), nodeParameters, 0.1, 4, assimilation, horizon, rms);
    }

    static double[][] simulate(int samples) {
        return SyntheticRecoveryTest.simulate(true, SyntheticRecoveryTest.A1, SyntheticRecoveryTest.A2, SyntheticRecoveryTest.W, samples, 0.1);
    }

    /** With the true parameters the latent state is recovered from 15 frames and the forecast follows the independent trajectory. */
    @Test
    void trueParametersForecastTheTrajectory() {
        double[][] truth = simulate(200);
        MechanisticForecaster f = trueForecaster(15, 30, 0);
        double[][] history = Arrays.copyOf(truth, 150);
        double[][] fc = f.forecast(history, 30);
        for (int h = 0; h < 30; h++) {
            for (int i = 0; i < N; i++) {
                assertEquals(truth[150 + h][i], fc[h][i], 1e-4, "h=" + (h + 1) + " i=" + i);
            }
        }
        List<Forecast> all = f.forecastAll(List.of(history, Arrays.copyOf(truth, 100), Arrays.copyOf(truth, 170)), 30);
        assertEquals(3, all.size());
        for (Forecast one : all) {
            assertEquals(Forecast.Status.OK, one.status(), "no fallback: " + one.note());
            assertEquals("", one.note());
        }
        assertArrayEquals(fc[29], all.get(0).values()[29], 0.0, "forecastAll gives forecast's values");
        assertEquals(truth[199][3], all.get(2).values()[29][3], 1e-4, "170 frames, 30 ahead");
        assertEquals("vdp", f.name());
        assertEquals(N, f.channels());
        assertEquals(15, f.minimumHistory());
        assertEquals(30, f.maximumHorizon());
    }

    /** A model that diverges from the origin falls back to holding the last observation, and says so; it never throws. */
    @Test
    void aDivergingModelFallsBackToTheLastObservation() {
        double[] unstable = new double[N];
        Arrays.fill(unstable, -1.0); // negative damping: x' ~ x^3 blows up once |x| > 1
        MechanisticForecaster f = new MechanisticForecaster(truth(unstable), nodes(), new int[0], 0.1, 4, 15, 30, 0);
        double[][] history = Arrays.copyOf(simulate(200), 150);
        Forecast fc = f.forecastAll(List.<double[][]>of(history), 30).get(0);
        assertEquals(Forecast.Status.FALLBACK, fc.status(), fc.note());
        assertTrue(fc.note().endsWith("held the last observation"), fc.note());
        for (double[] row : fc.values()) {
            assertArrayEquals(history[149], row, 0.0);
        }
        assertArrayEquals(history[149], f.forecast(history, 5)[4], 0.0, "forecast holds it too");
    }

    @Test
    void syntheticSeriesAreReproducibleAndBounded() {
        double[][] truth = simulate(100);
        MechanisticForecaster f = trueForecaster(10, 10, 0.05);
        double[][][] a = f.synthetic(truth, 5, 50, 50, 0.05, 0.05, 3);
        double[][][] b = f.synthetic(truth, 5, 50, 50, 0.05, 0.05, 3);
        assertEquals(5, a.length);
        assertEquals(Arrays.deepToString(a), Arrays.deepToString(b));
        assertFalse(Arrays.deepEquals(a, f.synthetic(truth, 5, 50, 50, 0.05, 0.05, 4)), "another seed, other series");
        for (double[][] s : a) {
            assertEquals(50, s.length);
            for (double[] row : s) {
                assertEquals(N, row.length);
                for (double v : row) {
                    assertTrue(Math.abs(v) < 10, "bounded: " + v);
                }
            }
        }
    }

    @Test
    void badCallsNameTheProblem() {
        MechanisticForecaster f = trueForecaster(10, 20, 0);
        assertEquals("horizon: must be in [1, 20] for vdp, got 0",
                assertThrows(IllegalArgumentException.class, () -> f.forecast(new double[12][6], 0)).getMessage());
        assertEquals("vdp: needs at least 10 history frames, got 5",
                assertThrows(IllegalArgumentException.class, () -> f.forecast(new double[5][6], 3)).getMessage());
        assertEquals("vdp: trained on 6 channels, got 4",
                assertThrows(IllegalArgumentException.class, () -> f.forecast(new double[12][4], 3)).getMessage());
        assertEquals("assimilation: needs at least 3 frames, got 2", assertThrows(IllegalArgumentException.class,
                () -> new MechanisticForecaster(truth(SyntheticRecoveryTest.A1), nodes(), new int[0], 0.1, 4, 2, 20, 0)).getMessage());
    }

    /** Training fits the problem and wraps the fit: its model, observed variables, free parameters, spacing and residual RMS. */
    @Test
    void trainingWrapsTheFit() {
        SyntheticRecoveryTest.Case c = SyntheticRecoveryTest.cases().findFirst().orElseThrow();
        double[][] truth = simulate(230);
        FitProblem p = c.problem(Arrays.copyOf(truth, 200), 0.1);
        FitOptions o = FitOptions.defaults().withParallelism(2);
        MechanisticForecaster.Trained t = MechanisticForecaster.train(p, o, 15, 30);
        assertEquals(1, t.replicate());
        assertFalse(t.bootstrapped());
        assertEquals(FitResult.Status.SUCCESS, t.fit().status(), t.fit().message());
        MechanisticForecaster f = t.forecaster();
        assertSame(t.fit().model(), f.model());
        assertArrayEquals(p.free(), f.jittered());
        assertArrayEquals(p.observed(), f.observed());
        assertEquals(0.1, f.dt(), 0.0);
        assertEquals(t.fit().substeps(), f.substeps(), "the forecaster runs on the fit's own fixed path");
        assertEquals(15, f.assimilation());
        assertEquals(t.fit().rms(), f.residualRms(), 0.0);
        Forecast fc = f.forecastAll(List.<double[][]>of(Arrays.copyOf(truth, 200)), 30).get(0);
        assertEquals(Forecast.Status.OK, fc.status(), fc.note());
        for (int h = 0; h < 30; h++) {
            for (int i = 0; i < N; i++) {
                assertEquals(truth[200 + h][i], fc.values()[h][i], 1e-3, "h=" + (h + 1) + " i=" + i);
            }
        }
        MechanisticForecaster g = MechanisticForecaster.of(t.fit(), 12, 5);
        assertEquals(t.fit().substeps(), g.substeps());
        assertEquals(12, g.minimumHistory());
        assertEquals(5, g.maximumHorizon());
        assertArrayEquals(p.free(), g.jittered());
    }

    /** Replicate 1 is the reference; replicate s refits a seeded block bootstrap of the window around the reference fit. */
    @Test
    void replicatesRefitSeededBootstrapsOfTheWindow() {
        SyntheticRecoveryTest.Case c = SyntheticRecoveryTest.noisyCases().findFirst().orElseThrow();
        FitProblem p = c.problem(SyntheticRecoveryTest.noisy(c.data(150, 0.1), 4), 0.1);
        FitOptions o = FitOptions.defaults();
        MechanisticForecaster.Trained ref = MechanisticForecaster.train(p, o, 10, 10);
        assertTrue(ref.fit().status().bounded(), ref.fit().message());
        assertSame(ref, MechanisticForecaster.replicate(ref, o, 10, 10, 1, 20));
        MechanisticForecaster.Trained two = MechanisticForecaster.replicate(ref, o, 10, 10, 2, 20);
        assertEquals(2, two.replicate());
        assertTrue(two.bootstrapped());
        double[][] expected = ResidualBootstrap.replicate(p.data(), ref.fit().simulated(), 20, 2);
        assertTrue(Arrays.deepEquals(expected, two.fit().problem().data()), "the replicate fits the seeded block bootstrap of the window");
        assertFalse(Arrays.deepEquals(p.data(), two.fit().problem().data()));
        assertArrayEquals(p.free(), two.fit().problem().free());
        assertFalse(Arrays.equals(ref.fit().values(), two.fit().values()), "another replicate, another fit");
        MechanisticForecaster.Trained again = MechanisticForecaster.replicate(ref, o, 10, 10, 2, 20);
        assertArrayEquals(two.fit().values(), again.fit().values(), 0.0, "seeded: the same replicate again");
        double worst = 0;
        for (int i = 0; i < c.n(); i++) {
            worst = Math.max(worst, Math.abs(two.fit().nodeValues("a1")[i] / ref.fit().nodeValues("a1")[i] - 1));
        }
        assertTrue(worst < 0.5, "a replicate's a1 stays near the reference's, off by " + worst);
        MechanisticForecaster.Trained longBlock = MechanisticForecaster.replicate(ref, o, 10, 10, 3, 1000);
        assertTrue(longBlock.bootstrapped() && longBlock.fit().problem().samples() == 150, "a block longer than the window is cut to it");
    }

    /** Where the reference fit has no bounded trajectory, a replicate refits the window itself and says so. */
    @Test
    void aReplicateOfADivergedFitRefitsTheWindow() {
        double[][] x = new double[60][3];
        java.util.Random rnd = new java.util.Random(9);
        for (int k = 0; k < 60; k++) {
            for (int i = 0; i < 3; i++) {
                x[k][i] = (k % 2 == 0 ? 1 : -1) * 2 * Shooting.LIMIT * (1 + 0.1 * rnd.nextGaussian()); // starts beyond the divergence limit
            }
        }
        FitProblem p = SyntheticRecoveryTest.noisyCases().findFirst().orElseThrow().problem(x, 1.0);
        FitOptions o = FitOptions.defaults().withMaxIterations(20);
        MechanisticForecaster.Trained ref = MechanisticForecaster.train(p, o, 10, 10);
        assertEquals(FitResult.Status.DIVERGED, ref.fit().status(), ref.fit().message());
        MechanisticForecaster.Trained two = MechanisticForecaster.replicate(ref, o, 10, 10, 2, 20);
        assertEquals(2, two.replicate());
        assertFalse(two.bootstrapped());
        assertTrue(Arrays.deepEquals(p.data(), two.fit().problem().data()), "the window itself");
        assertTrue(two.fit().message().contains("the reference fit had no bounded trajectory, so this replicate refits the window with restart seed 2"),
                two.fit().message());
    }
}
