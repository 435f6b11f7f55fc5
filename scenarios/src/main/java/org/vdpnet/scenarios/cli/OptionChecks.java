package org.vdpnet.scenarios.cli;

/**
 * The checks of options that several commands share, so one option has one rule and one
 * message wherever it appears. Each throws {@link IllegalArgumentException} naming the option,
 * the value and what is allowed; the negated comparisons catch NaN.
 */
final class OptionChecks {
    private OptionChecks() {}

    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("\\d{1,10}");

    /** A count option: a whole number in {@code [min, max]}; the bound is documented in the option's help. */
    static int count(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    private static boolean looksNumeric(String s) {
        return s.strip().matches("[+]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    /** {@code --stride}: frames between forecast origins or window starts, at least one. */
    static int stride(int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("--stride: must be >= 1, got " + stride);
        }
        return stride;
    }

    /**
     * {@code --test-end}: one past the last test frame, after {@code after} and at most {@code total}
     * (null: the end of the recording).
     */
    static int testEnd(Integer testEnd, long after, int total) {
        int end = testEnd == null ? total : testEnd;
        if (end <= after || end > total) {
            throw new IllegalArgumentException("--test-end: must be in (" + after + ", " + total + "], got " + end);
        }
        return end;
    }

    /** {@code --threads}: at least one worker. */
    static int threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: must be >= 1, got " + threads);
        }
        return threads;
    }

    /** {@code --rate}: samples per second, finite and positive. */
    static double rate(double rate) {
        if (!(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--rate: must be finite and > 0, got " + rate);
        }
        return rate;
    }

    /**
     * A frame range {@code START:END} (end exclusive) of whole frame numbers within a recording of
     * {@code total} frames: {@code --window}, {@code --train} and any other frame range.
     */
    static int[] frames(String name, String text, int total) {
        return frames(name, text, total, end -> "");
    }

    /** As {@link #frames(String, String, int)}; {@code hint} adds to the message where the range runs past the end (the other orientation). */
    static int[] frames(String name, String text, int total, java.util.function.IntFunction<String> hint) {
        return range(name, text, total, "frame", hint);
    }

    /** A channel range {@code START:END} (end exclusive) of whole channel numbers within a recording of {@code total} channels. */
    static int[] channels(String name, String text, int total) {
        return range(name, text, total, "channel", end -> "");
    }

    private static int[] range(String name, String text, int total, String unit, java.util.function.IntFunction<String> hint) {
        String[] p = text.split(":", -1);
        long a;
        long b;
        if (p.length != 2 || !WHOLE.matcher(p[0].strip()).matches() || !WHOLE.matcher(p[1].strip()).matches()) {
            // digits only: 5d, 0x1p3, 1e2, -0 and 0.5 are numbers to Java but not frame numbers
            if (p.length == 2 && looksNumeric(p[0]) && looksNumeric(p[1])) {
                throw new IllegalArgumentException(name + ": " + unit + " numbers must be whole, got '" + text + "'");
            }
            throw new IllegalArgumentException(name + ": must be START:END with whole " + unit + " numbers 0 <= START < END, got '" + text + "'");
        }
        a = Long.parseLong(p[0].strip());
        b = Long.parseLong(p[1].strip());
        if (b <= a) {
            throw new IllegalArgumentException(name + ": must be START:END with whole " + unit + " numbers 0 <= START < END, got '" + text + "'");
        }
        if (b > total) {
            throw new IllegalArgumentException(name + ": " + text + " runs past the end of the recording (" + total + " " + unit + "s)"
                    + hint.apply((int) Math.min(b, Integer.MAX_VALUE)));
        }
        return new int[] {(int) a, (int) b};
    }
}
