package org.vdpnet.scenarios.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.vdpnet.fitting.estimate.FitOptions;
import org.vdpnet.fitting.estimate.FitProblem;
import org.vdpnet.fitting.estimate.FitResult;
import org.vdpnet.fitting.estimate.Fitter;
import org.vdpnet.fitting.preprocess.PreprocessLog;
import org.vdpnet.fitting.preprocess.PreprocessStep;
import org.vdpnet.fitting.preprocess.Preprocessing;
import org.vdpnet.fitting.preprocess.Steps;
import org.vdpnet.fitting.recording.GapFilling;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.scenarios.FitOutput;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.fit.FitSetup;
import org.vdpnet.scenarios.fit.FittedNetwork;
import org.vdpnet.models.ConnectomeReader;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.io.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vdpnet fit}: estimate the network that explains a recording. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a van der Pol network to a recording: the research form x' = a1 x (1 - x^2) + a2 y + W x, y' = -x (--model research)",
            "or the classic form x' = y, y' = mu (1 - x^2) y - omega^2 x + W c (--model classic, c = x or y), on the temporal SVD",
            "components of a recording, or on its channels with --graph (W only on the graph's edges, or W = g SC with g fitted).",
            "Writes fit.json (parameters, standard errors, initial state, cost, per-variable Pearson r, status, and the fitted network",
            "that 'vdpnet simulate --from-fit' runs), fit.png, coupling.png and provenance.json (last). With --windows, fits every window",
            "in parallel into fits.csv."},
        footer = {"", "Examples:",
            "  vdpnet fit --recording data/zebrafish/timeseries_regions_fish6.csv --layout channels-by-time --rate 1.1 \\",
            "             --components 6 --window 0:100 --out runs/fit1",
            "  vdpnet fit --recording data/zebrafish/timeseries_regions_fish6.csv --layout channels-by-time --rate 1.1 \\",
            "             --graph data/zebrafish/SC.csv --channels 0:15 --coupling-form masked --window 0:200 --out runs/fit-sc",
            "  vdpnet simulate --from-fit runs/fit1/fit.json --t-end 200 --out runs/fit1-sim",
            "", "Time is in seconds (1/rate per sample), so a1, a2 and W are per second.",
            "With --nan interpolate, gaps are filled within the fitting window only (linearly, the nearest value at its edges),",
            "and the preprocessing then runs on that window alone; --nan drop is refused where it leaves the window unevenly spaced."})
public final class FitCommand implements Callable<Integer> {
    @CommandLine.Mixin
    RecordingArgs input = new RecordingArgs();
    @Option(names = "--components", defaultValue = "6", description = "Temporal SVD components to fit (default: ${DEFAULT-VALUE}).")
    int components;
    @Option(names = "--window", paramLabel = "START:END", description = "Frames to fit, end exclusive (default: all).")
    String window;
    @Option(names = "--windows", paramLabel = "LENGTH", description = "Fit every window of this many frames (with --stride) into fits.csv.")
    Integer windows;
    @Option(names = "--stride", defaultValue = "50", description = "Step between --windows starts (default: ${DEFAULT-VALUE}).")
    int stride;
    @Option(names = "--detrend", description = "Remove a polynomial trend of this order from each channel first.")
    Integer detrend;
    @Option(names = "--band-pass", paramLabel = "LOW:HIGH", description = "Zero-phase Butterworth band-pass in Hz (order 2) before the SVD.")
    String bandPass;
    @Option(names = "--channel-zscore", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Z-score every channel over the window before the SVD, so each region counts equally (default: on).")
    boolean channelZscore;
    @Option(names = "--restarts", description = "Seeded random restarts of the trajectory fit, the global option (default: ${DEFAULT-VALUE}).")
    int restarts = FitOptions.defaults().restarts();
    @Option(names = "--seed", description = "Seed of the restarts (default: ${DEFAULT-VALUE}).")
    long seed = FitOptions.defaults().seed();
    @Option(names = "--model", defaultValue = "research", description = "research, or classic (also called vdp, as in simulate) (default: ${DEFAULT-VALUE}).")
    String model;
    @Option(names = "--coupling-variable", defaultValue = "x", description = "The coupled variable: x, or y for --model classic (default: ${DEFAULT-VALUE}).")
    String couplingVariable;
    @Option(names = "--graph", paramLabel = "FILE", description = "Fit channels on a connectome (any format simulate reads): W only on its edges.")
    Path graph;
    @Option(names = "--coupling-form", description = "With --graph: masked (every edge weight fitted) or scaled (W = g * SC, g fitted) (default: masked).")
    String couplingForm;
    @Option(names = "--channels", paramLabel = "START:END", description = "With --graph: the channels to fit, end exclusive (default: all).")
    String channels;
    @Option(names = "--fix", paramLabel = "NAME=VALUE", description = "Hold a parameter fixed: a kind for every node (a2=1), g, or one by its fit.json name (W[c1<-c2]=0). Repeatable.")
    List<String> fix = new ArrayList<>();
    @Option(names = "--segment", description = "Multiple-shooting segment length in frames (default: ${DEFAULT-VALUE}).")
    int segment = FitOptions.defaults().segment();
    @Option(names = "--max-iterations", description = "Levenberg-Marquardt iterations per stage (default: ${DEFAULT-VALUE}).")
    int maxIterations = FitOptions.defaults().maxIterations();
    @Option(names = "--threads", description = "Threads: windows side by side with --windows, else the starts of one fit (default: ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();
    @CommandLine.Mixin
    OutputArgs output = new OutputArgs();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** What {@code --nan drop} users may use instead when it leaves a window unevenly spaced. */
    static final String INSTEAD_OF_DROP = "--nan interpolate (filled within the fitting window) or --nan fail";

    @Override
    public Integer call() throws Exception {
        FitSetup setup = FitSetup.parse(model, couplingVariable, graph != null, couplingForm, fix);
        if (graph != null && spec.commandLine().getParseResult().hasMatchedOption("--components")) {
            throw new IllegalArgumentException("--components: a --graph fit uses the channels themselves (--channels), not SVD components; drop"
                    + " --components " + components);
        }
        if (channels != null && graph == null) {
            throw new IllegalArgumentException("--channels: needs --graph FILE (without a graph the fit uses --components SVD components), got '" + channels + "'");
        }
        OptionChecks.threads(threads);
        RunWriter writer = output.prepare();
        FitOptions fo = FitOptions.defaults().withSegment(segment).withMaxIterations(maxIterations).withRestarts(restarts, seed)
                .withParallelism(windows == null ? threads : 1);
        Recording rec = input.read();
        int[] chans = {0, rec.data().channelCount()};
        if (graph != null) {
            if (channels != null) {
                chans = OptionChecks.channels("--channels", channels, rec.data().channelCount());
            }
            if (!java.nio.file.Files.exists(graph)) {
                throw new IllegalArgumentException("--graph: no such file: " + graph);
            }
            org.vdpnet.models.Topology g;
            try {
                g = ConnectomeReader.read(graph).topology();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("--graph") ? e.getMessage() : "--graph: " + e.getMessage());
            }
            List<String> names = rec.data().channels().subList(chans[0], chans[1]);
            setup = setup.withGraph(FitSetup.subgraph(g, graph.toString(), rec.data().channelCount(), chans[0], chans[1], names));
            rec = new Recording(rec.data().select(names), rec.rate(), rec.source(), rec.format(), rec.notes(), rec.layout());
        }
        boolean gaps = hasGaps(rec.data());
        List<PreprocessStep> base = new ArrayList<>();
        base.add(Steps.dropDeadChannels());
        if (detrend != null) {
            base.add(Steps.detrend(detrend));
        }
        if (bandPass != null) {
            double[] lh = range("--band-pass", bandPass);
            base.add(Steps.bandPass(2, lh[0], lh[1], rec.rate()));
        }
        if (windows != null) {
            return fitWindows(rec, base, fo, gaps, writer, setup);
        }
        int start = 0;
        int end = rec.data().size();
        if (window != null) {
            int[] se = OptionChecks.frames("--window", window, rec.data().size(), rec::orientationHint);
            start = se[0];
            end = se[1];
        }
        PreprocessStep cut = Steps.window(start, end - start);
        checkWindow(rec, start, end);
        List<PreprocessStep> steps = new ArrayList<>();
        if (gaps) {
            // gaps are filled from the window's own frames, and the steps after see the window alone
            steps.add(cut);
            steps.add(fillGaps("the fitting window (frames " + start + "-" + (end - 1) + ")"));
            steps.addAll(base);
        } else {
            steps.addAll(base);
            steps.add(cut);
        }
        if (channelZscore) {
            steps.add(Steps.zScore());
        }
        if (graph == null) {
            steps.add(Steps.svdComponents(components));
        }
        Preprocessing.Result pre = Preprocessing.of(steps).apply(rec.data());
        checkGraphChannels(setup, pre.data());
        NetworkModel template = setup.model(pre.data().channels());
        FitProblem problem = setup.problem(template, rows(pre.data()), 1.0 / rec.rate());
        long t0 = System.nanoTime();
        FitResult r = Fitter.fit(problem, fo);
        double wall = (System.nanoTime() - t0) / 1e9;
        writer.open();
        Map<String, Object> fit = new LinkedHashMap<>(r.describe());
        fit.put(graph == null ? "components" : "channels", pre.data().channels());
        pre.components().ifPresent(c -> fit.put("explainedVariance", c.explainedVariance()));
        fit.put("model", FittedNetwork.describe((NetworkModel) r.model(), r.initialState()));
        List<String> allWarnings = new ArrayList<>(pre.warnings());
        allWarnings.addAll(r.warnings());
        fit.put("warnings", allWarnings);
        fit.put("timeUnit", "seconds");
        AtomicFiles.writeString(writer.file("fit.json"), JSON.writeValueAsString(fit) + "\n");
        String title = String.format(Locale.ROOT, "%s, frames %d-%d: mean r = %.3f", Path.of(rec.source()).getFileName(), start, end - 1, r.meanR());
        FitOutput.fitPlot(pre.data(), r, title, writer.file("fit.png"));
        FitOutput.couplingPlot(r.couplingMatrix(), pre.data().channels(), "Coupling g W (fitted, " + setup.couplingForm() + ")",
                writer.file("coupling.png"));
        writer.complete(provenance(rec, pre.steps(), fo, setup).outcome("status", r.status().name()).outcome("meanPearsonR", r.meanR())
                .outcome("wallSeconds", wall).outcome("substeps", r.substeps()).outcome("warnings", allWarnings).build());
        PrintWriter o = spec.commandLine().getOut();
        allWarnings.forEach(w -> spec.commandLine().getErr().println("vdpnet: warning: " + w));
        rec.notes().forEach(n -> spec.commandLine().getErr().println("vdpnet: note: " + n)); // after the run: a refusal stays one line
        if (!output.quiet) {
            o.printf(Locale.ROOT, "status      %s%s%n", r.status(), r.message().isEmpty() ? "" : " (" + r.message() + ")");
            o.printf(Locale.ROOT, "fit         %s form, %d %s x %d frames, mean r %.3f, per %s %s, %.2f s%n", setup.form(), r.r().length,
                    graph == null ? "components" : "channels (" + setup.couplingForm() + " on " + graph + ")", end - start, r.meanR(),
                    graph == null ? "component" : "channel", fmt(r.r()), wall);
            o.printf(Locale.ROOT, "output      %s (fit.json, fit.png, coupling.png)%n", output.out);
            o.flush();
        }
        return r.status().bounded() ? 0 : Main.RUN_FAILED;
    }

    /** Refuses a graph fit whose preprocessing dropped a channel (a dead one): the graph's nodes must stay the fitted channels. */
    private void checkGraphChannels(FitSetup setup, TimeSeries data) {
        if (setup.graph() != null && data.channelCount() != setup.graph().nodes()) {
            List<String> lost = new ArrayList<>(setup.graph().labels());
            lost.removeAll(data.channels());
            throw new IllegalArgumentException("--channels: the graph fit needs every selected channel, but " + lost + " carry no signal (dead channels"
                    + " are dropped); choose a range without them");
        }
    }

    private int fitWindows(Recording rec, List<PreprocessStep> base, FitOptions fo, boolean gaps, RunWriter writer, FitSetup setup) throws Exception {
        OptionChecks.stride(stride);
        if (windows < 4) {
            throw new IllegalArgumentException("--windows: need a length >= 4, got " + windows);
        }
        int total = rec.data().size();
        if (windows > total) {
            throw new IllegalArgumentException("--windows: " + windows + " frames run past the end of the recording (" + total + " frames)"
                    + rec.orientationHint(windows));
        }
        int count = (total - windows) / stride + 1;
        for (int w = 0; w < count; w++) {
            checkWindow(rec, w * stride, w * stride + windows);
        }
        // without gaps: the base steps once over the recording, then each window (as documented);
        // with gaps: each window cut first, filled from its own frames, then the base steps on it alone
        TimeSeries cleaned = null;
        TimeSeries[] cut = new TimeSeries[count];
        List<Map<String, Object>> described;
        List<String> warnings;
        if (!gaps) {
            Preprocessing.Result common = Preprocessing.of(base).apply(rec.data());
            cleaned = common.data();
            warnings = common.warnings();
            described = common.steps();
            if (graph == null) {
                checkComponents(cleaned);
            }
        } else {
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            int filled = 0;
            for (int w = 0; w < count; w++) {
                int s = w * stride;
                TimeSeries win = rec.data().slice(s, s + windows);
                GapFilling.Filled f = GapFilling.interpolateWithin(rows(win), win.channels(), "the window of frames " + s + "-" + (s + windows - 1));
                filled += f.count();
                Preprocessing.Result r = Preprocessing.of(base).apply(TimeSeries.of(win.times(), win.channels(), f.rows()));
                seen.addAll(r.warnings());
                cut[w] = r.data();
                if (graph == null) {
                    checkComponents(cut[w]);
                }
            }
            warnings = new ArrayList<>();
            if (filled > 0) {
                warnings.add("filled " + filled + " missing value(s) over the " + count + " windows, each within its own window"
                        + " (linear interpolation, nearest value at its edges; --nan interpolate)");
            }
            warnings.addAll(seen);
            described = new ArrayList<>();
            Map<String, Object> fill = new LinkedHashMap<>();
            fill.put("type", "fill-gaps");
            fill.put("within", "each window, cut first");
            fill.put("method", FILL_METHOD);
            described.add(fill);
            base.forEach(b -> described.add(b.describe()));
        }
        PreprocessStep svd = Steps.svdComponents(components);
        TimeSeries whole = cleaned;
        FitResult[] results = new FitResult[count];
        FitSetup checked = setup;
        {
            // the model options are checked on the first window before the pool starts, so a refusal is one line, not a task failure
            TimeSeries first = gaps ? cut[0] : whole.slice(0, windows);
            if (graph == null) {
                first = Preprocessing.of(Steps.svdComponents(components)).apply(first).data();
            }
            checkGraphChannels(checked, first);
            checked.problem(checked.model(first.channels()), rows(first), 1.0 / rec.rate());
        }
        warnings.forEach(w -> spec.commandLine().getErr().println("vdpnet: warning: " + w));
        rec.notes().forEach(n -> spec.commandLine().getErr().println("vdpnet: note: " + n)); // after the checks: a refusal stays one line
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
        try (ProgressBar bar = new ProgressBar("fit", !output.quiet)) {
            int[] done = {0};
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(w -> {
                List<PreprocessStep> perWindow = new ArrayList<>();
                if (!gaps) {
                    perWindow.add(Steps.window(w * stride, windows));
                }
                if (channelZscore) {
                    perWindow.add(Steps.zScore());
                }
                if (graph == null) {
                    perWindow.add(svd);
                }
                TimeSeries c = Preprocessing.of(perWindow).apply(gaps ? cut[w] : whole).data();
                checkGraphChannels(setup, c);
                results[w] = Fitter.fit(setup.problem(setup.model(c.channels()), rows(c), 1.0 / rec.rate()), fo);
                synchronized (done) {
                    bar.count(++done[0], count);
                }
            })).get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException refusal) {
                throw refusal;
            }
            throw e;
        } finally {
            pool.shutdown();
        }
        writer.open();
        int n = results[0].r().length;
        List<String> kinds = ((NetworkModel) results[0].model()).nodeParameterKinds();
        StringBuilder sb = new StringBuilder("start,end,status,substeps,warnings,mean_r");
        for (int i = 1; i <= n; i++) {
            sb.append(",r_c").append(i);
        }
        for (String p : kinds) {
            for (int i = 1; i <= n; i++) {
                sb.append(',').append(p).append("_c").append(i);
            }
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                sb.append(",W_").append(i).append('_').append(j);
            }
        }
        sb.append('\n');
        for (int w = 0; w < count; w++) {
            FitResult r = results[w];
            sb.append(w * stride).append(',').append(w * stride + windows).append(',').append(r.status()).append(',').append(r.substeps()).append(',')
                    .append(r.warnings().size()).append(',').append(r.meanR());
            for (double v : r.r()) {
                sb.append(',').append(v);
            }
            for (String p : kinds) {
                for (double v : r.nodeValues(p)) {
                    sb.append(',').append(v);
                }
            }
            for (double[] row : r.couplingMatrix()) {
                for (double v : row) {
                    sb.append(',').append(v);
                }
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(writer.file("fits.csv"), sb.toString());
        writer.complete(provenance(rec, described, fo, setup).setting("windows", Map.of("length", windows, "stride", stride,
                "count", count)).outcome("warnings", warnings).build());
        if (!output.quiet) {
            spec.commandLine().getOut().printf(Locale.ROOT, "fitted %d windows of %d frames (stride %d) into %s/fits.csv%n", count, windows, stride, output.out);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    private Provenance.Builder provenance(Recording rec, List<Map<String, Object>> steps, FitOptions fo, FitSetup setup) {
        Map<String, Object> options = new LinkedHashMap<>(fo.describe());
        options.remove("parallelism"); // results do not depend on it
        options.put("channelZscore", channelZscore);
        Provenance.Builder b = Provenance.builder("fit").arguments(new ArrayList<>(spec.commandLine().getParseResult().originalArgs()))
                .input("recording", input.recording).setting("recording", rec.describe()).setting("preprocessing", steps)
                .setting("components", graph == null ? components : null).setting("fitOptions", options).setting("fitModel", setup.describe());
        if (graph != null) {
            b.input("graph", graph);
        }
        return b;
    }

    private static final String FILL_METHOD = "linear interpolation within the window, nearest value at its edges";

    private void checkComponents(TimeSeries ts) {
        if (components > ts.channelCount()) {
            throw new IllegalArgumentException("--components: " + components + " components need at least as many channels, got " + ts.channelCount());
        }
    }

    /** Refuses a window that {@code --nan drop} left unevenly spaced (its end is checked once, by the range parsers). */
    private static void checkWindow(Recording rec, int start, int end) {
        rec.requireEvenlySpaced(start, end, INSTEAD_OF_DROP);
    }

    private static boolean hasGaps(TimeSeries ts) {
        for (double v : ts.flatValues()) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** Fills the gaps of its input from its own frames ({@link GapFilling#interpolateWithin}), warning with the count. */
    private static PreprocessStep fillGaps(String label) {
        return new PreprocessStep() {
            @Override
            public TimeSeries apply(TimeSeries in, PreprocessLog log) {
                GapFilling.Filled f = GapFilling.interpolateWithin(rows(in), in.channels(), label);
                if (f.count() > 0) {
                    log.warn("filled " + f.count() + " missing value(s) in " + label + " by linear interpolation within it"
                            + " (nearest value at its edges; --nan interpolate)");
                }
                return TimeSeries.of(in.times(), in.channels(), f.rows());
            }

            @Override
            public Map<String, Object> describe() {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "fill-gaps");
                m.put("method", FILL_METHOD);
                return m;
            }
        };
    }

    private static double[][] rows(TimeSeries ts) {
        double[][] x = new double[ts.size()][];
        for (int k = 0; k < ts.size(); k++) {
            x[k] = ts.row(k);
        }
        return x;
    }

    /** START:END frame numbers (end exclusive) within a recording of {@code total} frames. */
    static int[] frames(String name, String text, int total) {
        return OptionChecks.frames(name, text, total);
    }

    private static double[] range(String name, String text) {
        String[] p = text.split(":");
        try {
            if (p.length == 2) {
                double a = Double.parseDouble(p[0].trim());
                double b = Double.parseDouble(p[1].trim());
                if (Double.isFinite(a) && Double.isFinite(b) && a >= 0 && b > a) {
                    return new double[] {a, b};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(name + ": must be START:END with 0 <= START < END, got '" + text + "'");
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v[i]));
        }
        return sb.append(']').toString();
    }
}
