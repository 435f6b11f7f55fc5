package org.vdpnet.scenarios.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.io.AtomicFiles;

/**
 * Tells an earlier demo's folder from a folder of the user's own files, so {@code vdpnet demo}
 * overwrites only its own output. An earlier demo holds nothing but the step folders and the
 * marker file, and either the marker (written before the first step) or step folders that are each
 * empty or hold a {@code provenance.json} naming that step's command.
 */
final class DemoFolder {
    private DemoFolder() {}

    /** The step folders, named for their commands. */
    static final List<String> STEPS = List.of("simulate", "fit", "forecast", "evaluate");
    /** The marker the demo writes into its folder before the first step. */
    static final String MARKER = ".vdpnet-demo";

    /** Whether the demo may write into {@code dir}: missing, empty, or an earlier demo. */
    static boolean reusable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        boolean marked = false;
        boolean unvouched = false;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.equals(MARKER) && Files.isRegularFile(p)) {
                    marked = true;
                } else if (STEPS.contains(name) && Files.isDirectory(p)) {
                    // every step folder must be empty or vouched for by its provenance.json
                    unvouched |= !madeBy(p.resolve(RunWriter.PROVENANCE), name) && !isEmpty(p);
                } else {
                    return false;
                }
            }
        }
        return marked || !unvouched;
    }

    private static boolean madeBy(Path provenance, String command) {
        if (!Files.isRegularFile(provenance)) {
            return false;
        }
        try {
            Map<String, Object> m = Provenance.read(provenance);
            return m != null && command.equals(m.get("command"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    /** Writes the marker, so an interrupted demo is still recognised as one. */
    static void mark(Path dir) throws IOException {
        AtomicFiles.writeString(dir.resolve(MARKER), "vdpnet demo output; 'vdpnet demo --out " + dir + "' may overwrite this folder\n");
    }
}
