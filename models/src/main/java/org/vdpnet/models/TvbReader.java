package org.vdpnet.models;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.vdpnet.sim.io.InputFiles;

/**
 * Reads a The Virtual Brain connectivity, a folder or a zip (files at its top or in one folder),
 * as tvb-data ships them: {@code weights.txt} (required), {@code tract_lengths.txt} (or
 * {@code tracts.txt}) and {@code centres.txt}, whose lines are {@code label x y z} followed by
 * any extra columns, which are ignored as TVB ignores them. Other files ({@code areas.txt},
 * {@code cortical.txt}, {@code hemispheres.txt}, {@code average_orientations.txt},
 * {@code info.txt}) are allowed and not read.
 */
final class TvbReader {
    private static final List<String> WANTED = List.of("weights.txt", "tract_lengths.txt", "tracts.txt", "centres.txt");

    private TvbReader() {}

    static Connectome read(Path path) throws IOException {
        Map<String, String> files = Files.isDirectory(path) ? folder(path) : zip(path);
        String where = Files.isDirectory(path) ? "folder" : "zip";
        if (!files.containsKey("weights.txt")) {
            String compressed = files.keySet().stream().filter(f -> f.startsWith("weights.txt.")).findFirst().orElse(null);
            throw new IllegalArgumentException(path + ": " + (compressed != null
                    ? "holds " + compressed + ", a compressed weights file; decompress it to weights.txt"
                    : "no weights.txt in this " + where + "; a TVB connectivity needs weights.txt (and optionally tract_lengths.txt, centres.txt)"));
        }
        String wName = path + "/weights.txt";
        double[][] w = ConnectomeText.Matrix.parse(wName, files.get("weights.txt"), false).square(wName, "weight", false);
        int n = w.length;
        List<String> labels = null;
        double[][] centres = null;
        if (files.containsKey("centres.txt")) {
            labels = new ArrayList<>();
            centres = centres(path + "/centres.txt", files.get("centres.txt"), labels);
            if (labels.size() != n) {
                throw new IllegalArgumentException(path + "/centres.txt: has " + labels.size()
                        + " regions but weights.txt is " + n + "x" + n);
            }
        }
        Topology t = Topology.fromMatrix(wName, w, labels);
        double[][] lengths = null;
        String tracts = files.containsKey("tract_lengths.txt") ? "tract_lengths.txt" : files.containsKey("tracts.txt") ? "tracts.txt" : null;
        if (tracts != null) {
            String lName = path + "/" + tracts;
            lengths = ConnectomeText.Matrix.parse(lName, files.get(tracts), false).square(lName, "tract length", true);
            if (lengths.length != n) {
                throw new IllegalArgumentException(lName + ": is " + lengths.length + "x" + lengths.length
                        + " but weights.txt is " + n + "x" + n);
            }
        }
        return new Connectome(t, lengths, centres, "tvb");
    }

    private static double[][] centres(String name, String text, List<String> labels) {
        List<double[]> xyz = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text.split("\\R")) {
            lineNo++;
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            String[] parts = ConnectomeText.SPLIT.split(line.trim());
            if (parts.length < 4) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": expected 'label x y z', got "
                        + parts.length + (parts.length == 1 ? " field" : " fields"));
            }
            double[] c = new double[3];
            for (int k = 0; k < 3; k++) {
                c[k] = ConnectomeText.number(name, lineNo, parts[k + 1]);
                if (!Double.isFinite(c[k])) {
                    throw new IllegalArgumentException(name + " line " + lineNo + ": coordinate " + "xyz".charAt(k)
                            + " must be finite, got '" + parts[k + 1] + "'");
                }
            }
            Integer before = seen.putIfAbsent(parts[0], lineNo);
            if (before != null) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": region label '" + parts[0]
                        + "' is already used on line " + before + "; labels must be unique");
            }
            labels.add(parts[0]);
            xyz.add(c);
        }
        return xyz.toArray(new double[0][]);
    }

    private static Map<String, String> folder(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (var list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String base = p.getFileName().toString();
                if (!Files.isDirectory(p) && (WANTED.contains(base) || base.startsWith("weights.txt."))) {
                    files.put(base, WANTED.contains(base) ? ConnectomeText.read(p) : "");
                }
            }
        }
        return files;
    }

    private static Map<String, String> zip(Path file) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, TreeSet<String>> where = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                String entry = e.getName().replace('\\', '/');
                String base = entry.substring(entry.lastIndexOf('/') + 1);
                if (e.isDirectory() || entry.startsWith("__MACOSX/") || base.startsWith("._")) {
                    continue;
                }
                String key = base.toLowerCase(Locale.ROOT);
                if (!WANTED.contains(key) && !key.startsWith("weights.txt.")) {
                    continue;
                }
                where.computeIfAbsent(key, k -> new TreeSet<>()).add(entry);
                if (where.get(key).size() > 1) {
                    throw new IllegalArgumentException(file + ": holds more than one " + key + " (" + String.join(", ", where.get(key))
                            + "); a TVB zip holds one connectivity");
                }
                if (WANTED.contains(key)) {
                    String name = file + "/" + entry;
                    if (e.getSize() > InputFiles.TEXT_LIMIT) {
                        throw new IllegalArgumentException(name + " inflates to " + InputFiles.size(e.getSize()) + "; at most "
                                + InputFiles.size(InputFiles.TEXT_LIMIT) + " are read");
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        files.put(key, ConnectomeText.decode(name, InputFiles.read(name, in, InputFiles.TEXT_LIMIT)));
                    }
                } else {
                    files.put(key, "");
                }
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a readable zip file (" + ConnectomeText.clean(e) + ")");
        }
        return files;
    }
}
