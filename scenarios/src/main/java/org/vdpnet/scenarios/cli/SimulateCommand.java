package org.vdpnet.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vdpnet.scenarios.PointOutput;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.config.Param;
import org.vdpnet.scenarios.config.ScenarioValues;
import org.vdpnet.scenarios.config.Schema;
import org.vdpnet.scenarios.config.SimulationSetup;
import org.vdpnet.sim.Checks;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.Status;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vdpnet simulate}: one network, one run, one output folder. Its options are the
 * scenario settings of {@link Schema} under short names; defaults come from the schema.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = SimulateCommand.Defaults.class,
        description = {"Simulate a network of coupled van der Pol oscillators.",
            "Writes trajectory.csv, timeseries.png, phase.png and provenance.json (written last: it marks a complete run);",
            "with --monitor bold or calcium also bold.csv / calcium.csv and bold.png / calcium.png."},
        footer = {"", "Examples:",
            "  vdpnet simulate --nodes 80 --topology watts-strogatz --coupling diffusive --strength 0.2 --t-end 200 --seed 7 --out runs/ws80",
            "  vdpnet simulate --connectome ../shared/data/tvb-connectomes/connectivity_76 --normalize max --out runs/tvb76",
            "  vdpnet simulate --model research --a1 0.5 --noise 0.05 --integrator heun --dt 0.01 --out runs/noisy",
            "  vdpnet simulate --connectome data/zebrafish/SC.csv --omega 0.3 --t-end 300 --monitor bold --tr 0.72 --observe-gain 0.05 --out runs/bold",
            "  vdpnet simulate --connectome ../shared/data/tvb-connectomes/connectivity_76 --speed 3 --unit-seconds 0.001 --omega 0.0628 --integrator rk4 --dt 0.1 --t-end 2000 --out runs/delays",
            "", "Each option is a scenario setting (docs/scenario-reference.md): --strength is coupling.strength, and so on."})
public final class SimulateCommand implements Callable<Integer> {

    /** Option name to scenario path, in help order. */
    static final Map<String, String> PATHS = new LinkedHashMap<>();

    static {
        String[][] table = {
            {"--nodes", "network.topology.nodes"}, {"--topology", "network.topology.type"}, {"--k", "network.topology.k"},
            {"--p", "network.topology.p"}, {"--m", "network.topology.m"}, {"--rows", "network.topology.rows"},
            {"--directed", "network.topology.directed"}, {"--weight-min", "network.topology.weight-min"},
            {"--weight-max", "network.topology.weight-max"}, {"--connectome", "network.connectome.path"},
            {"--connectome-format", "network.connectome.format"}, {"--transpose", "network.connectome.transpose"},
            {"--normalize", "network.normalize"}, {"--model", "network.nodes.model"}, {"--mu", "network.nodes.mu"},
            {"--omega", "network.nodes.omega"}, {"--a1", "network.nodes.a1"}, {"--a2", "network.nodes.a2"},
            {"--coupling", "coupling.type"}, {"--strength", "coupling.strength"}, {"--coupling-variable", "coupling.variable"},
            {"--t-end", "time.t-end"}, {"--transient", "time.transient"}, {"--dt", "integrator.dt"}, {"--rtol", "integrator.rtol"},
            {"--atol", "integrator.atol"}, {"--max-evaluations", "integrator.max-evaluations"}, {"--noise", "noise.sigma"},
            {"--noise-on", "noise.on"}, {"--init-amplitude", "initial.amplitude"}, {"--monitor", "monitors.type"},
            {"--period", "monitors.period"}, {"--seed", "seed"}};
        for (String[] row : table) {
            PATHS.put(row[0], row[1]);
        }
        for (String[] row : ObservationOptions.PATHS) {
            PATHS.put(row[0], row[1]);
        }
        for (String[] row : DelayOptions.PATHS) {
            PATHS.put(row[0], row[1]);
        }
    }

    /** Supplies option defaults from the schema, so the CLI and scenario files share one set. */
    public static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (!(arg instanceof CommandLine.Model.OptionSpec o)) {
                return null;
            }
            String path = PATHS.get(o.longestName());
            if (path == null || Schema.key(path).defaultValue() == null) {
                return null;
            }
            Object d = Schema.key(path).defaultValue();
            return d instanceof Param p ? Double.toString(p.a()) : String.valueOf(d);
        }
    }

    @Spec
    CommandSpec spec;

    // --- network
    @Option(names = "--nodes", description = "Number of nodes of a generated topology, 1 to " + MAX_NODES + " (default: ${DEFAULT-VALUE}).")
    long nodes;
    @Option(names = "--topology", description = "Generator: ring, lattice, complete, erdos-renyi, watts-strogatz, barabasi-albert (default: ${DEFAULT-VALUE}).")
    String topology;
    @Option(names = "--k", description = "Watts-Strogatz: neighbours per node, even (default: ${DEFAULT-VALUE}).")
    long k;
    @Option(names = "--p", description = "Watts-Strogatz rewiring / Erdos-Renyi edge probability, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double p;
    @Option(names = "--m", description = "Barabasi-Albert: edges per new node (default: ${DEFAULT-VALUE}).")
    long m;
    @Option(names = "--rows", description = "Lattice rows; 0 picks the squarest grid (default: ${DEFAULT-VALUE}).")
    long rows;
    @Option(names = "--directed", description = "Erdos-Renyi: directed edges; edge lists: edges are directed.")
    boolean directed;
    @Option(names = "--weight-min", description = "Smallest generated edge weight (default: ${DEFAULT-VALUE}).")
    double weightMin;
    @Option(names = "--weight-max", description = "Largest generated edge weight; weights are uniform in [min, max] (default: ${DEFAULT-VALUE}).")
    double weightMax;
    @Option(names = "--connectome", paramLabel = "PATH", description = "Read the network from a file instead: a square matrix (CSV or whitespace), a TVB folder or zip, GraphML, or an edge list.")
    String connectome;
    @Option(names = "--connectome-format", description = "auto, matrix, tvb, graphml, edgelist (default: ${DEFAULT-VALUE}).")
    String connectomeFormat;
    @Option(names = "--transpose", description = "Transpose the connectome matrix (files are read as W[target][source]).")
    boolean transpose;
    @Option(names = "--normalize", description = "Weight normalisation: none, max (divide by the largest weight), row (each node averages its inputs) (default: ${DEFAULT-VALUE}).")
    String normalize;

    @Option(names = "--from-fit", paramLabel = "FIT_JSON", description = "Run the network a fit wrote (fit.json from 'vdpnet fit'), from its fitted initial state; the topology, node, coupling and --init options do not apply.")
    Path fromFit;

    @CommandLine.Mixin
    DelayOptions delays;

    // --- node model
    @Option(names = "--model", description = "vdp: x'=y, y'=mu(1-x^2)y-omega^2 x+input; research: x'=a1 x(1-x^2)+a2 y+input, y'=-x (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--mu", description = "vdp damping, >= 0 (default: ${DEFAULT-VALUE}).")
    double mu;
    @Option(names = "--omega", description = "vdp angular frequency, > 0 (default: ${DEFAULT-VALUE}).")
    double omega;
    @Option(names = "--a1", description = "research a1 (default: ${DEFAULT-VALUE}).")
    double a1;
    @Option(names = "--a2", description = "research a2 (default: ${DEFAULT-VALUE}).")
    double a2;
    @Option(names = "--spread", defaultValue = "0", description = "Heterogeneity: each node's mu and omega (or a1 and a2) are drawn uniformly from value*(1 +- spread), seeded; in [0, 1) (default: ${DEFAULT-VALUE}).")
    double spread;

    // --- coupling
    @Option(names = "--coupling", description = "linear, diffusive or sigmoidal (default: ${DEFAULT-VALUE}).")
    String coupling;
    @Option(names = "--strength", description = "Global coupling gain, >= 0 (default: ${DEFAULT-VALUE}).")
    double strength;
    @Option(names = "--coupling-variable", description = "Variable that couples: x or y (default: ${DEFAULT-VALUE}).")
    String couplingVariable;

    // --- integration
    @Option(names = "--t-end", description = "End time, > 0 and at most " + MAX_T_END_TEXT + " (default: ${DEFAULT-VALUE}).")
    double tEnd;
    @Option(names = "--transient", description = "Synchrony metrics (summary and provenance) ignore samples before this time (default: ${DEFAULT-VALUE}).")
    double transient_;
    @Option(names = "--integrator", description = "dop853, dopri5, rk4, euler, euler-maruyama, heun (default: dop853, or heun with noise); delays (--speed) need a fixed-step one.")
    String integrator;
    @Option(names = "--dt", description = "Step of fixed-step integrators, > 0 (default: ${DEFAULT-VALUE}).")
    double dt;
    @Option(names = "--rtol", description = "Relative tolerance of adaptive integrators, > 0 (default: ${DEFAULT-VALUE}).")
    double rtol;
    @Option(names = "--atol", description = "Absolute tolerance of adaptive integrators, > 0 (default: ${DEFAULT-VALUE}).")
    double atol;
    @Option(names = "--max-evaluations", description = "Budget of right-hand-side evaluations; 0 is unlimited (default: ${DEFAULT-VALUE}).")
    long maxEvaluations;
    @Option(names = "--noise", description = "Noise intensity sigma, >= 0 (default: ${DEFAULT-VALUE}).")
    double noise;
    @Option(names = "--noise-kind", defaultValue = "additive", description = "additive or multiplicative (sigma*state) (default: ${DEFAULT-VALUE}).")
    String noiseKind;
    @Option(names = "--noise-on", description = "Which variables get noise: input (the one that receives the coupling), x, y or both (default: ${DEFAULT-VALUE}).")
    String noiseOn;

    // --- initial state, output
    @Option(names = "--init", defaultValue = "random", description = "random (uniform in [-amplitude, amplitude]) or X0,Y0 for every node (default: ${DEFAULT-VALUE}).")
    String init;
    @Option(names = "--init-amplitude", description = "Amplitude of the random initial state, > 0 (default: ${DEFAULT-VALUE}).")
    double initAmplitude;
    @Option(names = "--monitor", description = "raw (every step), subsample, average; bold or calcium: the trajectory subsampled, and the observation of every node (default: ${DEFAULT-VALUE}).")
    String monitor;
    @Option(names = "--period", description = "Sampling or averaging period of the trajectory, > 0; t-end / period is at most " + MAX_SAMPLES_TEXT + " samples (default: ${DEFAULT-VALUE}).")
    double period;
    @CommandLine.Mixin
    ObservationOptions observation;
    @Option(names = "--seed", description = "Master seed; topology, heterogeneity, initial state and noise get their own streams from it (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must be new or empty unless --overwrite).")
    Path out;
    @Option(names = "--overwrite", description = "Allow writing into a non-empty output folder.")
    boolean overwrite;
    @Option(names = "--npy", description = "Also write trajectory.npy (float64, column 0 is t).")
    boolean npy;
    @Option(names = "--plot-nodes", defaultValue = "6", description = "How many nodes the plots show, >= 1 (default: ${DEFAULT-VALUE}).")
    int plotNodes;
    @Option(names = "--quiet", description = "No progress bar and no summary.")
    boolean quiet;

    /** The most nodes of a generated topology (its weight matrix is nodes x nodes). */
    static final int MAX_NODES = 10_000;
    /** The latest end time. */
    static final double MAX_T_END = 1e6;
    static final String MAX_T_END_TEXT = "1e6";
    /** The most monitor samples, t-end / period. */
    static final double MAX_SAMPLES = 1e7;
    static final String MAX_SAMPLES_TEXT = "1e7";

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        RunWriter writer = RunWriter.prepare(out, overwrite); // before the network is built: nothing is created yet
        if (connectome == null && nodes > MAX_NODES) {
            throw new IllegalArgumentException("--nodes: must be an integer in [1, " + MAX_NODES + "], got " + nodes);
        }
        if (tEnd > MAX_T_END) {
            throw new IllegalArgumentException("--t-end: must be at most " + MAX_T_END_TEXT + ", got " + tEnd);
        }
        if (period > 0 && tEnd > 0 && !"raw".equalsIgnoreCase(monitor) && tEnd / period > MAX_SAMPLES) {
            throw new IllegalArgumentException("--period: --t-end " + tEnd + " / --period " + period + " gives "
                    + String.format(java.util.Locale.ROOT, "%.3g", tEnd / period) + " samples; at most " + MAX_SAMPLES_TEXT + " are kept");
        }
        if (fromFit != null) {
            refuseNetworkOptions();
        }
        SimulationSetup setup = SimulationSetup.build(values());
        if (fromFit != null) {
            setup = fitted(setup);
        }
        if (plotNodes < 1) {
            throw new IllegalArgumentException("--plot-nodes: must be >= 1, got " + plotNodes);
        }
        SimulationResult result;
        try (ProgressBar bar = new ProgressBar("simulate", !quiet)) {
            result = Simulator.solve(setup.problem(), setup.spec(), setup.monitor(), setup.observations(), bar);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Provenance.Builder prov = Provenance.builder("simulate").seed(seed)
                .arguments(new ArrayList<>(spec.commandLine().getParseResult().originalArgs()));
        if (fromFit != null) {
            prov.input("fit", fromFit);
        }
        Map<String, Double> metrics = PointOutput.write(writer, setup, result, prov, wall, npy, plotNodes);
        if (!quiet) {
            report(spec.commandLine().getOut(), setup, result, metrics, wall);
        }
        if (result.status() != Status.SUCCESS) {
            spec.commandLine().getErr().println("vdpnet: warning: run ended with " + result.status() + ": " + result.message());
            return Main.RUN_FAILED;
        }
        return ObservationOptions.checkFinite(spec.commandLine().getErr(), result) ? 0 : Main.RUN_FAILED;
    }

    /** The options that describe the network, which a fitted network replaces. */
    private static final java.util.List<String> NETWORK_OPTIONS = java.util.List.of("--nodes", "--topology", "--k", "--p", "--m", "--rows",
            "--directed", "--weight-min", "--weight-max", "--connectome", "--connectome-format", "--transpose", "--normalize", "--model", "--mu",
            "--omega", "--a1", "--a2", "--spread", "--coupling", "--strength", "--coupling-variable", "--init", "--init-amplitude",
            "--speed", "--lengths");

    /** Options that would describe another network than the fitted one of {@code --from-fit} are refused. */
    private void refuseNetworkOptions() {
        for (String o : NETWORK_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new IllegalArgumentException(o + ": the network comes from --from-fit " + fromFit + "; drop " + o + " or --from-fit");
            }
        }
    }

    /** The setup with the fitted network of {@code --from-fit} (without delays). */
    private SimulationSetup fitted(SimulationSetup setup) throws IOException {
        byte[] bytes = org.vdpnet.sim.io.InputFiles.readAllBytes("--from-fit", fromFit, 64L << 20);
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (original.contains("out of range")) {
                throw new IllegalArgumentException("--from-fit: " + fromFit + " holds a number out of the range of a double (line "
                        + e.getLocation().getLineNr() + ")");
            }
            throw new IllegalArgumentException("--from-fit: " + fromFit + " is not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject() || !root.has("model")) {
            throw new IllegalArgumentException("--from-fit: " + fromFit + " holds no fitted network (no 'model' section); expected the fit.json that"
                    + " 'vdpnet fit' writes");
        }
        org.vdpnet.scenarios.fit.FittedNetwork f = org.vdpnet.scenarios.fit.FittedNetwork.read(root.get("model"), "--from-fit: " + fromFit + ": model");
        if (f.initialState() == null) {
            throw new IllegalArgumentException("--from-fit: " + fromFit + ": model.initialState: missing");
        }
        String status = root.path("status").asText("");
        org.vdpnet.fitting.estimate.FitResult.Status known = java.util.Arrays.stream(org.vdpnet.fitting.estimate.FitResult.Status.values())
                .filter(v -> v.name().equals(status)).findFirst().orElse(null);
        if (!status.isEmpty() && known != org.vdpnet.fitting.estimate.FitResult.Status.SUCCESS) {
            boolean bounded = known != null && known.bounded();
            spec.commandLine().getErr().println("vdpnet: warning: the fit in " + fromFit + " ended " + status + " (" + root.path("message").asText("")
                    + "): " + (bounded ? "its network is the best point reached, not a converged fit" : "its network did not fit the recording"));
        }
        return setup.withModel(f.model(), f.initialState(), fromFit);
    }

    /** The options as scenario settings; every message names the option. */
    ScenarioValues values() {
        Map<String, String> names = new LinkedHashMap<>();
        PATHS.forEach((opt, path) -> names.put(path, opt));
        names.put("noise.kind", "--noise-kind");
        names.put("integrator.type", "--integrator");
        names.put("initial.type", "--init");
        names.put("initial.x", "--init");
        names.put("initial.y", "--init");
        ScenarioValues v = ScenarioValues.defaults(path -> names.getOrDefault(path, path), Path.of(""));
        Checks.inRange("--spread", spread, 0.0, 0.999);
        Object[][] set = {
            {"--nodes", nodes}, {"--topology", topology}, {"--k", k}, {"--p", p}, {"--m", m}, {"--rows", rows},
            {"--directed", directed}, {"--weight-min", weightMin}, {"--weight-max", weightMax}, {"--connectome-format", connectomeFormat},
            {"--transpose", transpose}, {"--normalize", normalize}, {"--model", model}, {"--mu", spreadParam(mu)},
            {"--omega", spreadParam(omega)}, {"--a1", spreadParam(a1)}, {"--a2", spreadParam(a2)}, {"--coupling", coupling},
            {"--strength", strength}, {"--coupling-variable", couplingVariable}, {"--t-end", tEnd}, {"--transient", transient_}, {"--dt", dt},
            {"--rtol", rtol}, {"--atol", atol}, {"--max-evaluations", maxEvaluations}, {"--noise", noise},
            {"--noise-on", noiseOn}, {"--init-amplitude", initAmplitude}, {"--monitor", monitor}, {"--period", period},
            {"--seed", seed}};
        for (Object[] s : set) {
            v = v.with(PATHS.get((String) s[0]), s[1], null, (String) s[0]);
        }
        v = observation.apply(v);
        v = delays.apply(v);
        if (connectome != null) {
            v = v.with("network.connectome.path", connectome, null, "--connectome");
            v = v.with("network.connectome.directed", directed, null, "--directed");
            v = v.with("network.topology.directed", false, null, "--directed");
        }
        if (noise > 0) {
            v = v.with("noise.kind", noiseKind.toLowerCase(Locale.ROOT).equals("none") ? "none" : noiseKind, null, "--noise-kind");
        }
        v = v.with("integrator.type", integrator != null ? integrator : (noise > 0 ? "heun" : "dop853"), null, "--integrator");
        if (!init.equalsIgnoreCase("random")) {
            String[] parts = init.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--init: must be 'random' or 'X0,Y0', got '" + init + "'");
            }
            try {
                v = v.with("initial.type", "uniform", null, "--init")
                        .with("initial.x", Double.parseDouble(parts[0].trim()), null, "--init x0")
                        .with("initial.y", Double.parseDouble(parts[1].trim()), null, "--init y0");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--init: must be 'random' or two numbers 'X0,Y0', got '" + init + "'", e);
            }
        }
        return v;
    }

    private Object spreadParam(double centre) {
        if (spread == 0 || !Double.isFinite(centre)) {
            return centre;
        }
        return new Param("uniform", centre * (1 - spread), centre * (1 + spread), null);
    }

    private void report(PrintWriter o, SimulationSetup s, SimulationResult r, Map<String, Double> metrics, double wall) {
        o.printf(Locale.ROOT, "status      %s%s%n", r.status(), r.message().isEmpty() ? "" : " (" + r.message() + ")");
        o.printf(Locale.ROOT, "network     %d nodes, %d weights, %s, %s coupling %.4g through %s%n", s.topology().nodes(),
                s.topology().nonZeros(), s.model().dynamics().type(), s.model().coupling().type(), s.model().coupling().gain(),
                s.model().couplingVariable());
        o.printf(Locale.ROOT, "integrator  %s: %d steps, %d evaluations, t reached %.6g%n", s.spec(), r.steps(), r.evaluations(), r.endTime());
        o.printf(Locale.ROOT, "delays      %s%n", s.delays().summary());
        if (r.trajectory().size() > 1) {
            o.printf(Locale.ROOT, "synchrony   Kuramoto order parameter R = %.3f (mean over t >= %.4g; --transient)%n",
                    metrics.get("order-parameter"), s.values().number("time.transient"));
        }
        ObservationOptions.report(o, r, s.values().number("time.unit-seconds"));
        o.printf(Locale.ROOT, "output      %s (%d samples x %d channels), %.2f s%n", out, r.trajectory().size(),
                r.trajectory().channelCount(), wall);
        o.flush();
    }
}
