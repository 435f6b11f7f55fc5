package org.vdpnet.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.scenarios.cli.Main;

/**
 * {@code vdpnet run --engine spark --master local[2]} against the local thread pool: the same
 * 24-run sweep (6 coupling strengths x 4 noisy replicates, trajectories and plots saved) gives
 * byte-identical summary.csv, sweep.png and point files for any partitioning; a point's
 * provenance.json differs only in its run record (time stamp, platform, arguments, wall time).
 */
class SparkSweepTest {
    static final String SCENARIO = String.join("\n",
            "name: spark-identity",
            "seed: 11",
            "network:",
            "  topology: {type: erdos-renyi, nodes: 8, p: 0.4}",
            "  nodes: {model: research, a1: {distribution: uniform, low: 0.8, high: 1.2}, a2: 1.0}",
            "coupling: {type: diffusive, strength: 0.1}",
            "integrator: {type: heun, dt: 0.01}",
            "noise: {kind: additive, on: x, sigma: 0.2}",
            "time: {t-end: 20, transient: 5}",
            "monitors: {period: 0.1, save-trajectory: true}",
            "sweep:",
            "  grid:",
            "    coupling.strength: [0.0, 0.05, 0.1, 0.2, 0.4, 0.8]",
            "  replicates: 4",
            "  metric: order-parameter",
            "");

    @TempDir
    static Path dir;
    static Path scenario;
    static Path local;

    @BeforeAll
    static void localRun() throws IOException {
        scenario = dir.resolve("spark-identity.yaml");
        Files.writeString(scenario, SCENARIO);
        local = dir.resolve("local");
        assertEquals(0, Main.execute("run", scenario.toString(), "--out", local.toString(), "--quiet", "--threads", "2"));
    }

    @Test
    void oneTaskPerPointIsByteIdentical() throws IOException {
        Path spark = dir.resolve("spark-0");
        assertEquals(0, Main.execute("run", scenario.toString(), "--out", spark.toString(), "--quiet", "--engine", "spark", "--master", "local[2]"));
        assertSame(local, spark);
    }

    @Test
    void batchesOfPointsAreByteIdentical() throws IOException {
        for (int parts : new int[] {1, 5}) {
            Path spark = dir.resolve("spark-" + parts);
            assertEquals(0, Main.execute("run", scenario.toString(), "--out", spark.toString(), "--quiet", "--engine", "spark",
                    "--master", "local[2]", "--partitions", Integer.toString(parts)));
            assertSame(local, spark);
        }
    }

    @Test
    void pointsIntegratedSideBySideOnSparkAreByteIdentical() throws IOException {
        Path spark = dir.resolve("spark-ensemble");
        assertEquals(0, Main.execute("run", scenario.toString(), "--out", spark.toString(), "--quiet", "--engine", "spark", "--master", "local[2]",
                "--ensemble", "6"));
        assertSame(local, spark);
        String prov = Files.readString(spark.resolve("points").resolve(Files.list(spark.resolve("points")).findFirst().orElseThrow()
                .getFileName()).resolve("provenance.json"));
        assertTrue(prov.contains("integratedWith"), "the points were integrated side by side on the workers");
    }

    @Test
    void sparkEngineIsRecorded() throws IOException {
        Path spark = dir.resolve("spark-recorded");
        assertEquals(0, Main.execute("run", scenario.toString(), "--out", spark.toString(), "--quiet", "--engine", "spark", "--master", "local[2]"));
        String prov = Files.readString(spark.resolve("provenance.json"));
        assertTrue(prov.contains("spark(version=4.0.1, master=local[2]"), prov);
    }

    @Test
    void resumeAfterTheDriverIsKilled() throws Exception {
        Path slow = dir.resolve("slow.yaml");
        Files.writeString(slow, SCENARIO.replace("t-end: 20", "t-end: 60"));
        Path ref = dir.resolve("slow-local");
        assertEquals(0, Main.execute("run", slow.toString(), "--out", ref.toString(), "--quiet", "--threads", "2"));
        Path out = dir.resolve("killed");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp));
        for (String o : System.getProperty("vdpnet.spark.opens", "").split(" ")) {
            if (!o.isBlank()) {
                cmd.add(o);
            }
        }
        cmd.addAll(List.of("org.vdpnet.scenarios.cli.Main", "run", slow.toString(), "--out", out.toString(), "--quiet", "--engine", "spark",
                "--master", "local[2]"));
        Process driver = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("driver.log").toFile()).start();
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (StandaloneClusterTest.completed(out) < 3 && driver.isAlive() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        driver.destroyForcibly(); // SIGKILL: the driver and its local executors
        driver.waitFor();
        int kept = StandaloneClusterTest.completed(out);
        assertTrue(kept >= 3 && kept < 24, "killed mid-run with " + kept + " of 24 runs in");
        assertFalse(Files.exists(out.resolve("provenance.json")), "an interrupted study is not marked complete");
        assertEquals(0, Main.execute("run", slow.toString(), "--out", out.toString(), "--quiet", "--resume", "--engine", "spark",
                "--master", "local[2]"));
        assertSame(ref, out);
        String prov = Files.readString(out.resolve("provenance.json"));
        assertTrue(prov.contains("\"reused\" : " + kept) || prov.contains("\"reused\":" + kept), prov);
    }

    /** Every file of {@code a} and {@code b} (a study each): equal bytes, point provenance equal without its run record. */
    static void assertSame(Path a, Path b) throws IOException {
        Map<String, Path> fa = files(a);
        Map<String, Path> fb = files(b);
        assertEquals(fa.keySet(), fb.keySet(), "the same files");
        long points = fa.keySet().stream().filter(k -> k.startsWith("points/") && k.endsWith("/provenance.json")).count();
        assertEquals(24, points, "every run exactly once");
        assertEquals(25, Files.readAllLines(a.resolve("summary.csv")).size(), "a header and one row per run");
        assertTrue(fa.keySet().stream().anyMatch(k -> k.endsWith("/trajectory.csv")), "trajectories saved");
        for (String k : fa.keySet()) {
            if (k.equals("plan.json") || k.equals("provenance.json")) {
                continue; // the study's records: its arguments and engine differ by design
            }
            if (k.endsWith("/provenance.json")) {
                assertEquals(withoutRunRecord(fa.get(k)), withoutRunRecord(fb.get(k)), k);
            } else {
                assertArrayEquals(Files.readAllBytes(fa.get(k)), Files.readAllBytes(fb.get(k)), k);
            }
        }
    }

    static String withoutRunRecord(Path p) throws IOException {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(p.toFile());
        n.remove(List.of("createdUtc", "platform", "arguments"));
        if (n.path("settings").path("point") instanceof ObjectNode point) {
            point.remove("integratedWith"); // --ensemble: how it was integrated, not what
        }
        ((ObjectNode) n.get("outcome")).remove("wallSeconds");
        return n.toString();
    }

    static Map<String, Path> files(Path root) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> out.put(root.relativize(p).toString(), p));
        }
        assertFalse(out.isEmpty());
        return out;
    }
}
