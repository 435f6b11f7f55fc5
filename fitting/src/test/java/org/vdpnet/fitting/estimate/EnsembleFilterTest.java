package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.Statistics;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.VectorField;
import org.vdpnet.sim.forecast.Forecast;

/**
 * The ensemble Kalman filter on a simulated research-form network observed through x with
 * Gaussian noise: the truth (x and the latent y) comes from an independent DOP853 integration of
 * the equations written out here, not from the filter's RK4 path.
 */
class EnsembleFilterTest {
    static final int N = SyntheticRecoveryTest.N;
    static final double DT = 0.1;
    static final double NOISE = 0.1;

    /** The full state (x then y) of the true network every DT, from a DOP853 run at 1e-12. */
    static double[][] truthStates(int samples) {
        double[] a1 = SyntheticRecoveryTest.A1;
        double[] a2 = SyntheticRecoveryTest.A2;
        double[][] w = SyntheticRecoveryTest.W;
        VectorField f = VectorField.of(2 * N, (t, s, ds) -> {
            for (int i = 0; i < N; i++) {
                double c = 0;
                for (int j = 0; j < N; j++) {
                    c += w[i][j] * s[j];
                }
                double x = s[i];
                ds[i] = a1[i] * x * (1 - x * x) + a2[i] * s[N + i] + c;
                ds[N + i] = -x;
            }
        });
        double[] y0 = new double[2 * N];
        Random rnd = new Random(5);
        List<String> ch = new ArrayList<>();
        for (int i = 0; i < 2 * N; i++) {
            y0[i] = 3 * rnd.nextDouble() - 1.5;
            ch.add("s" + i);
        }
        TimeSeries ts = Simulator.solve(SimulationProblem.of(f, y0, 0, (samples - 1) * DT, ch), IntegratorSpec.dormandPrince853(1e-12, 1e-12),
                Monitor.subsample(DT)).trajectory();
        double[][] out = new double[samples][];
        for (int k = 0; k < samples; k++) {
            out[k] = ts.row(k);
        }
        return out;
    }

    static double[][] observe(double[][] states, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[states.length][N];
        for (int k = 0; k < states.length; k++) {
            for (int i = 0; i < N; i++) {
                x[k][i] = states[k][i] + NOISE * rnd.nextGaussian();
            }
        }
        return x;
    }

    static EnsembleFilter filter(EnsembleFilter.Settings s) {
        NetworkModel m = MechanisticForecasterTest.truth(SyntheticRecoveryTest.A1);
        return new EnsembleFilter(m, MechanisticForecasterTest.nodes(), DT, 4, NOISE, s);
    }

    static final EnsembleFilter.Settings SETTINGS = new EnsembleFilter.Settings(40, 1.02, 0.5, 0.0, NOISE, 3L);

    /** numpy's default (linear, type 7) quantile of sorted values. */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The acceptance check: the filtered latent y tracks the true y (r >= 0.9 on every node) and its 90 % intervals cover it 80–97 % of the time. */
    @Test
    void filteredLatentStateTracksTheTruthWithCalibratedIntervals() {
        int samples = 600;
        int burnIn = 100;
        double[][] states = truthStates(samples);
        double[][] obs = observe(states, 11);
        EnsembleFilter f = filter(SETTINGS);
        double[][] meanY = new double[samples - burnIn][N];
        double[][] trueY = new double[samples - burnIn][N];
        int covered = 0;
        int total = 0;
        for (int k = 0; k < samples; k++) {
            f.assimilate(obs[k]);
            if (k < burnIn) {
                continue;
            }
            double[][] ens = f.members();
            for (int i = 0; i < N; i++) {
                double[] v = new double[ens.length];
                for (int j = 0; j < ens.length; j++) {
                    v[j] = ens[j][N + i];
                }
                Arrays.sort(v);
                double truth = states[k][N + i];
                covered += truth >= quantile(v, 0.05) && truth <= quantile(v, 0.95) ? 1 : 0;
                total++;
                meanY[k - burnIn][i] = Statistics.mean(v);
                trueY[k - burnIn][i] = truth;
            }
        }
        for (int i = 0; i < N; i++) {
            int node = i;
            double r = Statistics.pearson(Arrays.stream(meanY).mapToDouble(row -> row[node]).toArray(),
                    Arrays.stream(trueY).mapToDouble(row -> row[node]).toArray());
            assertTrue(r >= 0.9, "node " + i + ": r(filtered y, true y) = " + r);
        }
        double coverage = (double) covered / total;
        assertTrue(coverage >= 0.80 && coverage <= 0.97, "90 % interval coverage of the true y: " + coverage);
        assertEquals(0, f.resets(), "no member diverged");
    }

    /** A filter continued frame by frame equals one run afresh over the same frames, bit for bit (the draws depend on the frame index only). */
    @Test
    void continuingIsBitIdenticalToStartingAfresh() {
        double[][] obs = observe(truthStates(120), 2);
        EnsembleFilter a = filter(SETTINGS.withModelError(1.05, 0.01));
        for (int k = 0; k < 60; k++) {
            a.assimilate(obs[k]);
        }
        EnsembleFilter copy = a.copy();
        for (int k = 60; k < 120; k++) {
            a.assimilate(obs[k]);
            copy.assimilate(obs[k]);
        }
        EnsembleFilter b = filter(SETTINGS.withModelError(1.05, 0.01));
        for (int k = 0; k < 120; k++) {
            b.assimilate(obs[k]);
        }
        assertArrayEquals(b.members(), a.members());
        assertArrayEquals(b.members(), copy.members());
    }

    /** A missing observation is skipped: the analysis uses the other channels, and an all-missing frame only inflates. */
    @Test
    void missingObservationsAreSkipped() {
        double[][] obs = observe(truthStates(80), 4);
        double[][] gappy = new double[obs.length][];
        for (int k = 0; k < obs.length; k++) {
            gappy[k] = obs[k].clone();
        }
        gappy[50][2] = Double.NaN;
        Arrays.fill(gappy[51], Double.NaN);
        EnsembleFilter f = filter(SETTINGS);
        for (double[] row : gappy) {
            f.assimilate(row);
        }
        for (double[] mem : f.members()) {
            for (double v : mem) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    /** With an exact model the filtered vdp forecaster's 1-step forecast is close to the truth, and its members carry the spread. */
    @Test
    void filteredForecasterForecastsWithMembers() {
        double[][] states = truthStates(300);
        double[][] obs = observe(states, 7);
        MechanisticForecaster f = MechanisticForecasterTest.trueForecaster(15, 10, NOISE).withFilter(SETTINGS);
        List<double[][]> histories = new ArrayList<>();
        for (int t : new int[] {250, 200, 280}) {
            histories.add(Arrays.copyOf(obs, t));
        }
        List<Forecast> fc = f.forecastAll(histories, 10);
        int[] origins = {250, 200, 280};
        for (int k = 0; k < 3; k++) {
            Forecast x = fc.get(k);
            assertEquals(Forecast.Status.OK, x.status());
            assertTrue(x.hasMembers());
            assertEquals(SETTINGS.members(), x.members().length);
            for (int i = 0; i < N; i++) {
                assertEquals(states[origins[k]][i], x.values()[0][i], 4 * NOISE, "origin " + origins[k] + " node " + i);
            }
            // the same history alone gives the same forecast (continuation and a fresh filter agree)
            Forecast alone = f.forecastAll(java.util.Collections.singletonList(histories.get(k)), 10).get(0);
            assertArrayEquals(alone.values(), x.values());
            org.junit.jupiter.api.Assertions.assertTrue(Arrays.deepEquals(alone.members(), x.members()));
        }
    }

    /**
     * One analysis against the Kalman update written out here: with a1 = a2 = 0 and no coupling the
     * model is linear (x' = 0, y' = -x: RK4 is exact, x stays and y moves by -x dt), so the forecast
     * ensemble is M E; with the inflated sample covariance P = rho A A^T / (m - 1), the ETKF's analysis
     * mean is x + K (y - H x) and its sample covariance (I - K H) P, K = P H^T (H P H^T + R)^-1.
     */
    @Test
    void oneAnalysisIsTheKalmanUpdateOfTheInflatedEnsemble() {
        int n = 2;
        int d = 2 * n;
        double dt = 0.5;
        double r = 0.3;
        double rho = 1.3;
        NetworkModel linear = NetworkModel.of(org.vdpnet.models.ResearchVanDerPol.of(new double[n], new double[n]),
                org.vdpnet.models.Coupling.linear(1.0), org.vdpnet.models.Topology.complete("none", new double[n][n], null));
        EnsembleFilter.Settings s = new EnsembleFilter.Settings(8, rho, 0.7, 0.0, r, 9L);
        EnsembleFilter f = new EnsembleFilter(linear, new int[] {0, 1}, dt, 2, r, s);
        double[][] frames = {{0.1, -0.2}, {0.3, 0.0}, {0.2, 0.4}, {0.9, -0.6}};
        for (int k = 0; k < 3; k++) {
            f.assimilate(frames[k]);
        }
        double[][] before = f.members();
        int m = before.length;
        // the forecast step: x unchanged, y -= x dt
        double[][] e = new double[m][d];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                e[j][i] = before[j][i];
                e[j][n + i] = before[j][n + i] - before[j][i] * dt;
            }
        }
        double[] mean = new double[d];
        for (double[] row : e) {
            for (int i = 0; i < d; i++) {
                mean[i] += row[i] / m;
            }
        }
        org.hipparchus.linear.RealMatrix a = org.hipparchus.linear.MatrixUtils.createRealMatrix(d, m);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                a.setEntry(i, j, e[j][i] - mean[i]);
            }
        }
        org.hipparchus.linear.RealMatrix p = a.multiplyTransposed(a).scalarMultiply(rho / (m - 1));
        org.hipparchus.linear.RealMatrix h = org.hipparchus.linear.MatrixUtils.createRealMatrix(n, d);
        for (int i = 0; i < n; i++) {
            h.setEntry(i, i, 1.0);
        }
        org.hipparchus.linear.RealMatrix innovationCov = h.multiply(p).multiplyTransposed(h)
                .add(org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(n).scalarMultiply(r * r));
        org.hipparchus.linear.RealMatrix k = p.multiplyTransposed(h).multiply(new org.hipparchus.linear.LUDecomposition(innovationCov).getSolver()
                .getInverse());
        double[] innovation = new double[n];
        for (int i = 0; i < n; i++) {
            innovation[i] = frames[3][i] - mean[i];
        }
        double[] expectedMean = org.hipparchus.linear.MatrixUtils.createRealVector(mean).add(k.operate(
                org.hipparchus.linear.MatrixUtils.createRealVector(innovation))).toArray();
        org.hipparchus.linear.RealMatrix expectedCov = org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(d).subtract(k.multiply(h))
                .multiply(p);

        f.assimilate(frames[3]);
        double[][] after = f.members();
        double[] got = f.mean();
        for (int i = 0; i < d; i++) {
            assertEquals(expectedMean[i], got[i], 1e-12, "mean " + i);
        }
        org.hipparchus.linear.RealMatrix b = org.hipparchus.linear.MatrixUtils.createRealMatrix(d, m);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < d; i++) {
                b.setEntry(i, j, after[j][i] - got[i]);
            }
        }
        org.hipparchus.linear.RealMatrix cov = b.multiplyTransposed(b).scalarMultiply(1.0 / (m - 1));
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(expectedCov.getEntry(i, j), cov.getEntry(i, j), 1e-12, "covariance " + i + "," + j);
            }
        }
    }
}
