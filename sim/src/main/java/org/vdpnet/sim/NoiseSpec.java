package org.vdpnet.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Diagonal noise for {@code dy = f(t, y) dt + g(y) dW}: additive ({@code g_i = sigma_i}) or
 * multiplicative ({@code g_i(y) = sigma_i y_i}). A component with {@code sigma_i = 0} gets no
 * noise. Euler–Maruyama integrates it in the Itô sense, stochastic Heun in the Stratonovich
 * sense; for additive noise the two agree.
 */
public final class NoiseSpec {
    /** The kind of noise. */
    public enum Kind { NONE, ADDITIVE, MULTIPLICATIVE }

    private static final NoiseSpec NONE = new NoiseSpec(Kind.NONE, new double[0], 0L);

    private final Kind kind;
    private final double[] sigma;
    private final long seed;

    private NoiseSpec(Kind kind, double[] sigma, long seed) {
        this.kind = kind;
        this.sigma = sigma;
        this.seed = seed;
    }

    /** No noise. */
    public static NoiseSpec none() { return NONE; }

    /** Additive noise with one intensity per state component. */
    public static NoiseSpec additive(double[] sigma, long seed) {
        return new NoiseSpec(Kind.ADDITIVE, Checks.nonNegative("noise.sigma", sigma), seed);
    }

    /** Multiplicative noise with one intensity per state component. */
    public static NoiseSpec multiplicative(double[] sigma, long seed) {
        return new NoiseSpec(Kind.MULTIPLICATIVE, Checks.nonNegative("noise.sigma", sigma), seed);
    }

    /** The kind. */
    public Kind kind() { return kind; }

    /** Whether any component gets noise. */
    public boolean isActive() {
        if (kind == Kind.NONE) {
            return false;
        }
        for (double s : sigma) {
            if (s > 0) {
                return true;
            }
        }
        return false;
    }

    /** A copy of the intensities (empty for no noise). */
    public double[] sigma() { return sigma.clone(); }

    /** The seed of the Wiener increments. */
    public long seed() { return seed; }

    /** The settings, for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        if (kind != Kind.NONE) {
            m.put("sigma", sigma.clone());
            m.put("seed", seed);
        }
        return m;
    }
}
