package org.vdpnet.scenarios.cli;

/**
 * The checks of options that several commands share, so one option has one rule and one
 * message wherever it appears. Each throws {@link IllegalArgumentException} naming the option,
 * the value and what is allowed; the negated comparisons catch NaN.
 */
final class OptionChecks {
    private OptionChecks() {}

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
        String[] p = text.split(":", -1);
        long a;
        long b;
        try {
            if (p.length != 2) {
                throw new NumberFormatException();
            }
            double da = Double.parseDouble(p[0].trim());
            double db = Double.parseDouble(p[1].trim());
            if (!(da >= 0 && db > da && db < Double.POSITIVE_INFINITY)) {
                throw new NumberFormatException();
            }
            if (da != Math.rint(da) || db != Math.rint(db)) {
                throw new IllegalArgumentException(name + ": frame numbers must be whole, got '" + text + "'");
            }
            a = (long) da;
            b = (long) db;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be START:END with whole frame numbers 0 <= START < END, got '" + text + "'");
        }
        if (b > total) {
            throw new IllegalArgumentException(name + ": " + text + " runs past the end of the recording (" + total + " frames)" + hint.apply((int) Math.min(b, Integer.MAX_VALUE)));
        }
        return new int[] {(int) a, (int) b};
    }
}
