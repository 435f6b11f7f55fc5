package org.vdpnet.fitting.recording;

import java.nio.file.Path;
import java.util.Locale;

/** Sizes in words and the memory check every reader runs before it allocates a recording's arrays. */
final class Limits {
    /** Copies of the values alive at once while a recording is read: as stored, oriented, and in the {@code TimeSeries}. */
    static final int COPIES = 3;

    private Limits() {}

    /** {@code 1.5 GB}, {@code 120 bytes}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
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

    /** The heap Java may still use for new arrays. */
    static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses {@code values} numbers as doubles where they would not fit in the memory Java may use.
     *
     * @param what what holds them, e.g. "shape (20000, 20000) float64"
     */
    static void requireMemory(Path file, long fileSize, long values, String what) {
        long need = values > Long.MAX_VALUE / (8L * COPIES) ? Long.MAX_VALUE : values * 8L * COPIES;
        if (values > Integer.MAX_VALUE - 16L || need > available()) {
            throw new IllegalArgumentException(file + " (" + size(fileSize) + "): " + what + " holds " + values + " values, which need about "
                    + size(need) + " of memory as doubles, more than the " + size(available()) + " Java may use; "
                    + "cut the recording or raise the Java heap (-Xmx, e.g. JAVA_OPTS=-Xmx16g)");
        }
    }
}
