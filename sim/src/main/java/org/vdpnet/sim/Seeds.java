package org.vdpnet.sim;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Deterministic seed splitting: one master seed gives an independent-looking seed for each
 * named consumer (topology, initial state, noise, ...), so adding a consumer never shifts the
 * streams of the others.
 */
public final class Seeds {
    private Seeds() {}

    /** The seed for {@code purpose} derived from {@code master} (SplitMix64 finaliser over both). */
    public static long derive(long master, String purpose) {
        long h = 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return mix(master + h);
    }

    /** The seed for the {@code index}-th member of a family (replicates, windows, ...). */
    public static long derive(long master, String purpose, long index) {
        return mix(derive(master, purpose) + 0x9E3779B97F4A7C15L * (index + 1));
    }

    /** A fast, high-quality generator (xoroshiro/xoshiro 256++) seeded from {@code seed}. */
    public static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_SHI_RO_256_PP.create(seed);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
