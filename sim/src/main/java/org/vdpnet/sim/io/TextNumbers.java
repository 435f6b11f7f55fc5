package org.vdpnet.sim.io;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Numbers in text tables as other tools write them: Java's and C's formats, plus {@code nan},
 * {@code inf}, {@code -inf} in any case (NumPy and R write these). Non-finite values are returned,
 * not rejected: callers decide what to do with them.
 */
public final class TextNumbers {
    private TextNumbers() {}

    /** The value of {@code s}, or empty when it is not a number. */
    public static OptionalDouble parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "nan": case "+nan": case "-nan": return OptionalDouble.of(Double.NaN);
            case "inf": case "+inf": case "infinity": case "+infinity": return OptionalDouble.of(Double.POSITIVE_INFINITY);
            case "-inf": case "-infinity": return OptionalDouble.of(Double.NEGATIVE_INFINITY);
            default: break;
        }
        try {
            return OptionalDouble.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Whether {@code s} is a number (including nan and inf). */
    public static boolean isNumber(String s) {
        return parse(s).isPresent();
    }
}
