package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResidualBootstrapTest {
    static double[][] rows(int t, int n, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[t][n];
        for (double[] row : x) {
            for (int i = 0; i < n; i++) {
                row[i] = r.nextGaussian();
            }
        }
        return x;
    }

    /** Without residuals a replicate is the fitted trajectory; with one block as long as the window it is the data itself. */
    @Test
    void limitsAreExact() {
        double[][] sim = rows(40, 3, 1);
        double[][] none = ResidualBootstrap.replicate(sim, sim, 7, 5);
        for (int k = 0; k < 40; k++) {
            assertArrayEquals(sim[k], none[k], 1e-15);
        }
        double[][] data = rows(40, 3, 2);
        double[][] whole = ResidualBootstrap.replicate(data, sim, 40, 5);
        for (int k = 0; k < 40; k++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(data[k][i], whole[k][i], 1e-12);
            }
        }
    }

    /** Every replicate frame is the fitted frame plus the residual of a frame in a block of consecutive frames; seeded and repeatable. */
    @Test
    void blocksOfResidualsAreResampled() {
        double[][] sim = rows(50, 2, 3);
        double[][] data = rows(50, 2, 4);
        int block = 10;
        double[][] a = ResidualBootstrap.replicate(data, sim, block, 9);
        assertTrue(Arrays.deepEquals(a, ResidualBootstrap.replicate(data, sim, block, 9)), "same seed, same replicate");
        assertFalse(Arrays.deepEquals(a, ResidualBootstrap.replicate(data, sim, block, 10)), "another seed, another replicate");
        for (int b = 0; b < 5; b++) {
            // the residuals of block b are consecutive residuals of the data, from one start
            int start = -1;
            for (int s = 0; s + block <= 50 && start < 0; s++) {
                boolean match = true;
                for (int j = 0; j < block && match; j++) {
                    for (int i = 0; i < 2; i++) {
                        match &= Math.abs(a[b * block + j][i] - sim[b * block + j][i] - (data[s + j][i] - sim[s + j][i])) < 1e-12;
                    }
                }
                start = match ? s : -1;
            }
            assertTrue(start >= 0, "block " + b + " is not a run of consecutive residuals");
        }
        assertArrayEquals(new int[] {50, 2}, new int[] {a.length, a[0].length});
        assertThrows(IllegalArgumentException.class, () -> ResidualBootstrap.replicate(data, sim, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ResidualBootstrap.replicate(data, sim, 51, 1));
    }
}
