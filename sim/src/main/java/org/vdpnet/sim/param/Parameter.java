package org.vdpnet.sim.param;

import java.util.Objects;

/**
 * A named model parameter with its scale and bounds, in the style of Orekit's
 * {@code ParameterDriver(name, referenceValue, scale, minValue, maxValue)}. Optimisers work in
 * scaled units, {@code value / scale}, so parameters of different magnitudes weigh alike.
 * Immutable; the bounds are what the model accepts, and a fitter that reaches one says so.
 *
 * @param name  a unique name within its model, for example {@code a1[3]} or {@code W[2<-5]}
 * @param value the current value, finite and within the bounds
 * @param scale the typical magnitude, finite and positive
 * @param min   the lower bound (may be {@code -Infinity})
 * @param max   the upper bound (may be {@code +Infinity})
 */
public record Parameter(String name, double value, double scale, double min, double max) {
    /** Checks the values; the messages name the parameter, the value and what is allowed. */
    public Parameter {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("parameter name: must not be blank");
        }
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + ": scale must be finite and > 0, got " + scale);
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException(name + ": bounds must satisfy min <= max, got [" + min + ", " + max + "]");
        }
        if (!(value >= min && value <= max && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + ": must be " + requirement(min, max) + ", got " + value);
        }
    }

    /**
     * The bounds in words: {@code > 0} for a lower bound of the smallest positive double (an
     * open bound at 0), {@code >= 0}, {@code in [a, b]}, or {@code any real number}.
     */
    public static String bounds(double min, double max) {
        String lo = min == Double.MIN_VALUE ? "> 0" : min == Double.NEGATIVE_INFINITY ? null : ">= " + min;
        String hi = max == Double.POSITIVE_INFINITY ? null : "<= " + max;
        if (lo == null && hi == null) {
            return "any real number";
        }
        if (lo != null && hi != null) {
            return min == Double.MIN_VALUE ? "in (0, " + max + "]" : "in [" + min + ", " + max + "]";
        }
        return lo != null ? lo : hi;
    }

    /** What a value must be, for messages: {@code a finite number}, or {@code finite and > 0}, and so on. */
    public static String requirement(double min, double max) {
        return min == Double.NEGATIVE_INFINITY && max == Double.POSITIVE_INFINITY ? "a finite number" : "finite and " + bounds(min, max);
    }

    /** {@link #requirement(double, double)} of this parameter. */
    public String requirement() { return requirement(min, max); }

    /** {@link #bounds(double, double)} of this parameter. */
    public String bounds() { return bounds(min, max); }

    /** An unbounded parameter. */
    public static Parameter unbounded(String name, double value, double scale) {
        return new Parameter(name, value, scale, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The same parameter with another value (checked against the bounds). */
    public Parameter withValue(double v) {
        return new Parameter(name, v, scale, min, max);
    }

    /** {@code value / scale}. */
    public double scaled() { return value / scale; }

    /** Whether {@code v} lies within the bounds. */
    public boolean admits(double v) { return v >= min && v <= max; }
}
