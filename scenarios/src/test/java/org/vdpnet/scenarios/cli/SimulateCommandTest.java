package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.io.TimeSeriesCsv;

class SimulateCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static String[] args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("simulate", "--quiet", "--nodes", "12", "--topology", "watts-strogatz",
                "--k", "4", "--coupling", "diffusive", "--strength", "0.2", "--t-end", "20", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void writesTrajectoryPlotsAndProvenance() throws IOException {
        Path out = dir.resolve("run");
        CliHarness.Outcome o = CliHarness.run(args(out, "--seed", "7", "--npy"));
        assertEquals(0, o.code(), o.err());
        for (String f : List.of("trajectory.csv", "trajectory.npy", "timeseries.png", "phase.png", "provenance.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        TimeSeries ts = TimeSeriesCsv.read(out.resolve("trajectory.csv"));
        assertEquals(24, ts.channelCount());
        assertEquals("x[0]", ts.channels().get(0));
        assertEquals("y[11]", ts.channels().get(23));
        assertEquals(201, ts.size());
        Map<String, Object> prov = Provenance.read(out.resolve("provenance.json"));
        assertEquals(7, ((Number) prov.get("seed")).intValue());
        assertEquals("SUCCESS", ((Map<?, ?>) prov.get("outcome")).get("status"));
        assertTrue(((List<?>) prov.get("arguments")).contains("--npy"));
        try (var s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void sameSeedGivesBitIdenticalFilesAndAnotherSeedDiffers() throws IOException {
        for (String[] extra : List.of(new String[0], new String[] {"--noise", "0.05", "--integrator", "heun", "--dt", "0.01"})) {
            String tag = extra.length == 0 ? "det" : "sde";
            List<String> a = new ArrayList<>(List.of(extra));
            a.addAll(List.of("--seed", "3"));
            List<String> c = new ArrayList<>(List.of(extra));
            c.addAll(List.of("--seed", "4"));
            assertEquals(0, CliHarness.run(args(dir.resolve(tag + "a"), a.toArray(new String[0]))).code());
            assertEquals(0, CliHarness.run(args(dir.resolve(tag + "b"), a.toArray(new String[0]))).code());
            assertEquals(0, CliHarness.run(args(dir.resolve(tag + "c"), c.toArray(new String[0]))).code());
            byte[] first = Files.readAllBytes(dir.resolve(tag + "a/trajectory.csv"));
            assertArrayEquals(first, Files.readAllBytes(dir.resolve(tag + "b/trajectory.csv")), tag);
            assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(dir.resolve(tag + "c/trajectory.csv"))), tag);
        }
    }

    @Test
    void realConnectomeRuns() throws IOException {
        Path tvb = Path.of("..", "..", "shared", "data", "tvb-connectomes", "connectivity_76");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(tvb),
                "skipped: ../shared/data/tvb-connectomes is not present on this machine");
        Path out = dir.resolve("tvb");
        CliHarness.Outcome o = CliHarness.run("simulate", "--quiet", "--connectome", tvb.toString(), "--normalize", "max",
                "--t-end", "10", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        TimeSeries ts = TimeSeriesCsv.read(out.resolve("trajectory.csv"));
        assertEquals(152, ts.channelCount());
        assertEquals("x[rA1]", ts.channels().get(0));
        Map<String, Object> prov = Provenance.read(out.resolve("provenance.json"));
        assertEquals(64, ((String) ((Map<?, ?>) ((Map<?, ?>) prov.get("inputs")).get("connectome")).get("sha256")).length());
    }

    @Test
    void blowUpExitsThreeAndKeepsOnlyFiniteRows() throws IOException {
        Path out = dir.resolve("blow");
        CliHarness.Outcome o = CliHarness.run(args(out, "--model", "research", "--a1", "-5", "--init", "3,0",
                "--integrator", "rk4", "--dt", "0.05"));
        assertEquals(3, o.code(), o.err());
        assertTrue(o.err().contains("NON_FINITE_STATE"), o.err());
        TimeSeries ts = TimeSeriesCsv.read(out.resolve("trajectory.csv"));
        for (double v : ts.flatValues()) {
            assertTrue(Double.isFinite(v));
        }
        assertEquals("NON_FINITE_STATE", ((Map<?, ?>) Provenance.read(out.resolve("provenance.json")).get("outcome")).get("status"));
    }

    @Test
    void refusesToOverwriteANonEmptyFolder() throws IOException {
        Path out = dir.resolve("full");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliHarness.Outcome o = CliHarness.run(args(out));
        assertEquals(2, o.code());
        assertEquals("vdpnet: error: --out: folder " + out + " exists and is not empty; choose another folder or pass --overwrite",
                o.err().strip());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void helpListsEveryOption() {
        CliHarness.Outcome o = CliHarness.run("simulate", "--help");
        assertEquals(0, o.code());
        for (String opt : List.of("--nodes", "--topology", "--coupling", "--strength", "--t-end", "--seed", "--out",
                "--connectome", "--integrator", "--noise", "--monitor")) {
            assertTrue(o.out().contains(opt), opt);
        }
    }
}
