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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.io.TimeSeriesCsv;

/**
 * The BOLD and calcium observation monitors from {@code vdpnet simulate} and scenario files: bold.csv / calcium.csv
 * with one column per node, sampled as the monitors document (from the start, every TR or frame period, converted
 * to model units through {@code time.unit-seconds}: {@code floor(t_end * unit / period) + 1} rows), next to the
 * trajectory, with their settings in provenance.json; bad settings refused with one line naming the option or key.
 */
class ObservationCommandTest {
    private static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static String[] args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("simulate", "--quiet", "--nodes", "12", "--topology", "watts-strogatz",
                "--k", "4", "--coupling", "diffusive", "--strength", "0.2", "--t-end", "20", "--seed", "5", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... keys) {
        Object m = o;
        for (String k : keys) {
            m = ((Map<String, Object>) m).get(k);
        }
        return (Map<String, Object>) m;
    }

    private static void assertSampledEvery(TimeSeries ts, double periodModel, double tEnd) {
        assertEquals((int) Math.floor(tEnd / periodModel + 1e-9) + 1, ts.size(), "rows");
        for (int k = 0; k < ts.size(); k++) {
            assertEquals(k * periodModel, ts.time(k), 1e-9 * (1 + k * periodModel));
        }
    }

    @Test
    void simulateWithBoldWritesBoldCsvNextToTheTrajectory() throws IOException {
        Path out = dir.resolve("bold");
        CliHarness.Outcome o = CliHarness.run(args(out, "--monitor", "bold", "--tr", "0.72", "--observe-gain", "0.05"));
        assertEquals(0, o.code(), o.err());
        for (String f : List.of("trajectory.csv", "timeseries.png", "bold.csv", "bold.png", "provenance.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertFalse(Files.exists(out.resolve("calcium.csv")));
        TimeSeries bold = TimeSeriesCsv.read(out.resolve("bold.csv"));
        assertEquals(12, bold.channelCount(), "one column per node");
        assertEquals("bold(x[0])", bold.channels().get(0));
        assertEquals("bold(x[11])", bold.channels().get(11));
        assertSampledEvery(bold, 0.72, 20); // 28 rows
        assertEquals(28, bold.size());
        for (int c = 0; c < 12; c++) {
            assertEquals(0.0, bold.value(0, c), "at rest at the start");
        }
        assertTrue(Math.abs(bold.value(bold.size() - 1, 0)) > 1e-5, "a response");
        assertEquals(201, TimeSeriesCsv.read(out.resolve("trajectory.csv")).size(), "the trajectory is still subsampled every --period");

        Map<String, Object> prov = Provenance.read(out.resolve("provenance.json"));
        Map<String, Object> obs = map(prov, "settings", "observations", "bold");
        assertEquals(0.72, ((Number) obs.get("trSeconds")).doubleValue());
        assertEquals("x", obs.get("variable"));
        Map<String, Object> monitor = map(obs, "monitor");
        assertEquals("bold", monitor.get("type"));
        assertEquals(0.72, ((Number) monitor.get("tr")).doubleValue());
        assertEquals(0.05, ((Number) monitor.get("gain")).doubleValue());
        assertEquals(28, ((Number) map(prov, "outcome", "observations", "bold").get("samples")).intValue());
        assertEquals("bold", map(prov, "settings", "scenario", "monitors").get("type"));
    }

    @Test
    void theUnitSecondsSetTheSamplingInModelTime() throws IOException {
        Path out = dir.resolve("half");
        // 0.5 s per unit: 20 units are 10 s, a TR of 0.72 s is 1.44 units
        assertEquals(0, CliHarness.run(args(out, "--monitor", "bold", "--tr", "0.72", "--unit-seconds", "0.5", "--observe-gain", "0.05")).code());
        TimeSeries bold = TimeSeriesCsv.read(out.resolve("bold.csv"));
        assertSampledEvery(bold, 1.44, 20);
        assertEquals(14, bold.size());
        Map<String, Object> monitor = map(Provenance.read(out.resolve("provenance.json")), "settings", "observations", "bold", "monitor");
        assertEquals(0.5, ((Number) monitor.get("secondsPerUnit")).doubleValue());
    }

    @Test
    void simulateWithCalciumWritesCalciumCsvAndItsNoiseFollowsTheSeed() throws IOException {
        String[] calcium = {"--monitor", "calcium", "--indicator", "gcamp6s", "--frame-period", "0.25", "--observe-variable", "y",
            "--calcium-noise", "0.01", "--integrator", "rk4", "--dt", "0.01"};
        Path a = dir.resolve("ca");
        Path b = dir.resolve("cb");
        CliHarness.Outcome o = CliHarness.run(args(a, calcium));
        assertEquals(0, o.code(), o.err());
        assertEquals(0, CliHarness.run(args(b, calcium)).code());
        TimeSeries ts = TimeSeriesCsv.read(a.resolve("calcium.csv"));
        assertEquals(12, ts.channelCount());
        assertEquals("calcium(y[3])", ts.channels().get(3));
        assertSampledEvery(ts, 0.25, 20);
        assertEquals(81, ts.size());
        assertTrue(Files.size(a.resolve("calcium.png")) > 1000);
        assertArrayEquals(Files.readAllBytes(a.resolve("calcium.csv")), Files.readAllBytes(b.resolve("calcium.csv")), "same seed, same noise");
        List<String> other = new ArrayList<>(List.of(args(dir.resolve("cc"), calcium)));
        other.addAll(List.of("--seed", "6"));
        assertEquals(0, CliHarness.run(other.toArray(new String[0])).code());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve("calcium.csv")), Files.readAllBytes(dir.resolve("cc/calcium.csv"))));

        Map<String, Object> obs = map(Provenance.read(a.resolve("provenance.json")), "settings", "observations", "calcium");
        assertEquals("gcamp6s", obs.get("indicator"));
        assertEquals(0.1, ((Number) obs.get("riseSeconds")).doubleValue());
        assertEquals(1.5, ((Number) obs.get("decaySeconds")).doubleValue());
        assertEquals(0.01, ((Number) map(obs, "monitor").get("noise")).doubleValue());
        assertEquals(5, ((Number) map(obs, "monitor").get("seed")).intValue(), "the master seed; the monitor derives its 'calcium-noise' stream");
    }

    /** An overwritten folder keeps no observation file of the run before. */
    @Test
    void overwritingRemovesAnEarlierObservation() throws IOException {
        Path out = dir.resolve("again");
        assertEquals(0, CliHarness.run(args(out, "--monitor", "bold", "--observe-gain", "0.05")).code());
        assertTrue(Files.exists(out.resolve("bold.csv")));
        assertEquals(0, CliHarness.run(args(out, "--monitor", "calcium", "--overwrite")).code());
        assertTrue(Files.exists(out.resolve("calcium.csv")));
        assertFalse(Files.exists(out.resolve("bold.csv")));
        assertFalse(Files.exists(out.resolve("bold.png")));
    }

    /** BOLD driven out of the Balloon model's range (gain 1 on an x of amplitude 2) is reported, not passed off as a result. */
    @Test
    void aBoldThatLeavesItsRangeIsReportedWithExitThree() throws IOException {
        Path out = dir.resolve("hot");
        CliHarness.Outcome o = CliHarness.run(args(out, "--monitor", "bold", "--t-end", "60", "--strength", "0", "--init", "2,0"));
        assertEquals(3, o.code(), o.err());
        assertTrue(o.err().contains("bold.csv holds") && o.err().contains("lower --observe-gain"), o.err());
        assertTrue(((Number) map(Provenance.read(out.resolve("provenance.json")), "outcome", "observations", "bold").get("nonFinite")).intValue() > 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "TR below the step      | --monitor bold --integrator rk4 --dt 0.01 --tr 0.005 | --tr: must be >= the integrator step (--dt 0.01 model units = 0.01 s), got 0.005",
        "TR below the step (ms) | --monitor bold --integrator rk4 --dt 1 --unit-seconds 0.001 --tr 0.0005 | --tr: must be >= the integrator step (--dt 1 model units = 0.001 s), got 5.0E-4",
        "TR longer than the run | --monitor bold --tr 30                               | --tr: must be <= the run's length (--t-end 20 model units = 20 s), got 30",
        "negative TR            | --monitor bold --tr -1                               | --tr: must be finite and > 0, got -1",
        "NaN TR                 | --monitor bold --tr NaN                              | --tr: must be finite and > 0, got NaN",
        "unknown indicator      | --monitor calcium --indicator gcamp7                 | --indicator: must be one of gcamp6f, gcamp6s, got 'gcamp7'; did you mean 'gcamp6f'?",
        "frame below the step   | --monitor calcium --integrator heun --dt 0.01 --frame-period 0.001 | --frame-period: must be >= the integrator step (--dt 0.01 model units = 0.01 s), got 0.001",
        "frame longer than run  | --monitor calcium --frame-period 21                  | --frame-period: must be <= the run's length (--t-end 20 model units = 20 s), got 21",
        "negative calcium noise | --monitor calcium --calcium-noise -0.1               | --calcium-noise: must be finite and >= 0, got -0.1",
        "zero unit seconds      | --monitor bold --unit-seconds 0                      | --unit-seconds: must be finite and > 0, got 0",
        "unknown variable       | --monitor bold --observe-variable z                  | --observe-variable: must be one of x, y, got 'z'; did you mean 'x'?",
        "infinite gain          | --monitor bold --observe-gain Infinity               | --observe-gain: must be finite, got Infinity",
        "unknown monitor        | --monitor fmri                                       | --monitor: must be one of raw, subsample, average, bold, calcium, got 'fmri'"})
    void badObservationSettingsAreRefused(String what, String options, String message) {
        Path out = dir.resolve("out");
        List<String> a = new ArrayList<>(List.of(args(out)));
        a.addAll(List.of(options.trim().split("\\s+")));
        OptionCorpusTest.assertRefused(a, out, message);
    }

    private Path scenario(String monitors, String extra) throws IOException {
        Path f = dir.resolve("obs.yaml");
        Files.writeString(f, String.join("\n",
                "name: obs",
                "seed: 3",
                "network:",
                "  topology: {type: ring, nodes: 6}",
                "coupling: {type: diffusive, variable: y, strength: 0.1}",
                "integrator: {type: rk4, dt: 0.01}",
                "time: {t-end: 20}",
                "monitors: " + monitors,
                extra,
                ""), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void aScenarioWithABoldMonitorRunsAndWritesBoldCsvPerPoint() throws IOException {
        Path f = scenario("{type: bold, tr: 0.72, gain: 0.05, save-trajectory: false}", "sweep: {grid: {coupling.strength: [0.0, 0.2]}}");
        CliHarness.Outcome dry = CliHarness.run("run", "--dry-run", f.toString());
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("observation bold.csv: BOLD every 0.72 s of x (gain 0.05, 1 s per model time unit)"), dry.out());
        Path out = dir.resolve("study");
        CliHarness.Outcome o = CliHarness.run("run", f.toString(), "--out", out.toString(), "--quiet", "--threads", "2");
        assertEquals(0, o.code(), o.err());
        for (String p : List.of("p0000", "p0001")) {
            Path point = out.resolve("points").resolve(p);
            TimeSeries bold = TimeSeriesCsv.read(point.resolve("bold.csv"));
            assertEquals(6, bold.channelCount());
            assertSampledEvery(bold, 0.72, 20);
            assertTrue(Files.exists(point.resolve("bold.png")));
            assertFalse(Files.exists(point.resolve("trajectory.csv")), "save-trajectory: false keeps only the observation");
            assertEquals("bold", map(Provenance.read(point.resolve("provenance.json")), "settings", "observations", "bold", "monitor").get("type"));
        }
        assertEquals(3, Files.readAllLines(out.resolve("summary.csv")).size());
    }

    @Test
    void aSweepPointWhoseBoldLeavesItsRangeIsFlaggedInTheSummaryWithExitThree() throws IOException {
        Path f = scenario("{type: bold, tr: 0.72, save-trajectory: false}", "sweep: {grid: {monitors.gain: [0.05, 50]}}");
        Path out = dir.resolve("hot-study");
        CliHarness.Outcome o = CliHarness.run("run", f.toString(), "--out", out.toString(), "--quiet", "--threads", "2");
        assertEquals(3, o.code(), o.err());
        assertEquals(1, o.err().lines().filter(l -> l.contains("NaN or infinite values in their observation")).count(), o.err());
        assertTrue(o.err().contains("1 of 2 runs"), o.err());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(3, summary.size());
        assertTrue(summary.get(0).endsWith(",status,end_time,order-parameter,two-cluster,mean-frequency,frequency-spread,amplitude,observation_non_finite"),
                summary.get(0));
        int bad = ((Number) map(Provenance.read(out.resolve("points").resolve("p0001").resolve("provenance.json")),
                "outcome", "observations", "bold").get("nonFinite")).intValue();
        assertTrue(bad > 0);
        assertTrue(summary.get(1).endsWith(",0"), summary.get(1));
        assertTrue(summary.get(2).endsWith("," + bad), summary.get(2));
        assertTrue(summary.stream().skip(1).allMatch(l -> l.contains(",SUCCESS,")), "the simulation itself succeeded");
        assertEquals(1, ((Number) map(Provenance.read(out.resolve("provenance.json")), "outcome").get("nonFiniteObservations")).intValue());
    }

    @Test
    void aScenarioTrBelowTheStepIsRefusedNamingTheKeyAndLine() throws IOException {
        Path f = scenario("{type: bold, tr: 0.005}", "");
        Path out = dir.resolve("refused");
        OptionCorpusTest.assertRefused(List.of("run", f.toString(), "--out", out.toString(), "--quiet"), out,
                "monitors.tr (line 8): must be >= the integrator step (integrator.dt 0.01 model units = 0.01 s), got 0.005");
        Path g = scenario("{type: calcium, indicator: gcamp6x}", "");
        OptionCorpusTest.assertRefused(List.of("run", g.toString(), "--out", out.toString(), "--quiet"), out,
                "monitors.indicator (line 8): must be one of gcamp6f, gcamp6s, got 'gcamp6x'; did you mean 'gcamp6f'?");
    }

    /** The shipped observation examples run from a fresh clone (bundled data only). */
    @ParameterizedTest
    @ValueSource(strings = {"bold-connectome:bold", "calcium-zebrafish:calcium"})
    void examplesRun(String nameAndFile) throws IOException {
        String name = nameAndFile.split(":")[0];
        String obs = nameAndFile.split(":")[1];
        Path out = dir.resolve(name);
        CliHarness.Outcome o = CliHarness.run("run", EXAMPLES.resolve(name + ".yaml").toString(), "--out", out.toString(), "--quiet", "--threads", "2");
        assertEquals(0, o.code(), o.err());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(3, summary.size());
        assertTrue(summary.stream().skip(1).allMatch(l -> l.contains(",SUCCESS,")), String.join("\n", summary));
        for (String p : List.of("p0000", "p0001")) {
            TimeSeries ts = TimeSeriesCsv.read(out.resolve("points").resolve(p).resolve(obs + ".csv"));
            assertEquals(70, ts.channelCount());
            for (double v : ts.flatValues()) {
                assertTrue(Double.isFinite(v));
            }
        }
    }
}
