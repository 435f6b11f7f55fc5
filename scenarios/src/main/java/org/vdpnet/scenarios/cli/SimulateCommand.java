package org.vdpnet.scenarios.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vdpnet.models.ConnectomeReader;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.NodeDynamics;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topologies;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;
import org.vdpnet.scenarios.NetworkSetup;
import org.vdpnet.scenarios.Plots;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.Synchrony;
import org.vdpnet.sim.Checks;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.NoiseSpec;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.Status;
import org.vdpnet.sim.io.Npy;
import org.vdpnet.sim.io.TimeSeriesCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vdpnet simulate}: one network, one run, one output folder. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a network of coupled van der Pol oscillators and write trajectory.csv,",
            "timeseries.png, phase.png and provenance.json (written last: it marks a complete run)."},
        footer = {"", "Examples:",
            "  vdpnet simulate --nodes 80 --topology watts-strogatz --coupling diffusive --strength 0.2 --t-end 200 --seed 7 --out runs/ws80",
            "  vdpnet simulate --connectome ../shared/data/tvb-connectomes/connectivity_76 --normalize max --out runs/tvb76",
            "  vdpnet simulate --model research --a1 0.5 --noise 0.05 --integrator heun --dt 0.01 --out runs/noisy"})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    // --- network
    @Option(names = "--nodes", description = "Number of nodes of a generated topology (default: ${DEFAULT-VALUE}).")
    int nodes = 80;
    @Option(names = "--topology", description = "Generator: ring, lattice, complete, erdos-renyi, watts-strogatz, barabasi-albert (default: ${DEFAULT-VALUE}).")
    String topology = "watts-strogatz";
    @Option(names = "--k", description = "Watts-Strogatz: neighbours per node, even (default: ${DEFAULT-VALUE}).")
    int k = 4;
    @Option(names = "--p", description = "Watts-Strogatz rewiring / Erdos-Renyi edge probability, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double p = 0.1;
    @Option(names = "--m", description = "Barabasi-Albert: edges per new node (default: ${DEFAULT-VALUE}).")
    int m = 2;
    @Option(names = "--rows", description = "Lattice rows; 0 picks the squarest grid (default: ${DEFAULT-VALUE}).")
    int rows = 0;
    @Option(names = "--directed", description = "Erdos-Renyi: directed edges.")
    boolean directed;
    @Option(names = "--weight-min", description = "Smallest generated edge weight (default: ${DEFAULT-VALUE}).")
    double weightMin = 1.0;
    @Option(names = "--weight-max", description = "Largest generated edge weight; weights are uniform in [min, max] (default: ${DEFAULT-VALUE}).")
    double weightMax = 1.0;
    @Option(names = "--connectome", paramLabel = "PATH", description = "Read the network from a file instead: a square matrix (CSV or whitespace), a TVB folder or zip, GraphML, or an edge list.")
    Path connectome;
    @Option(names = "--connectome-format", description = "auto, matrix, tvb, graphml, edgelist (default: ${DEFAULT-VALUE}).")
    String connectomeFormat = "auto";
    @Option(names = "--transpose", description = "Transpose the connectome matrix (files are read as W[target][source]).")
    boolean transpose;
    @Option(names = "--normalize", description = "Weight normalisation: none, max (divide by the largest weight), row (each node averages its inputs) (default: ${DEFAULT-VALUE}).")
    String normalize = "none";

    // --- node model
    @Option(names = "--model", description = "vdp: x'=y, y'=mu(1-x^2)y-omega^2 x+input; research: x'=a1 x(1-x^2)+a2 y+input, y'=-x (default: ${DEFAULT-VALUE}).")
    String model = "vdp";
    @Option(names = "--mu", description = "vdp damping, >= 0 (default: ${DEFAULT-VALUE}).")
    double mu = 1.0;
    @Option(names = "--omega", description = "vdp angular frequency, > 0 (default: ${DEFAULT-VALUE}).")
    double omega = 1.0;
    @Option(names = "--a1", description = "research a1 (default: ${DEFAULT-VALUE}).")
    double a1 = 1.0;
    @Option(names = "--a2", description = "research a2 (default: ${DEFAULT-VALUE}).")
    double a2 = 1.0;
    @Option(names = "--spread", description = "Heterogeneity: each node's mu/omega (or a1/a2) is scaled by 1 + spread*U(-1,1), seeded; in [0, 1) (default: ${DEFAULT-VALUE}).")
    double spread = 0.0;

    // --- coupling
    @Option(names = "--coupling", description = "linear, diffusive or sigmoidal (default: ${DEFAULT-VALUE}).")
    String coupling = "diffusive";
    @Option(names = "--strength", description = "Global coupling gain, >= 0 (default: ${DEFAULT-VALUE}).")
    double strength = 0.1;
    @Option(names = "--coupling-variable", description = "Variable that couples: x or y (default: ${DEFAULT-VALUE}).")
    String couplingVariable = "x";

    // --- integration
    @Option(names = "--t-end", description = "End time, > 0 (default: ${DEFAULT-VALUE}).")
    double tEnd = 200;
    @Option(names = "--integrator", description = "dop853, dopri5, rk4, euler, euler-maruyama, heun (default: dop853, or heun with noise).")
    String integrator;
    @Option(names = "--dt", description = "Step of fixed-step integrators, > 0 (default: ${DEFAULT-VALUE}).")
    double dt = 0.01;
    @Option(names = "--rtol", description = "Relative tolerance of adaptive integrators, > 0 (default: ${DEFAULT-VALUE}).")
    double rtol = 1e-8;
    @Option(names = "--atol", description = "Absolute tolerance of adaptive integrators, > 0 (default: ${DEFAULT-VALUE}).")
    double atol = 1e-10;
    @Option(names = "--max-evaluations", description = "Budget of right-hand-side evaluations (default: unlimited).")
    Integer maxEvaluations;
    @Option(names = "--noise", description = "Noise intensity sigma, >= 0 (default: ${DEFAULT-VALUE}).")
    double noise = 0.0;
    @Option(names = "--noise-kind", description = "additive or multiplicative (sigma*state) (default: ${DEFAULT-VALUE}).")
    String noiseKind = "additive";
    @Option(names = "--noise-on", description = "Which variables get noise: x, y or both (default: the variable that receives the coupling).")
    String noiseOn;

    // --- initial state, output
    @Option(names = "--init", description = "random (uniform in [-amplitude, amplitude]) or X0,Y0 for every node (default: ${DEFAULT-VALUE}).")
    String init = "random";
    @Option(names = "--init-amplitude", description = "Amplitude of the random initial state, > 0 (default: ${DEFAULT-VALUE}).")
    double initAmplitude = 2.0;
    @Option(names = "--monitor", description = "raw (every step), subsample or average (default: ${DEFAULT-VALUE}).")
    String monitor = "subsample";
    @Option(names = "--period", description = "Sampling or averaging period of the monitor, > 0 (default: ${DEFAULT-VALUE}).")
    double period = 0.1;
    @Option(names = "--seed", description = "Master seed; topology, heterogeneity, initial state and noise get their own streams from it (default: ${DEFAULT-VALUE}).")
    long seed = 0;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must be new or empty unless --overwrite).")
    Path out;
    @Option(names = "--overwrite", description = "Allow writing into a non-empty output folder.")
    boolean overwrite;
    @Option(names = "--npy", description = "Also write trajectory.npy (float64, column 0 is t).")
    boolean npy;
    @Option(names = "--plot-nodes", description = "How many nodes the plots show, >= 1 (default: ${DEFAULT-VALUE}).")
    int plotNodes = 6;
    @Option(names = "--quiet", description = "No progress bar and no summary.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        Run run = prepare();
        RunWriter writer = RunWriter.prepare(out, overwrite);
        SimulationResult result;
        try (ProgressBar bar = new ProgressBar("simulate", !quiet)) {
            result = Simulator.solve(run.problem, run.spec, run.monitor, bar);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        writeOutputs(writer, run, result, wall);
        if (!quiet) {
            report(spec.commandLine().getOut(), run, result, wall);
        }
        if (result.status() != Status.SUCCESS) {
            spec.commandLine().getErr().println("vdpnet: warning: run ended with " + result.status() + ": " + result.message());
            return Main.RUN_FAILED;
        }
        return 0;
    }

    /** Everything one run needs, validated before any file is touched. */
    record Run(NetworkModel model, Topology topology, SimulationProblem problem, IntegratorSpec spec,
               Monitor monitor, Provenance.Builder provenance) {}

    Run prepare() throws IOException {
        Provenance.Builder prov = Provenance.builder("simulate").seed(seed)
                .arguments(new ArrayList<>(spec.commandLine().getParseResult().originalArgs()));
        Topology topo;
        if (connectome != null) {
            topo = ConnectomeReader.read(connectome, ConnectomeReader.Format.fromId("--connectome-format", connectomeFormat), directed).topology();
            if (transpose) {
                topo = topo.transposed();
            }
            prov.input("connectome", connectome);
            prov.setting("connectome", java.util.Map.of("path", connectome.toString(), "format", connectomeFormat,
                    "transpose", transpose, "nodes", topo.nodes()));
        } else {
            Checks.inRange("--nodes", nodes, 1, 50_000_000);
            Topologies.Spec ts = Topologies.Spec.of(Topologies.Type.fromId("--topology", topology), nodes, seed)
                    .withShape(k, p, m, rows).withDirected(directed).withWeights(weightMin, weightMax);
            topo = ts.build();
            prov.setting("topology", ts.describe());
        }
        topo = topo.normalized(Topology.Normalization.fromId("--normalize", normalize));
        prov.setting("normalize", normalize);
        int n = topo.nodes();
        Checks.inRange("--spread", spread, 0.0, 0.999);
        NodeDynamics dyn;
        switch (model.toLowerCase(Locale.ROOT)) {
            case "vdp":
                Checks.nonNegative("--mu", mu);
                Checks.positive("--omega", omega);
                dyn = VanDerPol.of(NetworkSetup.spread(n, mu, spread, seed, "mu"), NetworkSetup.spread(n, omega, spread, seed, "omega"));
                break;
            case "research":
                Checks.finite("--a1", a1);
                Checks.finite("--a2", a2);
                dyn = ResearchVanDerPol.of(NetworkSetup.spread(n, a1, spread, seed, "a1"), NetworkSetup.spread(n, a2, spread, seed, "a2"));
                break;
            default:
                throw new IllegalArgumentException("--model: unknown model '" + model + "'; allowed: vdp, research");
        }
        NetworkModel net = NetworkModel.of(dyn, Coupling.of("--coupling", coupling, Checks.nonNegative("--strength", strength)), topo)
                .withCouplingVariable(couplingVariable);
        prov.setting("model", net.describe());

        double[] y0 = initialState(net);
        SimulationProblem problem = SimulationProblem.of(net, y0, 0.0, Checks.positive("--t-end", tEnd), net.channels());
        NoiseSpec ns = noiseSpec(net);
        problem = problem.withNoise(ns);
        prov.setting("noise", ns.describe());

        IntegratorSpec.Method method = IntegratorSpec.Method.fromId("--integrator",
                integrator != null ? integrator : (noise > 0 ? "heun" : "dop853"));
        IntegratorSpec is = method.adaptive()
                ? IntegratorSpec.of(method, Double.NaN, Checks.positive("--rtol", rtol), Checks.positive("--atol", atol))
                : IntegratorSpec.of(method, Checks.positive("--dt", dt), Double.NaN, Double.NaN);
        if (maxEvaluations != null) {
            is = is.withMaxEvaluations(Checks.positive("--max-evaluations", maxEvaluations));
        }
        prov.setting("integrator", is.describe());
        prov.setting("time", java.util.Map.of("t0", 0.0, "tEnd", tEnd));

        Checks.positive("--period", period);
        Monitor mon;
        switch (monitor.toLowerCase(Locale.ROOT)) {
            case "raw": mon = Monitor.raw(); break;
            case "subsample": mon = Monitor.subsample(period); break;
            case "average": mon = Monitor.temporalAverage(period); break;
            default: throw new IllegalArgumentException("--monitor: unknown monitor '" + monitor + "'; allowed: raw, subsample, average");
        }
        prov.setting("monitor", mon.describe());
        if (plotNodes < 1) {
            throw new IllegalArgumentException("--plot-nodes: must be >= 1, got " + plotNodes);
        }
        if (noise > 0 && !method.stochastic()) {
            throw new IllegalArgumentException("--integrator: noise needs euler-maruyama or heun, got " + method.id());
        }
        return new Run(net, topo, problem, is, mon, prov);
    }

    private double[] initialState(NetworkModel net) {
        if (init.equalsIgnoreCase("random")) {
            Checks.positive("--init-amplitude", initAmplitude);
            return NetworkSetup.randomState(net, initAmplitude, seed);
        }
        String[] parts = init.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--init: must be 'random' or 'X0,Y0', got '" + init + "'");
        }
        try {
            return NetworkSetup.uniformState(net, Checks.finite("--init x0", Double.parseDouble(parts[0].trim())),
                    Checks.finite("--init y0", Double.parseDouble(parts[1].trim())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--init: must be 'random' or two numbers 'X0,Y0', got '" + init + "'", e);
        }
    }

    private NoiseSpec noiseSpec(NetworkModel net) {
        Checks.nonNegative("--noise", noise);
        if (noise == 0) {
            return NoiseSpec.none();
        }
        int n = net.nodes();
        String on = noiseOn != null ? noiseOn.toLowerCase(Locale.ROOT) : net.dynamics().variables().get(net.dynamics().inputVariable());
        double[] sigma = new double[net.getDimension()];
        switch (on) {
            case "x": java.util.Arrays.fill(sigma, 0, n, noise); break;
            case "y": java.util.Arrays.fill(sigma, n, 2 * n, noise); break;
            case "both": java.util.Arrays.fill(sigma, noise); break;
            default: throw new IllegalArgumentException("--noise-on: must be x, y or both, got '" + noiseOn + "'");
        }
        long ns = Seeds.derive(seed, "noise");
        switch (noiseKind.toLowerCase(Locale.ROOT)) {
            case "additive": return NoiseSpec.additive(sigma, ns);
            case "multiplicative": return NoiseSpec.multiplicative(sigma, ns);
            default: throw new IllegalArgumentException("--noise-kind: must be additive or multiplicative, got '" + noiseKind + "'");
        }
    }

    private void writeOutputs(RunWriter writer, Run run, SimulationResult result, double wall) throws IOException {
        writer.open();
        TimeSeriesCsv.write(result.trajectory(), writer.file("trajectory.csv"));
        if (npy) {
            Npy.write(result.trajectory(), writer.file("trajectory.npy"));
        } else {
            java.nio.file.Files.deleteIfExists(writer.file("trajectory.npy"));
        }
        List<String> labels = run.topology().labels();
        int[] show = Plots.pickNodes(labels.size(), plotNodes);
        String title = String.format(Locale.ROOT, "%s, %d nodes, %s coupling %.3g through %s", run.model().dynamics().type(),
                labels.size(), run.model().coupling().type(), run.model().coupling().gain(), run.model().couplingVariable());
        if (result.trajectory().size() >= 2) {
            Plots.timeSeries(result.trajectory(), labels, show, title, writer.file("timeseries.png"));
            Plots.phase(result.trajectory(), labels, Plots.pickNodes(labels.size(), Math.min(plotNodes, 4)),
                    "Phase portraits: " + title, writer.file("phase.png"));
        }
        Provenance.Builder prov = run.provenance()
                .outcome("status", result.status().name())
                .outcome("message", result.message())
                .outcome("endTime", result.endTime())
                .outcome("samples", result.trajectory().size())
                .outcome("steps", result.steps())
                .outcome("evaluations", result.evaluations())
                .outcome("wallSeconds", wall);
        writer.complete(prov.build());
    }

    private void report(PrintWriter o, Run run, SimulationResult r, double wall) {
        o.printf(Locale.ROOT, "status      %s%s%n", r.status(), r.message().isEmpty() ? "" : " (" + r.message() + ")");
        o.printf(Locale.ROOT, "network     %d nodes, %d weights, %s, %s coupling %.4g%n", run.topology().nodes(),
                run.topology().nonZeros(), run.model().dynamics().type(), run.model().coupling().type(), run.model().coupling().gain());
        o.printf(Locale.ROOT, "integrator  %s: %d steps, %d evaluations, t reached %.6g%n", run.spec(), r.steps(), r.evaluations(), r.endTime());
        if (r.trajectory().size() > 1) {
            o.printf(Locale.ROOT, "synchrony   mean Kuramoto R over the second half = %.3f%n",
                    Synchrony.meanOrderParameter(r.trajectory(), run.topology().labels(), 0.5));
        }
        o.printf(Locale.ROOT, "output      %s (%d samples x %d channels), %.2f s%n", out, r.trajectory().size(),
                r.trajectory().channelCount(), wall);
        o.flush();
    }
}
