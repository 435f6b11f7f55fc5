package org.vdpnet.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * {@code vdpnet fit-network --engine spark --master local[2]} against the local thread pool, on the
 * bundled zebrafish recording and SC: the CMA-ES search (every generation's population one Spark
 * job) and the coupling grid give the same fit.json (but its wall time) and the same search.csv,
 * and the provenance names the engine.
 */
class SparkFitNetworkTest {
    private static final String FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toString();
    private static final String SC = Path.of("..", "data", "zebrafish", "SC.csv").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static int fit(Path out, List<String> search, String... engine) {
        List<String> args = new ArrayList<>(List.of("fit-network", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--frames", "0:300", "--sc", SC, "--observation", "calcium", "--fcd-window", "60", "--fcd-step", "10", "--seed", "3",
                "--out", out.toString(), "--quiet"));
        args.addAll(search);
        args.addAll(List.of(engine));
        return Main.execute(args.toArray(new String[0]));
    }

    @Test
    void cmaesOnSparkIsTheLocalFit() throws IOException {
        List<String> search = List.of("--evaluations", "12", "--population", "6");
        Path local = dir.resolve("cmaes-local");
        Path spark = dir.resolve("cmaes-spark");
        assertEquals(0, fit(local, search, "--threads", "2"));
        assertEquals(0, fit(spark, search, "--engine", "spark", "--master", "local[2]"));
        assertSameFit(local, spark);
        assertTrue(Files.readString(spark.resolve("provenance.json")).contains("spark(version=4.0.1, master=local[2]"));
        assertTrue(Files.readString(local.resolve("provenance.json")).contains("local(threads=2)"));
    }

    @Test
    void theGridOnSparkIsTheLocalGrid() throws IOException {
        List<String> search = List.of("--search", "grid", "--grid", "5x1", "--g-range", "0.01,1");
        Path local = dir.resolve("grid-local");
        Path spark = dir.resolve("grid-spark");
        assertEquals(0, fit(local, search, "--threads", "2"));
        assertEquals(0, fit(spark, search, "--engine", "spark", "--master", "local[2]", "--partitions", "2"));
        assertSameFit(local, spark);
        assertEquals(6, Files.readAllLines(spark.resolve("search.csv")).size(), "a header and every grid point once");
    }

    private static void assertSameFit(Path a, Path b) throws IOException {
        ObjectNode fa = (ObjectNode) JSON.readTree(a.resolve("fit.json").toFile());
        ObjectNode fb = (ObjectNode) JSON.readTree(b.resolve("fit.json").toFile());
        assertTrue(fa.remove("wallSeconds") != null && fb.remove("wallSeconds") != null);
        assertEquals(fa, fb);
        assertEquals(Files.readAllLines(a.resolve("search.csv")), Files.readAllLines(b.resolve("search.csv")));
    }
}
