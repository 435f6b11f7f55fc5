package org.vdpnet.scenarios.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.vdpnet.scenarios.PointOutput;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.config.Scenario;
import org.vdpnet.scenarios.config.ScenarioInputs;
import org.vdpnet.scenarios.config.ScenarioLoader;
import org.vdpnet.scenarios.config.SimulationSetup;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.exec.TaskExecutor;
import org.vdpnet.sim.io.Hashing;

/**
 * The task of one sweep run: a pure function of the scenario and the run's position in its plan
 * (the point's seed is part of the plan). It carries the scenario text, not the expanded plan, and
 * expands the plan again where it runs (once per process and scenario); the inputs' SHA-256 that the
 * driver saw are checked first, so a worker that reads another connectome fails instead of
 * computing something else. It writes the point's files into a scratch folder of its own and
 * returns their bytes ({@link PointFiles}); it never touches the output folder.
 */
final class PointTask implements TaskExecutor.Task<Integer, PointFiles> {
    private static final long serialVersionUID = 1L;

    /** Expanded plans by scenario SHA-256 and input hashes, per process: a task is one point of a plan that may have thousands. */
    private static final Map<String, SweepPlan> PLANS = new ConcurrentHashMap<>();

    private final String source;
    private final String baseDir;
    private final String text;
    private final String sha256;
    private final Map<String, String> inputHashes;
    private final List<String> arguments;
    private final boolean saveTrajectory;

    PointTask(SweepPlan plan, List<String> arguments) throws IOException {
        Scenario sc = plan.scenario();
        this.source = sc.source();
        this.baseDir = sc.baseDir().toString();
        this.text = sc.text();
        this.sha256 = sc.sha256();
        Map<String, String> h = new java.util.TreeMap<>();
        for (Map.Entry<String, Path> e : ScenarioInputs.of(sc).entrySet()) {
            if (Files.exists(e.getValue())) {
                h.put(e.getKey() + " " + e.getValue(), Hashing.sha256(e.getValue()));
            }
        }
        this.inputHashes = Map.copyOf(h);
        this.arguments = List.copyOf(arguments);
        this.saveTrajectory = sc.base().bool("monitors.save-trajectory");
        PLANS.putIfAbsent(key(), plan);
    }

    /** The plan cache's key: the scenario and the inputs as the driver saw them. */
    private String key() {
        return sha256 + " " + inputHashes;
    }

    @Override
    public PointFiles apply(Integer index) throws IOException {
        SweepPlan plan = PLANS.computeIfAbsent(key(), k -> expand());
        SweepPoint p = plan.points().get(index);
        long t0 = System.nanoTime();
        SimulationSetup setup = SimulationSetup.build(p.values());
        SimulationResult result = Simulator.solve(setup.problem(), setup.spec(), setup.monitor(), setup.observations(),
                org.vdpnet.sim.ProgressListener.NONE);
        Path scratch = Files.createTempDirectory("vdpnet-point-" + p.id() + "-");
        try {
            RunWriter w = RunWriter.prepare(scratch, true);
            // an ordered map: Map.of's iteration order differs between JVMs, and the file must not
            Map<String, Object> point = new java.util.LinkedHashMap<>();
            point.put("id", p.id());
            point.put("index", p.index());
            point.put("replicate", p.replicate());
            point.put("set", p.assignments());
            Provenance.Builder prov = Provenance.builder("run-point").arguments(arguments).setting("point", point);
            PointOutput.write(w, setup, result, prov, (System.nanoTime() - t0) / 1e9, false, 6, saveTrajectory);
            return PointFiles.collect(p.id(), scratch);
        } finally {
            PointFiles.deleteTree(scratch);
        }
    }

    /** The plan, expanded from the scenario text where the task runs, after checking the text and the inputs. */
    private SweepPlan expand() {
        Scenario sc = ScenarioLoader.parse(source, Path.of(baseDir), text);
        if (!sc.sha256().equals(sha256)) {
            throw new IllegalStateException("sweep task: the scenario text hashes to " + sc.sha256() + ", not " + sha256);
        }
        for (Map.Entry<String, Path> e : ScenarioInputs.of(sc).entrySet()) {
            String key = e.getKey() + " " + e.getValue();
            String want = inputHashes.get(key);
            if (want == null) {
                continue;
            }
            String got;
            try {
                got = Files.exists(e.getValue()) ? Hashing.sha256(e.getValue()) : null;
            } catch (IOException ex) {
                got = null;
            }
            if (!want.equals(got)) {
                throw new IllegalStateException("sweep task on " + host() + ": input " + e.getKey() + " " + e.getValue()
                        + (got == null ? " cannot be read here" : " differs here (sha256 " + got.substring(0, 12) + ", the driver's is "
                        + want.substring(0, 12) + ")") + "; every worker must see the driver's input files at the same path");
            }
        }
        return SweepPlan.of(sc);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this worker";
        }
    }
}
