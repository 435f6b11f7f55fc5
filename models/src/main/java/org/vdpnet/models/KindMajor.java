package org.vdpnet.models;

import java.util.Arrays;
import org.vdpnet.sim.Checks;

/** Per-node parameter kinds packed kind-major ({@code v[q * n + i]}), as {@link NodeDynamics#parameterValues()} lays them out. */
final class KindMajor {
    private KindMajor() {}

    /** The kinds, each an array of one value per node, packed one after the other. */
    static double[] pack(double[]... kinds) {
        int n = kinds[0].length;
        double[] v = new double[kinds.length * n];
        for (int q = 0; q < kinds.length; q++) {
            System.arraycopy(kinds[q], 0, v, q * n, n);
        }
        return v;
    }

    /** {@code v} split into {@code count} kinds of {@code n} values; the length is checked and named by {@code what}. */
    static double[][] split(String what, double[] v, int count, int n) {
        Checks.length(what, v, count * n);
        double[][] kinds = new double[count][];
        for (int q = 0; q < count; q++) {
            kinds[q] = Arrays.copyOfRange(v, q * n, (q + 1) * n);
        }
        return kinds;
    }
}
