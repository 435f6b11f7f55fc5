package org.vdpnet.scenarios.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.vdpnet.scenarios.config.ScenarioValues;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.TimeSeries;
import picocli.CommandLine.Option;

/**
 * The observation options of {@code vdpnet simulate} ({@code --monitor bold} or {@code calcium}): each is a
 * scenario setting (see {@link #PATHS}), with its default from the schema through {@link SimulateCommand.Defaults}.
 */
public final class ObservationOptions {
    /** Option name to scenario path. */
    static final String[][] PATHS = {
        {"--tr", "monitors.tr"}, {"--observe-variable", "monitors.variable"}, {"--observe-gain", "monitors.gain"},
        {"--indicator", "monitors.indicator"}, {"--frame-period", "monitors.frame-period"}, {"--calcium-noise", "monitors.noise"},
        {"--unit-seconds", "time.unit-seconds"}};

    @Option(names = "--tr", description = "bold: repetition time in seconds, > 0, at least one step (--dt) and at most the run (default: ${DEFAULT-VALUE}).")
    double tr;
    @Option(names = "--observe-variable", description = "bold, calcium: the node variable observed, x or y; one channel per node (default: ${DEFAULT-VALUE}).")
    String variable;
    @Option(names = "--observe-gain", description = "bold, calcium: the observation's input is gain * variable (default: ${DEFAULT-VALUE}).")
    double gain;
    @Option(names = "--indicator", description = "calcium: gcamp6f (rise 0.05 s, decay 0.7 s) or gcamp6s (0.1 s, 1.5 s) (default: ${DEFAULT-VALUE}).")
    String indicator;
    @Option(names = "--frame-period", description = "calcium: seconds between frames, > 0, at least one step (--dt) and at most the run (default: ${DEFAULT-VALUE}).")
    double framePeriod;
    @Option(names = "--calcium-noise", description = "calcium: sd of the Gaussian noise of each frame (the kernel peaks at 1), >= 0; seeded from --seed (default: ${DEFAULT-VALUE}).")
    double calciumNoise;
    @Option(names = "--unit-seconds", description = "Seconds per model time unit, the clock of --tr, --frame-period and the indicator, > 0 (default: ${DEFAULT-VALUE}).")
    double unitSeconds;

    /** {@code v} with these options set; messages name the option. */
    ScenarioValues apply(ScenarioValues v) {
        Object[] values = {tr, variable, gain, indicator, framePeriod, calciumNoise, unitSeconds};
        for (int i = 0; i < PATHS.length; i++) {
            v = v.with(PATHS[i][1], values[i], null, PATHS[i][0]);
        }
        return v;
    }

    /**
     * Warns about each observation with non-finite values (BOLD driven out of the Balloon model's range by too large an
     * input); returns whether all are finite.
     */
    static boolean checkFinite(PrintWriter err, SimulationResult r) {
        boolean ok = true;
        for (Map.Entry<String, TimeSeries> e : r.observations().entrySet()) {
            int bad = org.vdpnet.scenarios.PointOutput.nonFinite(e.getValue());
            if (bad > 0) {
                ok = false;
                err.println("vdpnet: warning: " + e.getKey() + ".csv holds " + bad + " non-finite values (from t="
                        + org.vdpnet.scenarios.PointOutput.firstNonFinite(e.getValue()) + "): the observation's input, --observe-gain * the variable, "
                        + "is too large for it; lower --observe-gain");
            }
        }
        err.flush();
        return ok;
    }

    /** One summary line per observation the run recorded. */
    static void report(PrintWriter o, SimulationResult r, double unitSeconds) {
        for (Map.Entry<String, TimeSeries> e : r.observations().entrySet()) {
            TimeSeries ts = e.getValue();
            String every = ts.size() >= 2 ? String.format(Locale.ROOT, ", every %.4g s", (ts.time(1) - ts.time(0)) * unitSeconds) : "";
            o.printf(Locale.ROOT, "observation %s.csv (%d samples x %d channels%s)%n", e.getKey(), ts.size(), ts.channelCount(), every);
        }
    }
}
