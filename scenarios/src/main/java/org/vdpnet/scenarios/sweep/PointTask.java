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
import org.vdpnet.models.EnsembleNetwork;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.sim.EnsembleProblem;
import org.vdpnet.sim.NoiseSpec;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.SimulationProblem;
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
        return alone(p, setup, (System.nanoTime() - t0) / 1e9, "");
    }

    /** One point integrated on its own; {@code seconds} already spent on it (its setup) count in its wall time. */
    private PointFiles alone(SweepPoint p, SimulationSetup setup, double seconds, String why) throws IOException {
        long t0 = System.nanoTime();
        SimulationResult result = Simulator.solve(setup.problem(), setup.spec(), setup.monitor(), setup.observations(),
                org.vdpnet.sim.ProgressListener.NONE);
        return files(p, setup, result, seconds + (System.nanoTime() - t0) / 1e9, 1, why);
    }

    /**
     * Runs several points: side by side through {@link Simulator#solveEnsemble} where they share their
     * structure ({@link #together}), else one by one. Either way each point's files are the ones
     * {@link #apply} writes (an ensemble member is bit-identical to its own run); the point's record
     * says how many points it was integrated with.
     */
    public List<PointFiles> applyAll(List<Integer> indices) throws IOException {
        SweepPlan plan = PLANS.computeIfAbsent(key(), k -> expand());
        long t0 = System.nanoTime();
        List<SweepPoint> points = new java.util.ArrayList<>();
        List<SimulationSetup> setups = new java.util.ArrayList<>();
        for (int index : indices) {
            SweepPoint p = plan.points().get(index);
            points.add(p);
            setups.add(SimulationSetup.build(p.values()));
        }
        // groups of points on one graph (replicates of a random graph each have their own), in order of first appearance
        List<List<Integer>> groups = new java.util.ArrayList<>();
        for (int k = 0; k < setups.size(); k++) {
            List<Integer> home = null;
            for (List<Integer> g : groups) {
                if (setups.get(g.get(0)).topology().sameGraph(setups.get(k).topology())) {
                    home = g;
                    break;
                }
            }
            if (home == null) {
                home = new java.util.ArrayList<>();
                groups.add(home);
            }
            home.add(k);
        }
        PointFiles[] out = new PointFiles[indices.size()];
        double built = (System.nanoTime() - t0) / 1e9 / indices.size();
        for (List<Integer> g : groups) {
            long g0 = System.nanoTime();
            Together t = together(g.stream().map(setups::get).toList());
            if (t.results() == null) {
                for (int k : g) {
                    out[k] = alone(points.get(k), setups.get(k), built, indices.size() > 1 ? t.reason() : ""); // its setup is built already
                }
                continue;
            }
            double each = built + (System.nanoTime() - g0) / 1e9 / g.size();
            for (int j = 0; j < g.size(); j++) {
                int k = g.get(j);
                out[k] = files(points.get(k), setups.get(k), t.results().get(j), each, g.size(), "");
            }
        }
        return List.of(out);
    }

    /** The results of points integrated side by side, or (results null) why they could not be. */
    record Together(List<SimulationResult> results, String reason) {
        static Together not(String reason) { return new Together(null, reason); }
    }

    /**
     * The points integrated side by side, or why they cannot be: they need no delays, observation
     * monitors or stop condition, a fixed-step method, and one graph, node form, coupling type,
     * integrator, monitor, time span and noise kind for all.
     */
    static Together together(List<SimulationSetup> setups) {
        if (setups.size() < 2) {
            return Together.not("the only point of its graph in its task");
        }
        SimulationSetup f = setups.get(0);
        SimulationProblem fp = f.problem();
        if (f.spec().method().adaptive()) {
            // Simulator.solveEnsemble runs adaptive members too, but a sweep's monitor samples in most steps, and then each
            // round's dense output over the whole ensemble costs more than it saves (bench/RESULTS.md, issue 16: 0.91x)
            return Together.not("an adaptive integrator (" + f.spec().method().id() + "): sweeps run adaptive points one by one");
        }
        List<NetworkModel> models = new java.util.ArrayList<>();
        double[][] y0 = new double[setups.size()][];
        List<NoiseSpec> noise = new java.util.ArrayList<>();
        for (int k = 0; k < setups.size(); k++) {
            SimulationSetup x = setups.get(k);
            SimulationProblem xp = x.problem();
            if (!x.observations().isEmpty()) {
                return Together.not("observation monitors (an ensemble records one monitor per member)");
            }
            if (xp.stopCondition().isPresent()) {
                return Together.not("a stop condition");
            }
            if (!(xp.field() instanceof NetworkModel nm)) {
                return Together.not(xp.field() instanceof org.vdpnet.sim.DelayedField ? "conduction delays" : "a network without an ensemble form");
            }
            if (!x.spec().describe().equals(f.spec().describe()) || !x.monitor().describe().equals(f.monitor().describe())
                    || xp.t0() != fp.t0() || xp.tEnd() != fp.tEnd() || !xp.channels().equals(fp.channels())
                    || xp.noise().isActive() != fp.noise().isActive() || xp.noise().kind() != fp.noise().kind()) {
                return Together.not("points that differ in integrator, monitor, time span or noise kind");
            }
            models.add(nm);
            y0[k] = xp.initialState();
            noise.add(xp.noise());
        }
        EnsembleNetwork field;
        try {
            field = EnsembleNetwork.of(models);
        } catch (IllegalArgumentException e) {
            return Together.not(e.getMessage()); // another node form or coupling, or one without an ensemble form
        }
        EnsembleProblem p = EnsembleProblem.of(field, y0, fp.t0(), fp.tEnd(), fp.channels()).withNoise(noise);
        return new Together(Simulator.solveEnsemble(p, f.spec(), f.monitor(), org.vdpnet.sim.ProgressListener.NONE), "");
    }

    /** A point's files, written into a scratch folder and returned as bytes. */
    private PointFiles files(SweepPoint p, SimulationSetup setup, SimulationResult result, double seconds, int ensemble, String alone)
            throws IOException {
        Path scratch = Files.createTempDirectory("vdpnet-point-" + p.id() + "-");
        try {
            RunWriter w = RunWriter.prepare(scratch, true);
            // an ordered map: Map.of's iteration order differs between JVMs, and the file must not
            Map<String, Object> point = new java.util.LinkedHashMap<>();
            point.put("id", p.id());
            point.put("index", p.index());
            point.put("replicate", p.replicate());
            point.put("set", p.assignments());
            if (ensemble > 1) {
                point.put("integratedWith", ensemble + " points side by side (Simulator.solveEnsemble; bit-identical to its own run)");
            } else if (!alone.isEmpty()) {
                point.put("integratedAlone", alone);
            }
            Provenance.Builder prov = Provenance.builder("run-point").arguments(arguments).setting("point", point);
            PointOutput.write(w, setup, result, prov, seconds, false, 6, saveTrajectory);
            return PointFiles.collect(p.id(), scratch, ensemble, alone);
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
