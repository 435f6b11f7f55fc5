package org.vdpnet.fitting.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vdpnet.fitting.recording.RecordingOptions.Layout;
import org.vdpnet.fitting.recording.RecordingOptions.NanPolicy;
import org.vdpnet.sim.TimeSeries;

/**
 * Every format gives the same recording. The fixtures (src/test/resources/recordings, written by
 * make_fixtures.py with NumPy, SciPy and h5py) hold value(c, k) = (c + 1) 0.5 + 0.01 k (c + 1) - 0.3 (k mod 3)
 * for 3 channels and 5 samples, in different orientations and encodings.
 */
class RecordingReaderTest {
    private static final Path FIX = Path.of("src", "test", "resources", "recordings");

    @TempDir
    Path dir;

    private static double expected(int c, int k) {
        return (c + 1) * 0.5 + 0.01 * k * (c + 1) - 0.3 * (k % 3);
    }

    private static void assertFixture(TimeSeries ts, double tol) {
        assertEquals(5, ts.size());
        assertEquals(3, ts.channelCount());
        for (int k = 0; k < 5; k++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(expected(c, k), ts.value(k, c), tol, "sample " + k + " channel " + c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tc_f8_c.npy, time-by-channels, 0", "tc_f8_fortran.npy, time-by-channels, 0",
        "ct_f4_c.npy, channels-by-time, 1e-6", "rec.mat, channels-by-time, 0"})
    void binaryFormats(String file, String layout, double tol) throws IOException {
        Recording r = RecordingReader.read(FIX.resolve(file), RecordingOptions.defaults()
                .withLayout(Layout.fromId("--layout", layout)).withRate(2.0).withVariable(file.endsWith(".mat") ? "activity_matrix" : null));
        assertFixture(r.data(), tol);
        assertEquals(0.5, r.data().time(1), 0.0, "times follow the rate");
    }

    @Test
    void nwbRoiResponseSeriesWithItsRate() throws IOException {
        Recording r = RecordingReader.read(FIX.resolve("rec.nwb"), RecordingOptions.defaults());
        assertFixture(r.data(), 0);
        assertEquals(2.2, r.rate(), 0.0);
    }

    @Test
    void csvEitherOrientationWithNames() throws IOException {
        StringBuilder tc = new StringBuilder("a,b,c\n");
        StringBuilder ct = new StringBuilder();
        for (int k = 0; k < 5; k++) {
            tc.append(expected(0, k)).append(',').append(expected(1, k)).append(',').append(expected(2, k)).append('\n');
        }
        for (int c = 0; c < 3; c++) {
            ct.append("r").append(c);
            for (int k = 0; k < 5; k++) {
                ct.append(' ').append(expected(c, k));
            }
            ct.append('\n');
        }
        Files.writeString(dir.resolve("tc.csv"), tc);
        Files.writeString(dir.resolve("ct.txt"), ct);
        Recording a = RecordingReader.read(dir.resolve("tc.csv"), RecordingOptions.defaults().withRate(1));
        Recording b = RecordingReader.read(dir.resolve("ct.txt"), RecordingOptions.defaults().withLayout(Layout.CHANNELS_BY_TIME).withRate(1));
        assertFixture(a.data(), 0);
        assertFixture(b.data(), 0);
        assertEquals(List.of("a", "b", "c"), a.data().channels());
        assertEquals(List.of("r0", "r1", "r2"), b.data().channels());
    }

    @Test
    void nanPolicies() throws IOException {
        Files.writeString(dir.resolve("n.csv"), "1,10\nnan,20\n3,NaN\n4,40\n");
        Path f = dir.resolve("n.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordingReader.read(f, RecordingOptions.defaults().withRate(1)));
        assertEquals(f + ": 2 non-finite value(s), the first NaN at sample 1 of channel ch0; pass --nan drop or --nan interpolate to handle them",
                e.getMessage());

        // drop keeps samples 0 and 3 with their real time stamps (3 s at 1 Hz), not re-stamped as 0 s and 1 s
        Recording d = RecordingReader.read(f, RecordingOptions.defaults().withRate(1).withNan(NanPolicy.DROP));
        assertEquals(2, d.data().size());
        assertEquals(40.0, d.data().value(1, 1));
        assertArrayEquals(new double[] {0.0, 3.0}, d.data().times(), 0.0);
        assertEquals(3, d.sampleIndex(1));
        assertEquals(2, d.missingSamples(0, 2));
        assertFalse(d.evenlySpaced(), "two interior time points were dropped");
        assertTrue(d.notes().get(0).startsWith("dropped 2 time points with non-finite values (--nan drop), 2 of them interior"), d.notes().get(0));
        assertEquals("--nan drop: dropped 2 interior time point(s), so frames 0-1 are no longer evenly spaced; use --nan interpolate or --nan fail",
                assertThrows(IllegalArgumentException.class, () -> d.requireEvenlySpaced(0, 2, "--nan interpolate or --nan fail")).getMessage());

        // interpolate used to fill here over the whole recording: sample 1 of ch0 became 2.0 from samples 0 AND 2, so a
        // training frame could be filled from a test frame and a gap at the start was back-filled from a later value.
        // The reader now keeps the gaps; ForecastData and FitCommand fill them per split (GapFilling).
        Recording i = RecordingReader.read(f, RecordingOptions.defaults().withRate(1).withNan(NanPolicy.INTERPOLATE));
        assertEquals(4, i.data().size());
        assertTrue(Double.isNaN(i.data().value(1, 0)));
        assertTrue(Double.isNaN(i.data().value(2, 1)));
        assertEquals(3.0, i.data().value(2, 0));
        assertTrue(i.evenlySpaced());
        assertTrue(i.notes().get(0).startsWith("kept 2 non-finite value(s) in 2 time point(s) (--nan interpolate); they are filled per split"),
                i.notes().get(0));
    }

    @Test
    void droppingOnlyAtTheEdgesKeepsTheFramesEvenlySpaced() throws IOException {
        Files.writeString(dir.resolve("edges.csv"), "nan,1\n2,3\n4,5\n6,inf\n");
        Recording d = RecordingReader.read(dir.resolve("edges.csv"), RecordingOptions.defaults().withRate(2).withNan(NanPolicy.DROP));
        assertArrayEquals(new double[] {0.5, 1.0}, d.data().times(), 0.0, "samples 1 and 2 at 2 Hz");
        assertEquals(1, d.sampleIndex(0));
        assertTrue(d.evenlySpaced());
        d.requireEvenlySpaced(0, 2, "anything");
    }

    @Test
    void anAllNanChannelIsDroppedAsDeadWithANote() throws IOException {
        // it used to refuse the file under interpolate ("no finite value to interpolate from") and, under drop, to drop every row
        Files.writeString(dir.resolve("dead.csv"), "a,b,c\n1,nan,5\n2,nan,nan\n3,nan,7\n");
        Path f = dir.resolve("dead.csv");
        Recording i = RecordingReader.read(f, RecordingOptions.defaults().withRate(1).withNan(NanPolicy.INTERPOLATE));
        assertEquals(List.of("a", "c"), i.data().channels());
        assertEquals(3, i.data().size());
        assertEquals("dropped 1 dead channel(s) with no finite value (--nan interpolate): b", i.notes().get(0));
        Recording d = RecordingReader.read(f, RecordingOptions.defaults().withRate(1).withNan(NanPolicy.DROP));
        assertEquals(List.of("a", "c"), d.data().channels());
        assertEquals(2, d.data().size(), "only the row with c = NaN is dropped");
        assertEquals("dropped 1 dead channel(s) with no finite value (--nan drop): b", d.notes().get(0));
        Files.writeString(dir.resolve("allnan.csv"), "a,b\nnan,nan\nnan,nan\n");
        Path all = dir.resolve("allnan.csv");
        assertEquals(all + ": no channel has a finite value (all 2 are NaN or infinite)", assertThrows(IllegalArgumentException.class,
                () -> RecordingReader.read(all, RecordingOptions.defaults().withRate(1).withNan(NanPolicy.INTERPOLATE))).getMessage());
    }

    @Test
    void badInputsNameTheProblem() throws IOException {
        Files.writeString(dir.resolve("ragged.csv"), "1,2,3\n4,5\n");
        Path ragged = dir.resolve("ragged.csv");
        assertEquals(ragged + " line 2: has 2 values, but the rows before have 3 (a ragged table)",
                assertThrows(IllegalArgumentException.class, () -> RecordingReader.read(ragged, RecordingOptions.defaults().withRate(1))).getMessage());
        assertEquals("--variable: no numeric variable 'activity' in rec.mat; it has [activity_matrix, other]",
                assertThrows(IllegalArgumentException.class, () -> RecordingReader.read(FIX.resolve("rec.mat"),
                        RecordingOptions.defaults().withVariable("activity"))).getMessage());
        Path missing = dir.resolve("none.csv");
        assertEquals(missing + ": file not found",
                assertThrows(IllegalArgumentException.class, () -> RecordingReader.read(missing, RecordingOptions.defaults())).getMessage());
        assertEquals("--rate: required for tc_f8_c.npy (samples per second, > 0); the file does not state it",
                assertThrows(IllegalArgumentException.class, () -> RecordingReader.read(FIX.resolve("tc_f8_c.npy"), RecordingOptions.defaults())).getMessage());
        assertEquals("--rate: must be finite and > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> RecordingOptions.defaults().withRate(0)).getMessage());
    }
}
