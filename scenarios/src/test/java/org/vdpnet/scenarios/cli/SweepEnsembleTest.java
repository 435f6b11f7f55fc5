package org.vdpnet.scenarios.cli;

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

/**
 * {@code vdpnet run --ensemble N}: a sweep's points that share their network (24 noisy Heun runs of one
 * 8-node graph) are integrated side by side, and every file is byte-identical to the one-point-per-task
 * run (a point's provenance differs only in its run record and in saying that it was integrated with
 * others); an adaptive sweep is run one by one, identically.
 */
class SweepEnsembleTest {
    static final String SCENARIO = String.join("\n",
            "name: ensemble-identity",
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

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static String lastErr;
    /** Why points of the last compared pair ran alone, by reason. */
    private static final Map<String, Integer> ALONE = new TreeMap<>();

    private static Path run(String name, String scenario, String... more) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, scenario);
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("run", f.toString(), "--out", out.toString(), "--quiet", "--threads", "2"));
        args.addAll(List.of(more));
        CliHarness.Outcome o = CliHarness.run(args.toArray(new String[0]));
        assertEquals(0, o.code(), o.err());
        lastErr = o.err();
        return out;
    }

    @Test
    void pointsIntegratedSideBySideGiveTheSameFiles() throws IOException {
        Path one = run("one", SCENARIO);
        // each replicate has its own random graph: 6 points a task are one replicate's 6 grid points
        Path side = run("side", SCENARIO, "--ensemble", "6");
        assertEquals(24, assertSame(one, side), "every point was integrated with the 5 others of its replicate");
        assertEquals(Map.of(), ALONE);
        // 7 a task mix two replicates: each task integrates its points of one graph together (a lone point alone)
        Path mixed = run("mixed", SCENARIO, "--ensemble", "7");
        assertEquals(23, assertSame(one, mixed), "tasks of r0 x 6 + r1 x 1, r1 x 5 + r2 x 2, r2 x 4 + r3 x 3, r3 x 3");
        assertEquals(Map.of("the only point of its graph in its task", 1), ALONE, "the lone r1 point says why");
    }

    @Test
    void anAdaptiveSweepRunsOneByOneIdentically() throws IOException {
        String adaptive = SCENARIO.replace("integrator: {type: heun, dt: 0.01}", "integrator: {type: dop853, rtol: 1.0e-8, atol: 1.0e-10}")
                .replace("noise: {kind: additive, on: x, sigma: 0.2}\n", "").replace("replicates: 4", "replicates: 1");
        Path one = run("a-one", adaptive);
        Path side = run("a-side", adaptive, "--ensemble", "4");
        String err = lastErr;
        assertEquals(0, assertSame(one, side), "no adaptive point is integrated with others");
        String why = "an adaptive integrator (dop853): sweeps run adaptive points one by one";
        assertEquals(Map.of(why, 6), ALONE, "each point says why it ran alone");
        assertTrue(err.contains("vdpnet: note: --ensemble 4: 6 of 6 points were integrated one by one: " + why), err);
        ObjectNode study = (ObjectNode) new ObjectMapper().readTree(side.resolve("provenance.json").toFile());
        assertEquals(0, study.path("outcome").path("pointsIntegratedTogether").asInt(-1));
        assertEquals(6, study.path("outcome").path("pointsIntegratedAlone").path(why).asInt(-1));
        assertEquals(4, study.path("settings").path("ensemble").asInt(-1));
    }

    @Test
    void aWidthBelowOneIsRefused() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, SCENARIO);
        CliHarness.Outcome o = CliHarness.run("run", f.toString(), "--out", dir.resolve("bad").toString(), "--ensemble", "0");
        assertEquals(2, o.code());
        assertEquals("vdpnet: error: --ensemble: must be >= 1 (1: one point at a time), got 0", o.err().strip());
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    /** The same files; returns how many points say they were integrated with others. */
    private static int assertSame(Path a, Path b) throws IOException {
        Map<String, Path> fa = files(a);
        Map<String, Path> fb = files(b);
        assertEquals(fa.keySet(), fb.keySet());
        int together = 0;
        ALONE.clear();
        for (String k : fa.keySet()) {
            if (k.equals("plan.json") || k.equals("provenance.json")) {
                continue; // the study's records hold its arguments
            }
            if (k.endsWith("/provenance.json")) {
                ObjectNode pa = record(fa.get(k));
                ObjectNode pb = record(fb.get(k));
                ObjectNode point = (ObjectNode) pb.path("settings").path("point");
                if (point.remove("integratedWith") != null) {
                    together++;
                }
                com.fasterxml.jackson.databind.JsonNode why = point.remove("integratedAlone");
                if (why != null) {
                    ALONE.merge(why.asText(), 1, Integer::sum);
                }
                assertEquals(pa, pb, k);
            } else {
                assertArrayEquals(Files.readAllBytes(fa.get(k)), Files.readAllBytes(fb.get(k)), k);
            }
        }
        assertTrue(fa.keySet().stream().anyMatch(k -> k.endsWith("/trajectory.csv")), "trajectories compared");
        return together;
    }

    private static ObjectNode record(Path p) throws IOException {
        ObjectNode n = (ObjectNode) new ObjectMapper().readTree(p.toFile());
        n.remove(List.of("createdUtc", "platform", "arguments"));
        ((ObjectNode) n.get("outcome")).remove("wallSeconds");
        return n;
    }

    private static Map<String, Path> files(Path root) throws IOException {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> out.put(root.relativize(p).toString(), p));
        }
        return out;
    }
}
