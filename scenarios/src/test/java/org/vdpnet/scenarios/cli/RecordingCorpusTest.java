package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Matrix;

/**
 * A corpus of malformed and unusual recording files, each run through {@code vdpnet fit}: every bad
 * file is exit 2 with exactly one line that names the file and says what is wrong, no stack trace,
 * no Java class name, and no output folder; the documented unusual-but-valid files fit (exit 0).
 * Files are generated here in a temporary folder, except the NWB (h5py) and MAT fixtures in
 * src/test/resources/corpus/recordings.
 */
class RecordingCorpusTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "corpus", "recordings");

    @TempDir
    Path dir;


    /** Makes a corpus file in a folder and returns its path. */
    interface Maker {
        Path make(Path dir) throws IOException;
    }

    private static Arguments bad(String name, String expected, Maker maker, String... extra) {
        return Arguments.of(name, expected, maker, List.of(extra));
    }

    private static Maker text(String file, String content) {
        return d -> Files.writeString(d.resolve(file), content, StandardCharsets.UTF_8);
    }

    private static Maker bytes(String file, byte[] content) {
        return d -> Files.write(d.resolve(file), content);
    }

    private static Maker fixture(String file) {
        return d -> CORPUS.resolve(file);
    }

    private static Maker cut(String fixture, String file, int keep) {
        return d -> {
            byte[] b = Files.readAllBytes(CORPUS.resolve(fixture));
            return Files.write(d.resolve(file), Arrays.copyOf(b, Math.min(keep, b.length)));
        };
    }

    private static Maker cutFraction(String fixture, String file, double fraction) {
        return d -> {
            byte[] b = Files.readAllBytes(CORPUS.resolve(fixture));
            return Files.write(d.resolve(file), Arrays.copyOf(b, (int) (b.length * fraction)));
        };
    }

    private static Maker npy(String file, String header, int dataBytes) {
        return d -> Files.write(d.resolve(file), npyBytes(header, dataBytes));
    }

    static byte[] npyBytes(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        return b.array();
    }

    private static String f8(String shape) {
        return "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static Stream<Arguments> corpus() {
        long big = Math.max(2L << 30, Runtime.getRuntime().maxMemory() + 1);
        byte[] utf16 = "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_16);
        byte[] latin1 = "a,b\n1,2\n3,\u00e94\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] bomRagged = ("\uFEFFa,b\n1,2\n3\n").getBytes(StandardCharsets.UTF_8);
        byte[] v73 = Arrays.copyOf("MATLAB 7.3 MAT-file, Platform: GLNXA64".getBytes(StandardCharsets.US_ASCII), 512);
        byte[] npyV9 = npyBytes(f8("(5, 3)"), 120);
        npyV9[6] = 9;
        byte[] longHeader = npyBytes(f8("(5, 3)"), 0);
        longHeader[8] = (byte) 0x70;
        longHeader[9] = (byte) 0x11;
        return Stream.of(
            // CSV: encoding, binary, structure
            bad("csv latin-1", "not UTF-8 text: byte 0xE9 at byte offset 10 (line 3)", bytes("latin1.csv", latin1)),
            bad("csv utf-16", "not UTF-8 text (it starts with a UTF-16 byte order mark)", bytes("utf16.csv", utf16)),
            bad("csv binary", "not UTF-8 text: binary data (a NUL byte)", bytes("binary.csv", new byte[] {'1', ',', '2', '\n', 0, 7, 0, 9})),
            bad("csv png", "not UTF-8 text", bytes("image.csv", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0})),
            bad("csv empty", "is empty (0 bytes)", bytes("empty.csv", new byte[0])),
            bad("csv only comments", "holds no rows of numbers", text("comments.csv", "# nothing here\n\n   \n")),
            bad("csv header only", "holds no rows of numbers (only a header line)", text("header.csv", "a,b,c\n")),
            bad("csv duplicate names", "the channel name 'a' appears twice", text("dup.csv", "a,b,a\n1,2,3\n4,5,6\n")),
            bad("csv duplicate row names", "the channel name 'r' appears twice", text("duprows.csv", "r,1,2,3\nr,4,5,6\n"), "--layout", "channels-by-time"),
            bad("csv ragged", "line 3: has 1 values, but the rows before have 2 (a ragged table)", text("ragged.csv", "a,b\n1,2\n3\n")),
            bad("csv BOM then ragged", "line 3: has 1 values", bytes("bomragged.csv", bomRagged)),
            bad("csv header count", "the header names 3 channels, but the rows have 2 values", text("names.csv", "a,b,c\n1,2\n3,4\n")),
            bad("csv separators only", "line 3: holds only separators", text("seps.csv", "1,2\n3,4\n,,,\n5,6\n")),
            bad("csv separator line first", "line 1: holds only separators", text("sepfirst.csv", ",\n1,2\n3,4\n")),
            bad("csv semicolon line channels-by-time", "line 2: holds only separators", text("sepcols.csv", "1,2,3\n;\n4,5,6\n"),
                    "--layout", "channels-by-time"),
            bad("csv comma line channels-by-time", "line 1: holds only separators", text("sepcomma.csv", ",,,\nr,1,2,3\n"),
                    "--layout", "channels-by-time"),
            bad("csv word in data", "line 2, field 2: expected a number, got 'oops'", text("word.csv", "1,2\n3,oops\n")),
            bad("csv one frame", "the recording has only 1 time point (4 channels); need at least 2; if the columns are time points",
                    text("oneframe.csv", "1,2,3,4\n")),
            bad("csv one frame with header", "the recording has only 1 time point (2 channels)", text("oneheader.csv", "a,b\n1,2\n")),
            bad("csv one frame channels-by-time", "the recording has only 1 time point (3 channels)", text("onecol.csv", "1\n2\n3\n"),
                    "--layout", "channels-by-time"),
            bad("csv NaN under fail", "non-finite value(s), the first NaN", text("nan.csv", "1,2\nnan,3\n4,5\n")),
            bad("csv all NaN", "no channel has a finite value (all 2 are NaN or infinite)", text("allnan.csv", "nan,nan\nnan,nan\nnan,nan\n"),
                    "--nan", "interpolate"),
            bad("csv 2 GB sparse", "more than the", d -> sparse(d.resolve("huge.csv"), "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII), big)),
            bad("csv a directory", "is a directory", d -> Files.createDirectory(d.resolve("folder.csv"))),
            bad("csv missing", "file not found", d -> d.resolve("missing.csv")),
            // NPY
            bad("npy bad magic", "not a NumPy .npy file", text("text.npy", "1,2,3\n")),
            bad("npy truncated header", "truncated .npy file: it ends inside the header", d -> Files.write(d.resolve("cut.npy"),
                    Arrays.copyOf(npyBytes(f8("(5, 3)"), 0), 9))),
            bad("npy header length", "header length 4464 exceeds the file size", bytes("longheader.npy", longHeader)),
            bad("npy complex", "dtype '<c16' is not supported; use float64, float32", npy("complex.npy",
                    "{'descr': '<c16', 'fortran_order': False, 'shape': (5, 3), }", 240)),
            bad("npy strings", "dtype '<U3' is not supported", npy("strings.npy", "{'descr': '<U3', 'fortran_order': False, 'shape': (2,), }", 24)),
            bad("npy huge dtype size", "dtype '<f99999999999' is not supported; use float64", npy("hugedtype.npy",
                    "{'descr': '<f99999999999', 'fortran_order': False, 'shape': (5,), }", 40)),
            bad("npy structured", "a structured (record) dtype is not supported", npy("record.npy",
                    "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (5,), }", 40)),
            bad("npy 3-D", "shape (2, 2, 2) is 3-D", npy("three.npy", f8("(2, 2, 2)"), 64)),
            bad("npy scalar", "shape () is a single number", npy("scalar.npy", f8("()"), 8)),
            bad("npy shape not sizes", "shape (a, 3) is not a list of sizes", npy("badshape.npy", f8("(a, 3)"), 8)),
            bad("npy empty shape", "damaged .npy header: it has no 'shape' entry", npy("noshape.npy", "{'descr': '<f8', 'fortran_order': False, }", 8)),
            bad("npy no descr", "has no 'descr'", npy("nodescr.npy", "{'fortran_order': False, 'shape': (5, 3), }", 120)),
            bad("npy short data", "needs 120 bytes of data, the file has 40", npy("short.npy", f8("(5, 3)"), 40)),
            bad("npy version 9", ".npy format version 9 is not supported", bytes("v9.npy", npyV9)),
            bad("npy zero rows", "shape (0, 3) holds no data", npy("zero.npy", f8("(0, 3)"), 0)),
            bad("npy one frame", "the recording has only 1 time point (4 channels)", npy("oneframe.npy", f8("(1, 4)"), 32)),
            bad("npy lying shape", "needs 80000000000 bytes of data, the file has 16", npy("lying.npy", f8("(100000, 100000)"), 16)),
            bad("npy 3 GB sparse", "(3.0 GB): shape (20000, 20000) float64 holds 400000000 values", d -> {
                byte[] head = npyBytes(f8("(20000, 20000)"), 0);
                return sparse(d.resolve("huge.npy"), head, head.length + 20000L * 20000 * 8);
            }),
            // MAT
            bad("mat complex", "variable 'x' is complex; vdpnet reads real arrays", d -> {
                Matrix z = Mat5.newComplex(4, 2);
                z.setImaginaryDouble(1, 1, 2.0);
                Path p = d.resolve("complex.mat");
                Mat5.writeToFile(Mat5.newMatFile().addArray("x", z), p.toFile());
                return p;
            }),
            bad("mat truncated header", "not a MATLAB .mat file", cut("rec.mat", "cut50.mat", 0)),
            bad("mat truncated in header", "truncated MATLAB file: it ends inside the 128-byte header", cut("rec.mat", "cut100.mat", 100)),
            bad("mat truncated data", "truncated or damaged MATLAB v5 file", cut("rec.mat", "cut140.mat", 140), "--variable", "activity_matrix"),
            bad("mat truncated late", "MATLAB v5 file", cutFraction("rec.mat", "cutlate.mat", 0.8), "--variable", "activity_matrix"),
            bad("mat text", "not a MATLAB .mat file", text("text.mat", "1 2 3\n")),
            bad("mat v7.3", "a MATLAB v7.3 file, which is HDF5", bytes("v73.mat", v73)),
            bad("mat no numeric", "holds no numeric variable (it has [s])", d -> {
                Path p = d.resolve("strings.mat");
                Mat5.writeToFile(Mat5.newMatFile().addArray("s", Mat5.newString("hello")), p.toFile());
                return p;
            }),
            // NWB / HDF5
            bad("nwb text", "not an HDF5 file (no HDF5 signature)", text("text.nwb", "just text\n")),
            bad("nwb empty", "not an HDF5 file", bytes("empty.nwb", new byte[0])),
            bad("h5 zip", "not an HDF5 file", bytes("zip.h5", new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0})),
            bad("nwb signature only", "truncated or damaged HDF5 file", cut("softlinks_long.nwb", "cut8.nwb", 8)),
            bad("nwb truncated early", "truncated or damaged HDF5 file", cut("softlinks_long.nwb", "cut100.nwb", 100)),
            bad("nwb truncated 2 kB", "truncated or damaged HDF5 file", cut("softlinks_long.nwb", "cut2000.nwb", 2000)),
            bad("nwb truncated half", "truncated or damaged HDF5 file", cutFraction("softlinks_long.nwb", "cuthalf.nwb", 0.5)),
            bad("nwb negative rate", "the stated rate -1.1 (starting_time/rate of '/processing/ophys/Fluorescence/RoiResponseSeries') is invalid",
                    fixture("bad_rate.nwb")),
            bad("nwb zero timestamps", "are invalid (5 values, all 0)", fixture("zero_timestamps.nwb")),
            bad("nwb no rate", "--rate: required for no_rate.nwb", fixture("no_rate.nwb")),
            bad("nwb broken data link", "is a broken link to '/processing/ophys/nothing_here'", fixture("broken_data_link.nwb")),
            bad("nwb complex data", "not real numbers", fixture("complex_data.nwb")),
            bad("nwb text data", "holds text", fixture("text_data.nwb")),
            bad("nwb 3-D data", "is 3-D [5, 3, 2]", fixture("three_d.nwb")),
            bad("nwb no series", "no RoiResponseSeries or TimeSeries group", fixture("no_series.nwb")),
            bad("nwb array rate", "the stated rate [1.5, 2] (an array, not one number)", fixture("array_rate.nwb")),
            bad("nwb timestamps length", "the timestamps of '/series' are 4 values, but its data has 5 time points", fixture("timestamps_length.nwb")),
            bad("nwb several series", "holds 2 series [/acquisition/first, /acquisition/second]; name one", fixture("two_series.nwb")),
            bad("nwb hard-link cycle", "--variable: no '/nothing' in hardlink_cycle.nwb; series found: [/series]", fixture("hardlink_cycle.nwb"),
                    "--variable", "/nothing"),
            bad("nwb missing variable", "--variable: no '/nothing' in softlinks_long.nwb", fixture("softlinks_long.nwb"), "--variable", "/nothing"));
    }

    private static Path sparse(Path p, byte[] head, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(head);
            f.setLength(length); // a hole: no disk is used
        }
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badFileIsOneLineNamingIt(String what, String expected, Maker maker, List<String> extra) throws IOException {
        Path file = maker.make(dir);
        Path out = dir.resolve("out");
        List<String> a = new ArrayList<>(List.of("fit", "--recording", file.toString(), "--components", "2", "--out", out.toString(), "--quiet"));
        boolean nwb = file.getFileName().toString().endsWith(".nwb");
        if (!nwb) {
            a.addAll(List.of("--rate", "1"));
        }
        a.addAll(extra);
        String err = CliHarness.refusal(CliHarness.run(a.toArray(new String[0])));
        assertTrue(err.contains(file.getFileName().toString()), "names the file: " + err);
        assertTrue(err.contains(expected), "says '" + expected + "': " + err);
        assertFalse(Files.exists(out), "no output folder is left behind");
    }

    @Test
    void aFifoIsNotAFileNotFound() throws IOException, InterruptedException {
        Path fifo = dir.resolve("pipe.csv");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
        Path out = dir.resolve("out");
        CliHarness.Outcome o = CliHarness.run("fit", "--recording", fifo.toString(), "--rate", "1", "--out", out.toString(), "--quiet");
        assertEquals(2, o.code(), o.err());
        assertEquals("vdpnet: error: " + fifo + ": is not a regular file (a pipe, device or socket); name a recording file", o.err().strip());
        assertFalse(Files.exists(out));
    }

    /** Smooth oscillations, time by channels, with a header: 160 frames x {@code channels}. */
    private static String oscillations(int channels, int deadChannel) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < channels; c++) {
            sb.append(c == 0 ? "" : ",").append("r").append(c);
        }
        sb.append('\n');
        for (int k = 0; k < 160; k++) {
            for (int c = 0; c < channels; c++) {
                double v = Math.sin(0.35 * k + 0.9 * c) + 0.3 * Math.sin(0.11 * k * (1 + 0.2 * c));
                String s = c == deadChannel || (c == 0 && k % 37 == 5) ? "nan" : String.format(Locale.ROOT, "%.6f", v);
                sb.append(c == 0 ? "" : ",").append(s);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private CliHarness.Outcome fit(Path file, String... extra) {
        List<String> a = new ArrayList<>(List.of("fit", "--recording", file.toString(), "--components", "2", "--max-iterations", "15",
                "--restarts", "0", "--threads", "1", "--out", dir.resolve("out").toString(), "--quiet"));
        a.addAll(List.of(extra));
        return CliHarness.run(a.toArray(new String[0]));
    }

    @Test
    void aCsvWithAByteOrderMarkFits() throws IOException {
        Path f = dir.resolve("bom.csv");
        String table = oscillations(4, -1).replace("nan", "0.1");
        // no header: the first value follows the byte order mark, and must be read as a number, not as a channel name
        byte[] text = table.substring(table.indexOf('\n') + 1).getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[text.length + 3];
        b[0] = (byte) 0xEF;
        b[1] = (byte) 0xBB;
        b[2] = (byte) 0xBF;
        System.arraycopy(text, 0, b, 3, text.length);
        Files.write(f, b);
        CliHarness.Outcome o = fit(f, "--rate", "1.5");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(dir.resolve("out/fit.json")));
        Map<?, ?> rec = recording(dir.resolve("out/provenance.json"));
        assertEquals(4, ((Number) rec.get("channels")).intValue(), rec.toString());
        assertEquals(160, ((Number) rec.get("samples")).intValue(), "the first line is data, not a header: " + rec);
    }

    /** The recording's description in a provenance record: the map that names its format, rate and samples. */
    private static Map<?, ?> recording(Path provenance) throws IOException {
        Map<?, ?> found = find(new ObjectMapper().readValue(provenance.toFile(), Map.class));
        assertTrue(found != null, "provenance describes the recording");
        return found;
    }

    private static Map<?, ?> find(Object node) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("format") && m.containsKey("rate") && m.containsKey("samples")) {
                return m;
            }
            for (Object v : m.values()) {
                Map<?, ?> f = find(v);
                if (f != null) {
                    return f;
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                Map<?, ?> f = find(v);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    @Test
    void aNanRateIsRefusedEvenWhereTheNwbFileStatesItsRate() {
        Path out = dir.resolve("out");
        CliHarness.Outcome o = CliHarness.run("fit", "--recording", CORPUS.resolve("softlinks_long.nwb").toString(), "--rate", "NaN",
                "--components", "2", "--out", out.toString(), "--quiet");
        assertEquals(2, o.code(), o.err());
        assertEquals("vdpnet: error: --rate: must be finite and > 0, got NaN", o.err().strip());
        CliHarness.assertNoJavaInternals(o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anNwbFileWithSoftLinksFitsAtItsStatedRate() throws IOException {
        CliHarness.Outcome o = fit(CORPUS.resolve("softlinks_long.nwb"));
        assertEquals(0, o.code(), o.err());
        Map<?, ?> rec = recording(dir.resolve("out/provenance.json"));
        assertEquals(1.5, ((Number) rec.get("rate")).doubleValue(), 0.0, rec.toString());
        assertEquals("nwb", rec.get("format"));
    }

    @Test
    void anAllNanChannelIsDroppedUnderInterpolate() throws IOException {
        Path f = dir.resolve("deadnan.csv");
        Files.writeString(f, oscillations(5, 4));
        CliHarness.Outcome o = fit(f, "--rate", "1.5", "--nan", "interpolate");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.readString(dir.resolve("out/provenance.json")).contains("dropped 1 dead channel(s) with no finite value (--nan interpolate): r4"));
    }
}
