package org.vdpnet.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in monitors. */
final class Monitors {
    private Monitors() {}

    /** Relative slack so that a sample time that lands on the end time is kept despite rounding. */
    private static final double SLACK = 1e-9;

    record Raw() implements Monitor {
        @Override
        public Recorder newRecorder(List<String> channels) {
            TimeSeries.Builder b = new TimeSeries.Builder(channels);
            return new Recorder() {
                @Override public void start(double t0, double[] y0) { b.add(t0, y0); }
                @Override public void step(double tPrev, double t, double[] y, Interpolant in) { b.add(t, y); }
                @Override public TimeSeries result() { return b.build(); }
            };
        }

        @Override
        public Map<String, Object> describe() { return Map.of("type", "raw"); }
    }

    record Subsample(double period) implements Monitor {
        @Override
        public Recorder newRecorder(List<String> channels) {
            return new Recorder() {
                private final TimeSeries.Builder b = new TimeSeries.Builder(channels);
                private final double[] buf = new double[channels.size()];
                private double t0;
                private long next;

                @Override
                public void start(double start, double[] y0) {
                    t0 = start;
                    b.add(start, y0);
                    next = 1;
                }

                @Override
                public void step(double tPrev, double t, double[] y, Interpolant in) {
                    double tol = SLACK * period;
                    for (double ts = t0 + next * period; ts <= t + tol; ts = t0 + next * period) {
                        if (Math.abs(ts - t) <= tol) {
                            b.add(ts, y);
                        } else {
                            in.stateAt(ts, buf);
                            b.add(ts, buf);
                        }
                        next++;
                    }
                }

                @Override public TimeSeries result() { return b.build(); }
            };
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "subsample");
            m.put("period", period);
            return m;
        }
    }

    record TemporalAverage(double period) implements Monitor {
        @Override
        public Recorder newRecorder(List<String> channels) {
            int n = channels.size();
            return new Recorder() {
                private final TimeSeries.Builder b = new TimeSeries.Builder(channels);
                private final double[] acc = new double[n];
                private final double[] last = new double[n];
                private final double[] buf = new double[n];
                private double t0;
                private double lastT;
                private long next;

                @Override
                public void start(double start, double[] y0) {
                    t0 = start;
                    lastT = start;
                    System.arraycopy(y0, 0, last, 0, n);
                    next = 1;
                }

                private void accumulate(double t, double[] y) {
                    double w = 0.5 * (t - lastT);
                    for (int i = 0; i < n; i++) {
                        acc[i] += w * (last[i] + y[i]);
                    }
                    lastT = t;
                    System.arraycopy(y, 0, last, 0, n);
                }

                @Override
                public void step(double tPrev, double t, double[] y, Interpolant in) {
                    double tol = SLACK * period;
                    for (double tb = t0 + next * period; tb <= t + tol; tb = t0 + next * period) {
                        if (Math.abs(tb - t) <= tol) {
                            System.arraycopy(y, 0, buf, 0, n);
                        } else {
                            in.stateAt(tb, buf);
                        }
                        accumulate(tb, buf);
                        for (int i = 0; i < n; i++) {
                            acc[i] /= period;
                        }
                        b.add(tb - 0.5 * period, acc);
                        java.util.Arrays.fill(acc, 0.0);
                        next++;
                    }
                    if (t > lastT) {
                        accumulate(t, y);
                    }
                }

                @Override public TimeSeries result() { return b.build(); }
            };
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "temporal-average");
            m.put("period", period);
            return m;
        }
    }
}
