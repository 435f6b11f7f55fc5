package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.sim.io.AtomicFiles;
import org.vdpnet.sim.io.Npy;
import org.vdpnet.sim.io.TimeSeriesCsv;

class TimeSeriesIoTest {
    @TempDir
    Path dir;

    private static TimeSeries sample() {
        return TimeSeries.of(new double[] {0, 0.1, 0.30000000000000004},
                List.of("x[a]", "y[a]"), new double[][] {{1, -2}, {Math.PI, 1e-300}, {-0.0, 123456.789}});
    }

    @Test
    void csvRoundTripsExactly() throws IOException {
        Path f = dir.resolve("t.csv");
        TimeSeriesCsv.write(sample(), f);
        assertEquals(sample(), TimeSeriesCsv.read(f));
        assertEquals("t,x[a],y[a]", Files.readAllLines(f).get(0));
    }

    @Test
    void npyHasAValidHeaderAndLittleEndianDoubles() throws IOException {
        Path f = dir.resolve("t.npy");
        Npy.write(sample(), f);
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int headerLen = (b[8] & 0xFF) | ((b[9] & 0xFF) << 8);
        assertEquals(0, (10 + headerLen) % 64, "data aligned to 64 bytes");
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 3), }", header.trim());
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, b.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        double[] first = {data.getDouble(), data.getDouble(), data.getDouble(), data.getDouble()};
        assertArrayEquals(new double[] {0, 1, -2, 0.1}, first);
        assertEquals(3 * 3 * 8, b.length - 10 - headerLen);
    }

    @Test
    void failedAtomicWriteLeavesNothing() throws IOException {
        Path f = dir.resolve("out.csv");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "neither the target nor a temporary file remains");
        }
    }

    @Test
    void timesMustIncrease() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.of(new double[] {0, 0}, List.of("a"), new double[][] {{1}, {2}}));
        assertEquals("times[1]: must be strictly increasing, got 0.0 after 0.0", e.getMessage());
    }

    @Test
    void seedsAreStableAndDistinct() {
        assertEquals(Seeds.derive(7, "noise"), Seeds.derive(7, "noise"));
        org.junit.jupiter.api.Assertions.assertNotEquals(Seeds.derive(7, "noise"), Seeds.derive(7, "topology"));
        org.junit.jupiter.api.Assertions.assertNotEquals(Seeds.derive(7, "noise"), Seeds.derive(8, "noise"));
    }
}
