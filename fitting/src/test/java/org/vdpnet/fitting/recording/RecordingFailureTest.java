package org.vdpnet.fitting.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.fitting.recording.RecordingOptions.Layout;
import org.vdpnet.fitting.recording.RecordingOptions.NanPolicy;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Malformed files, one family per test: each is one {@link IllegalArgumentException} whose message
 * starts with the file, says what is wrong in words, and names no Java class.
 */
class RecordingFailureTest {
    private static final Path FIX = Path.of("src", "test", "resources", "recordings");

    @TempDir
    Path dir;

    private static String fails(Path file, RecordingOptions o) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordingReader.read(file, o));
        String m = e.getMessage();
        assertTrue(m.contains(file.getFileName().toString()), m);
        assertFalse(m.contains("Exception") || m.contains("java.") || m.contains("For input string") || m.contains("\n"), m);
        NoJavaInternals.check(m);
        return m;
    }

    private static String fails(Path file) {
        return fails(file, RecordingOptions.defaults().withRate(1));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static byte[] npy(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
        return b.array();
    }

    // 1. text that is not UTF-8, binary, and the BOM

    @Test
    void csvThatIsNotUtf8NamesTheByteOffsetAndLine() throws IOException {
        Path latin1 = write("latin1.csv", "a,b\n1,2\n3,\u00e94\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(latin1 + ": not UTF-8 text: byte 0xE9 at byte offset 10 (line 3) is not valid UTF-8; save the file as UTF-8 CSV", fails(latin1));
        Path bin = write("binary.csv", new byte[] {'1', ',', '2', '\n', 0, 1, 2, 3});
        assertTrue(fails(bin).contains("not UTF-8 text: binary data (a NUL byte) at byte offset 4, line 2"));
        Path utf16 = write("utf16.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_16));
        assertTrue(fails(utf16).contains("not UTF-8 text (it starts with a UTF-16 byte order mark)"));
        assertTrue(fails(write("empty.csv", new byte[0])).endsWith("is empty (0 bytes); need rows of numbers"));
        assertTrue(fails(write("header.csv", "a,b\n".getBytes(StandardCharsets.UTF_8))).endsWith("holds no rows of numbers (only a header line)"));
        assertTrue(fails(write("dup.csv", "a,b,a\n1,2,3\n4,5,6\n".getBytes(StandardCharsets.UTF_8)))
                .endsWith("line 1: the channel name 'a' appears twice (columns 1 and 3); channel names must be unique"));
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        byte[] text = "a,b\r\n1,2\r\n3,4\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Recording r = RecordingReader.read(write("bom.csv", withBom), RecordingOptions.defaults().withRate(1));
        assertEquals(List.of("a", "b"), r.data().channels());
        assertEquals(4.0, r.data().value(1, 1));
    }

    // 2. NPY headers

    @Test
    void npyHeadersAreCheckedInWords() throws IOException {
        String ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (5, 3), }";
        byte[] longHeader = npy(ok, 0);
        longHeader[8] = (byte) 0x70;
        longHeader[9] = (byte) 0x11; // 4464 bytes claimed
        Path p = write("longheader.npy", longHeader);
        assertEquals(p + ": truncated or damaged .npy file: header length 4464 exceeds the file size " + longHeader.length, fails(p));
        Path cut = write("cut.npy", Arrays.copyOf(npy(ok, 0), 9));
        assertTrue(fails(cut).contains("truncated .npy file: it ends inside the header"));
        Path c16 = write("complex.npy", npy("{'descr': '<c16', 'fortran_order': False, 'shape': (5, 3), }", 240));
        assertEquals(c16 + ": dtype '<c16' is not supported; use float64, float32, int64, int32, int16, int8, uint32, uint16 or uint8", fails(c16));
        Path rec = write("record.npy", npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (5,), }", 40));
        assertTrue(fails(rec).contains("a structured (record) dtype is not supported"));
        Path three = write("three.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 2), }", 64));
        assertEquals(three + ": shape (2, 2, 2) is 3-D; need a 1-D (one channel) or 2-D array", fails(three));
        Path scalar = write("scalar.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 8));
        assertTrue(fails(scalar).contains("shape () is a single number"));
        Path badShape = write("badshape.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (a, 3), }", 8));
        assertTrue(fails(badShape).contains("shape (a, 3) is not a list of sizes"));
        Path noDescr = write("nodescr.npy", npy("{'fortran_order': False, 'shape': (5, 3), }", 120));
        assertTrue(fails(noDescr).contains("has no 'descr'"));
        Path shortData = write("short.npy", npy(ok, 40));
        assertTrue(fails(shortData).endsWith("truncated .npy file: shape (5, 3) float64 needs 120 bytes of data, the file has 40"));
        Path magic = write("magic.npy", "1,2,3\n4,5,6\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(fails(magic).contains("not a NumPy .npy file"));
        Path v9 = write("v9.npy", npy(ok, 120));
        byte[] b = Files.readAllBytes(v9);
        b[6] = 9;
        Files.write(v9, b);
        assertTrue(fails(v9).contains(".npy format version 9 is not supported"));
        Path empty = write("zero.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", 0));
        assertTrue(fails(empty).endsWith("shape (0, 3) holds no data"));
    }

    @Test
    void npyIntegerDtypesAreRead() throws IOException {
        byte[] b = npy("{'descr': '<i2', 'fortran_order': False, 'shape': (3, 2), }", 12);
        ByteBuffer bb = ByteBuffer.wrap(b, b.length - 12, 12).order(ByteOrder.LITTLE_ENDIAN);
        for (short v = 1; v <= 6; v++) {
            bb.putShort((short) -v);
        }
        Recording r = RecordingReader.read(write("i2.npy", b), RecordingOptions.defaults().withRate(1));
        assertEquals(-6.0, r.data().value(2, 1));
    }

    // 3. NWB / HDF5

    @Test
    void nwbWithSoftLinksInPynwbsLayoutIsDiscovered() throws IOException {
        for (String f : List.of("softlinks.nwb", "softlinks_data.nwb")) {
            Recording r = RecordingReader.read(FIX.resolve(f), RecordingOptions.defaults());
            assertEquals(2.2, r.rate(), 0.0, f);
            assertEquals(5, r.data().size());
            assertEquals(3, r.data().channelCount());
            assertEquals(1.0 + 0.02 * 4 - 0.3, r.data().value(4, 1), 1e-12);
        }
        Recording t = RecordingReader.read(FIX.resolve("softlinks_timestamps.nwb"), RecordingOptions.defaults());
        assertEquals(4.0, t.rate(), 1e-12, "timestamps 0.25 s apart, read through a soft link");
        Recording i = RecordingReader.read(FIX.resolve("int16_data.nwb"), RecordingOptions.defaults());
        assertEquals(100.0 * 0.5, i.data().value(0, 0), 1.0);
    }

    @Test
    void nwbThatIsNotHdf5OrIsDamagedSaysSo() throws IOException {
        Path text = write("text.nwb", "just text\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(text + ": not an HDF5 file (no HDF5 signature); NWB files are HDF5", fails(text));
        byte[] good = Files.readAllBytes(FIX.resolve("softlinks.nwb"));
        for (int keep : new int[] {8, 100, 2000, good.length / 2}) {
            Path cut = write("cut" + keep + ".nwb", Arrays.copyOf(good, keep));
            assertTrue(fails(cut, RecordingOptions.defaults()).contains("truncated or damaged HDF5 file"), cut.toString());
        }
    }

    @Test
    void nwbStatedRateOrTimestampsThatAreInvalidSaySo() {
        Path bad = FIX.resolve("bad_rate.nwb");
        assertEquals(bad + ": the stated rate -1.1 (starting_time/rate of '/processing/ophys/Fluorescence/RoiResponseSeries') is invalid;"
                + " need a finite rate > 0 samples per second; pass --rate (samples per second) to override it", fails(bad, RecordingOptions.defaults()));
        Path zero = FIX.resolve("zero_timestamps.nwb");
        assertTrue(fails(zero, RecordingOptions.defaults()).contains("the stated timestamps of '/processing/ophys/Fluorescence/RoiResponseSeries'"
                + " are invalid (5 values, all 0)"));
        assertTrue(fails(FIX.resolve("no_rate.nwb"), RecordingOptions.defaults()).startsWith("--rate: required for no_rate.nwb"));
        assertTrue(fails(FIX.resolve("broken_data_link.nwb"), RecordingOptions.defaults()).contains("is a broken link to '/processing/ophys/nothing_here'"));
        assertTrue(fails(FIX.resolve("complex_data.nwb"), RecordingOptions.defaults()).contains("not real numbers"));
        assertTrue(fails(FIX.resolve("text_data.nwb"), RecordingOptions.defaults()).contains("holds text"));
        assertTrue(fails(FIX.resolve("three_d.nwb"), RecordingOptions.defaults()).contains("is 3-D [5, 3, 2]"));
        assertTrue(fails(FIX.resolve("no_series.nwb"), RecordingOptions.defaults()).contains("no RoiResponseSeries or TimeSeries group"));
        // --rate overrides an invalid stated rate
        assertEquals(3.0, assertDoesNotThrow(bad).rate(), 0.0);
    }

    private static Recording assertDoesNotThrow(Path p) {
        try {
            return RecordingReader.read(p, RecordingOptions.defaults().withRate(3));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // 4. MAT

    @Test
    void matComplexIsRefusedAndDamageIsOneLine() throws IOException {
        Matrix z = Mat5.newComplex(4, 2);
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 2; c++) {
                z.setDouble(r, c, r + c);
                z.setImaginaryDouble(r, c, 1);
            }
        }
        Path mat = dir.resolve("complex.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("x", z), mat.toFile());
        assertEquals(mat + ": variable 'x' is complex; vdpnet reads real arrays (save real(x) or abs(x))", fails(mat));
        byte[] good = Files.readAllBytes(FIX.resolve("rec.mat"));
        for (int keep : new int[] {50, 127, 140, good.length - 20}) {
            Path cut = write("cut" + keep + ".mat", Arrays.copyOf(good, keep));
            String m = fails(cut, RecordingOptions.defaults().withRate(1).withVariable("activity_matrix"));
            assertTrue(m.contains("truncated") || m.contains("damaged"), m);
        }
        assertTrue(fails(write("text.mat", "1 2 3\n".getBytes(StandardCharsets.US_ASCII))).contains("not a MATLAB .mat file"));
        byte[] v73 = Arrays.copyOf("MATLAB 7.3 MAT-file, Platform: GLNXA64".getBytes(StandardCharsets.US_ASCII), 512);
        assertTrue(fails(write("v73.mat", v73)).contains("a MATLAB v7.3 file, which is HDF5"));
        Path none = dir.resolve("none.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("s", Mat5.newString("hello")), none.toFile());
        assertTrue(fails(none).endsWith("holds no numeric variable (it has [s])"));
    }

    // 5. size

    @Test
    void aTwoGigabyteCsvOrNpyIsRefusedBeforeAllocating() throws IOException {
        long big = Math.max(2L << 30, Runtime.getRuntime().maxMemory() + 1);
        Path csv = dir.resolve("huge.csv");
        try (RandomAccessFile f = new RandomAccessFile(csv.toFile(), "rw")) {
            f.write("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII));
            f.setLength(big);
        }
        String m = fails(csv);
        assertTrue(m.contains(Limits.size(big)) && m.contains("more than the"), m);
        Path npy = dir.resolve("huge.npy");
        try (RandomAccessFile f = new RandomAccessFile(npy.toFile(), "rw")) {
            byte[] head = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (20000, 20000), }", 0);
            f.write(head);
            f.setLength(head.length + 20000L * 20000 * 8);
        }
        String n = fails(npy);
        assertTrue(n.contains("(3.0 GB): shape (20000, 20000) float64 holds 400000000 values") && n.contains("Java may use"), n);
        Path lying = write("lying.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 16));
        assertTrue(fails(lying).contains("needs 80000000000 bytes of data, the file has 16"));
    }

    // 6. not a regular file

    @Test
    void aDirectoryOrFifoIsNotFileNotFound() throws IOException, InterruptedException {
        Path d = Files.createDirectory(dir.resolve("folder.csv"));
        assertTrue(fails(d).endsWith("is a directory; name a recording file (CSV, .npy, .mat or .nwb)"));
        Path fifo = dir.resolve("pipe.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (p.waitFor() == 0) {
            assertTrue(fails(fifo).endsWith("is not a regular file (a pipe, device or socket); name a recording file"));
        }
    }

    // 7. one time point

    @Test
    void aSingleFrameSaysSo() throws IOException {
        Path one = write("one.csv", "1,2,3,4\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(one + ": the recording has only 1 time point (4 channels); need at least 2; if the columns are time points,"
                + " pass --layout channels-by-time", fails(one));
        Path col = write("col.csv", "a\n1\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(col + ": the recording has only 1 time point (1 channel); need at least 2", fails(col));
    }

    // 9. orientation

    @Test
    void aWideRecordingHintsAtTheOtherLayout() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 24; r++) {
            for (int c = 0; c < 892; c++) {
                sb.append(c == 0 ? "" : ",").append(r * 0.1 + c);
            }
            sb.append('\n');
        }
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, sb);
        Recording r = RecordingReader.read(wide, RecordingOptions.defaults().withRate(1));
        assertEquals("; wide.csv reads as 24 time points x 892 channels; if rows are channels, pass --layout channels-by-time",
                r.orientationHint(100));
        assertEquals("", r.orientationHint(20), "the request fits");
        assertEquals("", r.orientationHint(900), "neither orientation fits");
        assertTrue(r.notes().contains("read as 24 time points x 892 channels (time-by-channels); more channels than time points often means"
                + " the other orientation"), r.notes().toString());
        Recording t = RecordingReader.read(wide, RecordingOptions.defaults().withRate(1).withLayout(Layout.CHANNELS_BY_TIME));
        assertEquals(892, t.data().size());
        assertEquals("", t.orientationHint(100));
        assertEquals("", RecordingReader.read(FIX.resolve("softlinks.nwb"), RecordingOptions.defaults()).orientationHint(100),
                "NWB fixes the orientation");
    }

    // 8. all-NaN channel: see RecordingReaderTest.anAllNanChannelIsDroppedAsDeadWithANote; under fail it is still refused
    @Test
    void anAllNanChannelUnderFailIsStillRefused() throws IOException {
        Path f = write("deadfail.csv", "a,b\n1,nan\n2,nan\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(fails(f, RecordingOptions.defaults().withRate(1).withNan(NanPolicy.FAIL)).endsWith("pass --nan drop or --nan interpolate to handle them"));
    }
}
