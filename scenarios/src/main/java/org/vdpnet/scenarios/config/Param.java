package org.vdpnet.scenarios.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.vdpnet.sim.Seeds;

/**
 * A per-node parameter: one constant for every node, or values drawn from a distribution
 * (uniform on [low, high], or normal with mean and sd), seeded from the scenario seed and the
 * parameter's name unless the distribution gives its own seed.
 *
 * @param distribution constant, uniform or normal
 * @param a            the constant, low, or mean
 * @param b            unused, high, or sd
 * @param seed         the distribution's own seed, or null to derive one
 */
public record Param(String distribution, double a, double b, Long seed) {
    /** A constant. */
    public static Param constant(double v) { return new Param("constant", v, 0, null); }

    /** Whether every node gets the same value. */
    public boolean isConstant() { return distribution.equals("constant"); }

    /** Draws {@code n} values; the stream is {@code name} under {@code scenarioSeed} unless a seed is given. */
    public double[] draw(int n, long scenarioSeed, String name) {
        double[] v = new double[n];
        if (isConstant()) {
            java.util.Arrays.fill(v, a);
            return v;
        }
        UniformRandomProvider rng = Seeds.rng(seed != null ? seed : Seeds.derive(scenarioSeed, "param:" + name));
        if (distribution.equals("uniform")) {
            for (int i = 0; i < n; i++) {
                v[i] = a + (b - a) * rng.nextDouble();
            }
        } else {
            var g = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int i = 0; i < n; i++) {
                v[i] = a + b * g.sample();
            }
        }
        return v;
    }

    /** The value as it would be written in YAML, for provenance and plans. */
    public Object describe() {
        if (isConstant()) {
            return a;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distribution", distribution);
        m.put(distribution.equals("uniform") ? "low" : "mean", a);
        m.put(distribution.equals("uniform") ? "high" : "sd", b);
        if (seed != null) {
            m.put("seed", seed);
        }
        return m;
    }

    @Override
    public String toString() {
        return isConstant() ? Rule.fmt(a) : describe().toString();
    }
}
