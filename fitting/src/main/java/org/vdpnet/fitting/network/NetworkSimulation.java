package org.vdpnet.fitting.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.vdpnet.fitting.preprocess.Butterworth;
import org.vdpnet.sim.BoldMonitor;
import org.vdpnet.sim.CalciumMonitor;
import org.vdpnet.sim.Checks;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.NoiseSpec;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.VectorField;

/**
 * One candidate of a network fit, simulated and observed as the recording was: the
 * {@link NetworkFamily}'s network for the candidate's parameters, noise on each node's input
 * variable, observed through BOLD, a calcium indicator or directly (the observed variable,
 * sampled), then the same band-pass as the recording, over the recording's number of frames after
 * a transient. Every candidate uses the same seeds (common random numbers), so the objective is a
 * deterministic function of the parameters. Immutable and serializable; {@link #observe} may run on
 * many threads, or on a distributed engine's workers.
 */
public final class NetworkSimulation implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** How the network is observed. */
    public enum Observation { BOLD, CALCIUM, DIRECT }

    /** A failed candidate (a diverging run, a non-finite observation). */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) { super(message, null, false, false); }
    }

    /**
     * How candidates are observed.
     *
     * @param observation     BOLD, calcium or direct
     * @param framePeriod     the recording's frame period (s)
     * @param frames          frames kept (the recording's)
     * @param transientFrames frames simulated first and dropped
     * @param boldGain        BOLD input gain, {@code z = gain * x} (BOLD only)
     * @param rise            calcium rise time (s) (calcium only)
     * @param decay           calcium decay time (s) (calcium only)
     */
    public record Observer(Observation observation, double framePeriod, int frames, int transientFrames, double boldGain,
                           double rise, double decay) implements java.io.Serializable {
        /** Checks the values. */
        public Observer {
            Objects.requireNonNull(observation, "observation");
            Checks.positive("frame period", framePeriod);
            Checks.positive("frames", frames);
            if (transientFrames < 0) {
                throw new IllegalArgumentException("transient frames: must be >= 0, got " + transientFrames);
            }
        }
    }

    private final NetworkFamily family;
    private final IntegratorSpec spec;
    private final double unitSeconds;
    private final Observer observer;
    private final Butterworth band;
    private final long seed;
    private final double initAmplitude;

    /**
     * @param family        the models searched
     * @param spec          a fixed-step stochastic integrator (the step in model units)
     * @param unitSeconds   seconds per model time unit
     * @param observer      how candidates are observed
     * @param band          the band-pass applied to every observed channel (as to the recording), or null
     * @param seed          the seed of the initial state and the noise
     * @param initAmplitude the initial state is uniform in {@code [-initAmplitude, initAmplitude]}
     */
    public NetworkSimulation(NetworkFamily family, IntegratorSpec spec, double unitSeconds, Observer observer, Butterworth band,
                             long seed, double initAmplitude) {
        this.family = Objects.requireNonNull(family, "family");
        if (spec.method().adaptive() || !spec.method().stochastic()) {
            throw new IllegalArgumentException("integrator: a network fit needs euler-maruyama or heun (noise drives the network), got "
                    + spec.method().id());
        }
        this.spec = spec;
        this.unitSeconds = Checks.positive("unit-seconds", unitSeconds);
        this.observer = Objects.requireNonNull(observer, "observer");
        if (observer.framePeriod() / unitSeconds < spec.step()) {
            throw new IllegalArgumentException("tr: the frame period " + observer.framePeriod() + " s is below the integrator step ("
                    + spec.step() * unitSeconds + " s); need a step no longer than a frame");
        }
        this.band = band;
        this.seed = seed;
        this.initAmplitude = Checks.nonNegative("initial amplitude", initAmplitude);
    }

    /** The models searched. */
    public NetworkFamily family() { return family; }

    /** The run's length in model units: the transient and the kept frames. */
    public double runLength() {
        return (observer.transientFrames() + observer.frames()) * observer.framePeriod() / unitSeconds;
    }

    /**
     * Simulates and observes one candidate: {@code frames x nodes}, band-passed.
     *
     * @throws Failure if the run diverges or the observation is not finite
     */
    public double[][] observe(double[] values) throws Failure {
        VectorField field = family.field(values);
        int n = family.nodes();
        int dim = field.getDimension();
        double[] y0 = new double[dim];
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, "initial"));
        for (int i = 0; i < dim; i++) {
            y0[i] = initAmplitude * (2 * rng.nextDouble() - 1);
        }
        double sd = family.noise(values);
        List<String> channels = new ArrayList<>(dim);
        for (int i = 0; i < dim; i++) {
            channels.add("s" + i);
        }
        SimulationProblem p = SimulationProblem.of(field, y0, 0, runLength(), channels);
        if (sd > 0) {
            double[] sigma = new double[dim];
            Arrays.fill(sigma, family.inputOffset(), family.inputOffset() + n, sd);
            p = p.withNoise(NoiseSpec.additive(sigma, Seeds.derive(seed, "noise")));
        }
        int[] sources = new int[n];
        Arrays.setAll(sources, i -> family.observedOffset() + i);
        double period = observer.framePeriod();
        Monitor monitor;
        switch (observer.observation()) {
            case BOLD:
                monitor = new BoldMonitor(period, sources, observer.boldGain(), unitSeconds, Math.min(0.1, spec.step() * unitSeconds));
                break;
            case CALCIUM:
                // the kernel in model units, and the input times u: the convolution over seconds, whatever the unit
                monitor = new CalciumMonitor(observer.rise() / unitSeconds, observer.decay() / unitSeconds, period / unitSeconds, sources, 0.0,
                        Seeds.derive(seed, "calcium")).withGain(unitSeconds);
                break;
            default:
                monitor = Monitor.subsample(period / unitSeconds);
        }
        SimulationResult r = Simulator.solve(p, spec, monitor);
        if (!r.isSuccess()) {
            // by status only, so the search's failure counts group like causes (the time it happened varies per candidate)
            throw new Failure(r.status().name().toLowerCase(Locale.ROOT) + " before the end of the run");
        }
        TimeSeries ts = r.trajectory();
        int skip = observer.transientFrames();
        int frames = observer.frames();
        if (ts.size() < skip + frames) {
            throw new Failure("observation: " + ts.size() + " samples, need " + (skip + frames));
        }
        boolean direct = observer.observation() == Observation.DIRECT;
        double[][] out = new double[frames][n];
        double[] col = new double[frames];
        for (int i = 0; i < n; i++) {
            int c = direct ? sources[i] : i;
            for (int k = 0; k < frames; k++) {
                col[k] = ts.value(skip + k, c);
            }
            double[] f = band == null ? col : band.filtFilt(col);
            for (int k = 0; k < frames; k++) {
                if (!Double.isFinite(f[k])) {
                    throw new Failure("observation: channel " + i + " is not finite at frame " + k);
                }
                out[k][i] = f[k];
            }
        }
        return out;
    }

    /** The settings, for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("family", family.describe());
        m.put("integrator", spec.describe());
        m.put("unitSeconds", unitSeconds);
        m.put("observation", observer.observation().name().toLowerCase(Locale.ROOT));
        m.put("framePeriod", observer.framePeriod());
        m.put("frames", observer.frames());
        m.put("transientFrames", observer.transientFrames());
        if (observer.observation() == Observation.BOLD) {
            m.put("boldGain", observer.boldGain());
            m.put("boldMaxStep", Math.min(0.1, spec.step() * unitSeconds));
        }
        if (observer.observation() == Observation.CALCIUM) {
            Map<String, Object> ind = new LinkedHashMap<>();
            ind.put("rise", observer.rise());
            ind.put("decay", observer.decay());
            m.put("indicator", ind);
        }
        m.put("bandPassed", band != null); // its band and order are the caller's settings
        m.put("seed", seed);
        m.put("initAmplitude", initAmplitude);
        return m;
    }
}
