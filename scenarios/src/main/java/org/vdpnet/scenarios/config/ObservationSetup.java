package org.vdpnet.scenarios.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.sim.BoldMonitor;
import org.vdpnet.sim.CalciumMonitor;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;

/**
 * The observation monitors of a scenario ({@code monitors.type} bold or calcium), built and checked
 * from its settings: one channel per node, driven by {@code monitors.variable}, on the seconds clock
 * of {@code time.unit-seconds} ({@code u} seconds per model time unit).
 *
 * <ul>
 *   <li>bold: {@link BoldMonitor} with TR {@code monitors.tr} s, input {@code monitors.gain * variable} per
 *       second, {@code secondsPerUnit = u}.</li>
 *   <li>calcium: {@link CalciumMonitor} with the rise and decay of {@code monitors.indicator} and the frame
 *       period {@code monitors.frame-period}, all given in seconds and divided by {@code u} into model units, and
 *       input gain {@code u * monitors.gain}, so the fluorescence is the peak-normalised kernel convolved over
 *       <em>seconds</em> with {@code gain * variable} (its size does not depend on {@code u}); noise
 *       {@code monitors.noise} per frame from the {@code calcium-noise} stream of {@code seed}.</li>
 * </ul>
 * The observation's time stamps are model time, as the trajectory's are (seconds are {@code t * u}).
 * A sampling period (TR or frame period) below the step of a fixed-step method, or longer than the run,
 * is refused, naming the setting.
 */
public final class ObservationSetup {
    private ObservationSetup() {}

    /** The most samples an observation keeps. */
    static final double MAX_SAMPLES = 1e7;

    /** The observation monitors by name (bold or calcium; empty for the other monitor types). */
    static Map<String, Monitor> build(ScenarioValues v, NetworkModel net, IntegratorSpec spec, double span) {
        String type = v.string("monitors.type");
        if (!type.equals("bold") && !type.equals("calcium")) {
            return Map.of();
        }
        double u = v.number("time.unit-seconds");
        int n = net.nodes();
        int variable = net.dynamics().variables().indexOf(v.string("monitors.variable"));
        if (variable < 0) {
            throw new ScenarioException(v.where("monitors.variable") + ": must be one of " + String.join(", ", net.dynamics().variables())
                    + ", got '" + v.string("monitors.variable") + "'");
        }
        int[] sources = new int[n];
        for (int i = 0; i < n; i++) {
            sources[i] = variable * n + i;
        }
        double gain = v.number("monitors.gain");
        Monitor m;
        if (type.equals("bold")) {
            checkPeriod(v, "monitors.tr", spec, span);
            m = Monitor.bold(v.number("monitors.tr"), sources, gain, u);
        } else {
            checkPeriod(v, "monitors.frame-period", spec, span);
            double[] kernel = v.string("monitors.indicator").equals("gcamp6s") ? CalciumMonitor.GCAMP6S : CalciumMonitor.GCAMP6F;
            m = new CalciumMonitor(kernel[0] / u, kernel[1] / u, v.number("monitors.frame-period") / u, sources, v.number("monitors.noise"),
                    v.integer("seed")).withGain(u * gain);
        }
        Map<String, Monitor> out = new LinkedHashMap<>();
        out.put(type, m);
        return out;
    }

    /** A period in seconds must span at least one step of a fixed-step method, at most the run, and give at most {@link #MAX_SAMPLES} samples. */
    private static void checkPeriod(ScenarioValues v, String path, IntegratorSpec spec, double span) {
        double u = v.number("time.unit-seconds");
        double seconds = v.number(path);
        double model = seconds / u;
        if (!spec.method().adaptive() && model < spec.step() * (1 - 1e-12)) {
            throw new ScenarioException(v.where(path) + ": must be >= the integrator step (" + name(v, "integrator.dt") + " " + Rule.fmt(spec.step())
                    + " model units = " + Rule.fmt(spec.step() * u) + " s), got " + Rule.fmt(seconds));
        }
        if (model > span * (1 + 1e-12)) {
            throw new ScenarioException(v.where(path) + ": must be <= the run's length (" + name(v, "time.t-end") + " " + Rule.fmt(span)
                    + " model units = " + Rule.fmt(span * u) + " s), got " + Rule.fmt(seconds));
        }
        if (span / model > MAX_SAMPLES) {
            throw new ScenarioException(v.where(path) + ": the run of " + Rule.fmt(span * u) + " s sampled every " + Rule.fmt(seconds) + " s gives "
                    + String.format(java.util.Locale.ROOT, "%.3g", span / model) + " samples; at most 1e7 are kept");
        }
    }

    /** What the observation {@code name} of a run with settings {@code v} reads and how often, in words (for plans and summaries). */
    public static String summary(ScenarioValues v, String name) {
        String common = " of " + v.string("monitors.variable") + " (gain " + Rule.fmt(v.number("monitors.gain")) + ", "
                + Rule.fmt(v.number("time.unit-seconds")) + " s per model time unit)";
        return name.equals("bold")
                ? "BOLD every " + Rule.fmt(v.number("monitors.tr")) + " s" + common
                : "calcium (" + v.string("monitors.indicator") + ") every " + Rule.fmt(v.number("monitors.frame-period")) + " s, noise sd "
                        + Rule.fmt(v.number("monitors.noise")) + common;
    }

    /** The name of a setting in messages, without its line. */
    private static String name(ScenarioValues v, String path) {
        return v.where(path).replaceFirst(" \\(line \\d+\\)$", "");
    }

    /** The scenario-level settings of the observations, for provenance (the monitors' own records, in model units, included). */
    static Map<String, Object> describe(ScenarioValues v, Map<String, Monitor> observations) {
        Map<String, Object> out = new LinkedHashMap<>();
        observations.forEach((name, m) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("file", name + ".csv");
            d.put("variable", v.string("monitors.variable"));
            d.put("unitSeconds", v.number("time.unit-seconds"));
            d.put("gain", v.number("monitors.gain"));
            d.put("times", "model time units (seconds = t * unitSeconds)");
            if (name.equals("bold")) {
                d.put("trSeconds", v.number("monitors.tr"));
            } else {
                double[] k = v.string("monitors.indicator").equals("gcamp6s") ? CalciumMonitor.GCAMP6S : CalciumMonitor.GCAMP6F;
                d.put("indicator", v.string("monitors.indicator"));
                d.put("riseSeconds", k[0]);
                d.put("decaySeconds", k[1]);
                d.put("framePeriodSeconds", v.number("monitors.frame-period"));
                d.put("noise", v.number("monitors.noise"));
                d.put("noiseStream", "Seeds.derive(seed, \"calcium-noise\")");
                d.put("units", "the monitor's rise, decay and period are in model units (seconds / unitSeconds); its gain is unitSeconds * gain, "
                        + "so the fluorescence is the convolution over seconds");
            }
            d.put("monitor", m.describe());
            out.put(name, d);
        });
        return out;
    }
}
