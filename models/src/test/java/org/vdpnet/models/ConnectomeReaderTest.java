package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
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
import org.junit.jupiter.params.provider.CsvSource;

class ConnectomeReaderTest {
    @TempDir
    Path dir;

    private static final String WEIGHTS = "0 2 0\n1 0 3\n0 4 0\n";
    private static final String CENTRES = "lA 1 2 3\nlB 4 5 6\nlC 7 8 9\n";

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static void assertWeights(Topology t) {
        assertEquals(3, t.nodes());
        assertEquals(2.0, t.weight(0, 1));
        assertEquals(1.0, t.weight(1, 0));
        assertEquals(3.0, t.weight(1, 2));
        assertEquals(4.0, t.weight(2, 1));
        assertEquals(4, t.nonZeros());
    }

    @Test
    void matrixFilesWithCommasOrWhitespaceAndOptionalLabels() throws IOException {
        assertWeights(ConnectomeReader.read(write("w.txt", WEIGHTS)).topology());
        Topology t = ConnectomeReader.read(write("w.csv", "a,b,c\n0,2,0\n1,0,3\n0,4,0\n")).topology();
        assertWeights(t);
        assertEquals(List.of("a", "b", "c"), t.labels());
    }

    @Test
    void tvbFolderAndZip() throws IOException {
        write("tvb/weights.txt", WEIGHTS);
        write("tvb/centres.txt", CENTRES);
        write("tvb/tract_lengths.txt", "0 10 0\n10 0 20\n0 20 0\n");
        Connectome c = ConnectomeReader.read(dir.resolve("tvb"));
        assertWeights(c.topology());
        assertEquals(List.of("lA", "lB", "lC"), c.topology().labels());
        assertEquals(20.0, c.tractLengths().orElseThrow()[1][2]);
        assertEquals(9.0, c.centres().orElseThrow()[2][2]);

        Path zip = dir.resolve("tvb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String[] e : new String[][] {{"weights.txt", WEIGHTS}, {"centres.txt", CENTRES}}) {
                z.putNextEntry(new ZipEntry("connectivity/" + e[0]));
                z.write(e[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        Connectome cz = ConnectomeReader.read(zip);
        assertWeights(cz.topology());
        assertEquals("tvb", cz.format());
    }

    @Test
    void graphMlDirectedWithLabels() throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                + "<key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                + "<key id=\"l\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                + "<graph id=\"G\" edgedefault=\"directed\">\n"
                + "<node id=\"n0\"><data key=\"l\">V1</data></node><node id=\"n1\"><data key=\"l\">V2</data></node>"
                + "<node id=\"n2\"><data key=\"l\">MT</data></node>\n"
                + "<edge source=\"n0\" target=\"n1\"><data key=\"w\">2.5</data></edge>\n"
                + "<edge source=\"n1\" target=\"n2\"><data key=\"w\">0.5</data></edge>\n"
                + "</graph></graphml>\n";
        Topology t = ConnectomeReader.read(write("g.graphml", xml)).topology();
        assertEquals(List.of("V1", "V2", "MT"), t.labels());
        assertEquals(2.5, t.weight(1, 0), "V1 drives V2");
        assertEquals(0.5, t.weight(2, 1));
        assertEquals(0.0, t.weight(0, 1));
        assertFalse(t.isSymmetric());
    }

    @Test
    void edgeListsWeightedOrNot() throws IOException {
        Topology w = ConnectomeReader.read(write("a.edges", "a b 2\nb c 3\n")).topology();
        assertEquals(3, w.nodes());
        assertEquals(2.0, w.weight(w.labels().indexOf("b"), w.labels().indexOf("a")));
        assertTrue(w.isSymmetric());
        Topology u = ConnectomeReader.read(write("b.edges", "a,b\nb,c\nc,a\n")).topology();
        assertEquals(6, u.nonZeros());
        assertEquals(1.0, u.weight(0, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "non-square | 0 1 0 1\\n1 0 1 0\\n0 1 0 1\\n | bad.txt: matrix must be square 3x3, but row 1 has 4 values",
        "ragged     | 0 1 0\\n1 0\\n0 1 0\\n       | bad.txt: matrix must be square 3x3, but row 2 has 2 values",
        "NaN        | 0 NaN\\n1 0\\n               | bad.txt: entry (1, 2) must be finite, got NaN",
        "empty      | ''                         | bad.txt: the graph is empty (no rows); need a square weight matrix",
        "text       | 0 x\\n1 0\\n                 | bad.txt line 1: expected a number, got 'x'"})
    void badMatricesAreRejectedWithOneLine(String what, String text, String message) throws IOException {
        Path p = write("bad.txt", text.replace("\\n", "\n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectomeReader.read(p));
        assertEquals(message.replace("bad.txt", p.toString()), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path p = dir.resolve("nope.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectomeReader.read(p));
        assertEquals(p + ": file not found", e.getMessage());
    }

    /** The real TVB 76-region connectome from ../shared, when it is there. */
    @Test
    void realTvb76() throws IOException {
        Path tvb = Path.of("..", "..", "shared", "data", "tvb-connectomes", "connectivity_76");
        Assumptions.assumeTrue(Files.isDirectory(tvb), "skipped: ../shared/data/tvb-connectomes is not present on this machine");
        Connectome c = ConnectomeReader.read(tvb);
        assertEquals(76, c.topology().nodes());
        assertEquals("rA1", c.topology().labels().get(0));
        assertEquals(76, c.tractLengths().orElseThrow().length);
        assertFalse(c.topology().isSymmetric(), "CoCoMac-derived weights are directed");
    }
}
