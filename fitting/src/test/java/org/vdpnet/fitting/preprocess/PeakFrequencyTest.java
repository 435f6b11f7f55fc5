package org.vdpnet.fitting.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.Seeds;

class PeakFrequencyTest {

    @Test
    void aNoisySinusoidPeaksAtItsFrequency() {
        double rate = 1 / 0.72;
        UniformRandomProvider rng = Seeds.rng(3);
        for (double f : new double[] {0.023, 0.043, 0.081}) {
            double[] x = new double[1200];
            for (int k = 0; k < x.length; k++) {
                x[k] = 5 + Math.sin(2 * Math.PI * f * k / rate + 0.3) + 0.5 * (rng.nextDouble() - 0.5)
                        + 0.3 * Math.sin(2 * Math.PI * 0.2 * k / rate); // a stronger line outside the band is ignored
            }
            assertEquals(f, PeakFrequency.of(x, rate, 0.01, 0.1), 1e-3, "f = " + f);
        }
    }

    @Test
    void badBandsAreRefused() {
        double[] x = new double[100];
        assertThrows(IllegalArgumentException.class, () -> PeakFrequency.of(x, 1, 0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> PeakFrequency.of(x, 1, 0.1, 0.6));
        assertThrows(IllegalArgumentException.class, () -> PeakFrequency.of(new double[8], 1, 0.1, 0.2));
    }
}
