package org.vdpnet.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.Checks;

/**
 * The form fitted to recordings in Abrevaya et al. (Neural Computation 2021):
 * {@code x_i' = a1_i x_i (1 - x_i^2) + a2_i y_i + input_i}, {@code y_i' = -x_i}. Here {@code x}
 * is observed and {@code y} is latent; with {@code a1 = mu} and {@code a2 = 1} it is a van der
 * Pol oscillator written in Liénard-like coordinates.
 */
public final class ResearchVanDerPol implements NodeDynamics {
    private final double[] a1;
    private final double[] a2;
    private final double a1Min;
    private final double a2Min;

    private ResearchVanDerPol(double[] a1, double[] a2, double a1Min, double a2Min) {
        this.a1 = a1;
        this.a2 = a2;
        this.a1Min = a1Min;
        this.a2Min = a2Min;
    }

    /** Per-node parameters; any finite sign is allowed, since fits produce both. */
    public static ResearchVanDerPol of(double[] a1, double[] a2) {
        if (a1.length != a2.length || a1.length == 0) {
            throw new IllegalArgumentException("research: a1 and a2 need one entry per node, got " + a1.length + " and " + a2.length);
        }
        return new ResearchVanDerPol(Checks.finite("a1", a1), Checks.finite("a2", a2), Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /**
     * The same node parameters with lower bounds for a fit: {@code a1 >= a1Min}, {@code a2 >= a2Min}
     * ({@code -Infinity} for none). With both positive every node has a cubic restoring term and
     * an oscillatory latent loop, which keeps free runs bounded in practice (the dissipative
     * region of the research form); fits without them often find slightly negative a1, whose
     * cubic term grows without bound. The current values must satisfy the bounds (a
     * {@link org.vdpnet.sim.param.Parameter} refuses a value outside its range); the bounds
     * travel with {@link #withParameterValues}.
     */
    public ResearchVanDerPol withLowerBounds(double a1Min, double a2Min) {
        if (Double.isNaN(a1Min) || a1Min == Double.POSITIVE_INFINITY || Double.isNaN(a2Min) || a2Min == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("research bounds: a1 and a2 lower bounds must be finite or -Infinity, got " + a1Min + " and " + a2Min);
        }
        for (int i = 0; i < a1.length; i++) {
            if (!(a1[i] >= a1Min && a2[i] >= a2Min)) {
                throw new IllegalArgumentException("research bounds: node " + i + " has a1 = " + a1[i] + ", a2 = " + a2[i] + "; they must be >= "
                        + a1Min + " and >= " + a2Min);
            }
        }
        return new ResearchVanDerPol(a1, a2, a1Min, a2Min);
    }

    /** The lower bound of a1 ({@code -Infinity}: none). */
    public double a1Min() { return a1Min; }

    /** The lower bound of a2 ({@code -Infinity}: none). */
    public double a2Min() { return a2Min; }

    /** The same parameters for all {@code n} nodes. */
    public static ResearchVanDerPol uniform(int n, double a1, double a2) {
        Checks.positive("nodes", n);
        double[] p = new double[n];
        double[] q = new double[n];
        Arrays.fill(p, a1);
        Arrays.fill(q, a2);
        return of(p, q);
    }

    @Override public int nodes() { return a1.length; }
    @Override public List<String> variables() { return List.of("x", "y"); }
    @Override public int inputVariable() { return 0; }
    @Override public String type() { return "research"; }

    /** A copy of a1. */
    public double[] a1() { return a1.clone(); }

    /** A copy of a2. */
    public double[] a2() { return a2.clone(); }

    @Override
    public void evaluate(double[] y, double[] dy) {
        final int n = a1.length;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            dy[i] += drive(a1[i], a2[i], x, y[n + i]);
            dy[n + i] = latent(x);
        }
    }

    /** {@code y' = -x}: the one place the latent equation is written (single runs and ensembles). */
    static double latent(double x) {
        return -x;
    }

    /** {@code a1 x (1 - x^2) + a2 y}: the one place the node equation is written (single runs and ensembles). */
    static double drive(double a1, double a2, double x, double y) {
        return a1 * x * (1.0 - x * x) + a2 * y;
    }

    /** a1 (no copy: package use). */
    double[] a1Array() { return a1; }

    /** a2 (no copy: package use). */
    double[] a2Array() { return a2; }

    @Override public List<String> parameterKinds() { return List.of("a1", "a2"); }

    @Override
    public double[] parameterValues() {
        return KindMajor.pack(a1, a2);
    }

    @Override public double lowerBound(int q) { return q == 0 ? a1Min : a2Min; }

    @Override public double upperBound(int q) { return Double.POSITIVE_INFINITY; }

    @Override
    public ResearchVanDerPol withParameterValues(double[] v) {
        double[][] k = KindMajor.split("research parameters", v, 2, a1.length);
        return new ResearchVanDerPol(Checks.finite("a1", k[0]), Checks.finite("a2", k[1]), a1Min, a2Min);
    }

    @Override
    public void nodeJacobian(double[] y, double[] out) {
        final int n = a1.length;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            int b = i * 4;
            out[b] = a1[i] * (1.0 - 3.0 * x * x);
            out[b + 1] = a2[i];
            out[b + 2] = -1.0;
            out[b + 3] = 0.0;
        }
    }

    @Override
    public void nodeParameterJacobian(double[] y, double[] out) {
        final int n = a1.length;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            out[2 * i] = x * (1.0 - x * x);
            out[2 * i + 1] = 0.0;
            out[2 * (n + i)] = y[n + i];
            out[2 * (n + i) + 1] = 0.0;
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        m.put("a1", a1.clone());
        m.put("a2", a2.clone());
        if (a1Min > Double.NEGATIVE_INFINITY || a2Min > Double.NEGATIVE_INFINITY) {
            m.put("a1Min", a1Min);
            m.put("a2Min", a2Min);
        }
        return m;
    }
}
