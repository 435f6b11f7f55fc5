package org.vdpnet.fitting.estimate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vdpnet.sim.Checks;

/**
 * Parameters of the research form (Abrevaya et al. 2021) for {@code n} observed components:
 * {@code x_i' = a1_i x_i (1 - x_i^2) + a2_i y_i + sum_j W_ij x_j}, {@code y_i' = -x_i}.
 * Packed as one vector {@code (a1, a2, W row by row)} for the optimiser. Immutable.
 */
public final class ResearchParameters {
    private final int n;
    private final double[] a1;
    private final double[] a2;
    private final double[][] w;

    /** Copies and checks the arrays. */
    public ResearchParameters(double[] a1, double[] a2, double[][] w) {
        this.n = a1.length;
        Checks.length("a2", a2, n);
        this.a1 = Checks.finite("a1", a1);
        this.a2 = Checks.finite("a2", a2);
        if (w.length != n) {
            throw new IllegalArgumentException("W: must be " + n + "x" + n + ", got " + w.length + " rows");
        }
        this.w = new double[n][];
        for (int i = 0; i < n; i++) {
            Checks.length("W[" + i + "]", w[i], n);
            this.w[i] = Checks.finite("W[" + i + "]", w[i]);
        }
    }

    /** Number of packed values for {@code n} components: 2n + n^2. */
    public static int size(int n) { return 2 * n + n * n; }

    /** Unpacks {@code (a1, a2, W)} from {@code v} starting at {@code offset}. */
    public static ResearchParameters unpack(int n, double[] v, int offset) {
        double[] a1 = new double[n];
        double[] a2 = new double[n];
        double[][] w = new double[n][n];
        System.arraycopy(v, offset, a1, 0, n);
        System.arraycopy(v, offset + n, a2, 0, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(v, offset + 2 * n + i * n, w[i], 0, n);
        }
        return new ResearchParameters(a1, a2, w);
    }

    /** Writes the packed vector into {@code v} at {@code offset}. */
    public void pack(double[] v, int offset) {
        System.arraycopy(a1, 0, v, offset, n);
        System.arraycopy(a2, 0, v, offset + n, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(w[i], 0, v, offset + 2 * n + i * n, n);
        }
    }

    /** Number of components. */
    public int components() { return n; }

    /** a1 (a copy). */
    public double[] a1() { return a1.clone(); }

    /** a2 (a copy). */
    public double[] a2() { return a2.clone(); }

    /** W (a copy). */
    public double[][] w() {
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            c[i] = w[i].clone();
        }
        return c;
    }

    /** The parameters, for fit.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a1", a1.clone());
        m.put("a2", a2.clone());
        m.put("W", w());
        return m;
    }
}
