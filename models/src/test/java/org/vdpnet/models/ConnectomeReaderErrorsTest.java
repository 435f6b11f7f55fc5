package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TVB variants that tvb-data ships are read; every malformed file gets one line naming it. */
class ConnectomeReaderErrorsTest {
    @TempDir
    Path dir;

    private static final String WEIGHTS = "0 2 0\n1 0 3\n0 4 0\n";
    private static final String GRAPHML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
            + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
            + "<graph id=\"G\" edgedefault=\"directed\"><node id=\"a\"/><node id=\"b\"/>\n";

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Path zip(String name, String... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < entries.length; i += 2) {
                z.putNextEntry(new ZipEntry(entries[i]));
                z.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    private static String error(Path p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectomeReader.read(p));
        String m = e.getMessage();
        assertEquals(1, m.lines().count(), m);
        assertFalse(m.contains("Exception") || m.contains("java."), m);
        return m;
    }

    @ParameterizedTest(name = "separator {0}")
    @ValueSource(strings = {" ", "\t", "  \t "})
    void tvbCentresWithExtraColumnsAndAnySpacing(String sep) throws IOException {
        write("tvb/weights.txt", WEIGHTS);
        write("tvb/centres.txt", String.join(sep, "rA", "1", "2", "3", "None") + "\n"
                + String.join(sep, "rB", "4", "5", "6", "None", "x") + "  \n" + String.join(sep, "rC", "7", "8", "9") + "\n");
        write("tvb/areas.txt", "1\n2\n3\n");
        write("tvb/cortical.txt", "1\n1\n0\n");
        write("tvb/hemispheres.txt", "1\n1\n0\n");
        Connectome c = ConnectomeReader.read(dir.resolve("tvb"));
        assertEquals(List.of("rA", "rB", "rC"), c.topology().labels());
        assertEquals(6.0, c.centres().orElseThrow()[1][2]);
        assertTrue(c.tractLengths().isEmpty());
    }

    @Test
    void tvbZipInAFolderWithFiveColumnCentresAndMacMetadata() throws IOException {
        Path z = zip("c.zip", "connectivity_3/weights.txt", WEIGHTS,
                "connectivity_3/centres.txt", "rBSTS 85.82 33.78 43.48 None\nrA 1 2 3 None\nrB 4 5 6 None\n",
                "connectivity_3/tract_lengths.txt", "0 1 0\n1 0 1\n0 1 0\n", "connectivity_3/info.txt", "made by hand",
                "__MACOSX/connectivity_3/._weights.txt", "\u0000\u0005binary");
        Connectome c = ConnectomeReader.read(z);
        assertEquals("rBSTS", c.topology().labels().get(0));
        assertEquals(1.0, c.tractLengths().orElseThrow()[1][2]);
    }

    @Test
    void realTvb68() throws IOException {
        Path tvb = Path.of("..", "..", "shared", "data", "tvb-connectomes", "connectivity_68");
        Assumptions.assumeTrue(Files.isDirectory(tvb), "skipped: ../shared/data/tvb-connectomes is not present on this machine");
        Connectome c = ConnectomeReader.read(tvb);
        assertEquals(68, c.topology().nodes());
        assertEquals("r_lateralorbitofrontal", c.topology().labels().get(0));
        assertTrue(c.topology().isSymmetric());
    }

    @Test
    void graphMlWeightThatIsNotANumberNamesTheEdge() throws IOException {
        Path p = write("g.graphml", GRAPHML_HEAD + "<edge source=\"a\" target=\"b\"><data key=\"w\">abc</data></edge></graph></graphml>\n");
        assertEquals(p + ": edge a -> b: weight must be a number, got 'abc'", error(p));
        Path q = write("h.graphml", GRAPHML_HEAD + "<edge source=\"b\" target=\"a\"><data key=\"w\">NaN</data></edge></graph></graphml>\n");
        assertEquals(q + ": edge b -> a: weight must be finite, got 'NaN'", error(q));
    }

    @Test
    void graphMlThatIsNotXmlOrEmpty() throws IOException {
        Path p = write("bad.graphml", "<graphml><graph>");
        assertTrue(error(p).startsWith(p + ": not valid GraphML ("), error(p));
        Path e = write("empty.graphml", "");
        assertEquals(e + ": is empty; need a GraphML document", error(e));
        Path none = write("none.graphml", GRAPHML_HEAD.replace("<node id=\"a\"/><node id=\"b\"/>", "") + "</graph></graphml>");
        assertEquals(none + ": the graph has no nodes; need <node> elements", error(none));
    }

    @Test
    void edgeListWeightErrorsNameTheLineAndValue() throws IOException {
        Path p = write("a.edges", "a b 1\nb c abc\n");
        assertEquals(p + " line 2: weight of edge b -> c must be a number, got 'abc'", error(p));
        Path n = write("n.edges", "a,b,1\n\nb,c,inf\n");
        assertEquals(n + " line 3: weight of edge b -> c must be finite, got 'inf'", error(n));
        Path f = write("f.edges", "a b 1\nb c\n");
        assertEquals(f + " line 2: has 2 fields but the first edge has 3; give every edge a weight or none", error(f));
        Path four = write("g.edges", "a b 1 2\n");
        assertEquals(four + " line 1: expected 'source target [weight]', got 4 fields in 'a b 1 2'", error(four));
        Path dup = write("d.edges", "a b 1\nb a 2\n");
        assertEquals(dup + " line 2: edge b -> a has weight 2 but line 1 gave it 1.0", error(dup));
    }

    @Test
    void edgeListRepeatedWithTheSameWeightIsOneEdge() throws IOException {
        Topology t = ConnectomeReader.read(write("s.edges", "# both directions\na b 2\nb a 2\n")).topology();
        assertEquals(2, t.nonZeros());
    }

    @ParameterizedTest(name = "case {index}")
    @ValueSource(strings = {"", "\n\n", "# only a comment\n"})
    void emptyEdgeListSaysSo(String text) throws IOException {
        Path p = write("e.edges", text);
        assertEquals(p + ": holds no edges; need lines 'source target [weight]'", error(p));
    }

    @Test
    void zipThatIsNotAZip() throws IOException {
        Path p = write("c.zip", "0 1\n1 0\n");
        assertTrue(error(p).startsWith(p + ": not a readable zip file ("), error(p));
        Path empty = write("e.zip", "");
        assertTrue(error(empty).startsWith(empty + ": not a readable zip file ("), error(empty));
    }

    @Test
    void tvbWithoutWeights() throws IOException {
        write("tvb/centres.txt", "a 1 2 3\n");
        assertEquals(dir.resolve("tvb") + ": no weights.txt in this folder; a TVB connectivity needs weights.txt"
                + " (and optionally tract_lengths.txt, centres.txt)", error(dir.resolve("tvb")));
        Path z = zip("z.zip", "x/centres.txt", "a 1 2 3\n");
        assertTrue(error(z).startsWith(z + ": no weights.txt in this zip"), error(z));
        Path two = zip("two.zip", "a/weights.txt", WEIGHTS, "b/weights.txt", WEIGHTS);
        assertEquals(two + ": holds more than one weights.txt (a/weights.txt, b/weights.txt); a TVB zip holds one connectivity",
                error(two));
    }

    @Test
    void tvbBadFiles() throws IOException {
        Path t = dir.resolve("tvb");
        write("tvb/weights.txt", "0 1 0\n1 0 1\n");
        assertEquals(t + "/weights.txt: matrix must be square 2x2, but row 1 (line 1) has 3 values", error(t));
        write("tvb/weights.txt", "a b\n0 1\n1 0\n");
        assertEquals(t + "/weights.txt line 1: expected a number, got 'a'", error(t));
        write("tvb/weights.txt", "0 1\nnan 0\n");
        assertEquals(t + "/weights.txt: entry (2, 1) must be finite, got NaN", error(t));
        write("tvb/weights.txt", "0 1\n1 0\n");
        write("tvb/centres.txt", "a 1 2\nb 1 2 3\n");
        assertEquals(t + "/centres.txt line 1: expected 'label x y z', got 3 fields", error(t));
        write("tvb/centres.txt", "a 1 2 3\nb 1 x 3\n");
        assertEquals(t + "/centres.txt line 2: expected a number, got 'x'", error(t));
        write("tvb/centres.txt", "a 1 2 3\na 1 2 3\n");
        assertEquals(t + "/centres.txt line 2: region label 'a' is already used on line 1; labels must be unique", error(t));
        write("tvb/centres.txt", "a 1 2 3\n");
        assertEquals(t + "/centres.txt: has 1 regions but weights.txt is 2x2", error(t));
        write("tvb/centres.txt", "a 1 2 3\nb 1 2 3\n");
        write("tvb/tract_lengths.txt", "0 -1\n1 0\n");
        assertEquals(t + "/tract_lengths.txt: entry (1, 2) must be finite and >= 0, got -1.0", error(t));
        write("tvb/tract_lengths.txt", "0 1 1\n1 0 1\n1 1 0\n");
        assertEquals(t + "/tract_lengths.txt: is 3x3 but weights.txt is 2x2", error(t));
        Files.delete(t.resolve("tract_lengths.txt"));
        Files.write(t.resolve("weights.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertEquals(t + "/weights.txt: is not UTF-8 text (a binary file?)", error(t));
    }

    @Test
    void matrixFileProblems() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("m"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectomeReader.read(folder, ConnectomeReader.Format.MATRIX, false));
        assertTrue(e.getMessage().startsWith(folder + ": is a folder, not a file"), e.getMessage());
        Path labels = write("l.csv", "a,b,c\n0,1\n1,0\n");
        assertEquals(labels + ": the label row has 3 labels but the matrix has 2 rows; need one label per row", error(labels));
        Path dup = write("dup.csv", "a,b,a\n0,1,0\n1,0,1\n0,1,0\n");
        assertEquals(dup + ": node labels must be unique, but 'a' is label 1 and 3", error(dup));
        Path bom = write("bom.csv", "\uFEFF0,1\n1,0\n");
        assertEquals(2, ConnectomeReader.read(bom).topology().nodes());
        Path neg = write("neg.csv", "0,-1\n-1,0\n");
        assertEquals(-1.0, ConnectomeReader.read(neg).topology().weight(0, 1), "negative (inhibitory) weights are allowed");
    }
}
