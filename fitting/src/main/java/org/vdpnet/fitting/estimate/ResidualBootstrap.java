package org.vdpnet.fitting.estimate;

import org.apache.commons.rng.UniformRandomProvider;
import org.vdpnet.sim.Seeds;

/**
 * The moving-block residual bootstrap of a fitted window: a replicate is the fitted trajectory
 * plus the fit's residuals ({@code data - simulated}) resampled in blocks of consecutive frames
 * (Künsch 1989), so that the replicate keeps the residuals' autocorrelation within a block.
 * Refitting replicates measures how far the fit's own estimate moves when the noise does.
 */
public final class ResidualBootstrap {
    private ResidualBootstrap() {}

    /**
     * A replicate of {@code data[time][channel]} around {@code simulated} (the same shape).
     *
     * @param block frames per block (>= 1; 1 is the ordinary residual bootstrap)
     * @param seed  seed of the block starts
     */
    public static double[][] replicate(double[][] data, double[][] simulated, int block, long seed) {
        int t = data.length;
        if (simulated.length != t || t == 0) {
            throw new IllegalArgumentException("bootstrap: " + t + " data frames but " + simulated.length + " simulated frames");
        }
        if (block < 1 || block > t) {
            throw new IllegalArgumentException("bootstrap: block must be in [1, " + t + "], got " + block);
        }
        int n = data[0].length;
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, "vdp-bootstrap"));
        double[][] out = new double[t][n];
        int k = 0;
        while (k < t) {
            int start = rng.nextInt(t - block + 1);
            for (int j = 0; j < block && k < t; j++, k++) {
                for (int i = 0; i < n; i++) {
                    out[k][i] = simulated[k][i] + data[start + j][i] - simulated[start + j][i];
                }
            }
        }
        return out;
    }
}
