package org.vdpnet.scenarios;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.io.AtomicFiles;

/**
 * The output folder of one run. Every file is written atomically, and {@code provenance.json}
 * is written last: a folder without it is an incomplete run, whatever else it holds.
 */
public final class RunWriter {
    /** The name of the completion marker and provenance record. */
    public static final String PROVENANCE = "provenance.json";

    private final Path dir;

    private RunWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * Checks that {@code dir} can take a run's output, before any work is done. Nothing is
     * created here; a refused folder is left as it was.
     *
     * @param overwrite whether a non-empty folder may be reused
     */
    public static RunWriter prepare(Path dir, boolean overwrite) throws IOException {
        checkCreatable(dir);
        if (Files.isDirectory(dir) && !overwrite && !isEmpty(dir)) {
            throw new IllegalArgumentException("--out: folder " + dir
                    + " exists and is not empty; choose another folder or pass --overwrite");
        }
        return new RunWriter(dir);
    }

    /**
     * Checks that {@code --out} names a folder that is there or can be made: not a file, not under a
     * file, and in a place this process may write. Nothing is left behind: where the folder is
     * missing, a probe file is created in its nearest existing ancestor and removed at once.
     *
     * @throws IllegalArgumentException naming {@code --out}, the path and what is wrong
     */
    public static void checkCreatable(Path dir) {
        if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
            throw new IllegalArgumentException("--out: " + dir + " is a broken symbolic link");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out: " + dir + " exists and is not a folder");
        }
        Path abs = dir.toAbsolutePath().normalize();
        Path probeIn = abs;
        while (probeIn != null && !Files.exists(probeIn)) {
            if (Files.isSymbolicLink(probeIn)) {
                throw new IllegalArgumentException("--out: " + dir + " is under a broken symbolic link, " + probeIn);
            }
            probeIn = probeIn.getParent();
        }
        if (probeIn == null) {
            throw new IllegalArgumentException("--out: cannot create " + dir + ": no existing folder above it");
        }
        if (!Files.isDirectory(probeIn)) {
            throw new IllegalArgumentException("--out: " + dir + " is under a file, " + probeIn);
        }
        if (probeIn.equals(abs)) {
            // an existing folder of the user's is not probed (its time stamps stay as they are)
            if (!Files.isWritable(abs)) {
                throw new IllegalArgumentException("--out: cannot write into " + dir + ": permission denied");
            }
            return;
        }
        try {
            Path probe = Files.createTempFile(probeIn, ".vdpnet-out-check-", ".tmp");
            Files.deleteIfExists(probe);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("--out: cannot create " + dir + ": permission denied (in " + probeIn + ")");
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            String why = e instanceof java.nio.file.FileSystemException f ? f.getReason() : e.getMessage();
            why = why == null ? "" : why.toLowerCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException("--out: cannot create " + dir + ": " + (why.isBlank() ? "the folder " + probeIn + " does not take new files"
                    : why.strip() + " (in " + probeIn + ")"));
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Creates the folder and removes a stale completion marker, so a rewrite never looks complete midway. */
    public Path open() throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(PROVENANCE));
        return dir;
    }

    /** A path inside the folder. */
    public Path file(String name) { return dir.resolve(name); }

    /** The folder. */
    public Path dir() { return dir; }

    /** Writes the provenance record, which marks the run complete. */
    public void complete(Provenance provenance) throws IOException {
        AtomicFiles.writeString(dir.resolve(PROVENANCE), provenance.toJson());
    }
}
