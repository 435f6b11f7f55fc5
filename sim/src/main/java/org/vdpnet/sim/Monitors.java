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

                /** No sample time left in {@code (tPrev, t]} (the next one is past {@code t} beyond the slack). */
                @Override
                public boolean idleOver(double tPrev, double t) { return !(t0 + next * period <= t + SLACK * period); }

                @Override
                public void step(double tPrev, double t, double[] y, Interpolant in) {
                    double tol = SLACK * period;
                    while (!idleOver(tPrev, t)) {
                        double ts = t0 + next * period;
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
        /** Three-point Gauss–Legendre nodes on [0, 1] and weights: exact for polynomials of degree 5. */
        private static final double[] GL_NODES = {0.5 - Math.sqrt(0.15), 0.5, 0.5 + Math.sqrt(0.15)};
        private static final double[] GL_WEIGHTS = {5.0 / 18, 8.0 / 18, 5.0 / 18};

        @Override
        public Recorder newRecorder(List<String> channels) {
            int n = channels.size();
            return new Recorder() {
                private final TimeSeries.Builder b = new TimeSeries.Builder(channels);
                private final double[] acc = new double[n];
                private final double[] buf = new double[n];
                private double t0;
                private double lastT;
                private long next;

                @Override
                public void start(double start, double[] y0) {
                    t0 = start;
                    lastT = start;
                    next = 1;
                }

                /** Adds the integral of the dense output over [lastT, t]. */
                private void accumulate(double t, Interpolant in) {
                    double h = t - lastT;
                    for (int q = 0; q < 3; q++) {
                        in.stateAt(lastT + GL_NODES[q] * h, buf);
                        double w = GL_WEIGHTS[q] * h;
                        for (int i = 0; i < n; i++) {
                            acc[i] += w * buf[i];
                        }
                    }
                    lastT = t;
                }

                @Override
                public void step(double tPrev, double t, double[] y, Interpolant in) {
                    double tol = SLACK * period;
                    for (double tb = t0 + next * period; tb <= t + tol; tb = t0 + next * period) {
                        accumulate(Math.min(tb, t), in);
                        for (int i = 0; i < n; i++) {
                            acc[i] /= period;
                        }
                        b.add(tb - 0.5 * period, acc);
                        java.util.Arrays.fill(acc, 0.0);
                        lastT = tb;
                        next++;
                    }
                    if (t > lastT) {
                        accumulate(t, in);
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
