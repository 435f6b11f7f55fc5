package org.vdpnet.fitting.recording;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The NaN policy: fail, drop time points, or interpolate in time. */
final class NanHandling {
    private NanHandling() {}

    static double[][] apply(Path file, double[][] rows, List<String> names, RecordingOptions.NanPolicy policy, List<String> notes) {
        int bad = 0;
        int firstK = -1;
        int firstC = -1;
        for (int k = 0; k < rows.length; k++) {
            for (int c = 0; c < rows[k].length; c++) {
                if (!Double.isFinite(rows[k][c])) {
                    if (bad++ == 0) {
                        firstK = k;
                        firstC = c;
                    }
                }
            }
        }
        if (bad == 0) {
            return rows;
        }
        switch (policy) {
            case FAIL:
                throw new IllegalArgumentException(file + ": " + bad + " non-finite value(s), the first " + rows[firstK][firstC]
                        + " at sample " + firstK + " of channel " + names.get(firstC) + "; pass --nan drop or --nan interpolate to handle them");
            case DROP: {
                List<double[]> kept = new ArrayList<>();
                for (double[] r : rows) {
                    boolean ok = true;
                    for (double x : r) {
                        ok &= Double.isFinite(x);
                    }
                    if (ok) {
                        kept.add(r);
                    }
                }
                if (kept.size() < 2) {
                    throw new IllegalArgumentException(file + ": fewer than 2 time points are left after dropping the non-finite ones");
                }
                notes.add("dropped " + (rows.length - kept.size()) + " time points with non-finite values (--nan drop)");
                return kept.toArray(new double[0][]);
            }
            default: {
                for (int c = 0; c < rows[0].length; c++) {
                    interpolate(file, rows, c, names.get(c));
                }
                notes.add("interpolated " + bad + " non-finite values linearly in time (--nan interpolate)");
                return rows;
            }
        }
    }

    private static void interpolate(Path file, double[][] rows, int c, String name) {
        int n = rows.length;
        int prev = -1;
        for (int k = 0; k < n; k++) {
            if (Double.isFinite(rows[k][c])) {
                if (prev < k - 1) {
                    for (int q = prev + 1; q < k; q++) {
                        rows[q][c] = prev < 0 ? rows[k][c] : rows[prev][c] + (rows[k][c] - rows[prev][c]) * (q - prev) / (double) (k - prev);
                    }
                }
                prev = k;
            }
        }
        if (prev < 0) {
            throw new IllegalArgumentException(file + ": channel " + name + " has no finite value to interpolate from");
        }
        for (int q = prev + 1; q < n; q++) {
            rows[q][c] = rows[prev][c];
        }
    }
}
