package org.vdpnet.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vdpnet.scenarios.cli.Main;

/**
 * {@code vdpnet evaluate --engine spark --master local[2]} against the local engine on one thread,
 * on the bundled zebrafish recording: every model (the mechanistic fit, the LSTM, the three hybrids,
 * the stack and the baselines) over two training sizes and two seeds, scored in channel space (the
 * SVD loadings travel with the tasks). Every training set is one Spark task; the CSVs and the
 * trainings' details are identical, for one task per training set and for two batches.
 */
class SparkEvaluateTest {
    private static final String FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path local;

    @BeforeAll
    static void localRun() {
        System.setProperty("java.awt.headless", "true");
        local = dir.resolve("local");
        assertEquals(0, evaluate(local, "--threads", "1"));
    }

    private static int evaluate(Path out, String... engine) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--components", "2", "--train-sizes", "60,90", "--horizon", "4", "--window", "8", "--assimilation", "8", "--origins", "4",
                "--seeds", "2", "--epochs", "2", "--pretrain-epochs", "1", "--synthetic-factor", "1", "--residual-folds", "1", "--hidden", "4",
                "--fold-frames", "20", "--channel-space", "--out", out.toString(), "--quiet"));
        args.addAll(List.of(engine));
        return Main.execute(args.toArray(new String[0]));
    }

    @Test
    void oneTaskPerTrainingSetIsTheLocalEvaluation() throws IOException {
        Path spark = dir.resolve("spark-0");
        assertEquals(0, evaluate(spark, "--engine", "spark", "--master", "local[2]"));
        assertSame(local, spark);
        assertTrue(Files.readString(spark.resolve("provenance.json")).contains("spark(version=4.0.1, master=local[2]"));
    }

    @Test
    void batchesOfTrainingSetsAreTheLocalEvaluation() throws IOException {
        Path spark = dir.resolve("spark-2");
        assertEquals(0, evaluate(spark, "--engine", "spark", "--master", "local[2]", "--partitions", "2"));
        assertSame(local, spark);
    }

    @Test
    void aScenarioEngineRunsItsEvaluateSectionOnSpark() throws IOException {
        Path scenario = dir.resolve("evaluate-on-spark.yaml");
        Files.writeString(scenario, String.join("\n",
                "name: evaluate-on-spark",
                "engine: {name: spark, master: 'local[2]'}",
                "recording:",
                "  recording: " + Path.of(FISH).toAbsolutePath(),
                "  layout: channels-by-time",
                "  rate: 1.1",
                "  components: 2",
                "evaluate:",
                "  train-sizes: [60, 90]",
                "  horizon: 4",
                "  window: 8",
                "  assimilation: 8",
                "  origins: 4",
                "  seeds: 2",
                "  epochs: 2",
                "  pretrain-epochs: 1",
                "  synthetic-factor: 1",
                "  residual-folds: 1",
                "  hidden: 4",
                "  fold-frames: 20",
                "  channel-space: true",
                ""));
        Path out = dir.resolve("scenario");
        assertEquals(0, Main.execute("run", scenario.toString(), "--out", out.toString(), "--quiet"));
        assertSame(local, out.resolve("evaluate"));
        assertTrue(Files.readString(out.resolve("evaluate").resolve("provenance.json")).contains("spark(version=4.0.1, master=local[2]"));
    }

    private static void assertSame(Path a, Path b) throws IOException {
        for (String f : List.of("evaluation.csv", "summary.csv", "comparisons.csv")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        List<String> rows = Files.readAllLines(a.resolve("summary.csv"));
        for (String model : List.of("vdp", "lstm", "residual", "pretrained", "noise-aug", "stacked", "var", "persistence", "climatology")) {
            assertTrue(rows.stream().anyMatch(r -> r.startsWith(model + ",")), model + " evaluated");
        }
        JsonNode da = JSON.readTree(a.resolve("provenance.json").toFile()).at("/settings/details");
        JsonNode db = JSON.readTree(b.resolve("provenance.json").toFile()).at("/settings/details");
        assertTrue(da.size() > 0, "the trainings' details are recorded");
        assertEquals(da, db, "the trainings' details");
    }
}
