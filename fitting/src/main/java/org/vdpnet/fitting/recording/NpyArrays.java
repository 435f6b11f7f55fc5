package org.vdpnet.fitting.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy .npy (versions 1–3): float32 or float64, either byte order, C or Fortran order, 1-D or 2-D. */
final class NpyArrays {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyArrays() {}

    static RecordingReader.Raw read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if (b.length < 10 || (b[0] & 0xFF) != 0x93 || !new String(b, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IllegalArgumentException(file + ": not a NumPy .npy file (bad magic)");
        }
        int major = b[6];
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = (b[8] & 0xFF) | ((b[9] & 0xFF) << 8);
            start = 10;
        } else {
            headerLen = ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            start = 12;
        }
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException(file + ": unreadable .npy header: " + header.trim());
        }
        int size = Integer.parseInt(d.group(3));
        char kind = d.group(2).charAt(0);
        if (!(kind == 'f' && (size == 4 || size == 8)) && !(kind == 'i' && (size == 4 || size == 8))) {
            throw new IllegalArgumentException(file + ": dtype " + d.group(1) + kind + size + " is not supported; allowed: float32, float64, int32, int64");
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean fortran = f.group(1).equals("True");
        String[] dims = s.group(1).split(",");
        int rows;
        int cols;
        String d0 = dims[0].trim();
        String d1 = dims.length > 1 ? dims[1].trim() : "";
        if (dims.length > 2 && !dims[2].trim().isEmpty()) {
            throw new IllegalArgumentException(file + ": a " + dims.length + "-D array; need 1-D or 2-D");
        }
        if (d1.isEmpty()) {
            rows = Integer.parseInt(d0);
            cols = 1;
        } else {
            rows = Integer.parseInt(d0);
            cols = Integer.parseInt(d1);
        }
        ByteBuffer data = ByteBuffer.wrap(b, start + headerLen, b.length - start - headerLen).order(order);
        long need = (long) rows * cols * size;
        if (data.remaining() < need) {
            throw new IllegalArgumentException(file + ": truncated: the header promises " + rows + "x" + cols + " values");
        }
        double[][] v = new double[rows][cols];
        for (long idx = 0; idx < (long) rows * cols; idx++) {
            int r = (int) (fortran ? idx % rows : idx / cols);
            int c = (int) (fortran ? idx / rows : idx % cols);
            v[r][c] = kind == 'f' ? (size == 8 ? data.getDouble() : data.getFloat()) : (size == 8 ? data.getLong() : data.getInt());
        }
        return new RecordingReader.Raw(v, cols == 1 ? Boolean.TRUE : null, null, Double.NaN);
    }
}
