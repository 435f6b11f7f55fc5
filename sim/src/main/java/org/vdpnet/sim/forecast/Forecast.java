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

    private Forecast(double[][] values, Status status, String note) {
        this.values = copy(values);
        this.status = Objects.requireNonNull(status, "status");
        this.note = note == null ? "" : note;
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

    /** What happened, empty for {@link Status#OK}. */
    public String note() { return note; }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
