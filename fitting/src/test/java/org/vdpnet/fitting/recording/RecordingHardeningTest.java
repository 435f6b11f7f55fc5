package org.vdpnet.fitting.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.fitting.recording.RecordingOptions.Layout;

/** The review's remaining defects: separator-only lines, huge dtypes, the honest memory count, NWB shapes, series and cycles. */
class RecordingHardeningTest {
    private static final Path FIX = Path.of("src", "test", "resources", "recordings");
    private static final LongSupplier HEAP = Limits.budget;

    @TempDir
    Path dir;

    @AfterEach
    void restoreBudget() {
        Limits.budget = HEAP;
    }

    private static String fails(Path file, RecordingOptions o) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordingReader.read(file, o));
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString()) || m.startsWith("--variable: ") && m.contains(file.getFileName().toString()), m);
        NoJavaInternals.check(m);
        return m;
    }

    private Path text(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static byte[] npy(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    @Test
    void aLineOfOnlySeparatorsIsRefusedWithItsNumberInBothLayouts() throws IOException {
        RecordingOptions tc = RecordingOptions.defaults().withRate(1);
        for (String sep : List.of(",", ",,,", ";", " , ; ")) {
            Path f = text("sep.csv", "1,2\n3,4\n" + sep + "\n5,6\n");
            assertTrue(fails(f, tc).contains("line 3: holds only separators"), sep);
            assertTrue(fails(f, tc.withLayout(Layout.CHANNELS_BY_TIME)).contains("line 3: holds only separators"), sep);
            Path first = text("first.csv", sep + "\n1,2\n3,4\n");
            assertTrue(fails(first, tc).contains("line 1: holds only separators"), "in place of a header: " + sep);
            assertTrue(fails(first, tc.withLayout(Layout.CHANNELS_BY_TIME)).contains("line 1: holds only separators"), sep);
        }
    }

    @Test
    void aHugeDtypeSizeIsRefusedInWords() throws IOException {
        Path f = Files.write(dir.resolve("huge.npy"), npy("{'descr': '<f99999999999', 'fortran_order': False, 'shape': (5,), }", new byte[40]));
        assertTrue(fails(f, RecordingOptions.defaults().withRate(1)).contains("dtype '<f99999999999' is not supported; use float64"));
    }

    /** 1-D data are built as one {@code double[1]} per sample: 16 bytes of header, 8 of value, 8 of reference. */
    private static long honestBytesOf1d(long n) {
        long stored = n * (16 + 8 + 8);
        long timeSeries = 2 * 8 * n; // the row-major array and the copy inside the TimeSeries
        long times = 2 * 8 * n + 4 * n; // the sample times, their copy, and the sample numbers
        return stored + timeSeries + times;
    }

    @Test
    void aOneDimensionalNpyThatNeedsMoreThanTheBudgetIsRefused() throws IOException {
        int n = 100_000;
        ByteBuffer data = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
            data.putDouble(Math.sin(k * 0.01));
        }
        Path f = Files.write(dir.resolve("long.npy"), npy("{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ",), }", data.array()));
        long need = honestBytesOf1d(n);
        assertTrue(need > 3L * 8 * n * 2, "more than twice the old count of 3 copies of 8 bytes");
        Limits.budget = () -> need * 9 / 10;
        String m = fails(f, RecordingOptions.defaults().withRate(1));
        assertTrue(m.contains("shape (" + n + ",) float64 holds " + n + " values"), m);
        Limits.budget = () -> need * 11 / 10 + 4096;
        assertEquals(n, RecordingReader.read(f, RecordingOptions.defaults().withRate(1)).data().size());
    }

    @Test
    void aWideChannelsByTimeCsvIsCheckedByValuesReadNotRows() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 100_000; c++) {
                sb.append(c == 0 ? "" : ",").append(r + c % 7);
            }
            sb.append('\n');
        }
        Path f = text("wide.csv", sb.toString());
        Limits.budget = () -> 2_000_000;
        String m = fails(f, RecordingOptions.defaults().withRate(1).withLayout(Layout.CHANNELS_BY_TIME));
        assertTrue(m.contains("the table read so far (line 1)"), "refused on the first wide row, before the others are read: " + m);
    }

    @Test
    void nwbSizesRatesSeriesAndCyclesSaySo() throws IOException {
        RecordingOptions o = RecordingOptions.defaults();
        String arrayRate = fails(FIX.resolve("array_rate.nwb"), o);
        assertTrue(arrayRate.contains("the stated rate [1.5, 2] (an array, not one number)"), arrayRate);
        String ts = fails(FIX.resolve("timestamps_length.nwb"), o);
        assertTrue(ts.contains("the timestamps of '/series' are 4 values, but its data has 5 time points"), ts);
        String two = fails(FIX.resolve("two_series.nwb"), o);
        assertEquals("--variable: two_series.nwb holds 2 series [/acquisition/first, /acquisition/second]; name one", two);
        assertEquals(5, RecordingReader.read(FIX.resolve("two_series.nwb"), o.withVariable("/acquisition/second")).data().size());
        Recording cycle = RecordingReader.read(FIX.resolve("hardlink_cycle.nwb"), o);
        assertEquals(5, cycle.data().size());
        assertEquals(2.2, cycle.rate(), 1e-12);
    }

    @Test
    void theSizeOfMemoryIsCountedForTheStructuresBuilt() {
        assertEquals(16 + 8 * 10 + 10 * 24, Limits.rowsBytes(10, 1));
        assertEquals(16 + 8 + (16 + 8 * 10), Limits.rowsBytes(1, 10));
        assertEquals(Long.MAX_VALUE, Limits.need(1L << 31, 1L << 31, true));
    }
}
