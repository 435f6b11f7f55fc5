package org.vdpnet.fitting.recording;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/** Sizes in words and the memory check every reader runs before it allocates a recording's arrays. */
final class Limits {
    /** The memory Java may still use for new arrays; replaced in tests to simulate a small heap. */
    static LongSupplier budget = Limits::heapLeft;

    private Limits() {}

    /** {@code 1.5 GB}, {@code 120 bytes}. */
    static String size(long bytes) {
        return org.vdpnet.sim.io.InputFiles.size(bytes);
    }

    /**
     * Whether {@code e} is one of the readers' own one-line refusals (which name the file or the option)
     * rather than something a library threw on a damaged file.
     */
    static boolean ours(Path file, RuntimeException e) {
        String m = e.getMessage();
        return e instanceof IllegalArgumentException && m != null
                && (m.startsWith(file.toString()) || m.startsWith("--variable:") || m.startsWith("--rate:"));
    }

    /** The memory Java may still use for new arrays (the test budget where one is set). */
    static long available() {
        return budget.getAsLong();
    }

    private static long heapLeft() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Bytes of a {@code double[rows][cols]}: the outer array of references, and per row a header, the values and padding. */
    static long rowsBytes(long rows, long cols) {
        long row = (16 + 8 * cols + 7) / 8 * 8;
        return 16 + 8 * rows + rows * row;
    }

    /**
     * The bytes alive at once while a {@code rows x cols} array is read into a recording: the array as
     * stored (one {@code double[]} per stored row), the copy oriented time by channels where the stored
     * rows are not time points ({@code mayTranspose}), the row-major array the {@code TimeSeries} is made
     * from and its copy inside it, the sample times (twice) and sample numbers.
     */
    static long need(long rows, long cols, boolean mayTranspose) {
        if (rows <= 0 || cols <= 0) {
            return 0;
        }
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long values = rows * cols;
        if (values > Integer.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long stored = rowsBytes(rows, cols);
        long oriented = mayTranspose ? Math.max(stored, rowsBytes(cols, rows)) : 0;
        long samples = mayTranspose ? Math.max(rows, cols) : rows;
        return stored + oriented + 2 * (16 + 8 * values) + 2 * (16 + 8 * samples) + 16 + 4 * samples;
    }

    /**
     * Refuses a {@code rows x cols} array of numbers where the structures it is read into (see
     * {@link #need}) would not fit in the memory Java may use.
     *
     * @param what what holds them, e.g. "shape (20000, 20000) float64"
     */
    static void requireMemory(Path file, long fileSize, long rows, long cols, boolean mayTranspose, String what) {
        long values = rows > 0 && cols > Long.MAX_VALUE / rows ? Long.MAX_VALUE : rows * cols;
        long need = need(rows, cols, mayTranspose);
        long have = available();
        if (values > Integer.MAX_VALUE - 16L || need > have) {
            throw new IllegalArgumentException(file + " (" + size(fileSize) + "): " + what + " holds " + values + " values, which need about "
                    + (need == Long.MAX_VALUE ? "more" : size(need)) + " of memory as doubles, more than the " + size(have) + " Java may use; "
                    + "cut the recording or raise the Java heap (-Xmx, e.g. JAVA_OPTS=-Xmx16g)");
        }
    }

    /** The refusal for a recording that ran out of memory while it was read, whatever the checks before estimated. */
    static IllegalArgumentException tooLarge(Path file, long fileSize) {
        Runtime rt = Runtime.getRuntime();
        return new IllegalArgumentException(file + " (" + size(fileSize) + "): too large to read into the available memory (Java may use "
                + size(rt.maxMemory()) + "); cut the recording or raise the Java heap (-Xmx, e.g. JAVA_OPTS=-Xmx16g)");
    }
}
