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
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out: " + dir + " exists and is not a folder");
        }
        if (Files.isDirectory(dir) && !overwrite && !isEmpty(dir)) {
            throw new IllegalArgumentException("--out: folder " + dir
                    + " exists and is not empty; choose another folder or pass --overwrite");
        }
        return new RunWriter(dir);
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
