package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vdpnet fit-network} end to end on the bundled zebrafish (70 regions, 3 of them constant in
 * the recording), and the bad inputs of issue 14's acceptance list: each is refused with exit 2 and
 * one line naming the option and the value, before anything is written to {@code --out}.
 */
class FitNetworkCommandTest {
    private static final String FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toString();
    private static final String SC = Path.of("..", "data", "zebrafish", "SC.csv").toString();
    /** Regions of the bundled SC and channels of the recording. */
    private static final int N = 70;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static CliHarness.Outcome twoThreads;
    private static Path twoThreadsOut;

    @BeforeAll
    static void fitOnTwoThreads() {
        System.setProperty("java.awt.headless", "true");
        twoThreadsOut = shared.resolve("threads2");
        twoThreads = fit(twoThreadsOut, 2);
    }

    private static CliHarness.Outcome fit(Path out, int threads) {
        return CliHarness.run("fit-network", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1", "--frames", "0:600",
                "--sc", SC, "--observation", "calcium", "--evaluations", "12", "--population", "6", "--fcd-window", "60", "--fcd-step", "10",
                "--threads", String.valueOf(threads), "--seed", "3", "--out", out.toString(), "--quiet");
    }

    @Test
    void fitsTheBundledZebrafishWithCalciumObservation() throws IOException {
        assertEquals(0, twoThreads.code(), twoThreads.err());
        for (String f : List.of("fit.json", "fc.png", "fcd.png", "search.csv", "provenance.json")) {
            assertTrue(Files.size(twoThreadsOut.resolve(f)) > 0, f);
        }
        JsonNode fit = JSON.readTree(twoThreadsOut.resolve("fit.json").toFile());
        assertTrue(List.of("budget", "converged").contains(fit.path("status").asText()), fit.toString());
        double r = fit.get("fcR").asDouble();
        assertTrue(r >= -1 && r <= 1, "fcR " + r);
        double ks = fit.get("fcdKs").asDouble();
        assertTrue(ks >= 0 && ks <= 1, "fcdKs " + ks);
        assertEquals(12, fit.get("evaluations").asInt());
        assertEquals(67, fit.get("regions").asInt());
        List<String> dropped = new ArrayList<>();
        fit.get("dropped").forEach(d -> dropped.add(d.asText()));
        // lines 18, 35 and 50 of the recording are all zeros: regions 17, 34 and 49 counted from 0, which are the SC's
        // labels (SC.csv carries none; data/zebrafish/region_labels.csv counts from 0 too)
        List<String> constant = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of(FISH));
        for (int i = 0; i < lines.size(); i++) {
            if (Arrays.stream(lines.get(i).split(",")).limit(600).mapToDouble(Double::parseDouble).distinct().count() == 1) {
                constant.add(Integer.toString(i));
            }
        }
        assertEquals(List.of("17", "34", "49"), constant);
        assertEquals(constant, dropped);
        assertEquals(67, fit.get("nodeFrequenciesHz").size());
        assertTrue(Files.readAllLines(twoThreadsOut.resolve("search.csv")).get(0).startsWith("generation,evaluations,best_cost"));
    }

    @Test
    void theFitDoesNotDependOnTheThreadCount() throws IOException {
        assertEquals(0, twoThreads.code(), twoThreads.err());
        Path out = dir.resolve("threads1");
        CliHarness.Outcome o = fit(out, 1);
        assertEquals(0, o.code(), o.err());
        ObjectNode one = (ObjectNode) JSON.readTree(out.resolve("fit.json").toFile());
        ObjectNode two = (ObjectNode) JSON.readTree(twoThreadsOut.resolve("fit.json").toFile());
        assertTrue(one.remove("wallSeconds") != null && two.remove("wallSeconds") != null);
        assertEquals(two, one);
        assertEquals(Files.readAllLines(twoThreadsOut.resolve("search.csv")), Files.readAllLines(out.resolve("search.csv")));
    }

    /** An n x n matrix of {@code fill}, with {@code entry} at [3][2] (0-based). */
    private static String matrix(int n, String fill, String entry) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String[] row = new String[n];
            Arrays.fill(row, fill);
            if (i == 3 && entry != null) {
                row[2] = entry;
            }
            b.append(String.join(",", row)).append('\n');
        }
        return b.toString();
    }

    static Stream<Arguments> badInputs() {
        String len = "lengths.csv";
        return Stream.of(
                // issue 14's acceptance list
                Arguments.of("lengths 69x69 for the 70-region SC", len, matrix(N - 1, "10", null), "--lengths LENGTHS --speed 5",
                        List.of("--lengths", "69 rows", "70 x 70")),
                Arguments.of("a negative length", len, matrix(N, "10", "-1"), "--lengths LENGTHS --speed 5",
                        List.of("--lengths", "lengths[4][3]: must be finite and >= 0, got -1.0")),
                Arguments.of("a NaN length", len, matrix(N, "10", "NaN"), "--lengths LENGTHS --speed 5",
                        List.of("--lengths", "lengths[4][3]: must be finite and >= 0, got NaN")),
                Arguments.of("speed 0 with lengths", len, matrix(N, "10", null), "--lengths LENGTHS --speed 0",
                        List.of("--speed: must be > 0 with --lengths, got 0.0")),
                Arguments.of("speed -1 with lengths", len, matrix(N, "10", null), "--lengths LENGTHS --speed -1",
                        List.of("--speed: must be > 0 with --lengths, got -1.0")),
                Arguments.of("speed -1", null, null, "--speed -1", List.of("--speed: must be >= 0", "got -1.0")),
                Arguments.of("a delay longer than the run", len, matrix(N, "1e9", null), "--lengths LENGTHS --speed 1",
                        List.of("--speed-range", "1.0E9 mm at 1.0 mm/ms", "longer than the run")),
                Arguments.of("a delay longer than the run at the slowest searched speed", len, matrix(N, "1e6", null),
                        "--lengths LENGTHS --speed 5 --speed-range 0.001,20", List.of("--speed-range", "at 0.001 mm/ms", "longer than the run")),
                Arguments.of("a searched speed down to 0 with lengths", len, matrix(N, "10", null), "--lengths LENGTHS --speed-range 0,20",
                        List.of("--speed-range: the low end", "> 0", "got 0.0")),
                Arguments.of("a TR below the step", null, null, "--tr 0.05", List.of("--tr: the frame period 0.05 s is below the integrator step")),
                Arguments.of("a rate above the step's", null, null, "--rate 20", List.of("--rate: the frame period 0.05 s")),
                Arguments.of("a 5-region SC for 70 channels", "sc5.csv", matrix(5, "0.5", null), "--sc SC5",
                        List.of("--sc", "5 regions", "70 channels")),
                // names
                Arguments.of("unknown observation", null, null, "--observation eeg", List.of("--observation", "'eeg'")),
                Arguments.of("unknown form", null, null, "--form hopf", List.of("--form", "'hopf'")),
                Arguments.of("unknown search", null, null, "--search random", List.of("--search", "'random'")),
                Arguments.of("unknown coupling", null, null, "--coupling bogus", List.of("--coupling", "'bogus'")),
                Arguments.of("unknown normalisation", null, null, "--normalize bogus", List.of("--normalize", "'bogus'")),
                Arguments.of("unknown indicator", null, null, "--indicator bogus", List.of("--indicator", "'bogus'")),
                Arguments.of("unknown integrator", null, null, "--integrator bogus", List.of("--integrator", "'bogus'")),
                Arguments.of("a deterministic integrator", null, null, "--integrator rk4", List.of("--integrator", "rk4")),
                Arguments.of("unknown time scale", null, null, "--time-scale bogus", List.of("--time-scale", "'bogus'")),
                Arguments.of("unknown free parameter", null, null, "--free bogus", List.of("--free", "'bogus'")),
                Arguments.of("a research parameter in the vdp form", null, null, "--form vdp --free a2", List.of("--free", "'a2'")),
                Arguments.of("per node, not free", null, null, "--per-node bogus", List.of("--per-node", "'bogus'")),
                Arguments.of("a global per node", null, null, "--free g --per-node g", List.of("--per-node", "got g")),
                // numbers
                Arguments.of("no evaluations", null, null, "--evaluations 0", List.of("--evaluations", "got 0")),
                Arguments.of("a population of 1", null, null, "--population 1", List.of("--population", "got 1")),
                Arguments.of("an empty grid", null, null, "--search grid --grid 0x4", List.of("--grid", "0")),
                Arguments.of("an inverted g range (grid)", null, null, "--search grid --g-range 5,1", List.of("--g-range", "'5,1'")),
                Arguments.of("an inverted g range", null, null, "--g-range 5,1", List.of("--g-range", "'5,1'")),
                Arguments.of("a NaN g", null, null, "--g NaN", List.of("--g", "NaN")),
                Arguments.of("a start outside its range", null, null, "--g 100", List.of("--g", "--g-range", "100.0")),
                Arguments.of("a negative noise", null, null, "--noise -1", List.of("--noise", "-1.0")),
                Arguments.of("a negative a1", null, null, "--a1 -1", List.of("--a1", "--a1-range", "-1.0")),
                Arguments.of("a negative fc weight", null, null, "--fc-weight -1", List.of("--fc-weight", "-1.0")),
                Arguments.of("a NaN fc weight", null, null, "--fc-weight NaN", List.of("--fc-weight", "NaN")),
                Arguments.of("both weights 0", null, null, "--fc-weight 0 --fcd-weight 0", List.of("--fc-weight, --fcd-weight", "0.0")),
                Arguments.of("a NaN BOLD gain", null, null, "--bold-gain NaN", List.of("--bold-gain", "NaN")),
                Arguments.of("a zero frequency", null, null, "--frequency 0", List.of("--frequency", "0.0")),
                Arguments.of("an inverted band", null, null, "--band 0.2,0.1", List.of("--band", "'0.2,0.1'")),
                Arguments.of("a negative transient", null, null, "--transient -1", List.of("--transient", "-1.0")),
                Arguments.of("a zero FCD window", null, null, "--fcd-window 0", List.of("--fcd-window", "0.0")),
                Arguments.of("an FCD window longer than the frames", null, null, "--fcd-window 100000", List.of("--fcd-window", "100000")),
                Arguments.of("no threads", null, null, "--threads 0", List.of("--threads", "0")),
                Arguments.of("a zero step", null, null, "--dt 0", List.of("--dt", "0.0")),
                Arguments.of("a zero time unit", null, null, "--unit-seconds 0", List.of("--unit-seconds", "0.0")),
                Arguments.of("one frame", null, null, "--frames 0:1", List.of("--frames 0:1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRefusedInOneLineBeforeWriting(String what, String file, String content, String options, List<String> mentions)
            throws IOException {
        Path written = file == null ? null : Files.writeString(dir.resolve(file), content);
        // the end-to-end run's options; a case's options replace or add to them
        Map<String, String> opts = new LinkedHashMap<>();
        String[] base = {"--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1", "--frames", "0:600", "--sc", SC,
            "--observation", "calcium", "--evaluations", "12", "--population", "6", "--threads", "2", "--seed", "3",
            "--frequency", "0.05"}; // a fixed frequency skips the per-region peak search (about 1 s), which no refusal needs
        for (int k = 0; k < base.length; k += 2) {
            opts.put(base[k], base[k + 1]);
        }
        String[] extra = options.trim().split("\\s+");
        for (int k = 0; k < extra.length; k += 2) {
            String v = extra[k + 1].equals("LENGTHS") || extra[k + 1].equals("SC5") ? written.toString() : extra[k + 1];
            opts.put(extra[k], v);
        }
        if (opts.containsKey("--tr")) {
            opts.remove("--rate");
        }
        Path out = dir.resolve("out");
        opts.put("--out", out.toString());
        List<String> a = new ArrayList<>(List.of("fit-network", "--quiet"));
        opts.forEach((k, v) -> {
            a.add(k);
            a.add(v);
        });
        CliHarness.Outcome o = CliHarness.run(a.toArray(new String[0]));
        String line = CliHarness.refusal(o);
        for (String m : mentions) {
            assertTrue(line.contains(m), what + ": '" + m + "' not in: " + line);
        }
        assertFalse(Files.exists(out), what + ": created --out");
    }
}
