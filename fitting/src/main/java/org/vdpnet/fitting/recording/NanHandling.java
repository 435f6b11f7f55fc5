package org.vdpnet.fitting.recording;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NaN policy at read time: fail, drop time points (keeping the others' real sample numbers),
 * or keep the gaps for the consumer to fill per split. Nothing here fills a value: filling over
 * the whole recording before the train/test split would let a training frame be filled from a
 * test frame and a test frame from a later one.
 */
final class NanHandling {
    private NanHandling() {}

    /** The rows that are kept, with the file's sample number of each, and the channels kept. */
    static final class Kept {
        final double[][] rows;
        final int[] samples;
        final List<String> names;

        Kept(double[][] rows, int[] samples, List<String> names) {
            this.rows = rows;
            this.samples = samples;
            this.names = names;
        }
    }

    static Kept apply(Path file, double[][] rows, List<String> names, RecordingOptions.NanPolicy policy, List<String> notes) {
        if (policy != RecordingOptions.NanPolicy.FAIL) {
            // a channel with no finite value at all is dead: nothing can fill it and it would drop every time point
            List<Integer> keep = new ArrayList<>();
            List<String> dead = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                boolean any = false;
                for (int k = 0; k < rows.length && !any; k++) {
                    any = Double.isFinite(rows[k][c]);
                }
                if (any) {
                    keep.add(c);
                } else {
                    dead.add(names.get(c));
                }
            }
            if (keep.isEmpty()) {
                throw new IllegalArgumentException(file + ": no channel has a finite value (all " + names.size() + " are NaN or infinite)");
            }
            if (!dead.isEmpty()) {
                double[][] kept = new double[rows.length][keep.size()];
                List<String> keptNames = new ArrayList<>();
                for (int j = 0; j < keep.size(); j++) {
                    keptNames.add(names.get(keep.get(j)));
                    for (int k = 0; k < rows.length; k++) {
                        kept[k][j] = rows[k][keep.get(j)];
                    }
                }
                notes.add("dropped " + dead.size() + " dead channel(s) with no finite value (--nan " + policy.name().toLowerCase(java.util.Locale.ROOT)
                        + "): " + String.join(", ", dead));
                rows = kept;
                names = keptNames;
            }
        }
        return applyRows(file, rows, names, policy, notes);
    }

    private static Kept applyRows(Path file, double[][] rows, List<String> names, RecordingOptions.NanPolicy policy, List<String> notes) {
        int bad = 0;
        int badRows = 0;
        int firstK = -1;
        int firstC = -1;
        for (int k = 0; k < rows.length; k++) {
            boolean rowBad = false;
            for (int c = 0; c < rows[k].length; c++) {
                if (!Double.isFinite(rows[k][c])) {
                    rowBad = true;
                    if (bad++ == 0) {
                        firstK = k;
                        firstC = c;
                    }
                }
            }
            badRows += rowBad ? 1 : 0;
        }
        if (bad == 0) {
            return new Kept(rows, identity(rows.length), names);
        }
        switch (policy) {
            case FAIL:
                throw new IllegalArgumentException(file + ": " + bad + " non-finite value(s), the first " + rows[firstK][firstC]
                        + " at sample " + firstK + " of channel " + names.get(firstC) + "; pass --nan drop or --nan interpolate to handle them");
            case DROP:
                return drop(file, rows, names, notes);
            default: {
                notes.add("kept " + bad + " non-finite value(s) in " + badRows + " time point(s) (--nan interpolate); they are filled per split by"
                        + " the consumer: linearly within the training frames, carried forward in the test frames");
                return new Kept(rows, identity(rows.length), names);
            }
        }
    }

    private static Kept drop(Path file, double[][] rows, List<String> names, List<String> notes) {
        List<double[]> kept = new ArrayList<>();
        int[] samples = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            boolean ok = true;
            for (double x : rows[k]) {
                ok &= Double.isFinite(x);
            }
            if (ok) {
                samples[kept.size()] = k;
                kept.add(rows[k]);
            }
        }
        if (kept.size() < 2) {
            throw new IllegalArgumentException(file + ": fewer than 2 time points are left after dropping the non-finite ones");
        }
        int n = kept.size();
        int interior = samples[n - 1] - samples[0] + 1 - n;
        notes.add("dropped " + (rows.length - n) + " time points with non-finite values (--nan drop), " + interior
                + " of them interior; the others keep their real time stamps" + (interior > 0 ? ", so the frames are not evenly spaced" : ""));
        return new Kept(kept.toArray(new double[0][]), java.util.Arrays.copyOf(samples, n), names);
    }

    private static int[] identity(int n) {
        int[] s = new int[n];
        for (int k = 0; k < n; k++) {
            s[k] = k;
        }
        return s;
    }
}
