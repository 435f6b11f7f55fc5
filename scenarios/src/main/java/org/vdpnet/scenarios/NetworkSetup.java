package org.vdpnet.scenarios;

import org.apache.commons.rng.UniformRandomProvider;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.sim.Seeds;

/** Seeded initial states for a network. */
public final class NetworkSetup {
    private NetworkSetup() {}

    /** A random initial state, every component uniform in {@code [-amplitude, amplitude]}. */
    public static double[] randomState(NetworkModel model, double amplitude, long seed) {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, "initial-state"));
        double[] y = new double[model.getDimension()];
        for (int i = 0; i < y.length; i++) {
            y[i] = amplitude * (2 * rng.nextDouble() - 1);
        }
        return y;
    }

    /** The same {@code (x0, y0)} for every node. */
    public static double[] uniformState(NetworkModel model, double x0, double y0) {
        int n = model.nodes();
        double[] y = new double[2 * n];
        java.util.Arrays.fill(y, 0, n, x0);
        java.util.Arrays.fill(y, n, 2 * n, y0);
        return y;
    }
}
