package org.vdpnet.scenarios.config;

import java.util.function.DoublePredicate;

/**
 * A range rule for a numeric value, with the text shown in messages and in the reference.
 * Every predicate is written so that NaN fails it.
 *
 * @param text  what is allowed, for example {@code finite and > 0}
 * @param test  the check
 */
public record Rule(String text, DoublePredicate test) {
    /** Any finite value. */
    public static Rule finite() { return new Rule("finite", Double::isFinite); }

    /** Finite and {@code > 0}. */
    public static Rule positive() { return new Rule("finite and > 0", v -> v > 0 && v < Double.POSITIVE_INFINITY); }

    /** Finite and {@code >= 0}. */
    public static Rule nonNegative() { return new Rule("finite and >= 0", v -> v >= 0 && v < Double.POSITIVE_INFINITY); }

    /** In {@code [lo, hi]}. */
    public static Rule between(double lo, double hi) {
        return new Rule("in [" + fmt(lo) + ", " + fmt(hi) + "]", v -> v >= lo && v <= hi);
    }

    /** In {@code [lo, hi)}. */
    public static Rule betweenOpen(double lo, double hi) {
        return new Rule("in [" + fmt(lo) + ", " + fmt(hi) + ")", v -> v >= lo && v < hi);
    }

    /** An integer {@code >= lo}. */
    public static Rule atLeast(long lo) { return new Rule("an integer >= " + lo, v -> v >= lo && v <= 9.007199254740992E15); }

    /** An integer in {@code [lo, hi]}. */
    public static Rule intBetween(long lo, long hi) { return new Rule("an integer in [" + lo + ", " + hi + "]", v -> v >= lo && v <= hi); }

    /** Any 64-bit integer. */
    public static Rule anyLong() { return new Rule("an integer", v -> true); }

    /** Throws a {@link ScenarioException} naming {@code where} unless {@code v} passes. */
    public double check(String where, double v) {
        if (!test.test(v)) {
            throw new ScenarioException(where + ": must be " + text + ", got " + fmt(v));
        }
        return v;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
