package org.vdpnet.sim;

/**
 * Argument checks that name the argument, show the value and say what is allowed. Every
 * comparison is written so that NaN fails it.
 */
public final class Checks {
    private Checks() {}

    /** Requires a finite value. */
    public static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + ": must be finite, got " + v);
        }
        return v;
    }

    /** Requires a finite value {@code > 0}. */
    public static double positive(String name, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + ": must be finite and > 0, got " + v);
        }
        return v;
    }

    /** Requires an int {@code > 0}. */
    public static int positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + ": must be > 0, got " + v);
        }
        return v;
    }

    /** Requires a finite value {@code >= 0}. */
    public static double nonNegative(String name, double v) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + ": must be finite and >= 0, got " + v);
        }
        return v;
    }

    /** Requires {@code lo <= v <= hi}. */
    public static double inRange(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + ": must be in [" + lo + ", " + hi + "], got " + v);
        }
        return v;
    }

    /** Requires {@code lo <= v <= hi} for an int. */
    public static int inRange(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(name + ": must be in [" + lo + ", " + hi + "], got " + v);
        }
        return v;
    }

    /** Requires every entry finite; returns a copy. */
    public static double[] finite(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "]: must be finite, got " + v[i]);
            }
        }
        return v.clone();
    }

    /** Requires every entry finite and {@code >= 0}; returns a copy. */
    public static double[] nonNegative(String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            nonNegative(name + "[" + i + "]", v[i]);
        }
        return v.clone();
    }

    /** Requires an array of the given length. */
    public static double[] length(String name, double[] v, int expected) {
        if (v.length != expected) {
            throw new IllegalArgumentException(name + ": must have length " + expected + ", got " + v.length);
        }
        return v;
    }
}
