package org.vdpnet.validation.evaluation;

import java.util.Arrays;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Training;

/**
 * One model trained on one training size with one seed, and its forecasts from every origin
 * (in the scoring space), each with its status. A forecast that carried a forecast distribution
 * ({@link Forecast#hasMembers()}) keeps its members, each mapped to the scoring space the same way
 * as the point forecast. A skipped model keeps its cell: no forecasts, the reason in its
 * {@link Training}. Immutable; arrays are copied out. Serializable: a distributed engine returns
 * cells from its workers.
 */
public final class Cell implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String model;
    private final int trainSize;
    private final long seed;
    private final boolean seeded;
    private final Training training;
    private final double[][][] forecasts;
    private final Forecast.Status[] status;
    private final String[] notes;
    private final double[][][][] members; // [origin][member][horizon][channel]; null at an origin without members

    Cell(String model, int trainSize, long seed, boolean seeded, Training training, double[][][] forecasts, Forecast.Status[] status, String[] notes) {
        this(model, trainSize, seed, seeded, training, forecasts, status, notes, new double[status.length][][][]);
    }

    /** {@code members[origin]} is {@code [member][horizon][channel]} in the scoring space, or null where the forecast has none. */
    Cell(String model, int trainSize, long seed, boolean seeded, Training training, double[][][] forecasts, Forecast.Status[] status, String[] notes,
         double[][][][] members) {
        if (members.length != status.length) {
            throw new IllegalArgumentException("members: one entry per origin (" + status.length + "), got " + members.length);
        }
        this.model = model;
        this.trainSize = trainSize;
        this.seed = seed;
        this.seeded = seeded;
        this.training = training;
        this.forecasts = forecasts;
        this.status = status;
        this.notes = notes;
        this.members = members;
    }

    public String model() { return model; }

    public int trainSize() { return trainSize; }

    /** The seed it was trained with (1 for a deterministic model, trained once). */
    public long seed() { return seed; }

    /** Whether its training depends on the seed. */
    public boolean seeded() { return seeded; }

    public Training training() { return training; }

    public boolean skipped() { return training.isSkipped(); }

    /** Origins. */
    public int origins() { return status.length; }

    /** The forecast from origin {@code i}, {@code [horizon][channel]} (NaN where it failed); a copy. */
    public double[][] forecast(int i) {
        double[][] c = new double[forecasts[i].length][];
        for (int h = 0; h < c.length; h++) {
            c[h] = forecasts[i][h].clone();
        }
        return c;
    }

    /** The status at origin {@code i}. */
    public Forecast.Status status(int i) { return status[i]; }

    /** What happened at origin {@code i} (empty when OK). */
    public String note(int i) { return notes[i]; }

    /** Whether the forecast from origin {@code i} carries members (a forecast distribution). */
    public boolean hasMembers(int i) { return members[i] != null; }

    /**
     * The members of the forecast from origin {@code i} in the scoring space,
     * {@code [member][horizon][channel]}, a copy; empty where it has none.
     */
    public double[][][] members(int i) {
        if (members[i] == null) {
            return new double[0][][];
        }
        double[][][] c = new double[members[i].length][][];
        for (int m = 0; m < c.length; m++) {
            c[m] = new double[members[i][m].length][];
            for (int h = 0; h < c[m].length; h++) {
                c[m][h] = members[i][m][h].clone();
            }
        }
        return c;
    }

    /** The members at origin {@code i}, {@code [member][horizon][channel]}, or null (no copy: package use). */
    double[][][] membersAt(int i) { return members[i]; }

    /** The forecast at origin {@code i} (no copy: package use). */
    double[][] forecastAt(int i) { return forecasts[i]; }

    /** Origins with this status. */
    public int count(Forecast.Status s) {
        return (int) Arrays.stream(status).filter(x -> x == s).count();
    }

    /** The forecasts at the given origins, {@code [k][horizon][channel]} (no copies: package use). */
    double[][][] at(int[] idx) {
        double[][][] r = new double[idx.length][][];
        for (int k = 0; k < idx.length; k++) {
            r[k] = forecasts[idx[k]];
        }
        return r;
    }
}
