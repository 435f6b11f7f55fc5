package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine options of {@code run}, {@code fit-network} and {@code evaluate}: every inconsistent
 * combination is refused with exit 2 and one line naming the option, before anything is written;
 * the command line overrides a scenario's engine section. This module has no Spark, so asking for it
 * is refused as an engine not installed, which is also what proves an option was accepted.
 */
class EngineOptionsTest {
    private static final String FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toString();
    private static final String SC = Path.of("..", "data", "zebrafish", "SC.csv").toString();

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private CliHarness.Outcome refused(List<String> args, String... mentions) {
        Path out = dir.resolve("out");
        List<String> a = new ArrayList<>(args);
        a.addAll(List.of("--out", out.toString()));
        CliHarness.Outcome o = CliHarness.run(a.toArray(new String[0]));
        assertEquals(2, o.code(), o.err());
        String line = o.err().strip();
        assertEquals(1, line.lines().count(), "one line: " + line);
        for (String m : mentions) {
            assertTrue(line.contains(m), "'" + m + "' in: " + line);
        }
        assertFalse(Files.exists(out), "nothing written");
        return o;
    }

    private static List<String> evaluate(String... more) {
        List<String> a = new ArrayList<>(List.of("evaluate", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--train-sizes", "100", "--models", "persistence", "--quiet"));
        a.addAll(List.of(more));
        return a;
    }

    private static List<String> fitNetwork(String... more) {
        List<String> a = new ArrayList<>(List.of("fit-network", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--frames", "0:300", "--sc", SC, "--quiet"));
        a.addAll(List.of(more));
        return a;
    }

    private Path scenario(String engine) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "name: engine-options\n" + engine + "time: {t-end: 1}\n");
        return f;
    }

    @Test
    void threadsBelongToTheLocalEngine() {
        refused(evaluate("--engine", "spark", "--threads", "3"), "--threads: applies to the local engine", "--engine spark");
        refused(fitNetwork("--engine", "spark", "--threads", "3"), "--threads: applies to the local engine");
    }

    @Test
    void sparkOptionsNeedSpark() {
        refused(evaluate("--master", "local[2]"), "--master: only applies with --engine spark", "local[2]");
        refused(fitNetwork("--partitions", "4"), "--partitions: only applies with --engine spark", "4");
        refused(evaluate("--engine-conf", "spark.executor.memory=2g"), "--engine-conf: only applies with --engine spark");
        refused(evaluate("--engine", "local", "--master", "spark://h:7077"), "--master");
    }

    @Test
    void badEngineValuesAreNamed() {
        refused(evaluate("--engine", "flink"), "--engine: must be local or spark, got flink");
        refused(fitNetwork("--engine", "spark", "--partitions", "-1"), "--partitions: must be >= 0", "-1");
        refused(evaluate("--engine", "spark", "--engine-conf", "executor.memory=2g"), "--engine-conf", "'spark.'", "executor.memory");
    }

    @Test
    void sparkIsRefusedWhereItIsNotInstalled() throws IOException {
        refused(evaluate("--engine", "spark"), "--engine: 'spark' is not installed");
        refused(fitNetwork("--engine", "spark", "--master", "local[2]"), "--engine: 'spark' is not installed");
        refused(List.of("run", scenario("").toString(), "--engine", "spark", "--quiet"), "--engine: 'spark' is not installed");
    }

    @Test
    void theCommandLineOverridesTheScenarioEngine() throws IOException {
        Path spark = scenario("engine: {name: spark, master: 'local[2]'}\n");
        // --master and --partitions are accepted for a Spark scenario (and the engine is then looked for)
        refused(List.of("run", spark.toString(), "--master", "local[3]", "--partitions", "2", "--quiet"), "--engine: 'spark' is not installed");
        // --engine local overrides it: the run needs no Spark
        Path out = dir.resolve("local");
        CliHarness.Outcome o = CliHarness.run("run", spark.toString(), "--engine", "local", "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(out.resolve("provenance.json")));
        // with threads given, a Spark scenario is refused: they belong to the local engine
        refused(List.of("run", spark.toString(), "--threads", "2", "--quiet"), "--threads: applies to the local engine");
    }

    @Test
    void anEngineSectionAloneStillSimulates() throws IOException {
        Path out = dir.resolve("sim");
        CliHarness.Outcome o = CliHarness.run("run", scenario("engine: {name: local}\n").toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(out.resolve("summary.csv")), "the scenario's simulation ran");
    }
}
