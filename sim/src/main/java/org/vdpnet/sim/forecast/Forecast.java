package org.vdpnet.sim.forecast;

import java.util.Objects;

/**
 * One forecast from one origin and how it went. An expected numerical failure is a status, not
 * an exception: a model that diverged and fell back to a simpler forecast says so
 * ({@link Status#FALLBACK}, with the fallback's values), and one that produced nothing usable is
 * {@link Status#FAILED} (values NaN). Immutable; arrays are copied in and out.
 */
public final class Forecast {
    /** How a forecast went. */
    public enum Status {
        /** The model's own forecast. */
        OK,
        /** The model failed at this origin (for example it diverged) and returned a simpler forecast instead; the note says which. */
        FALLBACK,
        /** No usable forecast (non-finite values or a numerical failure); the values are NaN. */
        FAILED
    }

    private final double[][] values;
    private final Status status;
    private final String note;
    private final double[][][] members;

    private Forecast(double[][] values, Status status, String note) {
        this(values, status, note, null);
    }

    private Forecast(double[][] values, Status status, String note, double[][][] members) {
        this.values = copy(values);
        this.status = Objects.requireNonNull(status, "status");
        this.note = note == null ? "" : note;
        if (members != null) {
            this.members = new double[members.length][][];
            for (int m = 0; m < members.length; m++) {
                if (members[m].length != values.length || (values.length > 0 && members[m][0].length != values[0].length)) {
                    throw new IllegalArgumentException("members: each member must be " + values.length + " x "
                            + (values.length > 0 ? values[0].length : 0) + " like the forecast, member " + m + " is not");
                }
                this.members[m] = copy(members[m]);
            }
        } else {
            this.members = null;
        }
    }

    /**
     * This forecast with a forecast distribution: {@code members[m][horizon][channel]}, equally
     * weighted draws (for example an ensemble Kalman filter's members run forward). The point
     * forecast ({@link #values()}) is unchanged; it is usually the members' mean. Needs at least 2
     * members, all finite; a FAILED forecast keeps no members.
     */
    public Forecast withMembers(double[][][] members) {
        if (members.length < 2) {
            throw new IllegalArgumentException("members: a forecast distribution needs at least 2 members, got " + members.length);
        }
        for (double[][] m : members) {
            for (double[] row : m) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("members: every value must be finite, got " + v);
                    }
                }
            }
        }
        return status == Status.FAILED ? this : new Forecast(values, status, note, members);
    }

    /** Whether this forecast carries a forecast distribution ({@link #withMembers}). */
    public boolean hasMembers() { return members != null; }

    /** The members {@code [member][horizon][channel]}, a copy; empty when there are none. */
    public double[][][] members() {
        if (members == null) {
            return new double[0][][];
        }
        double[][][] c = new double[members.length][][];
        for (int m = 0; m < members.length; m++) {
            c[m] = copy(members[m]);
        }
        return c;
    }

    /** The model's own forecast {@code [horizon][channel]}; FAILED if any value is not finite. */
    public static Forecast of(double[][] values) {
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return failed(values.length, row.length, "non-finite forecast value " + v);
                }
            }
        }
        return new Forecast(values, Status.OK, "");
    }

    /** The model's own forecast with a note on how it went (for example ensemble members that were dropped); FAILED if any value is not finite. */
    public static Forecast ok(double[][] values, String note) {
        Forecast f = of(values);
        return f.status == Status.OK ? new Forecast(values, Status.OK, note) : f;
    }

    /** A fallback forecast used because the model failed, with what happened. */
    public static Forecast fallback(double[][] values, String note) {
        return new Forecast(values, Status.FALLBACK, note);
    }

    /** A failure: {@code horizon x channels} NaN values and what went wrong. */
    public static Forecast failed(int horizon, int channels, String note) {
        double[][] v = new double[horizon][channels];
        for (double[] row : v) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return new Forecast(v, Status.FAILED, note);
    }

    /** {@code [horizon][channel]}, a copy. */
    public double[][] values() { return copy(values); }

    public Status status() { return status; }

    /** What happened; empty for an OK forecast unless it has a note ({@link #ok}). */
    public String note() { return note; }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
