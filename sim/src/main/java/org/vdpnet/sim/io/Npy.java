package org.vdpnet.sim.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.vdpnet.sim.TimeSeries;

/**
 * NumPy {@code .npy} (format 1.0) writer: little-endian float64, C order. A time series is
 * written as a {@code (samples, 1 + channels)} array whose column 0 is the time, the same
 * columns as the CSV.
 */
public final class Npy {
    private Npy() {}

    /** Writes the series atomically. */
    public static void write(TimeSeries ts, Path target) throws IOException {
        int rows = ts.size();
        int cols = ts.channelCount() + 1;
        AtomicFiles.write(target, os -> {
            DataOutputStream out = new DataOutputStream(os);
            out.write(header(rows, cols));
            for (int k = 0; k < rows; k++) {
                out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(ts.time(k))));
                for (int c = 0; c < cols - 1; c++) {
                    out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(ts.value(k, c))));
                }
            }
            out.flush();
        });
    }

    /** The magic, version and a header padded so the data start on a 64-byte boundary. */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(pad) + "\n";
        byte[] h = text.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[10 + h.length];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (h.length & 0xFF);
        out[9] = (byte) ((h.length >> 8) & 0xFF);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }
}
