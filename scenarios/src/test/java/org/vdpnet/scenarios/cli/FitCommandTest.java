package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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

class FitCommandTest {
    private static final String FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toString();
    private static final String MAT = Path.of("..", "fitting", "src", "test", "resources", "recordings", "rec.mat").toString();

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void fitsABundledZebrafishWindow() throws IOException {
        Path out = dir.resolve("fit");
        CliHarness.Outcome o = CliHarness.run("fit", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--components", "3", "--window", "100:160", "--max-iterations", "40", "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("dropped 3 dead (constant) channel(s): ch17, ch34, ch49"), o.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> fit = new ObjectMapper().readValue(out.resolve("fit.json").toFile(), Map.class);
        assertEquals(3, ((List<?>) fit.get("pearsonR")).size());
        assertTrue(List.of("SUCCESS", "MAX_ITERATIONS").contains(fit.get("status")), String.valueOf(fit.get("status")));
        assertEquals(3, ((List<?>) fit.get("W")).size());
        for (String f : List.of("fit.png", "coupling.png", "provenance.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }

    @Test
    void fitsEveryWindowIntoFitsCsv() throws IOException {
        Path out = dir.resolve("windows");
        CliHarness.Outcome o = CliHarness.run("fit", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--components", "2", "--windows", "40", "--stride", "300", "--max-iterations", "20", "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        List<String> rows = Files.readAllLines(out.resolve("fits.csv"));
        assertEquals(1 + 3, rows.size(), "windows at 0, 300, 600");
        assertTrue(rows.get(0).startsWith("start,end,status,substeps,warnings,mean_r,r_c1,r_c2,a1_c1"));
        assertTrue(rows.get(3).startsWith("600,640,"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing file      | missing.csv | --rate 1                               | MISSING: file not found",
        "rate zero         | FISH        | --layout channels-by-time --rate 0      | --rate: must be finite and > 0, got 0.0",
        "too many comps    | FISH        | --layout channels-by-time --rate 1.1 --components 80 | --components: 80 components need at least as many channels, got 67",
        "window past end   | FISH        | --layout channels-by-time --rate 1.1 --window 850:950 | --window: 850:950 runs past the end of the recording (892 frames)",
        "unknown variable  | MAT         | --layout channels-by-time --rate 1 --variable activity | --variable: no numeric variable 'activity' in rec.mat; it has [activity_matrix, other]",
        "bad layout        | FISH        | --layout rows --rate 1                  | --layout: must be channels-by-time or time-by-channels, got 'rows'"})
    void badInputGetsOneLine(String what, String file, String options, String message) {
        String path = file.equals("FISH") ? FISH : file.equals("MAT") ? MAT : dir.resolve(file).toString();
        Path out = dir.resolve("out");
        List<String> a = new ArrayList<>(List.of("fit", "--recording", path, "--out", out.toString(), "--quiet"));
        a.addAll(List.of(options.trim().split("\\s+")));
        CliHarness.Outcome o = CliHarness.run(a.toArray(new String[0]));
        assertEquals(2, o.code(), o.err());
        assertEquals("vdpnet: error: " + message.replace("MISSING", dir.resolve("missing.csv").toString()), o.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void raggedAndNanCsvAreRefused() throws IOException {
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "1,2,3\n4,5\n6,7,8\n");
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "1,2\n3,nan\n5,6\n7,8\n");
        CliHarness.Outcome a = CliHarness.run("fit", "--recording", ragged.toString(), "--rate", "1", "--out", dir.resolve("o1").toString());
        assertEquals(2, a.code());
        assertEquals("vdpnet: error: " + ragged + " line 2: has 2 values, but the rows before have 3 (a ragged table)", a.err().strip());
        CliHarness.Outcome b = CliHarness.run("fit", "--recording", nan.toString(), "--rate", "1", "--out", dir.resolve("o2").toString());
        assertEquals(2, b.code());
        assertTrue(b.err().strip().endsWith("pass --nan drop or --nan interpolate to handle them"), b.err());
        assertFalse(Files.exists(dir.resolve("o1")) || Files.exists(dir.resolve("o2")));
    }
}
