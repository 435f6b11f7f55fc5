package org.vdpnet.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A calcium-indicator observation of chosen state variables: the fluorescence is the input
 * ({@code gain * state}) convolved with the double-exponential kernel of a GCaMP indicator,
 * {@code k(t) = (exp(-t / decay) - exp(-t / rise)) / peak} (normalised to a peak of 1), sampled
 * every {@code period} from the start, plus optional Gaussian noise. Sampled at a fixed period the
 * kernel is an AR(2) process (the form deconvolution methods such as OASIS fit).
 *
 * <p>The convolution is integrated exactly for an input that is linear between the points the
 * integrator gives (the ends of each step and every sample time inside it, read from the step's
 * dense output): two exponential filters {@code c' = -c / tau + u}, one per time constant, with
 * the exact exponential-integrator update, so the result does not depend on the step beyond the
 * input's own interpolation. It starts at rest (both filters 0) at the run's start.
 *
 * <p>Times are the run's model time units: rise, decay and period are seconds only where a model time
 * unit is a second. For a unit of {@code u} seconds give them divided by {@code u}, with {@link #withGain}
 * {@code (u)} for the convolution over seconds (as {@code vdpnet}'s {@code time.unit-seconds} does).
 *
 * @param rise    rise time constant (model time units), > 0
 * @param decay   decay time constant (model time units), > rise
 * @param period  sampling period (model time units), > 0
 * @param sources the state indices observed, one fluorescence channel each
 * @param noise   standard deviation of the additive noise of each sample (0: none)
 * @param seed    seed of the noise
 * @param gain    input gain: the filters are driven by {@code gain * state} (1 by default; a run in model time units
 *                of {@code u} seconds, with rise, decay and period divided by {@code u}, gives the convolution over
 *                seconds with gain {@code u})
 */
public record CalciumMonitor(double rise, double decay, double period, int[] sources, double noise, long seed, double gain) implements Monitor {
    /** GCaMP6f: rise 0.05 s, decay 0.7 s (Chen et al. 2013, about the half-rise and half-decay of one action potential's transient). */
    public static final double[] GCAMP6F = {0.05, 0.7};
    /** GCaMP6s: rise 0.1 s, decay 1.5 s. */
    public static final double[] GCAMP6S = {0.1, 1.5};

    /** Checks the values; messages name the setting. */
    public CalciumMonitor {
        Checks.positive("calcium rise", rise);
        Checks.positive("calcium decay", decay);
        if (!(decay > rise)) {
            throw new IllegalArgumentException("calcium decay: must be > the rise time " + rise + ", got " + decay);
        }
        Checks.positive("calcium period", period);
        Checks.nonNegative("calcium noise", noise);
        Checks.finite("calcium gain", gain);
        if (sources.length == 0) {
            throw new IllegalArgumentException("calcium sources: need at least one observed state variable");
        }
        sources = sources.clone();
    }

    /** The monitor with input gain 1. */
    public CalciumMonitor(double rise, double decay, double period, int[] sources, double noise, long seed) {
        this(rise, decay, period, sources, noise, seed, 1.0);
    }

    /** A copy with input gain {@code g} (the filters are driven by {@code g * state}). */
    public CalciumMonitor withGain(double g) {
        return new CalciumMonitor(rise, decay, period, sources, noise, seed, g);
    }

    /** The state indices observed (a copy). */
    @Override
    public int[] sources() { return sources.clone(); }

    /** The kernel's peak before normalisation, at {@code t* = rise decay / (decay - rise) ln(decay / rise)}. */
    public double peak() {
        double t = rise * decay / (decay - rise) * Math.log(decay / rise);
        return Math.exp(-t / decay) - Math.exp(-t / rise);
    }

    /** The normalised kernel at {@code t >= 0}. */
    public double kernel(double t) {
        return (Math.exp(-t / decay) - Math.exp(-t / rise)) / peak();
    }

    @Override
    public Recorder newRecorder(List<String> channels) {
        int n = sources.length;
        double norm = 1.0 / peak();
        return new InputFilterRecorder("calcium", channels, sources, gain, period) {
            private final double[] slow = new double[n];
            private final double[] fast = new double[n];
            private final ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(Seeds.rng(Seeds.derive(seed, "calcium-noise")));

            @Override
            protected void rest() {
                java.util.Arrays.fill(slow, 0);
                java.util.Arrays.fill(fast, 0);
            }

            @Override
            protected void advance(double h) {
                for (int i = 0; i < n; i++) {
                    slow[i] = exact(slow[i], decay, h, uPrev[i], u[i]);
                    fast[i] = exact(fast[i], rise, h, uPrev[i], u[i]);
                }
            }

            @Override
            protected void observe(double[] out) {
                for (int i = 0; i < n; i++) {
                    out[i] = norm * (slow[i] - fast[i]) + (noise > 0 ? noise * g.sample() : 0.0);
                }
            }
        };
    }

    /** {@code c' = -c / tau + u} over {@code h} for u linear from u0 to u1: exact. */
    static double exact(double c, double tau, double h, double u0, double u1) {
        double e = Math.exp(-h / tau);
        double oneMinus = -Math.expm1(-h / tau);
        return e * c + u0 * tau * oneMinus + (u1 - u0) / h * (tau * h - tau * tau * oneMinus);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "calcium");
        m.put("kernel", "(exp(-t/decay) - exp(-t/rise)) / peak, peak-normalised; exact exponential integration of the input, linear between the "
                + "integrator's points");
        m.put("rise", rise);
        m.put("decay", decay);
        m.put("period", period);
        m.put("sources", sources.clone());
        m.put("gain", gain);
        m.put("noise", noise);
        m.put("seed", seed);
        m.put("start", "at rest");
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CalciumMonitor c && c.rise == rise && c.decay == decay && c.period == period && java.util.Arrays.equals(c.sources, sources)
                && c.noise == noise && c.seed == seed && c.gain == gain;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(rise, decay, period, java.util.Arrays.hashCode(sources), noise, seed, gain);
    }

    @Override
    public String toString() {
        return "CalciumMonitor" + describe();
    }
}
