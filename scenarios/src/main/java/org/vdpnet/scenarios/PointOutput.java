package org.vdpnet.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vdpnet.scenarios.config.SimulationSetup;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.io.Npy;
import org.vdpnet.sim.io.TimeSeriesCsv;

/** Writes the files of one simulation into a {@link RunWriter}: trajectory, plots, and provenance last. */
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
        Map<String, Double> metrics = Synchrony.metrics(result.trajectory(), labels, setup.values().number("time.transient"));
        prov.seed(setup.values().integer("seed"));
        setup.describe().forEach(prov::setting);
        if (setup.connectome() != null) {
            prov.input("connectome", setup.connectome());
        }
        prov.outcome("status", result.status().name())
                .outcome("message", result.message())
                .outcome("endTime", result.endTime())
                .outcome("samples", result.trajectory().size())
                .outcome("steps", result.steps())
                .outcome("evaluations", result.evaluations())
                .outcome("metrics", metrics)
                .outcome("wallSeconds", wallSeconds);
        writer.complete(prov.build());
        return metrics;
    }

    /** As {@link #write(RunWriter, SimulationSetup, SimulationResult, Provenance.Builder, double, boolean, int, boolean)}, saving the trajectory. */
    public static Map<String, Double> write(RunWriter writer, SimulationSetup setup, SimulationResult result,
                                            Provenance.Builder prov, double wallSeconds, boolean npy, int plotNodes) throws IOException {
        return write(writer, setup, result, prov, wallSeconds, npy, plotNodes, true);
    }
}
