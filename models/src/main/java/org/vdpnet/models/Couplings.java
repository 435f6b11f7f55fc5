package org.vdpnet.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vdpnet.sim.Checks;

/** The built-in couplings. */
final class Couplings {
    private Couplings() {}

    static double gain(double g) {
        return Checks.nonNegative("strength", g);
    }

    private static Map<String, Object> base(String type, double gain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("strength", gain);
        return m;
    }

    record Linear(double gain) implements Coupling {
        @Override
        public void apply(Topology t, double[] state, int cOff, double[] out, int outOff) {
            t.weightedSum(state, cOff, out, outOff);
            post(t, out, outOff);
        }

        @Override
        public void applyDelayed(Topology t, double[] past, double[] state, int cOff, double[] out, int outOff) {
            t.edgeSum(past, out, outOff);
            post(t, out, outOff);
        }

        private void post(Topology t, double[] out, int outOff) {
            final double g = gain;
            for (int i = 0, n = t.nodes(); i < n; i++) {
                out[outOff + i] = output(g, out[outOff + i]);
            }
        }

        /** {@code g s}: the one place the linear coupling is written (single runs and ensembles). */
        static double output(double g, double s) {
            return s * g;
        }

        @Override public Linear withGain(double g) { return new Linear(Couplings.gain(g)); }
        @Override public boolean difference() { return false; }

        @Override
        public void linearise(Topology t, double[] state, int cOff, double[] slope, double[] gainSlope) {
            t.weightedSum(state, cOff, gainSlope, 0);
            java.util.Arrays.fill(slope, 0, t.nodes(), gain);
        }

        @Override public String type() { return "linear"; }
        @Override public Map<String, Object> describe() { return base(type(), gain); }
    }

    record Diffusive(double gain) implements Coupling {
        @Override
        public void apply(Topology t, double[] state, int cOff, double[] out, int outOff) {
            t.weightedSum(state, cOff, out, outOff);
            post(t, state, cOff, out, outOff);
        }

        @Override
        public void applyDelayed(Topology t, double[] past, double[] state, int cOff, double[] out, int outOff) {
            t.edgeSum(past, out, outOff);
            post(t, state, cOff, out, outOff);
        }

        /** {@code g (s_i - rowSum_i c_i)}: the difference from the target's present value. */
        private void post(Topology t, double[] state, int cOff, double[] out, int outOff) {
            final double g = gain;
            final double[] rs = t.rowSumsArray();
            for (int i = 0, n = t.nodes(); i < n; i++) {
                out[outOff + i] = output(g, out[outOff + i], rs[i], state[cOff + i]);
            }
        }

        /** {@code g (s - rowSum c)}: the one place the diffusive coupling is written (single runs and ensembles). */
        static double output(double g, double s, double rowSum, double c) {
            return g * (s - rowSum * c);
        }

        @Override public Diffusive withGain(double g) { return new Diffusive(Couplings.gain(g)); }
        @Override public boolean difference() { return true; }

        @Override
        public void linearise(Topology t, double[] state, int cOff, double[] slope, double[] gainSlope) {
            t.weightedSum(state, cOff, gainSlope, 0);
            final double[] rs = t.rowSumsArray();
            for (int i = 0, n = t.nodes(); i < n; i++) {
                gainSlope[i] -= rs[i] * state[cOff + i];
                slope[i] = gain;
            }
        }

        @Override public String type() { return "diffusive"; }
        @Override public Map<String, Object> describe() { return base(type(), gain); }
    }

    record Sigmoidal(double gain, double slope, double midpoint, double cmin, double cmax) implements Coupling {
        static Sigmoidal of(double gain, double slope, double midpoint, double cmin, double cmax) {
            Checks.positive("sigmoid.slope", slope);
            Checks.finite("sigmoid.midpoint", midpoint);
            Checks.finite("sigmoid.cmin", cmin);
            Checks.finite("sigmoid.cmax", cmax);
            if (!(cmax > cmin)) {
                throw new IllegalArgumentException("sigmoid.cmax: must be > cmin (" + cmin + "), got " + cmax);
            }
            return new Sigmoidal(Couplings.gain(gain), slope, midpoint, cmin, cmax);
        }

        @Override
        public void apply(Topology t, double[] state, int cOff, double[] out, int outOff) {
            t.weightedSum(state, cOff, out, outOff);
            post(t, out, outOff);
        }

        @Override
        public void applyDelayed(Topology t, double[] past, double[] state, int cOff, double[] out, int outOff) {
            t.edgeSum(past, out, outOff);
            post(t, out, outOff);
        }

        private void post(Topology t, double[] out, int outOff) {
            for (int i = 0, n = t.nodes(); i < n; i++) {
                out[outOff + i] = output(gain, slope, midpoint, cmin, cmax, out[outOff + i]);
            }
        }

        /** {@code gain (cmin + (cmax - cmin) logistic(s))}: the one place the sigmoidal coupling is written. */
        static double output(double gain, double slope, double midpoint, double cmin, double cmax, double s) {
            return gain * (cmin + (cmax - cmin) * logistic(slope, midpoint, s));
        }

        @Override public Sigmoidal withGain(double g) { return of(g, slope, midpoint, cmin, cmax); }
        @Override public boolean difference() { return false; }

        @Override
        public void linearise(Topology t, double[] state, int cOff, double[] dG, double[] gainSlope) {
            t.weightedSum(state, cOff, gainSlope, 0);
            final double range = cmax - cmin;
            for (int i = 0, n = t.nodes(); i < n; i++) {
                double sig = logistic(gainSlope[i]);
                dG[i] = gain * range * slope * sig * (1.0 - sig);
                gainSlope[i] = cmin + range * sig;
            }
        }

        /** The logistic {@code 1 / (1 + exp(-slope (s - midpoint)))}: the one place the sigmoid is written. */
        private double logistic(double s) {
            return logistic(slope, midpoint, s);
        }

        private static double logistic(double slope, double midpoint, double s) {
            return 1.0 / (1.0 + Math.exp(-slope * (s - midpoint)));
        }

        @Override public String type() { return "sigmoidal"; }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = base(type(), gain);
            m.put("slope", slope);
            m.put("midpoint", midpoint);
            m.put("cmin", cmin);
            m.put("cmax", cmax);
            return m;
        }
    }
}
