package org.vdpnet.scenarios.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.config.Scenario;
import org.vdpnet.scenarios.config.ScenarioException;
import org.vdpnet.scenarios.config.ScenarioInputs;
import org.vdpnet.scenarios.config.ScenarioLoader;
import org.vdpnet.scenarios.config.SimulationSetup;
import org.vdpnet.scenarios.sweep.SweepPlan;
import org.vdpnet.scenarios.sweep.SweepPoint;
import org.vdpnet.scenarios.sweep.SweepRunner;
import org.vdpnet.scenarios.config.EngineSection;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.exec.EngineSettings;
import org.vdpnet.sim.exec.Engines;
import org.vdpnet.sim.exec.TaskExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vdpnet run SCENARIO.yaml}: a declared study, possibly a sweep, run in parallel and resumable. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the study that a scenario file declares (a single simulation or a parameter sweep).",
            "Writes plan.json, points/<id>/ (one folder per run), summary.csv, sweep.png and provenance.json (last)."},
        footer = {"", "Examples:",
            "  vdpnet run scenarios/examples/ws-sync-sweep.yaml --out runs/sweep1",
            "  vdpnet run --dry-run scenarios/examples/ws-sync-sweep.yaml",
            "  vdpnet run scenarios/examples/ws-sync-sweep.yaml --out runs/sweep1 --resume",
            "  vdpnet run --from-provenance runs/sweep1/provenance.json --out runs/sweep1-again",
            "  vdpnet run scenarios/examples/ws-sync-sweep.yaml --out runs/sweep1 --engine spark --master local[*]",
            "", "The file format is described in docs/scenario-reference.md."})
public final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "The scenario YAML file.")
    Path file;
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (required unless --dry-run).")
    Path out;
    @Option(names = "--dry-run", description = "Validate the file, print the expanded plan, write nothing.")
    boolean dryRun;
    @Option(names = "--resume", description = "Finish an interrupted study in --out: completed points are kept, missing ones run.")
    boolean resume;
    @Option(names = "--overwrite", description = "Replace a previous study in --out.")
    boolean overwrite;
    @Option(names = "--from-provenance", paramLabel = "FILE", description = "Rerun the study recorded in a provenance.json (or plan.json) of an earlier run.")
    Path fromProvenance;
    @Option(names = "--ignore-changed-inputs", description = "With --from-provenance: rerun even where an input file's SHA-256 differs "
            + "from the one recorded (or the file is gone).")
    boolean ignoreChangedInputs;
    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "1", description = "Points per task (default ${DEFAULT-VALUE}): a task's "
            + "points that share their network and a fixed-step method are integrated side by side (an ensemble; each bit-identical to its "
            + "own run; faster from about 64 points a task, slower below about 32), the rest one by one.")
    int ensemble;
    @Option(names = "--threads", description = "Worker threads of the local engine (default: the number of cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();
    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();
    @Option(names = "--quiet", description = "No progress bar and no summary.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((file == null) == (fromProvenance == null)) {
            throw new ScenarioException("run: give a SCENARIO file or --from-provenance FILE (exactly one)");
        }
        if (resume && overwrite) {
            throw new ScenarioException("--resume: cannot be combined with --overwrite");
        }
        OptionChecks.threads(threads); // the engine options are checked with the scenario's engine section, before any work
        if (ensemble < 1) {
            throw new ScenarioException("--ensemble: must be >= 1 (1: one point at a time), got " + ensemble);
        }
        if (ignoreChangedInputs && fromProvenance == null) {
            throw new ScenarioException("--ignore-changed-inputs: only applies with --from-provenance");
        }
        if (out != null && !dryRun) {
            RunWriter.checkCreatable(out);
        }
        Scenario scenario = fromProvenance != null ? fromProvenance(fromProvenance, ignoreChangedInputs) : ScenarioLoader.load(file);
        SweepPlan plan = SweepPlan.of(scenario);
        // the pipeline sections are checked against their commands before anything runs
        CommandLine root = spec.commandLine().getParent();
        Map<String, List<String>> sections = new java.util.LinkedHashMap<>();
        for (String section : List.of("fit", "forecast", "evaluate")) {
            if (scenario.pipeline().containsKey(section)) {
                sections.put(section, PipelineSections.arguments(section, scenario.pipeline(), root.getSubcommands().get(section).getCommandSpec(),
                        scenario.baseDir(), (out == null ? Path.of("out") : out).resolve(section)));
            }
        }
        EngineSettings es = engine.settings(threads, EngineOptions.given(spec, "--threads"),
                EngineSection.parse(scenario.pipeline().get(ScenarioLoader.ENGINE)));
        List<String> evaluate = sections.get("evaluate");
        if (evaluate != null && !es.isLocal() && EngineOptions.NAMES.stream().noneMatch(evaluate::contains)) {
            // the evaluation grid runs on the scenario's engine too, unless its section sets an engine option (or local threads) itself
            evaluate.addAll(EngineOptions.arguments(es));
        }
        if (scenario.pipeline().containsKey("recording") && sections.isEmpty()) {
            throw new ScenarioException("recording (line " + scenario.pipeline().get("recording").line()
                    + "): shared recording settings need a fit, forecast or evaluate section");
        }
        PrintWriter o = spec.commandLine().getOut();
        if (dryRun) {
            if (scenario.simulates()) {
                printPlan(o, plan);
            }
            sections.forEach((k, a) -> o.printf(Locale.ROOT, "section     %s: vdpnet %s %s%n", k, k, String.join(" ", a)));
            o.flush();
            return 0;
        }
        if (out == null) {
            throw new ScenarioException("--out: required (or use --dry-run)");
        }
        if (!scenario.simulates()) {
            RunWriter writer = RunWriter.prepare(out, overwrite || resume);
            boolean existed = Files.exists(out, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (existed) {
                writer.open(); // the stale completion marker goes first, so a rewrite never looks complete
            }
            int code;
            try {
                code = runSections(root, sections, o);
            } catch (RuntimeException | Error e) {
                code = Main.BAD_INPUT;
                removeCreated(existed, out);
                throw e;
            }
            if (code == Main.BAD_INPUT) {
                removeCreated(existed, out); // a refusing section leaves no folder that this run created
            }
            if (code != 0) {
                return code;
            }
            writer.open();
            Provenance.Builder prov = Provenance.builder("run").arguments(new ArrayList<>(spec.commandLine().getParseResult().originalArgs()));
            ScenarioInputs.of(scenario).forEach((role, f) -> {
                if (Files.exists(f)) {
                    prov.input(role, f);
                }
            });
            writer.complete(prov
                    .setting("scenario", Map.of("source", scenario.source(), "baseDir", scenario.baseDir().toString(), "sha256", scenario.sha256(),
                            "text", scenario.text()))
                    .setting("sections", sections).build());
            return 0;
        }
        SweepRunner.Mode mode = resume ? SweepRunner.Mode.RESUME : overwrite ? SweepRunner.Mode.OVERWRITE : SweepRunner.Mode.NEW;
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        SweepRunner.check(plan, out, mode); // before an engine starts
        SweepRunner.Outcome outcome;
        try (TaskExecutor executor = Engines.open(es, "vdpnet run " + scenario.name());
             ProgressBar bar = new ProgressBar("run", !quiet)) {
            outcome = SweepRunner.run(plan, out, mode, executor, args, (done, total) -> bar.count(done, total), ensemble);
        }
        outcome.engineWarnings().forEach(w -> spec.commandLine().getErr().println("vdpnet: warning: " + w));
        outcome.ensembleNotes().forEach(w -> spec.commandLine().getErr().println("vdpnet: note: " + w));
        if (!quiet) {
            o.printf(Locale.ROOT, "study       %s: %d runs (%d run now, %d kept from before)%n", scenario.name(), outcome.total(),
                    outcome.ran(), outcome.reused());
            o.printf(Locale.ROOT, "statuses    %s%n", outcome.statuses());
            o.printf(Locale.ROOT, "output      %s (summary.csv, sweep.png, points/)%n", out);
            o.flush();
        }
        long failed = outcome.statuses().entrySet().stream().filter(e -> !e.getKey().equals("SUCCESS")).mapToLong(Map.Entry::getValue).sum();
        if (failed > 0) {
            spec.commandLine().getErr().println("vdpnet: warning: " + failed + " of " + outcome.total()
                    + " runs ended without success; see the status column of summary.csv");
        }
        if (outcome.nonFiniteObservations() > 0) {
            spec.commandLine().getErr().println("vdpnet: warning: " + outcome.nonFiniteObservations() + " of " + outcome.total()
                    + " runs have NaN or infinite values in their observation (bold.csv / calcium.csv, e.g. BOLD driven out of its range;"
                    + " lower monitors.gain); see the observation_non_finite column of summary.csv");
        }
        int code = runSections(root, sections, o);
        // as simulate: a run whose simulation or observation did not succeed ends with 3 (the sections' own failure comes first)
        return code == 0 && (failed > 0 || outcome.nonFiniteObservations() > 0) ? Main.RUN_FAILED : code;
    }

    /** Removes {@code out} where this run created it (it was not there before). */
    private static void removeCreated(boolean existed, Path out) {
        if (existed || !Files.isDirectory(out, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(out)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // best effort: the refusal itself is what the user sees
        }
    }

    /** Runs the fit, forecast and evaluate sections in that order; stops at the first that fails. */
    private int runSections(CommandLine root, Map<String, List<String>> sections, PrintWriter o) {
        for (Map.Entry<String, List<String>> e : sections.entrySet()) {
            List<String> a = new ArrayList<>(e.getValue());
            if (quiet) {
                a.add("--quiet");
            } else {
                o.printf(Locale.ROOT, "%nsection     %s: vdpnet %s %s%n", e.getKey(), e.getKey(), String.join(" ", a));
                o.flush();
            }
            int code = root.getSubcommands().get(e.getKey()).execute(a.toArray(new String[0]));
            if (code != 0) {
                return code;
            }
        }
        return 0;
    }

    private static Scenario fromProvenance(Path prov, boolean ignoreChangedInputs) throws java.io.IOException {
        String where = "--from-provenance: " + prov;
        if (!Files.isDirectory(prov) && !Files.exists(prov) && !Files.isSymbolicLink(prov)) {
            throw new ScenarioException("--from-provenance: file not found: " + prov);
        }
        SweepRunner.Recorded recd = SweepRunner.readRecord(where, prov);
        Map<String, Object> m = recd.record();
        String sha = recd.sha256();
        String source = recd.source();
        String text = recd.text();
        Path baseDir = recd.baseDir() != null ? Path.of(recd.baseDir()) : Path.of(source).toAbsolutePath().getParent();
        Scenario scenario = ScenarioLoader.parse(source, baseDir, text);
        if (!scenario.sha256().equals(sha)) {
            throw new ScenarioException(where + ": the recorded scenario text does not match its recorded sha256 (" + shortSha(sha)
                    + ", the text hashes to " + shortSha(scenario.sha256()) + "); the record was edited, so it cannot be trusted");
        }
        Object recorded = m.get("inputs");
        Map<?, ?> inputs = recorded instanceof Map<?, ?> r ? r : Map.of();
        for (Map.Entry<String, Path> e : ScenarioInputs.of(scenario).entrySet()) {
            Object rec = inputs.get(e.getKey());
            String was = rec instanceof Map<?, ?> rm && rm.get("sha256") instanceof String h ? h : null;
            String now = Files.exists(e.getValue()) ? org.vdpnet.sim.io.Hashing.sha256(e.getValue()) : null;
            String problem = null;
            if (now == null) {
                problem = "is gone";
            } else if (was == null) {
                problem = "has no recorded sha256";
            } else if (!was.equals(now)) {
                problem = "changed (sha256 " + shortSha(now) + ", recorded " + shortSha(was) + ")";
            }
            if (problem != null && !ignoreChangedInputs) {
                throw new ScenarioException(where + ": input " + e.getKey() + " " + e.getValue() + " " + problem
                        + " since the run; restore it or pass --ignore-changed-inputs");
            }
        }
        return scenario;
    }

    private static String shortSha(String s) {
        return s.substring(0, Math.min(12, s.length()));
    }

    private static void printPlan(PrintWriter o, SweepPlan plan) {
        Scenario s = plan.scenario();
        SimulationSetup first = SimulationSetup.build(plan.points().get(0).values());
        o.printf(Locale.ROOT, "scenario    %s (%s, sha256 %s)%n", s.name(), s.source(), s.sha256().substring(0, 12));
        o.printf(Locale.ROOT, "network     %d nodes, %d weights, %s, %s coupling through %s%n", first.topology().nodes(),
                first.topology().nonZeros(), first.model().dynamics().type(), first.model().coupling().type(), first.model().couplingVariable());
        o.printf(Locale.ROOT, "integrator  %s, t in [0, %s], monitor %s%n", first.spec(), s.base().number("time.t-end"), first.monitor().describe());
        o.printf(Locale.ROOT, "delays      %s%n", first.delays().summary());
        first.observations().keySet().forEach(name -> o.printf(Locale.ROOT, "observation %s.csv: %s%n", name,
                org.vdpnet.scenarios.config.ObservationSetup.summary(first.values(), name)));
        o.printf(Locale.ROOT, "sweep       %s over %s: %d points x %d replicates = %d runs; metric %s%n",
                s.sweep().grid() ? "grid" : s.sweep().paths().isEmpty() ? "none" : "list", s.sweep().paths(), s.sweep().size(),
                s.sweep().replicates(), plan.points().size(), s.sweep().metric());
        int shown = 0;
        for (SweepPoint p : plan.points()) {
            if (shown++ == 20) {
                o.printf(Locale.ROOT, "  ... %d more%n", plan.points().size() - 20);
                break;
            }
            o.printf(Locale.ROOT, "  %-12s seed %-20d %s%n", p.id(), p.seed(), p.assignments());
        }
        o.println("dry run: nothing was written");
        o.flush();
    }
}
