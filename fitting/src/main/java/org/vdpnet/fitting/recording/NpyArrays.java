package org.vdpnet.fitting.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy .npy (versions 1–3): float64, float32 or integer dtypes, either byte order, C or Fortran order,
 * 1-D or 2-D. The header is checked against the file size and the memory Java may use before the
 * data are read, and the data are streamed from the file.
 */
final class NpyArrays {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*(\\S)");
    private static final Pattern DESCR_STRING = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern TYPE = Pattern.compile("([<>|=]?)([fiu])(\\d{1,2})");
    private static final String ALLOWED = "use float64, float32, int64, int32, int16, int8, uint32, uint16 or uint8";

    private NpyArrays() {}

    static RecordingReader.Raw read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0);
            pre.flip();
            byte[] magic = new byte[Math.min(6, pre.remaining())];
            pre.get(magic);
            if (magic.length < 6 || (magic[0] & 0xFF) != 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new IllegalArgumentException(file + ": not a NumPy .npy file (it does not start with the .npy magic bytes)");
            }
            if (pre.remaining() < 4) {
                throw new IllegalArgumentException(file + ": truncated .npy file: it ends inside the header (" + Limits.size(fileSize) + ")");
            }
            int major = pre.get() & 0xFF;
            pre.get();
            long headerLen;
            int start;
            if (major == 1) {
                headerLen = pre.getShort() & 0xFFFF;
                start = 10;
            } else if (major == 2 || major == 3) {
                if (pre.remaining() < 4) {
                    throw new IllegalArgumentException(file + ": truncated .npy file: it ends inside the header (" + Limits.size(fileSize) + ")");
                }
                headerLen = pre.getInt() & 0xFFFFFFFFL;
                start = 12;
            } else {
                throw new IllegalArgumentException(file + ": .npy format version " + major + " is not supported; versions 1, 2 and 3 are");
            }
            if (start + headerLen > fileSize) {
                throw new IllegalArgumentException(file + ": truncated or damaged .npy file: header length " + headerLen + " exceeds the file size "
                        + fileSize);
            }
            if (headerLen > 1 << 20) {
                throw new IllegalArgumentException(file + ": damaged .npy file: header length " + headerLen + " is implausible (over 1 MB)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, start);
            String header = new String(hb.array(), 0, hb.position(), StandardCharsets.ISO_8859_1);
            Matcher dAny = DESCR.matcher(header);
            if (!dAny.find()) {
                throw new IllegalArgumentException(file + ": damaged .npy header: it has no 'descr' (dtype) entry");
            }
            Matcher d = DESCR_STRING.matcher(header);
            if (!d.find()) {
                throw new IllegalArgumentException(file + ": a structured (record) dtype is not supported; " + ALLOWED);
            }
            String descr = d.group(1);
            Matcher t = TYPE.matcher(descr);
            int size = t.matches() ? Integer.parseInt(t.group(3)) : -1;
            char kind = t.matches() ? t.group(2).charAt(0) : '?';
            boolean ok = t.matches() && (kind == 'f' && (size == 4 || size == 8) || kind == 'i' && (size == 1 || size == 2 || size == 4 || size == 8)
                    || kind == 'u' && (size == 1 || size == 2 || size == 4));
            if (!ok) {
                throw new IllegalArgumentException(file + ": dtype '" + descr + "' is not supported; " + ALLOWED);
            }
            ByteOrder order = t.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            Matcher f = FORTRAN.matcher(header);
            if (!f.find()) {
                throw new IllegalArgumentException(file + ": damaged .npy header: it has no 'fortran_order' entry");
            }
            boolean fortran = f.group(1).equals("True");
            Matcher s = SHAPE.matcher(header);
            if (!s.find()) {
                throw new IllegalArgumentException(file + ": damaged .npy header: it has no 'shape' entry");
            }
            String shapeText = "(" + s.group(1).trim() + ")";
            List<Long> dims = new ArrayList<>();
            for (String p : s.group(1).split(",")) {
                String q = p.trim().replaceAll("[lL]$", "");
                if (q.isEmpty()) {
                    continue;
                }
                if (!q.matches("\\d{1,18}")) {
                    throw new IllegalArgumentException(file + ": damaged .npy header: shape " + shapeText + " is not a list of sizes");
                }
                dims.add(Long.parseLong(q));
            }
            if (dims.isEmpty()) {
                throw new IllegalArgumentException(file + ": shape () is a single number; need a 1-D (one channel) or 2-D array");
            }
            if (dims.size() > 2) {
                throw new IllegalArgumentException(file + ": shape " + shapeText + " is " + dims.size() + "-D; need a 1-D (one channel) or 2-D array");
            }
            long rows = dims.get(0);
            long cols = dims.size() == 2 ? dims.get(1) : 1;
            if (rows == 0 || cols == 0) {
                throw new IllegalArgumentException(file + ": shape " + shapeText + " holds no data");
            }
            String what = "shape " + shapeText + " " + (kind == 'f' ? "float" : kind == 'i' ? "int" : "uint") + size * 8;
            if (rows > Integer.MAX_VALUE - 16L || cols > Integer.MAX_VALUE - 16L || rows > Long.MAX_VALUE / cols / size) {
                throw new IllegalArgumentException(file + " (" + Limits.size(fileSize) + "): " + what + " is too large to read");
            }
            long count = rows * cols;
            long need = count * size;
            long have = fileSize - start - headerLen;
            if (have < need) {
                throw new IllegalArgumentException(file + ": truncated .npy file: " + what + " needs " + need + " bytes of data, the file has " + have);
            }
            Limits.requireMemory(file, fileSize, rows, cols, cols != 1, what);
            double[][] v = new double[(int) rows][(int) cols];
            ByteBuffer data = ByteBuffer.allocate(1 << 20).order(order);
            long pos = start + headerLen;
            data.limit(0);
            for (long idx = 0; idx < count; idx++) {
                if (data.remaining() < size) {
                    data.compact();
                    int want = (int) Math.min(data.remaining(), (count - idx) * size + 8);
                    data.limit(data.position() + Math.max(want, size));
                    int before = data.position();
                    readFully(ch, data, pos);
                    pos += data.position() - before;
                    data.flip();
                    if (data.remaining() < size) {
                        throw new IllegalArgumentException(file + ": truncated .npy file: it ends after " + idx + " of " + count + " values");
                    }
                }
                int r = (int) (fortran ? idx % rows : idx / cols);
                int c = (int) (fortran ? idx / rows : idx % cols);
                v[r][c] = switch (kind) {
                    case 'f' -> size == 8 ? data.getDouble() : data.getFloat();
                    case 'i' -> size == 8 ? data.getLong() : size == 4 ? data.getInt() : size == 2 ? data.getShort() : data.get();
                    default -> size == 4 ? data.getInt() & 0xFFFFFFFFL : size == 2 ? data.getShort() & 0xFFFF : data.get() & 0xFF;
                };
            }
            return new RecordingReader.Raw(v, cols == 1 ? Boolean.TRUE : null, null, Double.NaN);
        }
    }

    /** Reads from {@code pos} until {@code buf} is full or the file ends. */
    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                return;
            }
            pos += n;
        }
    }
}
