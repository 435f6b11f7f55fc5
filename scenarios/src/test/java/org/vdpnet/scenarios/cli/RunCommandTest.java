package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vdpnet.scenarios.config.ScenarioReference;
import org.vdpnet.sim.Provenance;

class RunCommandTest {
    private static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** A small sweep that keeps trajectories: 3 strengths x 2 replicates, 20 nodes. */
    private Path smallScenario() throws IOException {
        Path f = dir.resolve("small.yaml");
        Files.writeString(f, String.join("\n",
                "name: small",
                "seed: 11",
                "network:",
                "  topology: {type: watts-strogatz, nodes: 20, k: 4, p: 0.2}",
                "  nodes: {omega: {distribution: normal, mean: 1.0, sd: 0.05}}",
                "coupling: {type: diffusive, variable: y}",
                "noise: {kind: additive, sigma: 0.02}",
                "integrator: {type: heun, dt: 0.02}",
                "time: {t-end: 40, transient: 20}",
                "monitors: {period: 0.2}",
                "sweep:",
                "  grid:",
                "    coupling.strength: [0.0, 0.05, 0.2]",
                "  replicates: 2",
                ""), StandardCharsets.UTF_8);
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws-sync-sweep", "noisy-research", "ring-clusters", "tvb76-two-strengths"})
    void examplesRun(String name) throws IOException {
        Path file = EXAMPLES.resolve(name + ".yaml");
        if (name.startsWith("tvb")) {
            Assumptions.assumeTrue(Files.isDirectory(Path.of("..", "..", "shared", "data", "tvb-connectomes")),
                    "skipped: the TVB connectome lives in ../shared/data, which is not present on this machine");
        }
        Path out = dir.resolve(name);
        CliHarness.Outcome o = CliHarness.run("run", file.toString(), "--out", out.toString(), "--quiet", "--threads", "2");
        assertEquals(0, o.code(), o.err());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        Map<String, Object> prov = Provenance.read(out.resolve("provenance.json"));
        @SuppressWarnings("unchecked")
        int runs = ((Number) ((Map<String, Object>) prov.get("outcome")).get("runs")).intValue();
        assertEquals(runs + 1, summary.size(), "one row per run");
        assertTrue(summary.stream().skip(1).allMatch(l -> l.contains(",SUCCESS,")), String.join("\n", summary));
        assertTrue(Files.size(out.resolve("sweep.png")) > 1000);
    }

    /** The shipped pipeline examples name only options their commands know (a dry run checks every key). */
    @ParameterizedTest
    @ValueSource(strings = {"zebrafish-small-data", "fmri-nitime"})
    void pipelineExamplesAreValid(String name) {
        CliHarness.Outcome o = CliHarness.run("run", EXAMPLES.resolve(name + ".yaml").toString(), "--dry-run");
        assertEquals(0, o.code(), o.err());
        for (String section : List.of("fit", "forecast", "evaluate")) {
            assertTrue(o.out().contains("section     " + section + ": vdpnet " + section + " --recording "), o.out());
        }
    }

    /** A scenario with only pipeline sections runs them into sub-folders, with a provenance record of its own. */
    @Test
    void pipelineSectionsRunFromOneFile() throws IOException {
        Path fish = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toAbsolutePath().normalize();
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, String.join("\n", "recording:", "  recording: " + fish, "  layout: channels-by-time", "  rate: 1.1",
                "  components: 3", "fit:", "  window: \"100:160\"", "  max-iterations: 20", "forecast:", "  train: \"0:120\"", "  test-end: 150",
                "  horizon: 5", "  window: 10", "  epochs: 2", "  models: [vdp, lstm]", ""), StandardCharsets.UTF_8);
        Path out = dir.resolve("pipeline");
        CliHarness.Outcome o = CliHarness.run("run", file.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.size(out.resolve("fit").resolve("fit.json")) > 0);
        assertEquals(1 + 3 * 5, Files.readAllLines(out.resolve("forecast").resolve("metrics.csv")).size(), "persistence, vdp, lstm x 5 horizons");
        Map<String, Object> prov = Provenance.read(out.resolve("provenance.json"));
        assertTrue(String.valueOf(prov.get("settings")).contains("pipeline.yaml"), String.valueOf(prov));
        assertFalse(Files.exists(out.resolve("summary.csv")), "no simulation was asked for");
    }

    @Test
    void oneThreadAndTwoThreadsGiveBitIdenticalOutputs() throws IOException {
        Path f = smallScenario();
        Path a = dir.resolve("t1");
        Path b = dir.resolve("t2");
        assertEquals(0, CliHarness.run("run", f.toString(), "--out", a.toString(), "--quiet", "--threads", "1").code());
        assertEquals(0, CliHarness.run("run", f.toString(), "--out", b.toString(), "--quiet", "--threads", "2").code());
        assertSameResults(a, b);
    }

    @Test
    void resumeRunsOnlyMissingPointsAndNeverDuplicatesRows() throws IOException {
        Path f = smallScenario();
        Path full = dir.resolve("full");
        Path broken = dir.resolve("broken");
        assertEquals(0, CliHarness.run("run", f.toString(), "--out", full.toString(), "--quiet").code());
        assertEquals(0, CliHarness.run("run", f.toString(), "--out", broken.toString(), "--quiet").code());
        // what a crash leaves: two points missing, a half-written temporary folder, no summary or provenance
        deleteTree(broken.resolve("points/p0001-r0"));
        deleteTree(broken.resolve("points/p0002-r1"));
        Files.createDirectories(broken.resolve("points/.p0001-r0.tmp-crashed"));
        Files.writeString(broken.resolve("points/.p0001-r0.tmp-crashed/trajectory.csv"), "t,x\n0,");
        Files.delete(broken.resolve("summary.csv"));
        Files.delete(broken.resolve("provenance.json"));
        long before = Files.getLastModifiedTime(broken.resolve("points/p0000-r0/provenance.json")).toMillis();

        CliHarness.Outcome again = CliHarness.run("run", f.toString(), "--out", broken.toString());
        assertEquals(2, again.code(), "a started study is not silently rerun");
        assertTrue(again.err().contains("--resume"), again.err());

        CliHarness.Outcome o = CliHarness.run("run", f.toString(), "--out", broken.toString(), "--resume");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("2 run now, 4 kept from before"), o.out());
        assertEquals(before, Files.getLastModifiedTime(broken.resolve("points/p0000-r0/provenance.json")).toMillis(),
                "completed points are not redone");
        assertFalse(Files.exists(broken.resolve("points/.p0001-r0.tmp-crashed")));
        assertSameResults(full, broken);

        CliHarness.Outcome twice = CliHarness.run("run", f.toString(), "--out", broken.toString(), "--resume", "--quiet");
        assertEquals(0, twice.code());
        assertSameResults(full, broken);
    }

    /** A real crash: the CLI in its own JVM is killed with SIGKILL mid-sweep, then resumed. */
    @Test
    void resumeAfterKillNine() throws Exception {
        Path f = dir.resolve("slow.yaml");
        Files.writeString(f, String.join("\n",
                "seed: 2",
                "network: {topology: {type: watts-strogatz, nodes: 300, k: 6}}",
                "coupling: {variable: y}",
                "integrator: {type: rk4, dt: 0.01}",
                "time: {t-end: 150}",
                "monitors: {period: 0.5, save-trajectory: false}",
                "sweep: {grid: {coupling.strength: [0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11]}}",
                ""));
        Path out = dir.resolve("killed");
        Path reference = dir.resolve("reference");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", Main.class.getName(),
                "run", f.toString(), "--out", out.toString(), "--threads", "1", "--quiet");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile());
        Process child = pb.start();
        Path points = out.resolve("points");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (completed(points) < 2 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Assumptions.assumeTrue(child.isAlive(), "skipped: the child finished before it could be killed");
        child.destroyForcibly().waitFor();
        int done = completed(points);
        assertTrue(done >= 2 && done < 12, "killed part-way, with " + done + " points complete");
        assertFalse(Files.exists(out.resolve("provenance.json")), "a killed study does not look complete");

        CliHarness.Outcome o = CliHarness.run("run", f.toString(), "--out", out.toString(), "--resume", "--threads", "2");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains((12 - done) + " run now, " + done + " kept from before"), o.out());
        assertEquals(0, CliHarness.run("run", f.toString(), "--out", reference.toString(), "--quiet").code());
        assertArrayEquals(Files.readAllBytes(reference.resolve("summary.csv")), Files.readAllBytes(out.resolve("summary.csv")));
    }

    private static int completed(Path points) throws IOException {
        if (!Files.isDirectory(points)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(points)) {
            return (int) s.filter(p -> Files.exists(p.resolve("provenance.json"))).count();
        }
    }

    @Test
    void fromProvenanceReproducesTheStudyBitForBit() throws IOException {
        Path f = smallScenario();
        Path a = dir.resolve("orig");
        Path b = dir.resolve("again");
        assertEquals(0, CliHarness.run("run", f.toString(), "--out", a.toString(), "--quiet").code());
        Files.delete(f); // the provenance record alone must be enough
        CliHarness.Outcome o = CliHarness.run("run", "--from-provenance", a.resolve("provenance.json").toString(), "--out", b.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertSameResults(a, b);
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() throws IOException {
        Path f = smallScenario();
        Path before = dir.resolve("nothing");
        CliHarness.Outcome o = CliHarness.run("run", "--dry-run", f.toString(), "--out", before.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("3 points x 2 replicates = 6 runs"), o.out());
        assertTrue(o.out().contains("p0002-r1"), o.out());
        assertFalse(Files.exists(before));
    }

    @Test
    void referenceDocumentMatchesTheSchema() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "scenario-reference.md"));
        assertEquals(ScenarioReference.markdown(), doc, "regenerate with: ./vdpnet scenario-reference > docs/scenario-reference.md");
    }

    private static void assertSameResults(Path a, Path b) throws IOException {
        assertArrayEquals(Files.readAllBytes(a.resolve("summary.csv")), Files.readAllBytes(b.resolve("summary.csv")), "summary.csv");
        try (Stream<Path> s = Files.list(a.resolve("points"))) {
            for (Path p : s.toList()) {
                Path t = p.resolve("trajectory.csv");
                if (Files.exists(t)) {
                    assertArrayEquals(Files.readAllBytes(t), Files.readAllBytes(b.resolve("points").resolve(p.getFileName()).resolve("trajectory.csv")),
                            p.getFileName() + "/trajectory.csv");
                }
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
