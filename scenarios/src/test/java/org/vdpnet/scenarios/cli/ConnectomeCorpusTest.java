package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A corpus of malformed connectome files, each run through {@code vdpnet simulate --connectome}:
 * every one gets exit code 2 and one line that names the file, with no stack trace, no Java class
 * name and no output folder; the TVB variants that tvb-data ships are accepted.
 */
class ConnectomeCorpusTest {
    @TempDir
    Path dir;

    private static final String W3 = "0 2 0\n1 0 3\n0 4 0\n";
    private static final String C3 = "rA 1 2 3\nrB 4 5 6\nrC 7 8 9\n";
    private static final String GRAPHML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
            + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
            + "<graph id=\"G\" edgedefault=\"undirected\">NODES\n"
            + "<edge source=\"a\" target=\"b\"><data key=\"w\">WEIGHT</data></edge>\n"
            + "</graph></graphml>\n";
    private static final String NODES = "<node id=\"a\"/><node id=\"b\"/>";

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** One malformed input: its name, and the files (name, content) to create; a name ending in / is a folder. */
    record Bad(String path, String... files) {
        @Override
        public String toString() {
            return path;
        }
    }

    /** What each malformed case's message must say (after the file name), by case. */
    private static final Map<String, String> EXPECTED = Map.ofEntries(
        Map.entry("empty.txt", "the graph is empty (no rows)"),
        Map.entry("comments-only.txt", "the graph is empty (no rows)"),
        Map.entry("non-square.txt", "matrix must be square 2x2, but row 1 has 3 values"),
        Map.entry("ragged.csv", "row 2 has 2 values"),
        Map.entry("nan.txt", "entry (2, 1) must be finite, got NaN"),
        Map.entry("infinite.csv", "entry (1, 2) must be finite, got Infinity"),
        Map.entry("text-entry.txt", "text-entry.txt line 2: expected a number, got 'x'"),
        Map.entry("label-count.csv", "the label row has 3 labels but the matrix has 2 rows"),
        Map.entry("duplicate-labels.csv", "labels must be unique, but 'a'"),
        Map.entry("binary.txt", "is not UTF-8 text"),
        Map.entry("tvb-empty/", "no weights.txt in this folder"),
        Map.entry("tvb-no-weights/", "no weights.txt in this folder"),
        Map.entry("tvb-non-square/", "weights.txt: matrix must be square 2x2"),
        Map.entry("tvb-label-row/", "weights.txt line 1: expected a number, got 'a'"),
        Map.entry("tvb-nan-weight/", "weights.txt: entry (1, 2) must be finite, got NaN"),
        Map.entry("tvb-empty-weights/", "weights.txt: holds no rows of numbers"),
        Map.entry("tvb-centres-3-fields/", "centres.txt line 1: expected 'label x y z', got 3 fields"),
        Map.entry("tvb-centres-count/", "centres.txt: has 2 regions but weights.txt is 3x3"),
        Map.entry("tvb-centres-text/", "centres.txt line 2: expected a number, got 'five'"),
        Map.entry("tvb-centres-nan/", "centres.txt line 2: coordinate x must be finite"),
        Map.entry("tvb-centres-duplicate/", "region label 'rA' is already used on line 1"),
        Map.entry("tvb-tracts-negative/", "tract_lengths.txt: entry (1, 2) must be finite and >= 0, got -1.0"),
        Map.entry("tvb-tracts-size/", "tract_lengths.txt: is 2x2 but weights.txt is 3x3"),
        Map.entry("tvb-weights-control-chars/", "weights.txt: holds no rows of numbers"),
        Map.entry("not-a-zip.zip", "not a readable zip file"),
        Map.entry("empty.zip", "not a readable zip file"),
        Map.entry("zip-no-weights.zip", "no weights.txt in this zip"),
        Map.entry("zip-two-weights.zip", "holds more than one weights.txt (a/weights.txt, b/weights.txt)"),
        Map.entry("zip-non-square.zip", "weights.txt: matrix must be square 2x2"),
        Map.entry("zip-centres-count.zip", "centres.txt: has 1 regions but weights.txt is 3x3"),
        Map.entry("truncated.zip", "not a readable zip file"),
        Map.entry("weight-abc.graphml", "edge a -> b: weight must be a number, got 'abc'"),
        Map.entry("weight-nan.graphml", "edge a -> b: weight must be finite, got 'NaN'"),
        Map.entry("not-xml.graphml", "not valid GraphML (line 1"),
        Map.entry("truncated.graphml", "not valid GraphML (line 4"),
        Map.entry("empty.graphml", "is empty; need a GraphML document"),
        Map.entry("no-nodes.graphml", "the graph has no nodes"),
        Map.entry("empty.edges", "holds no edges; need lines 'source target [weight]'"),
        Map.entry("comments-only.edges", "holds no edges"),
        Map.entry("weight-abc.edges", "weight-abc.edges line 2: weight of edge b -> c must be a number, got 'abc'"),
        Map.entry("weight-inf.edges", "line 2: weight of edge b -> c must be finite, got 'inf'"),
        Map.entry("one-field.edges", "line 2: expected 'source target [weight]', got 1 field"),
        Map.entry("four-fields.edges", "line 1: expected 'source target [weight]', got 4 fields"),
        Map.entry("mixed-fields.edgelist", "line 2: has 2 fields but the first edge has 3"),
        Map.entry("conflicting-weights.edges", "line 2: edge b -> a has weight 2 but line 1 gave it 1.0"),
        Map.entry("empty-name.edges", "line 1: empty node name"),
        Map.entry("fifo.txt", "is not a regular file (a pipe, device or socket)"),
        Map.entry("separators-only.csv", "line 2: holds only separators, no values"),
        Map.entry("bomb.zip", "bomb.zip/weights.txt inflates to 257 MB; at most 256 MB are read"));

    static Stream<Bad> corpus() {
        return Stream.of(
            // square weight matrices
            new Bad("empty.txt", "", ""),
            new Bad("comments-only.txt", "", "# no rows here\n"),
            new Bad("non-square.txt", "", "0 1 0\n1 0 1\n"),
            new Bad("ragged.csv", "", "0,1,0\n1,0\n0,1,0\n"),
            new Bad("nan.txt", "", "0 1\nnan 0\n"),
            new Bad("infinite.csv", "", "0,inf\n1,0\n"),
            new Bad("text-entry.txt", "", "0 1\n1 x\n"),
            new Bad("label-count.csv", "", "a,b,c\n0,1\n1,0\n"),
            new Bad("duplicate-labels.csv", "", "a,a\n0,1\n1,0\n"),
            new Bad("binary.txt", "", "\u0000BIN"),
            // TVB folders
            new Bad("tvb-empty/"),
            new Bad("tvb-no-weights/", "centres.txt", C3, "tract_lengths.txt", W3),
            new Bad("tvb-non-square/", "weights.txt", "0 1 0\n1 0 1\n"),
            new Bad("tvb-label-row/", "weights.txt", "a b\n0 1\n1 0\n"),
            new Bad("tvb-nan-weight/", "weights.txt", "0 NaN 0\n1 0 3\n0 4 0\n"),
            new Bad("tvb-empty-weights/", "weights.txt", "\n"),
            new Bad("tvb-centres-3-fields/", "weights.txt", W3, "centres.txt", "rA 1 2\nrB 4 5 6\nrC 7 8 9\n"),
            new Bad("tvb-centres-count/", "weights.txt", W3, "centres.txt", "rA 1 2 3\nrB 4 5 6\n"),
            new Bad("tvb-centres-text/", "weights.txt", W3, "centres.txt", "rA 1 2 3\nrB 4 five 6\nrC 7 8 9\n"),
            new Bad("tvb-centres-nan/", "weights.txt", W3, "centres.txt", "rA 1 2 3\nrB nan 5 6\nrC 7 8 9\n"),
            new Bad("tvb-centres-duplicate/", "weights.txt", W3, "centres.txt", "rA 1 2 3\nrB 4 5 6\nrA 7 8 9\n"),
            new Bad("tvb-tracts-negative/", "weights.txt", W3, "tract_lengths.txt", "0 -1 0\n1 0 1\n0 1 0\n"),
            new Bad("tvb-tracts-size/", "weights.txt", W3, "tract_lengths.txt", "0 1\n1 0\n"),
            new Bad("tvb-weights-control-chars/", "weights.txt", "\u0000\u0001"),
            // TVB zips
            new Bad("not-a-zip.zip", "", W3),
            new Bad("empty.zip", "", ""),
            new Bad("zip-no-weights.zip", "zip:", "connectivity/centres.txt", C3),
            new Bad("zip-two-weights.zip", "zip:", "a/weights.txt", W3, "b/weights.txt", W3),
            new Bad("zip-non-square.zip", "zip:", "connectivity/weights.txt", "0 1 0\n1 0 1\n"),
            new Bad("zip-centres-count.zip", "zip:", "weights.txt", W3, "centres.txt", "rA 1 2 3 None\n"),
            new Bad("truncated.zip", "truncated-zip:", "weights.txt", W3, "centres.txt", C3),
            // GraphML
            new Bad("weight-abc.graphml", "", GRAPHML.replace("NODES", NODES).replace("WEIGHT", "abc")),
            new Bad("weight-nan.graphml", "", GRAPHML.replace("NODES", NODES).replace("WEIGHT", "NaN")),
            new Bad("not-xml.graphml", "", "a b 1\n"),
            new Bad("truncated.graphml", "", GRAPHML.replace("NODES", NODES).substring(0, 200)),
            new Bad("empty.graphml", "", ""),
            new Bad("no-nodes.graphml", "", GRAPHML.replace("NODES", "").replaceAll("<edge.*</edge>", "")),
            // edge lists
            new Bad("empty.edges", "", ""),
            new Bad("comments-only.edges", "", "# a b 1\n\n"),
            new Bad("weight-abc.edges", "", "a b 1\nb c abc\n"),
            new Bad("weight-inf.edges", "", "a,b,1\nb,c,inf\n"),
            new Bad("one-field.edges", "", "a b 1\nc\n"),
            new Bad("four-fields.edges", "", "a b 1 2\n"),
            new Bad("mixed-fields.edgelist", "", "a b 1\nb c\n"),
            new Bad("conflicting-weights.edges", "", "a b 1\nb a 2\n"),
            new Bad("empty-name.edges", "", "a,,1\n"),
            // not regular files, separators only, and a zip that inflates beyond the bound
            new Bad("fifo.txt", "fifo:"),
            new Bad("separators-only.csv", "", "0,1\n,,,\n"),
            new Bad("bomb.zip", "bomb:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformedConnectomeGetsOneLineAndExitTwo(Bad bad) throws IOException {
        Path file = create(bad);
        Path out = dir.resolve("out");
        String err = CliHarness.refusal(CliHarness.run("simulate", "--quiet", "--connectome", file.toString(), "--t-end", "1", "--out",
                out.toString()));
        assertTrue(err.contains(file.toString()), "names the file: " + err);
        assertTrue(EXPECTED.containsKey(bad.path()), "every case has an expected message: " + bad.path());
        assertTrue(err.contains(EXPECTED.get(bad.path())), "says '" + EXPECTED.get(bad.path()) + "': " + err);
        assertFalse(err.contains("no viable alternative"), err);
        assertFalse(Files.exists(out), "no output folder is left behind");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tvb-5-columns/", "tvb-5-columns-tabs/", "tvb-5-columns.zip"})
    void tvbVariantsAreAccepted(String name) throws IOException {
        String centres = name.contains("tabs")
                ? "rBSTS\t85.82\t33.78\t43.48\tNone\nrA\t1\t2\t3\tNone \nrB\t4\t5\t6\tNone\n"
                : "rBSTS 85.82 33.78 43.48 None\nrA  1  2  3 None\nrB 4 5 6 None\n";
        Path file = create(variant(name, centres));
        assertRuns(file);
        String header = Files.readString(dir.resolve("ok").resolve("trajectory.csv")).lines().findFirst().orElse("");
        assertTrue(header.contains("rBSTS"), "the labels of centres.txt name the columns: " + header);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"connectivity_68", "connectivity_76"})
    void realTvbConnectomes(String name) {
        Path tvb = Path.of("..", "..", "shared", "data", "tvb-connectomes", name);
        Assumptions.assumeTrue(Files.isDirectory(tvb), "skipped: ../shared/data/tvb-connectomes is not present on this machine");
        assertRuns(tvb);
    }

    private void assertRuns(Path file) {
        Path out = dir.resolve("ok");
        CliHarness.Outcome o = CliHarness.run("simulate", "--quiet", "--connectome", file.toString(), "--t-end", "1", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(out.resolve("trajectory.csv")), "writes the trajectory");
    }

    private static Bad variant(String name, String centres) {
        List<String> f = new ArrayList<>();
        String prefix = name.endsWith(".zip") ? "connectivity_3/" : "";
        if (name.endsWith(".zip")) {
            f.add("zip:");
        }
        for (String[] e : new String[][] {{"weights.txt", W3}, {"centres.txt", centres}, {"tract_lengths.txt", W3},
            {"areas.txt", "1\n2\n3\n"}, {"cortical.txt", "1\n1\n0\n"}, {"hemispheres.txt", "1\n1\n0\n"}, {"info.txt", "hand-made"},
            {"average_orientations.txt", "0 0 1\n0 1 0\n1 0 0\n"}}) {
            f.add(prefix + e[0]);
            f.add(e[1]);
        }
        if (name.endsWith(".zip")) {
            f.add("__MACOSX/connectivity_3/._weights.txt");
            f.add("\u0000\u0005");
        }
        return new Bad(name, f.toArray(new String[0]));
    }

    /** Creates the input: a file (files = "", content), a folder (name/, then name, content pairs) or a zip. */
    private Path create(Bad bad) throws IOException {
        String[] f = bad.files();
        if (bad.path().endsWith("/")) {
            Path folder = Files.createDirectories(dir.resolve(bad.path().substring(0, bad.path().length() - 1)));
            for (int i = 0; i + 1 < f.length; i += 2) {
                Files.writeString(folder.resolve(f[i]), f[i + 1], StandardCharsets.UTF_8);
            }
            return folder;
        }
        Path file = dir.resolve(bad.path());
        if (f.length > 0 && f[0].equals("fifo:")) {
            boolean made;
            try {
                made = new ProcessBuilder("mkfifo", file.toString()).start().waitFor() == 0;
            } catch (IOException | InterruptedException e) {
                made = false; // no mkfifo on this machine
            }
            Assumptions.assumeTrue(made, "skipped: mkfifo is not available or failed here");
            return file;
        }
        if (f.length > 0 && f[0].equals("bomb:")) {
            // a small zip whose weights.txt inflates to just over the 256 MB bound
            byte[] zeros = new byte[1 << 20];
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
                z.setLevel(9);
                z.putNextEntry(new ZipEntry("weights.txt"));
                for (int i = 0; i < 257; i++) {
                    z.write(zeros);
                }
                z.closeEntry();
            }
            return file;
        }
        if (f.length > 0 && f[0].endsWith("zip:")) {
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
                for (int i = 1; i + 1 < f.length; i += 2) {
                    z.putNextEntry(new ZipEntry(f[i]));
                    z.write(f[i + 1].getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
            if (f[0].equals("truncated-zip:")) {
                byte[] all = Files.readAllBytes(file);
                Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
            }
            return file;
        }
        if (bad.path().equals("binary.txt")) {
            Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80});
            return file;
        }
        Files.writeString(file, f.length > 1 ? f[1] : "", StandardCharsets.UTF_8);
        return file;
    }
}
