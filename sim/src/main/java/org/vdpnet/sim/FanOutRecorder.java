package org.vdpnet.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forwards every call of a run to the main recorder and then to each observation recorder, so
 * observation monitors (BOLD, calcium, ...) see exactly the calls they would see as the main
 * monitor of the same run; its {@link #result} is the main recorder's.
 */
final class FanOutRecorder implements Recorder {
    private final Recorder main;
    private final Recorder[] others;

    FanOutRecorder(Recorder main, Iterable<Recorder> others) {
        this.main = main;
        List<Recorder> list = new java.util.ArrayList<>();
        others.forEach(list::add);
        this.others = list.toArray(new Recorder[0]);
    }

    /** A fresh recorder of each monitor for a run with these channels, in the order given; names and monitors must not be null. */
    static Map<String, Recorder> recorders(Map<String, Monitor> monitors, List<String> channels) {
        Map<String, Recorder> out = new LinkedHashMap<>();
        monitors.forEach((name, m) -> {
            if (name == null || m == null) {
                throw new IllegalArgumentException("observations: a name or monitor is null");
            }
            out.put(name, m.newRecorder(channels));
        });
        return out;
    }

    /** The result of each recorder, by name. */
    static Map<String, TimeSeries> results(Map<String, Recorder> recorders) {
        Map<String, TimeSeries> out = new LinkedHashMap<>();
        recorders.forEach((name, r) -> out.put(name, r.result()));
        return out;
    }

    @Override
    public void start(double t0, double[] y0) {
        main.start(t0, y0);
        for (Recorder r : others) {
            r.start(t0, y0);
        }
    }

    @Override
    public void step(double tPrev, double t, double[] y, Interpolant interpolant) {
        main.step(tPrev, t, y, interpolant);
        for (Recorder r : others) {
            r.step(tPrev, t, y, interpolant);
        }
    }

    @Override
    public TimeSeries result() { return main.result(); }
}
