package org.vdpnet.scenarios.sweep;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.config.Scenario;
import org.vdpnet.scenarios.config.ScenarioException;
import org.vdpnet.scenarios.config.ScenarioInputs;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.exec.TaskExecutor;
import org.vdpnet.sim.io.AtomicFiles;

/**
 * Runs a {@link SweepPlan} into an output folder:
 * <pre>
 * out/plan.json          the scenario text and hash and the expanded plan, written first
 * out/points/p0003-r1/   one folder per run, renamed into place only when complete
 * out/summary.csv        one row per completed run, rebuilt from the points
 * out/sweep.png          the chosen metric over the swept parameters
 * out/provenance.json    written last: the study is complete
 * </pre>
 * A resumed study keeps every completed point folder and runs only the missing ones.
 */
public final class SweepRunner {
    private SweepRunner() {}

    /** How to treat an existing output folder. */
    public enum Mode { NEW, RESUME, OVERWRITE }

    /**
     * What a run of the runner did.
     *
     * @param total     runs in the plan
     * @param ran       runs computed now
     * @param reused    runs found complete from before
     * @param statuses  count of each final status over all completed runs
     * @param nonFiniteObservations  completed runs whose observation (bold.csv / calcium.csv) holds NaN or infinite values
     * @param engineWarnings what the engine reported (retried tasks, lost workers)
     */
    public record Outcome(int total, int ran, int reused, Map<String, Integer> statuses, int nonFiniteObservations, List<String> engineWarnings,
                          List<String> ensembleNotes) {}

    /** Names that the runner owns inside an output folder (and may remove with OVERWRITE). */
    static final List<String> OWNED = List.of("plan.json", RunWriter.PROVENANCE, "summary.csv", "sweep.png", "points");

    /**
     * Checks the output folder against the mode before any work; nothing is created here.
     */
    public static void check(SweepPlan plan, Path out, Mode mode) throws IOException {
        RunWriter.checkCreatable(out);
        boolean empty = !Files.isDirectory(out) || isEmpty(out);
        if (mode == Mode.RESUME) {
            Path planFile = out.resolve("plan.json");
            if (!Files.isRegularFile(planFile)) {
                throw new ScenarioException("--resume: " + out + " holds no plan.json, so it is not a started study; run without --resume");
            }
            String sha = readRecord("--resume: " + planFile, planFile).sha256();
            if (!plan.scenario().sha256().equals(sha)) {
                throw new ScenarioException("--resume: " + out + " was started from another scenario (sha256 " + shortSha(sha)
                        + ", this one is " + shortSha(plan.scenario().sha256()) + "); use a new --out or --overwrite");
            }
        } else if (mode == Mode.NEW && !empty) {
            throw new ScenarioException("--out: folder " + out + " exists and is not empty; choose another folder, pass --resume to finish"
                    + " an interrupted study, or --overwrite");
        }
    }

    /**
     * The scenario that a {@code plan.json} or {@code provenance.json} of {@code vdpnet run} records.
     *
     * @param record   the whole record (for its inputs)
     * @param baseDir  the recorded base folder, or null
     */
    public record Recorded(Map<String, Object> record, String source, String baseDir, String sha256, String text) {}

    /**
     * Reads and checks the scenario record of {@code file}; anything else (not JSON, not an object,
     * fields missing or of the wrong type, a pipe) is refused with one line starting {@code where}.
     */
    public static Recorded readRecord(String where, Path file) {
        if (Files.isDirectory(file)) {
            throw new ScenarioException(where + " is a folder; give its provenance.json or plan.json");
        }
        try {
            org.vdpnet.sim.io.InputFiles.check(null, file, RECORD_LIMIT);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(where + ": " + e.getMessage().substring(file.toString().length()).replaceFirst("^:?\\s*", ""));
        }
        Map<String, Object> m;
        try {
            m = Provenance.read(file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new ScenarioException(where + " is not a provenance JSON file (not a valid JSON object"
                    + (at == null ? "" : ", at line " + at.getLineNr() + " column " + at.getColumnNr()) + ")");
        } catch (IOException | RuntimeException e) {
            throw new ScenarioException(where + ": cannot be read");
        }
        Object settings = m == null ? null : m.get("settings");
        Object sc = settings instanceof Map<?, ?> st ? st.get("scenario") : null;
        if (!(sc instanceof Map<?, ?> scm) || !(scm.get("text") instanceof String text)) {
            throw new ScenarioException(where + " records no scenario text; it must be the provenance.json or plan.json of 'vdpnet run'");
        }
        if (!(scm.get("sha256") instanceof String sha) || !(scm.get("source") instanceof String source)
                || !(scm.get("baseDir") == null || scm.get("baseDir") instanceof String)) {
            throw new ScenarioException(where + " is damaged: settings.scenario needs the strings source, sha256 and text");
        }
        return new Recorded(m, source, (String) scm.get("baseDir"), sha, text);
    }

    /** The largest record read. */
    static final long RECORD_LIMIT = 256L * 1024 * 1024;

    private static String shortSha(String s) {
        return s == null ? "unknown" : s.substring(0, Math.min(12, s.length()));
    }

    /**
     * Runs the plan.
     *
     * @param executor runs the points; it hands each point's files back and this method writes them
     * @param progress called with (runs complete, total) once at the start and as runs finish (perhaps from another thread)
     */
    public static Outcome run(SweepPlan plan, Path out, Mode mode, TaskExecutor executor, List<String> arguments,
                              BiConsumer<Integer, Integer> progress) throws Exception {
        return run(plan, out, mode, executor, arguments, progress, 1);
    }

    /**
     * Runs the plan, {@code ensemble} points to a task (consecutive points still to run): a task's
     * points that share their network structure and a fixed-step method are integrated side by side
     * ({@link org.vdpnet.sim.Simulator#solveEnsemble}), the others one by one; the files are the same
     * either way (bit-identical), and each point's record says when it was integrated with others.
     *
     * @param ensemble points per task (1: one point per task)
     */
    public static Outcome run(SweepPlan plan, Path out, Mode mode, TaskExecutor executor, List<String> arguments,
                              BiConsumer<Integer, Integer> progress, int ensemble) throws Exception {
        if (ensemble < 1) {
            throw new IllegalArgumentException("--ensemble: must be >= 1 (1: one point at a time), got " + ensemble);
        }
        check(plan, out, mode);
        Files.createDirectories(out);
        if (mode == Mode.OVERWRITE) {
            for (String name : OWNED) {
                PointFiles.deleteTree(out.resolve(name));
            }
        }
        Files.deleteIfExists(out.resolve(RunWriter.PROVENANCE));
        Scenario sc = plan.scenario();
        if (mode != Mode.RESUME || !Files.exists(out.resolve("plan.json"))) {
            AtomicFiles.writeString(out.resolve("plan.json"), record("plan", plan, executor, arguments).build().toJson());
        }
        Path points = out.resolve("points");
        Files.createDirectories(points);
        removeStaleTemporaries(points);
        List<Integer> todo = new ArrayList<>(); // positions in the plan (replicates share a point index)
        for (int k = 0; k < plan.points().size(); k++) {
            SweepPoint p = plan.points().get(k);
            if (!Files.isRegularFile(points.resolve(p.id()).resolve(RunWriter.PROVENANCE))) {
                PointFiles.deleteTree(points.resolve(p.id()));
                todo.add(k);
            }
        }
        int total = plan.points().size();
        int reused = total - todo.size();
        progress.accept(reused, total);
        long t0 = System.nanoTime();
        PointTask task = new PointTask(plan, arguments);
        int[] together = {0}; // points integrated side by side, and why the others of a multi-point task ran alone
        Map<String, Integer> alone = new java.util.TreeMap<>();
        // the driver alone writes: each point's files arrive as bytes and are installed as they arrive
        if (ensemble == 1) {
            executor.run(todo, task, (i, files) -> files.install(points), k -> progress.accept(reused + k, total));
        } else {
            // the replicates of a random graph each have their own graph: a task takes one replicate's points first
            List<Integer> byReplicate = new ArrayList<>(todo);
            byReplicate.sort(java.util.Comparator.comparingInt(k -> plan.points().get(k).replicate()));
            todo = byReplicate;
            List<List<Integer>> batches = new ArrayList<>();
            for (int from = 0; from < todo.size(); from += ensemble) {
                batches.add(new ArrayList<>(todo.subList(from, Math.min(todo.size(), from + ensemble))));
            }
            int[] done = {0};
            executor.run(batches, (TaskExecutor.Task<List<Integer>, List<PointFiles>>) task::applyAll, (i, files) -> {
                for (PointFiles f : files) {
                    f.install(points);
                    if (f.integratedWith() > 1) {
                        together[0]++;
                    } else if (!f.alone().isEmpty()) {
                        alone.merge(f.alone(), 1, Integer::sum);
                    }
                }
                done[0] += files.size();
                progress.accept(reused + done[0], total);
            }, k -> { });
        }
        List<SweepSummary.Row> rows = SweepSummary.collect(plan, points);
        SweepSummary.write(plan, rows, out.resolve("summary.csv"));
        SweepPlot.write(plan, rows, out.resolve("sweep.png"));
        Map<String, Integer> statuses = new LinkedHashMap<>();
        rows.forEach(r -> statuses.merge(r.status(), 1, Integer::sum));
        int nonFiniteObservations = (int) rows.stream().filter(r -> r.observationNonFinite() > 0).count();
        Provenance.Builder prov = record("run", plan, executor, arguments).setting("ensemble", ensemble)
                .outcome("runs", total).outcome("ranNow", todo.size()).outcome("reused", reused)
                .outcome("statuses", statuses).outcome("nonFiniteObservations", nonFiniteObservations)
                .outcome("engineWarnings", executor.warnings())
                .outcome("pointsIntegratedTogether", together[0]).outcome("pointsIntegratedAlone", alone)
                .outcome("wallSeconds", (System.nanoTime() - t0) / 1e9);
        AtomicFiles.writeString(out.resolve(RunWriter.PROVENANCE), prov.build().toJson());
        List<String> notes = new ArrayList<>();
        int ran = todo.size();
        alone.forEach((why, count) -> notes.add("--ensemble " + ensemble + ": " + count + " of " + ran
                + " points were integrated one by one: " + why));
        return new Outcome(total, todo.size(), reused, statuses, nonFiniteObservations, executor.warnings(), notes);
    }

    private static Provenance.Builder record(String command, SweepPlan plan, TaskExecutor executor, List<String> arguments) {
        Scenario sc = plan.scenario();
        Map<String, Object> scenario = new LinkedHashMap<>();
        scenario.put("source", sc.source());
        scenario.put("baseDir", sc.baseDir().toString());
        scenario.put("sha256", sc.sha256());
        scenario.put("text", sc.text());
        Provenance.Builder b = Provenance.builder(command).seed(sc.base().integer("seed")).arguments(arguments);
        ScenarioInputs.of(sc).forEach((role, file) -> {
            if (Files.exists(file)) {
                b.input(role, file);
            }
        });
        return b.setting("scenario", scenario)
                .setting("resolved", sc.base().describe())
                .setting("plan", plan.describe())
                .setting("executor", executor.describe());
    }

    private static void removeStaleTemporaries(Path points) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(points, ".*.tmp-*")) {
            for (Path p : s) {
                PointFiles.deleteTree(p);
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }
}
