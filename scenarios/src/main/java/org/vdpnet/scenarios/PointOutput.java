package org.vdpnet.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vdpnet.scenarios.config.SimulationSetup;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.io.Npy;
import org.vdpnet.sim.io.TimeSeriesCsv;

/**
 * Writes the files of one simulation into a {@link RunWriter}: trajectory, plots, the observations
 * ({@code bold.csv} / {@code calcium.csv} and their plots, whatever {@code monitors.save-trajectory} says), and
 * provenance last.
 */
public final class PointOutput {
    private PointOutput() {}

    /**
     * Writes the run and returns its synchrony metrics.
     *
     * @param saveTrajectory whether to write trajectory.csv and the plots
     */
    public static Map<String, Double> write(RunWriter writer, SimulationSetup setup, SimulationResult result,
                                            Provenance.Builder prov, double wallSeconds, boolean npy, int plotNodes,
                                            boolean saveTrajectory) throws IOException {
        writer.open();
        List<String> labels = setup.topology().labels();
        if (saveTrajectory) {
            TimeSeriesCsv.write(result.trajectory(), writer.file("trajectory.csv"));
            if (result.trajectory().size() >= 2) {
                String title = String.format(Locale.ROOT, "%s, %d nodes, %s coupling %.3g through %s", setup.model().dynamics().type(),
                        labels.size(), setup.model().coupling().type(), setup.model().coupling().gain(), setup.model().couplingVariable());
                Plots.timeSeries(result.trajectory(), labels, Plots.pickNodes(labels.size(), plotNodes), title, writer.file("timeseries.png"));
                Plots.phase(result.trajectory(), labels, Plots.pickNodes(labels.size(), Math.min(plotNodes, 4)),
                        "Phase portraits: " + title, writer.file("phase.png"));
            }
        }
        if (npy) {
            Npy.write(result.trajectory(), writer.file("trajectory.npy"));
        } else {
            Files.deleteIfExists(writer.file("trajectory.npy"));
        }
        Map<String, Object> observed = observations(writer, setup, result, plotNodes);
        Map<String, Double> metrics = Synchrony.metrics(result.trajectory(), labels, setup.values().number("time.transient"));
        prov.seed(setup.values().integer("seed"));
        setup.describe().forEach(prov::setting);
        if (setup.connectome() != null) {
            prov.input("connectome", setup.connectome());
        }
        if (setup.delays().active() && setup.values().path("delays.lengths") != null) {
            prov.input("lengths", setup.values().path("delays.lengths"));
        }
        prov.outcome("status", result.status().name())
                .outcome("message", result.message())
                .outcome("endTime", result.endTime())
                .outcome("samples", result.trajectory().size())
                .outcome("steps", result.steps())
                .outcome("evaluations", result.evaluations())
                .outcome("metrics", metrics)
                .outcome("wallSeconds", wallSeconds);
        if (!observed.isEmpty()) {
            prov.outcome("observations", observed);
        }
        writer.complete(prov.build());
        return metrics;
    }

    /** The observation files of a run's monitors (bold.csv / calcium.csv and a plot each); those of a previous run in the folder go. */
    private static Map<String, Object> observations(RunWriter writer, SimulationSetup setup, SimulationResult result, int plotNodes)
            throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : OBSERVATIONS) {
            TimeSeries ts = result.observations().get(name);
            if (ts == null) {
                Files.deleteIfExists(writer.file(name + ".csv"));
                Files.deleteIfExists(writer.file(name + ".png"));
                continue;
            }
            TimeSeriesCsv.write(ts, writer.file(name + ".csv"));
            if (ts.size() >= 2) {
                Plots.channels(ts, Plots.pickNodes(ts.channelCount(), plotNodes), name, String.format(Locale.ROOT, "%s of %s, %d nodes",
                        name.equals("bold") ? "BOLD" : "Calcium fluorescence", setup.values().string("monitors.variable"), ts.channelCount()),
                        writer.file(name + ".png"));
            } else {
                Files.deleteIfExists(writer.file(name + ".png"));
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("file", name + ".csv");
            o.put("samples", ts.size());
            o.put("channels", ts.channelCount());
            int bad = nonFinite(ts);
            if (bad > 0) {
                o.put("nonFinite", bad);
                o.put("firstNonFiniteAt", firstNonFinite(ts));
            }
            out.put(name, o);
        }
        return out;
    }

    /** How many values of {@code ts} are NaN or infinite (an observation model driven out of its range, such as BOLD by too large an input). */
    public static int nonFinite(TimeSeries ts) {
        int bad = 0;
        for (double v : ts.flatValues()) {
            bad += Double.isFinite(v) ? 0 : 1;
        }
        return bad;
    }

    /** The first time with a non-finite value, or NaN when there is none. */
    public static double firstNonFinite(TimeSeries ts) {
        for (int k = 0; k < ts.size(); k++) {
            for (int c = 0; c < ts.channelCount(); c++) {
                if (!Double.isFinite(ts.value(k, c))) {
                    return ts.time(k);
                }
            }
        }
        return Double.NaN;
    }

    /** The observation names a run can write, one file each. */
    private static final List<String> OBSERVATIONS = List.of("bold", "calcium");

    /** As {@link #write(RunWriter, SimulationSetup, SimulationResult, Provenance.Builder, double, boolean, int, boolean)}, saving the trajectory. */
    public static Map<String, Double> write(RunWriter writer, SimulationSetup setup, SimulationResult result,
                                            Provenance.Builder prov, double wallSeconds, boolean npy, int plotNodes) throws IOException {
        return write(writer, setup, result, prov, wallSeconds, npy, plotNodes, true);
    }
}
