package org.vdpnet.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The recorder of an observation model driven by state variables: each source's input
 * ({@code gain * state}) is taken as linear between the points the integrator gives (the ends of
 * every step and each sample time inside it, read from the step's dense output); the subclass
 * advances its filter over each such piece and writes one observed value per source at every
 * sample time {@code t0, t0 + period, ...}. Shared by {@link CalciumMonitor} and {@link BoldMonitor}.
 */
abstract class InputFilterRecorder implements Recorder {
    /** Relative slack so that a sample time that lands on a step's end is taken there despite rounding. */
    private static final double SLACK = 1e-9;

    private final TimeSeries.Builder b;
    private final int[] sources;
    private final double gain;
    private final double period;
    /** The inputs at the start and at the end of the piece being advanced. */
    protected final double[] uPrev;
    protected final double[] u;
    private final double[] buf;
    private final double[] row;
    private double t0;
    private double tLast;
    private long next;

    /**
     * @param what     the observation's name, for the channel names ({@code what(channel)}) and messages
     * @param channels the run's state channel names
     */
    InputFilterRecorder(String what, List<String> channels, int[] sources, double gain, double period) {
        List<String> names = new ArrayList<>();
        for (int s : sources) {
            if (s < 0 || s >= channels.size()) {
                throw new IllegalArgumentException(what + " sources: state index must be in [0, " + (channels.size() - 1) + "], got " + s);
            }
            names.add(what + "(" + channels.get(s) + ")");
        }
        this.b = new TimeSeries.Builder(names);
        this.sources = sources.clone();
        this.gain = gain;
        this.period = period;
        this.uPrev = new double[sources.length];
        this.u = new double[sources.length];
        this.buf = new double[channels.size()];
        this.row = new double[sources.length];
    }

    /** Sets the filters to rest. */
    protected abstract void rest();

    /** Advances every source's filter over {@code h} model time units, the input linear from {@code uPrev} to {@code u}. */
    protected abstract void advance(double h);

    /** Writes the current observed values into {@code out} (one per source). */
    protected abstract void observe(double[] out);

    @Override
    public final void start(double start, double[] y0) {
        t0 = start;
        tLast = start;
        rest();
        read(y0, uPrev);
        emit(start);
        next = 1;
    }

    @Override
    public final void step(double tPrev, double t, double[] y, Interpolant in) {
        double tol = SLACK * period;
        for (double ts = t0 + next * period; ts < t - tol; ts = t0 + next * period) {
            in.stateAt(ts, buf);
            read(buf, u);
            piece(ts);
            emit(ts);
            next++;
        }
        read(y, u);
        piece(t);
        double ts = t0 + next * period;
        if (Math.abs(ts - t) <= tol) {
            emit(ts);
            next++;
        }
    }

    private void read(double[] state, double[] into) {
        for (int i = 0; i < sources.length; i++) {
            into[i] = gain * state[sources[i]];
        }
    }

    private void piece(double to) {
        double h = to - tLast;
        if (h > 0) {
            advance(h);
            System.arraycopy(u, 0, uPrev, 0, u.length);
            tLast = to;
        }
    }

    private void emit(double t) {
        observe(row);
        b.add(t, row);
    }

    @Override
    public final TimeSeries result() { return b.build(); }
}
