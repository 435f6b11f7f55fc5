package org.vdpnet.models;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.Checks;

/**
 * The classic van der Pol oscillator, per node {@code x' = y},
 * {@code y' = mu (1 - x^2) y - omega^2 x + input}. Its limit cycle has amplitude about 2 and,
 * for {@code omega = 1}, period {@code 2 pi} at {@code mu = 0} and 6.66328686 at {@code mu = 1}.
 */
public final class VanDerPol implements NodeDynamics {
    private final double[] mu;
    private final double[] omegaSq;
    private final double[] omega;

    private VanDerPol(double[] mu, double[] omega) {
        this.mu = mu;
        this.omega = omega;
        this.omegaSq = new double[omega.length];
        for (int i = 0; i < omega.length; i++) {
            omegaSq[i] = omega[i] * omega[i];
        }
    }

    /** Per-node damping {@code mu >= 0} and angular frequency {@code omega > 0}. */
    public static VanDerPol of(double[] mu, double[] omega) {
        if (mu.length != omega.length || mu.length == 0) {
            throw new IllegalArgumentException("vdp: mu and omega need one entry per node, got " + mu.length + " and " + omega.length);
        }
        double[] m = Checks.nonNegative("mu", mu);
        for (int i = 0; i < omega.length; i++) {
            Checks.positive("omega[" + i + "]", omega[i]);
        }
        return new VanDerPol(m, omega.clone());
    }

    /** The same {@code mu} and {@code omega} for all {@code n} nodes. */
    public static VanDerPol uniform(int n, double mu, double omega) {
        Checks.positive("nodes", n);
        double[] m = new double[n];
        double[] w = new double[n];
        Arrays.fill(m, mu);
        Arrays.fill(w, omega);
        return of(m, w);
    }

    @Override public int nodes() { return mu.length; }
    @Override public List<String> variables() { return List.of("x", "y"); }
    @Override public int inputVariable() { return 1; }
    @Override public String type() { return "vdp"; }

    /** A copy of the damping parameters. */
    public double[] mu() { return mu.clone(); }

    /** A copy of the angular frequencies. */
    public double[] omega() { return omega.clone(); }

    @Override
    public void evaluate(double[] y, double[] dy) {
        final int n = mu.length;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            double v = y[n + i];
            dy[i] = rate(v);
            dy[n + i] += accel(mu[i], omegaSq[i], x, v);
        }
    }

    /** {@code x' = v}: the one place the first equation is written (single runs and ensembles). */
    static double rate(double v) {
        return v;
    }

    /** {@code mu (1 - x^2) v - omega^2 x}: the one place the node equation is written (single runs and ensembles). */
    static double accel(double mu, double omegaSq, double x, double v) {
        return mu * (1.0 - x * x) * v - omegaSq * x;
    }

    /** The squared angular frequencies (no copy: package use). */
    double[] omegaSqArray() { return omegaSq; }

    /** The damping (no copy: package use). */
    double[] muArray() { return mu; }

    @Override public List<String> parameterKinds() { return List.of("mu", "omega"); }

    @Override
    public double[] parameterValues() {
        return KindMajor.pack(mu, omega);
    }

    /** mu >= 0; omega > 0 (its smallest positive double). */
    @Override public double lowerBound(int q) { return q == 0 ? 0.0 : Double.MIN_VALUE; }

    @Override public double upperBound(int q) { return Double.POSITIVE_INFINITY; }

    @Override
    public VanDerPol withParameterValues(double[] v) {
        double[][] k = KindMajor.split("vdp parameters", v, 2, mu.length);
        return of(k[0], k[1]);
    }

    @Override
    public void nodeJacobian(double[] y, double[] out) {
        final int n = mu.length;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            double v = y[n + i];
            int b = i * 4;
            out[b] = 0.0;
            out[b + 1] = 1.0;
            out[b + 2] = -2.0 * mu[i] * x * v - omegaSq[i];
            out[b + 3] = mu[i] * (1.0 - x * x);
        }
    }

    @Override
    public void nodeParameterJacobian(double[] y, double[] out) {
        final int n = mu.length;
        for (int i = 0; i < n; i++) {
            double x = y[i];
            double v = y[n + i];
            out[2 * i] = 0.0;
            out[2 * i + 1] = (1.0 - x * x) * v;
            out[2 * (n + i)] = 0.0;
            out[2 * (n + i) + 1] = -2.0 * omega[i] * x;
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type());
        m.put("mu", mu.clone());
        m.put("omega", omega.clone());
        return m;
    }
}
