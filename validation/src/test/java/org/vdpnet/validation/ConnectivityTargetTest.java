package org.vdpnet.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.Seeds;

class ConnectivityTargetTest {

    private static double[][] correlated(long seed, int frames, int n) {
        UniformRandomProvider rng = Seeds.rng(seed);
        double[][] rows = new double[frames][n];
        double common = 0;
        for (int t = 0; t < frames; t++) {
            common = 0.9 * common + rng.nextDouble() - 0.5;
            for (int i = 0; i < n; i++) {
                rows[t][i] = (i % 2 == 0 ? common : -common) * (1 + i * 0.1) + (rng.nextDouble() - 0.5);
            }
        }
        return rows;
    }

    @Test
    void aRecordingScoresPerfectlyAgainstItselfAndTheCostIsTheWeightedSum() {
        double[][] rec = correlated(1, 300, 6);
        ConnectivityTarget t = ConnectivityTarget.of(rec, 40, 10, 1.0, 0.5);
        ConnectivityTarget.Score self = t.score(rec);
        assertEquals(1.0, self.fcR(), 1e-12);
        assertEquals(0.0, self.fcdKs(), 1e-12);
        assertEquals(0.0, self.cost(), 1e-12);
        double[][] other = correlated(2, 300, 6);
        ConnectivityTarget.Score s = t.score(other);
        double r = Connectivity.matrixCorrelation(Connectivity.fc(rec), Connectivity.fc(other)).value();
        double ks = Connectivity.fcdKs(Connectivity.fcd(rec, 40, 10), Connectivity.fcd(other, 40, 10)).value();
        assertEquals(r, s.fcR(), 1e-15);
        assertEquals(ks, s.fcdKs(), 1e-15);
        assertEquals((1 - r) + 0.5 * ks, s.cost(), 1e-15);
        assertTrue(s.cost() > 0);
    }

    @Test
    void withoutTheFcdTermOnlyFcCounts() {
        double[][] rec = correlated(1, 100, 4);
        ConnectivityTarget t = ConnectivityTarget.of(rec, 40, 10, 2.0, 0.0);
        ConnectivityTarget.Score s = t.score(correlated(5, 100, 4));
        assertTrue(Double.isNaN(s.fcdKs()));
        assertEquals(2 * (1 - s.fcR()), s.cost(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ConnectivityTarget.of(rec, 40, 10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> t.score(new double[100][3]));
    }
}
