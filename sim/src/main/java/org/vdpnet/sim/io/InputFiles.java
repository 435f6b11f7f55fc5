package org.vdpnet.sim.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The one check of an input file before it is opened: a regular, readable file of at most a
 * given size. A pipe (FIFO) would block a reader forever and a device or a huge file would run it
 * out of memory, so they are refused by their attributes, without opening them. Every refusal is an
 * {@link IllegalArgumentException} with one line naming the option (where given), the file and what
 * is wrong.
 */
public final class InputFiles {
    private InputFiles() {}

    /** The bound on a text input read whole (a connectome, a scenario): 256 MB. */
    public static final long TEXT_LIMIT = 256L * 1024 * 1024;

    /**
     * Checks {@code file}: it exists, is a regular file (links followed), is readable and holds at
     * most {@code maxBytes} bytes.
     *
     * @param option the option that named the file ({@code --load}), or null where the file
     *               itself opens the message
     * @return the file's size in bytes
     */
    public static long check(String option, Path file, long maxBytes) {
        String where = (option == null ? "" : option + ": ") + file;
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException e) {
            if (Files.isSymbolicLink(file)) {
                throw new IllegalArgumentException(where + " is a broken symbolic link");
            }
            throw new IllegalArgumentException(where + (e instanceof java.nio.file.AccessDeniedException ? ": permission denied" : ": file not found"));
        }
        if (a.isDirectory()) {
            throw new IllegalArgumentException(where + " is a directory, not a file");
        }
        if (!a.isRegularFile()) {
            throw new IllegalArgumentException(where + " is not a regular file (a pipe, device or socket)");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(where + ": permission denied");
        }
        if (a.size() > maxBytes) {
            throw new IllegalArgumentException(where + " is " + size(a.size()) + "; at most " + size(maxBytes) + " are read");
        }
        return a.size();
    }

    /** {@link #check} then the whole file. */
    public static byte[] readAllBytes(String option, Path file, long maxBytes) throws IOException {
        check(option, file, maxBytes);
        try (InputStream in = Files.newInputStream(file)) {
            return read(option == null ? file.toString() : option + ": " + file, in, maxBytes);
        }
    }

    /**
     * Reads a stream (a zip entry) of at most {@code maxBytes} bytes; more is refused naming
     * {@code where} and the bound, without reading further.
     */
    public static byte[] read(String where, InputStream in, long maxBytes) throws IOException {
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        byte[] b = in.readNBytes(limit + 1);
        if (b.length > limit) {
            throw new IllegalArgumentException(where + " holds more than " + size(maxBytes) + "; at most " + size(maxBytes) + " are read");
        }
        return b;
    }

    /** A size for messages: bytes, kB, MB or GB. */
    public static String size(long bytes) {
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
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /** Whether {@code path} is a symbolic link whose target is missing. */
    public static boolean brokenLink(Path path) {
        return Files.isSymbolicLink(path) && !Files.exists(path);
    }

    /** Whether anything (a link included, broken or not) is at {@code path}. */
    public static boolean present(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
