package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model options of {@code vdpnet fit} at work, on small windows of the bundled zebrafish
 * recording: the classic form, fits on the bundled connectome's edges (masked) or as g times it
 * (scaled), fixed parameters, and the fitted network run again by {@code vdpnet simulate --from-fit}.
 */
class FitModelRunTest {
    static final String FISH = OptionCorpusTest.FISH;
    static final String SC = FitModelOptionsTest.SC;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The statuses of a fit with a bounded trajectory: those exit 0, the rest exit 3 (the fit ran but did not succeed). */
    private static final List<String> BOUNDED = List.of("SUCCESS", "MAX_ITERATIONS", "UNPOLISHED");

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @ParameterizedTest(name = "classic, coupled through {0}")
    @ValueSource(strings = {"x", "y"})
    void fitsTheClassicForm(String variable) throws IOException {
        Path out = dir.resolve("classic");
        CliHarness.Outcome o = fit(out, "--model", "classic", "--coupling-variable", variable, "--window", "0:60", "--components", "3");
        assertEquals(0, o.code(), o.err());
        JsonNode fit = read(out.resolve("fit.json"));
        assertEquals(3, fit.get("mu").size());
        assertEquals(3, fit.get("omega").size());
        assertFalse(fit.has("a1") || fit.has("a2"), "the classic form has no a1, a2");
        JsonNode model = fit.get("model");
        assertEquals("vdp", model.get("form").asText());
        assertEquals(List.of("c1", "c2", "c3"), texts(model.get("labels")));
        assertEquals(variable, model.get("couplingVariable").asText());
        assertEquals(fit.get("mu"), model.get("nodeParameters").get("mu"));
        assertEquals(fit.get("omega"), model.get("nodeParameters").get("omega"));
        // coupled through x, a self-loop would be -omega^2 x again, so the dense classic fit leaves them out
        assertEquals(variable.equals("x") ? 6 : 9, model.get("edges").get("weight").size(), "dense: every pair (self-loops only through y)");
        assertEquals(6, model.get("initialState").size(), "x and y of 3 nodes");
        for (int k = 0; k < 3; k++) {
            assertTrue(fit.get("omega").get(k).asDouble() > 0, "omega > 0");
            assertTrue(fit.get("mu").get(k).asDouble() >= 0, "mu >= 0");
        }
        JsonNode setup = read(out.resolve("provenance.json")).get("settings").get("fitModel");
        assertEquals("classic", setup.get("model").asText());
        assertEquals(variable, setup.get("couplingVariable").asText());
        assertEquals("dense", setup.get("couplingForm").asText());
    }

    @Test
    void aMaskedFitHasWeightsOnlyOnTheGraphsEdges() throws IOException {
        Path out = dir.resolve("masked");
        CliHarness.Outcome o = fit(out, "--graph", SC, "--channels", "0:5", "--window", "0:80");
        assertEquals(0, o.code(), o.err());
        JsonNode fit = read(out.resolve("fit.json"));
        double[][] sc = submatrix(0, 5);
        double[][] w = matrix(fit.get("W"));
        assertEquals("masked", fit.get("couplingForm").asText());
        assertEquals(List.of("ch0", "ch1", "ch2", "ch3", "ch4"), texts(fit.get("channels")));
        assertEquals(1.0, fit.get("parameters").get("g").asDouble(), "masked: the gain stays 1");
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                if (sc[i][j] == 0) {
                    assertEquals(0.0, w[i][j], "W[" + i + "][" + j + "] is off SC's edges");
                }
            }
        }
        assertEquals(edges(sc), edges(fit.get("model")), "the fitted network has exactly SC's edges among channels 0:5");
        assertEquals(List.of("g"), texts(fit.get("fixedParameters")), "masked: every edge weight is fitted");
        assertEquals("masked", read(out.resolve("provenance.json")).get("settings").get("fitModel").get("couplingForm").asText());
    }

    @Test
    void aScaledFitIsGTimesTheGraph() throws IOException {
        Path out = dir.resolve("scaled");
        CliHarness.Outcome o = fit(out, "--graph", SC, "--channels", "0:5", "--window", "0:80", "--coupling-form", "scaled");
        assertEquals(0, o.code(), o.err());
        JsonNode fit = read(out.resolve("fit.json"));
        double[][] sc = submatrix(0, 5);
        double[][] w = matrix(fit.get("W"));
        double g = fit.get("parameters").get("g").asDouble();
        assertEquals("scaled", fit.get("couplingForm").asText());
        assertTrue(g >= 0, "the gain is >= 0: " + g);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(g * sc[i][j], w[i][j], 1e-12 * Math.max(1, Math.abs(g * sc[i][j])), "W[" + i + "][" + j + "] = g SC");
            }
        }
        JsonNode model = fit.get("model");
        assertEquals(g, model.get("coupling").get("strength").asDouble(), "the network's gain is the fitted g");
        assertEquals(edges(sc), edges(model));
        JsonNode e = model.get("edges");
        for (int k = 0; k < e.get("weight").size(); k++) {
            assertEquals(sc[e.get("target").get(k).asInt()][e.get("source").get(k).asInt()], e.get("weight").get(k).asDouble(),
                    "the network keeps SC's weights");
        }
        Set<String> fixed = new HashSet<>(texts(fit.get("fixedParameters")));
        assertFalse(fixed.contains("g"), "g is fitted");
        assertEquals(edges(sc).size(), fixed.size(), "every weight is held: " + fixed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "research, dense     | --window 0:60 --components 3",
        "classic, dense      | --model classic --window 0:60 --components 3",
        "research, scaled SC | --graph SC --channels 0:5 --window 0:80 --coupling-form scaled"})
    void simulateRunsTheFittedNetworkFromItsInitialState(String what, String options) throws Exception {
        Path out = dir.resolve("fit");
        List<String> opts = new ArrayList<>();
        for (String s : options.trim().split("\\s+")) {
            opts.add(s.equals("SC") ? SC : s);
        }
        CliHarness.Outcome f = fit(out, opts.toArray(new String[0]));
        assertEquals(0, f.code(), f.err());
        Path fitJson = out.resolve("fit.json");
        JsonNode model = read(fitJson).get("model");
        Path sim = dir.resolve("sim");
        CliHarness.Outcome o = CliHarness.run("simulate", "--from-fit", fitJson.toString(), "--t-end", "20", "--integrator", "rk4",
                "--dt", "0.01", "--quiet", "--out", sim.toString());
        // 0, or 3 where the fitted network leaves the bounded region within --t-end (a run that ended without success)
        assertTrue(o.code() == 0 || o.code() == 3, o.code() + ": " + o.err());
        if (o.code() == 3) {
            assertTrue(o.err().contains("vdpnet: warning: run ended with "), o.err());
        } else {
            assertFalse(o.err().contains("vdpnet: error"), o.err());
        }
        List<String> rows = Files.readAllLines(sim.resolve("trajectory.csv"));
        List<String> header = new ArrayList<>(List.of("t"));
        for (String v : List.of("x", "y")) {
            for (String l : texts(model.get("labels"))) {
                header.add(v + "[" + l + "]");
            }
        }
        assertEquals(String.join(",", header), rows.get(0), "one column per fitted node and variable");
        String[] first = rows.get(1).split(",");
        JsonNode y0 = model.get("initialState");
        assertEquals(1 + y0.size(), first.length);
        assertEquals(0.0, Double.parseDouble(first[0]));
        for (int i = 0; i < y0.size(); i++) {
            assertEquals(y0.get(i).asDouble(), Double.parseDouble(first[i + 1]), "state " + header.get(i + 1) + " at t = 0");
        }
        JsonNode prov = read(sim.resolve("provenance.json"));
        assertEquals("simulate", prov.get("command").asText());
        JsonNode input = prov.get("inputs").get("fit");
        assertTrue(input != null, "the fit file is an input: " + prov.get("inputs"));
        assertEquals(fitJson.toAbsolutePath().normalize(), Path.of(input.get("path").asText()).toAbsolutePath().normalize());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(fitJson))),
                input.get("sha256").asText());
        // the record describes the network that ran, not the scenario defaults that did not
        JsonNode settings = prov.get("settings");
        assertTrue(settings.get("scenario").get("network") == null, settings.get("scenario").toString());
        assertEquals(model.get("edges"), settings.get("fittedNetwork").get("edges"));
        assertEquals(model.get("nodeParameters"), settings.get("fittedNetwork").get("nodeParameters"));
    }

    @Test
    void fixHoldsAKindAtItsValueOnEveryNode() throws IOException {
        Path out = dir.resolve("fix");
        CliHarness.Outcome o = fit(out, "--fix", "a2=1", "--window", "0:60", "--components", "3");
        JsonNode fit = read(out.resolve("fit.json"));
        // a2 = 1 may not fit this window (a2 is about 0.03 per second here): exit 0 with a bounded fit, else 3
        String status = fit.get("status").asText();
        assertEquals(BOUNDED.contains(status) ? 0 : 3, o.code(), status + ": " + o.err());
        List<String> fixed = texts(fit.get("fixedParameters"));
        for (int i = 1; i <= 3; i++) {
            String name = "a2[c" + i + "]";
            assertEquals(1.0, fit.get("parameters").get(name).asDouble(), name);
            assertTrue(fixed.contains(name), name + " is listed as fixed: " + fixed);
            assertFalse(fit.get("standardErrors").has(name), name + " has no standard error");
            assertEquals(1.0, fit.get("a2").get(i - 1).asDouble(), "a2 array");
            assertEquals(1.0, fit.get("model").get("nodeParameters").get("a2").get(i - 1).asDouble(), "model a2");
        }
        assertEquals(1.0, read(out.resolve("provenance.json")).get("settings").get("fitModel").get("fixed").get("a2").asDouble());
    }

    @Test
    void fixHoldsOneParameterByItsName() throws IOException {
        Path out = dir.resolve("fix1");
        CliHarness.Outcome o = fit(out, "--fix", "W[c1<-c2]=0", "--window", "0:60", "--components", "3");
        assertEquals(0, o.code(), o.err());
        JsonNode fit = read(out.resolve("fit.json"));
        assertEquals(0.0, fit.get("parameters").get("W[c1<-c2]").asDouble());
        assertEquals(0.0, fit.get("W").get(0).get(1).asDouble(), "W[c1<-c2] is row c1, column c2");
        assertEquals(List.of("g", "W[c1<-c2]"), texts(fit.get("fixedParameters")));
    }

    private static CliHarness.Outcome fit(Path out, String... options) {
        List<String> a = new ArrayList<>(List.of("fit", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1", "--quiet",
                "--out", out.toString()));
        a.addAll(List.of(options));
        return CliHarness.run(a.toArray(new String[0]));
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[rows.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = rows.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    /** Rows and columns {@code [from, to)} of SC.csv (W[target][source]). */
    private static double[][] submatrix(int from, int to) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(SC));
        double[][] m = new double[to - from][to - from];
        for (int i = from; i < to; i++) {
            String[] cells = lines.get(i).split(",");
            for (int j = from; j < to; j++) {
                m[i - from][j - from] = Double.parseDouble(cells[j].trim());
            }
        }
        return m;
    }

    /** The nonzero entries of a matrix as "target<-source". */
    private static Set<String> edges(double[][] m) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                if (m[i][j] != 0) {
                    out.add(i + "<-" + j);
                }
            }
        }
        return out;
    }

    /** A fitted network's edges as "target<-source". */
    private static Set<String> edges(JsonNode model) {
        Set<String> out = new HashSet<>();
        JsonNode e = model.get("edges");
        for (int k = 0; k < e.get("target").size(); k++) {
            out.add(e.get("target").get(k).asInt() + "<-" + e.get("source").get(k).asInt());
        }
        return out;
    }
}
