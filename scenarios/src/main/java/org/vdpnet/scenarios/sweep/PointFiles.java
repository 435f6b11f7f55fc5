package org.vdpnet.scenarios.sweep;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.vdpnet.scenarios.RunWriter;

/**
 * The files of one completed sweep point, as bytes: what a task returns to the driver, which alone
 * writes the output folder. A task makes them in a scratch folder of its own machine
 * ({@link #collect}); the driver writes them with {@link #install}.
 *
 * @param id    the point's folder name
 * @param names file names, sorted, {@code provenance.json} among them
 * @param bytes the contents, in the order of {@code names}
 * @param integratedWith how many points the point was integrated with side by side, itself included (1: alone)
 * @param alone          why a point whose task held others was integrated alone ("" otherwise)
 */
public record PointFiles(String id, List<String> names, List<byte[]> bytes, int integratedWith, String alone) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the lists; the two must have the same length. */
    public PointFiles {
        names = List.copyOf(names);
        bytes = List.copyOf(bytes);
        if (names.size() != bytes.size()) {
            throw new IllegalArgumentException("point files: " + names.size() + " names but " + bytes.size() + " contents");
        }
    }

    /** Reads every plain file of {@code dir} (a flat folder) in name order. */
    static PointFiles collect(String id, Path dir, int integratedWith, String alone) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (!Files.isRegularFile(p)) {
                    throw new IOException("point " + id + ": unexpected entry " + p.getFileName() + " in its scratch folder");
                }
                files.add(p);
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<String> names = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        for (Path p : files) {
            names.add(p.getFileName().toString());
            bytes.add(Files.readAllBytes(p));
        }
        if (!names.contains(RunWriter.PROVENANCE)) {
            throw new IOException("point " + id + ": its task wrote no " + RunWriter.PROVENANCE);
        }
        return new PointFiles(id, names, bytes, integratedWith, alone);
    }

    /**
     * Writes the point's folder under {@code points}: every file into a hidden temporary folder,
     * {@code provenance.json} (the completion marker) last, then one rename into place. A folder of the
     * same name left by an interrupted run is replaced.
     */
    void install(Path points) throws IOException {
        Path tmp = points.resolve("." + id + ".tmp-" + UUID.randomUUID());
        Files.createDirectories(tmp);
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(RunWriter.PROVENANCE)) {
                write(tmp.resolve(names.get(i)), bytes.get(i));
            }
        }
        write(tmp.resolve(RunWriter.PROVENANCE), bytes.get(names.indexOf(RunWriter.PROVENANCE)));
        Path target = points.resolve(id);
        deleteTree(target);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
    }

    private static void write(Path target, byte[] b) throws IOException {
        Files.write(target, b); // inside a hidden folder that is renamed into place whole: no per-file temporary needed
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
