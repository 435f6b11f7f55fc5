package org.vdpnet.fitting.recording;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * NWB (HDF5) through jhdf: a {@code RoiResponseSeries} or {@code TimeSeries} group, whose
 * {@code data} is (time, channels) and whose rate is the {@code rate} attribute of
 * {@code starting_time} (or follows from {@code timestamps}). A plain HDF5 dataset path also works,
 * read as (time, channels).
 *
 * <p>pynwb links rather than copies (an imaging plane's device, a series' shared timestamps), so
 * discovery skips soft and external links (their targets are found where they live) and a series'
 * own {@code data} or {@code timestamps} may be a soft link, which is followed. Whatever jhdf throws
 * on a file that is not HDF5, truncated or damaged becomes one line naming the file.
 */
final class NwbArrays {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};

    private NwbArrays() {}

    static RecordingReader.Raw read(Path file, String variable) throws IOException {
        long size = Files.size(file);
        if (!hasSignature(file, size)) {
            throw new IllegalArgumentException(file + ": not an HDF5 file (no HDF5 signature); NWB files are HDF5");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            return read(file, size, hdf, variable);
        } catch (RuntimeException e) {
            if (Limits.ours(file, e)) {
                throw e;
            }
            throw new IllegalArgumentException(file + ": truncated or damaged HDF5 file (" + Limits.size(size) + "); it could not be read");
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException(file + ": damaged HDF5 file (" + Limits.size(size) + "): its groups or links nest too deeply"
                    + " (a cycle?) to be read");
        } catch (OutOfMemoryError e) {
            throw Limits.tooLarge(file, size);
        }
    }

    /** HDF5's signature sits at byte 0, 512, 1024, 2048, ... (a user block may come first). */
    private static boolean hasSignature(Path file, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            for (long at = 0; at + 8 <= size; at = at == 0 ? 512 : at * 2) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
                while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                    // fill
                }
                if (Arrays.equals(b.array(), SIGNATURE)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static RecordingReader.Raw read(Path file, long size, HdfFile hdf, String variable) {
        Node node;
        if (variable != null) {
            try {
                node = resolve(file, hdf.getByPath(variable), variable);
            } catch (RuntimeException e) {
                if (Limits.ours(file, e)) {
                    throw e;
                }
                throw new IllegalArgumentException("--variable: no '" + variable + "' in " + file.getFileName() + "; series found: " + series(hdf));
            }
        } else {
            List<String> found = series(hdf);
            if (found.isEmpty()) {
                throw new IllegalArgumentException(file + ": no RoiResponseSeries or TimeSeries group; name a dataset with --variable");
            }
            if (found.size() > 1) {
                throw new IllegalArgumentException("--variable: " + file.getFileName() + " holds " + found.size() + " series " + found
                        + "; name one");
            }
            node = hdf.getByPath(found.get(0));
        }
        Dataset data;
        Group series = null;
        if (node instanceof Group g) {
            Node d = resolve(file, g.getChild("data"), g.getPath() + "data");
            if (!(d instanceof Dataset ds)) {
                throw new IllegalArgumentException(file + ": group '" + trim(g.getPath()) + "' has no 'data' dataset; name a dataset with --variable");
            }
            data = ds;
            series = g;
        } else if (node instanceof Dataset ds) {
            data = ds;
        } else {
            throw new IllegalArgumentException(file + ": '" + trim(node.getPath()) + "' is neither a group nor a dataset");
        }
        // the data's size is checked before anything of it, or of its timestamps, is read
        int[] dims = data.getDimensions();
        if (dims.length == 0 || dims.length > 2) {
            throw new IllegalArgumentException(file + ": dataset '" + trim(data.getPath()) + "' is " + (dims.length == 0 ? "a single value"
                    : dims.length + "-D " + Arrays.toString(dims)) + "; need 1-D or 2-D (time, channels)");
        }
        Class<?> type = data.getJavaType();
        if (!(type.isPrimitive() && type != boolean.class && type != char.class)) {
            throw new IllegalArgumentException(file + ": dataset '" + trim(data.getPath()) + "' holds " + describeType(data)
                    + ", not real numbers; vdpnet reads real arrays");
        }
        long samples = dims[0];
        long cols = dims.length == 2 ? dims[1] : 1;
        Limits.requireMemory(file, size, samples, cols, false, "dataset '" + trim(data.getPath()) + "' " + Arrays.toString(dims));
        double rate = Double.NaN;
        String rateProblem = null;
        if (series != null) {
            Group g = series;
            Node st = resolve(file, g.getChild("starting_time"), g.getPath() + "starting_time");
            Node ts = resolve(file, g.getChild("timestamps"), g.getPath() + "timestamps");
            if (st != null && st.getAttribute("rate") != null) {
                Object r = st.getAttribute("rate").getData();
                rate = r instanceof Number n ? n.doubleValue() : Double.NaN;
                if (!(rate > 0 && Double.isFinite(rate))) {
                    rateProblem = "the stated rate " + (r instanceof Number ? fmt(rate) : show(r)) + " (starting_time/rate of '"
                            + trim(g.getPath()) + "') is invalid; need a finite rate > 0 samples per second";
                    rate = Double.NaN;
                }
            } else if (ts instanceof Dataset tds) {
                int[] tdims = tds.getDimensions();
                if (tdims.length != 1 || tdims[0] != samples) {
                    throw new IllegalArgumentException(file + ": the timestamps of '" + trim(g.getPath()) + "' are " + (tdims.length == 1
                            ? tdims[0] + " values" : "shaped " + Arrays.toString(tdims)) + ", but its data has " + samples
                            + " time points; need one timestamp per time point");
                }
                double[] t = toDoubles(file, tds.getData(), "timestamps");
                if (t.length > 1) {
                    rate = (t.length - 1) / (t[t.length - 1] - t[0]);
                    boolean increasing = true;
                    for (int k = 1; k < t.length && increasing; k++) {
                        increasing = t[k] > t[k - 1] && Double.isFinite(t[k]);
                    }
                    if (!increasing || !(rate > 0 && Double.isFinite(rate))) {
                        rateProblem = "the stated timestamps of '" + trim(g.getPath()) + "' are invalid (" + describe(t)
                                + "); need finite, strictly increasing times in seconds";
                        rate = Double.NaN;
                    }
                }
            }
        }
        Object raw = data.getData();
        double[][] v;
        if (dims.length == 2) {
            v = new double[dims[0]][];
            for (int i = 0; i < dims[0]; i++) {
                v[i] = toDoubles(file, Array.get(raw, i), trim(data.getPath()));
            }
        } else {
            double[] one = toDoubles(file, raw, trim(data.getPath()));
            raw = null;
            v = new double[one.length][1];
            for (int i = 0; i < one.length; i++) {
                v[i][0] = one[i];
            }
        }
        return new RecordingReader.Raw(v, Boolean.TRUE, null, rate, rateProblem);
    }

    /** Follows a soft link (a broken one is reported); null stays null. */
    private static Node resolve(Path file, Node n, String path) {
        if (n instanceof Link l) {
            if (l.isBrokenLink()) {
                throw new IllegalArgumentException(file + ": '" + trim(path) + "' is a broken link to '" + l.getTargetPath() + "'");
            }
            return l.getTarget();
        }
        return n;
    }

    private static String describeType(Dataset d) {
        Class<?> t = d.getJavaType();
        String name = t.getSimpleName().toLowerCase(Locale.ROOT);
        if (name.contains("string")) {
            return "text";
        }
        if (name.contains("complex") || d.isCompound()) {
            return "compound values (complex numbers or records)";
        }
        return "values that are not numbers";
    }

    private static String describe(double[] t) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : t) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return t.length + " values" + (min == max ? ", all " + fmt(min) : " from " + fmt(t[0]) + " to " + fmt(t[t.length - 1]) + ", not increasing");
    }

    /** An attribute's value in words: the numbers of an array (at most 8), else its text. */
    private static String show(Object o) {
        if (o != null && o.getClass().isArray()) {
            int n = Array.getLength(o);
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Math.min(n, 8); i++) {
                Object e = Array.get(o, i);
                sb.append(i == 0 ? "" : ", ").append(e instanceof Number x ? fmt(x.doubleValue()) : e != null && e.getClass().isArray() ? "[...]" : "'" + e + "'");
            }
            return sb.append(n > 8 ? ", ... (" + n + " values)]" : "]").append(" (an array, not one number)").toString();
        }
        return "'" + o + "'";
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
    }

    private static String trim(String p) {
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }

    private static double[] toDoubles(Path file, Object o, String what) {
        if (o instanceof double[] d) {
            return d;
        }
        if (o != null && o.getClass().isArray() && o.getClass().getComponentType().isPrimitive()
                && o.getClass().getComponentType() != boolean.class && o.getClass().getComponentType() != char.class) {
            int n = Array.getLength(o);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = ((Number) Array.get(o, i)).doubleValue();
            }
            return d;
        }
        throw new IllegalArgumentException(file + ": '" + what + "' is not a 1-D array of numbers");
    }

    /** Paths of groups whose neurodata_type is RoiResponseSeries or TimeSeries. */
    private static List<String> series(HdfFile hdf) {
        List<String> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        seen.add(hdf.getAddress());
        walk(hdf, out, seen);
        return out;
    }

    /** Walks the groups below {@code g}, each once: a hard link back to a group already seen (a cycle) is not followed. */
    private static void walk(Group g, List<String> out, Set<Long> seen) {
        for (Node n : g.getChildren().values()) {
            if (n.isLink()) {
                continue; // soft links point inside the file, where the walk finds their target; external links point outside it
            }
            if (n instanceof Group child) {
                if (!seen.add(child.getAddress())) {
                    continue;
                }
                Attribute t = child.getAttribute("neurodata_type");
                String type = t == null ? "" : String.valueOf(t.getData());
                if (type.equals("RoiResponseSeries") || type.equals("TimeSeries")) {
                    out.add(trim(child.getPath()));
                }
                walk(child, out, seen);
            }
        }
    }
}
