package org.vdpnet.fitting.recording;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * NWB (HDF5) through jhdf: a {@code RoiResponseSeries} or {@code TimeSeries} group, whose
 * {@code data} is (time, channels) and whose rate is the {@code rate} attribute of
 * {@code starting_time} (or follows from {@code timestamps}). A plain HDF5 dataset path also works,
 * read as (time, channels).
 */
final class NwbArrays {
    private NwbArrays() {}

    static RecordingReader.Raw read(Path file, String variable) {
        try (HdfFile hdf = new HdfFile(file)) {
            Node node;
            if (variable != null) {
                try {
                    node = hdf.getByPath(variable);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("--variable: no '" + variable + "' in " + file.getFileName() + "; series found: " + series(hdf));
                }
            } else {
                List<String> found = series(hdf);
                if (found.isEmpty()) {
                    throw new IllegalArgumentException(file + ": no RoiResponseSeries or TimeSeries group; name a dataset with --variable");
                }
                node = hdf.getByPath(found.get(0));
            }
            Dataset data;
            double rate = Double.NaN;
            if (node.isGroup()) {
                Node d = ((Group) node).getChild("data");
                if (!(d instanceof Dataset ds)) {
                    throw new IllegalArgumentException("--variable: group '" + node.getPath() + "' has no 'data' dataset");
                }
                data = ds;
                Node st = ((Group) node).getChild("starting_time");
                if (st != null && st.getAttribute("rate") != null) {
                    rate = ((Number) st.getAttribute("rate").getData()).doubleValue();
                }
                Node ts = ((Group) node).getChild("timestamps");
                if (Double.isNaN(rate) && ts instanceof Dataset tds) {
                    double[] t = toDoubles(tds.getData());
                    if (t.length > 1) {
                        rate = (t.length - 1) / (t[t.length - 1] - t[0]);
                    }
                }
            } else {
                data = (Dataset) node;
            }
            Object raw = data.getData();
            double[][] v;
            if (raw instanceof double[][] dd) {
                v = dd;
            } else if (raw instanceof float[][] ff) {
                v = new double[ff.length][];
                for (int i = 0; i < ff.length; i++) {
                    v[i] = new double[ff[i].length];
                    for (int j = 0; j < ff[i].length; j++) {
                        v[i][j] = ff[i][j];
                    }
                }
            } else if (raw instanceof double[] || raw instanceof float[]) {
                double[] one = toDoubles(raw);
                v = new double[one.length][1];
                for (int i = 0; i < one.length; i++) {
                    v[i][0] = one[i];
                }
            } else {
                throw new IllegalArgumentException(file + ": dataset " + data.getPath() + " is not a 1-D or 2-D float array");
            }
            return new RecordingReader.Raw(v, Boolean.TRUE, null, rate);
        }
    }

    private static double[] toDoubles(Object o) {
        if (o instanceof double[] d) {
            return d;
        }
        if (o instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        throw new IllegalArgumentException("not a 1-D float array: " + o.getClass().getSimpleName());
    }

    /** Paths of groups whose neurodata_type is RoiResponseSeries or TimeSeries. */
    private static List<String> series(HdfFile hdf) {
        List<String> out = new ArrayList<>();
        walk(hdf, out);
        return out;
    }

    private static void walk(Group g, List<String> out) {
        for (Node n : g.getChildren().values()) {
            if (n.isGroup()) {
                Attribute t = n.getAttribute("neurodata_type");
                if (t != null && (String.valueOf(t.getData()).equals("RoiResponseSeries") || String.valueOf(t.getData()).equals("TimeSeries"))) {
                    String p = n.getPath();
                    out.add(p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p);
                }
                walk((Group) n, out);
            }
        }
    }
}
