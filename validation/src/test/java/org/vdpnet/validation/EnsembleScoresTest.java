package org.vdpnet.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The ensemble CRPS, empirical quantiles and central-interval coverage of {@link Metrics}, against
 * values computed independently: the CRPS integral evaluated piece by piece, the closed-form CRPS
 * of a normal distribution, quantiles worked out by hand from the type-7 definition, and the
 * coverage of a calibrated ensemble by simulation. (A stored reference from Python's
 * {@code properscoring} or {@code scoringrules} is not included: neither is installed here.)
 */
public class EnsembleScoresTest {

    /**
     * {@code ∫ (F_m(z) - 1{z >= y})^2 dz} integrated exactly: between consecutive breakpoints (the
     * members and y) both functions are constant, so each piece is its width times the squared
     * difference at its midpoint, with F_m counted there (no sorting formula involved).
     */
    public static double crpsIntegral(double[] members, double y) {
        double[] b = Arrays.copyOf(members, members.length + 1);
        b[members.length] = y;
        Arrays.sort(b);
        double sum = 0;
        for (int k = 0; k + 1 < b.length; k++) {
            double w = b[k + 1] - b[k];
            if (w == 0) {
                continue;
            }
            double mid = b[k] + w / 2;
            int below = 0;
            for (double x : members) {
                if (x <= mid) {
                    below++;
                }
            }
            double d = (double) below / members.length - (mid >= y ? 1 : 0);
            sum += w * d * d;
        }
        return sum;
    }

    /** Gneiting and Raftery (2007): CRPS(N(mu, s^2), y) = s [z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)], z = (y - mu) / s. */
    static double crpsNormal(double mu, double s, double y) {
        NormalDistribution n = NormalDistribution.of(0, 1);
        double z = (y - mu) / s;
        return s * (z * (2 * n.cumulativeProbability(z) - 1) + 2 * n.density(z) - 1 / Math.sqrt(Math.PI));
    }

    @Test
    void crpsEqualsTheIntegralForSmallEnsembles() {
        double[][] ensembles = {{0.0}, {1, 2}, {3, -1, 2, 2}, {0.5, 0.1, 0.9, 0.3, 0.7}, {-4, 10}, {5, 5, 5}};
        double[] truths = {-3, 0, 0.3, 1, 2, 2.5, 5, 12};
        for (double[] x : ensembles) {
            for (double y : truths) {
                double[] before = x.clone();
                assertEquals(crpsIntegral(x, y), Metrics.crps(x, y), 1e-12, Arrays.toString(x) + " vs " + y);
                assertArrayEquals(before, x, "the members are not changed");
            }
        }
        Random rnd = new Random(7);
        for (int t = 0; t < 50; t++) {
            double[] x = new double[1 + rnd.nextInt(12)];
            for (int i = 0; i < x.length; i++) {
                x[i] = 3 * rnd.nextGaussian() + 1;
            }
            double y = 4 * rnd.nextGaussian();
            assertEquals(crpsIntegral(x, y), Metrics.crps(x, y), 1e-12, Arrays.toString(x) + " vs " + y);
        }
    }

    @Test
    void crpsByHand() {
        // {1, 2} against 0: mean |x - y| = 1.5, sum_ij |x_i - x_j| = 2, so 1.5 - 2 / 8 = 1.25
        assertEquals(1.25, Metrics.crps(new double[] {2, 1}, 0), 1e-15);
        // one member: the absolute error
        assertEquals(3.5, Metrics.crps(new double[] {-1}, 2.5), 1e-15);
        // a missing truth is undefined
        assertTrue(Double.isNaN(Metrics.crps(new double[] {1, 2}, Double.NaN)));
    }

    @Test
    void crpsOfALargeGaussianEnsembleMatchesTheClosedForm() {
        int m = 20000;
        NormalDistribution n = NormalDistribution.of(0, 1);
        double[][] cases = {{0, 1, 0}, {0, 1, 0.7}, {2, 0.5, 1.1}, {-3, 4, 9}, {1, 2, -5}, {0, 1, 3.5}};
        for (double[] c : cases) {
            double mu = c[0];
            double s = c[1];
            double y = c[2];
            double[] x = new double[m];
            for (int i = 0; i < m; i++) {
                x[i] = mu + s * n.inverseCumulativeProbability((i + 0.5) / m);
            }
            double expected = crpsNormal(mu, s, y);
            assertEquals(expected, Metrics.crps(x, y), 1e-6 * s, Arrays.toString(c)); // the quantile ensemble is off by about 1e-7 s
        }
    }

    @Test
    void quantilesFollowTypeSeven() {
        double[] five = {4, 1, 5, 3, 2};
        assertEquals(1.2, Metrics.quantile(five, 0.05), 1e-15); // g = 4 * 0.05 = 0.2: 1 + 0.2 (2 - 1)
        assertEquals(4.8, Metrics.quantile(five, 0.95), 1e-15); // g = 3.8: 4 + 0.8 (5 - 4)
        assertEquals(3, Metrics.quantile(five, 0.5), 1e-15);
        assertEquals(1, Metrics.quantile(five, 0), 0);
        assertEquals(5, Metrics.quantile(five, 1), 0);
        assertEquals(2.5, Metrics.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-15);
        assertEquals(7, Metrics.quantile(new double[] {7}, 0.3), 0);
        assertArrayEquals(new double[] {0.5, 9.5}, Metrics.centralInterval(new double[] {10, 0}, 0.9), 1e-15);
        assertArrayEquals(new double[] {4, 1, 5, 3, 2}, five, "the values are not changed");
    }

    @Test
    void coverageWithKnownAnswers() {
        double[] five = {4, 1, 5, 3, 2}; // 90 % interval [1.2, 4.8], ends included
        assertEquals(0, Metrics.covered(five, 1.1, 0.9));
        assertEquals(1, Metrics.covered(five, 1.2, 0.9));
        assertEquals(1, Metrics.covered(five, 3, 0.9));
        assertEquals(1, Metrics.covered(five, 4.8, 0.9));
        assertEquals(0, Metrics.covered(five, 4.9, 0.9));
        assertEquals(0, Metrics.covered(five, -10, 0.9));
        // the 50 % interval of {1..5} is [2, 4]
        assertEquals(0, Metrics.covered(five, 1.9, 0.5));
        assertEquals(1, Metrics.covered(five, 2, 0.5));
        assertTrue(Double.isNaN(Metrics.covered(five, Double.NaN, 0.9)));
        assertEquals(0.45, Metrics.calibratedCoverage(3, 0.9), 1e-15);
        assertEquals(0, Metrics.calibratedCoverage(1, 0.9), 0);
    }

    /** 0.9 (m - 1) / (m + 1) by simulation: exact for any continuous law when 0.05 (m - 1) is whole (m = 21), and for a uniform law at any m. */
    @Test
    void aCalibratedEnsembleCoversWhatTheFormulaSays() {
        Random rnd = new Random(11);
        int trials = 200_000;
        double hits = 0;
        double[] x = new double[21];
        for (int t = 0; t < trials; t++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextGaussian();
            }
            hits += Metrics.covered(x, rnd.nextGaussian(), 0.9);
        }
        assertEquals(Metrics.calibratedCoverage(21, 0.9), hits / trials, 0.004); // 0.818; sd of the estimate 0.0009
        hits = 0;
        double[] three = new double[3];
        for (int t = 0; t < trials; t++) {
            for (int i = 0; i < three.length; i++) {
                three[i] = rnd.nextDouble();
            }
            hits += Metrics.covered(three, rnd.nextDouble(), 0.9);
        }
        assertEquals(0.45, hits / trials, 0.004);
    }

    @Test
    void argumentsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.crps(new double[0], 1));
        assertTrue(e.getMessage().contains("crps: members must hold at least 1 value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.crps(new double[] {1, Double.NaN}, 1));
        assertEquals("crps: members must be finite, member 1 is NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.crps(new double[] {1, 2}, Double.POSITIVE_INFINITY));
        assertEquals("crps: truth must be finite or NaN (missing), got Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.quantile(new double[] {1}, 1.5));
        assertEquals("quantile: p must be in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.quantile(new double[] {1}, Double.NaN));
        assertEquals("quantile: p must be in [0, 1], got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.covered(new double[] {1, 2}, 1, 1));
        assertEquals("central interval: level must be in (0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.centralInterval(new double[] {1, 2}, Double.NaN));
        assertEquals("central interval: level must be in (0, 1), got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.calibratedCoverage(0, 0.9));
        assertEquals("calibrated coverage: members must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.crps(null, 1));
    }
}
