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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model options of {@code vdpnet fit} ({@code --model}, {@code --coupling-variable},
 * {@code --graph}, {@code --coupling-form}, {@code --channels}, {@code --fix}) and
 * {@code vdpnet simulate --from-fit} refuse bad values the way every option does: exit 2, one
 * line that names the option, the value and what is allowed, nothing of Java in it, and no
 * output folder ({@link OptionCorpusTest#assertRefused}).
 */
class FitModelOptionsTest {
    static final String FISH = OptionCorpusTest.FISH;
    static final String SC = Path.of("..", "data", "zebrafish", "SC.csv").toString();

    /** A fitted network small enough to write by hand: two research nodes, two edges, the state x1, x2, y1, y2. */
    static final String MINI_FIT = "{\"status\": \"SUCCESS\", \"model\": {\"form\": \"research\", \"labels\": [\"n1\", \"n2\"],"
            + " \"couplingVariable\": \"x\", \"coupling\": {\"type\": \"linear\", \"strength\": 1.0},"
            + " \"nodeParameters\": {\"a1\": [0.5, 0.6], \"a2\": [1.0, 1.1]},"
            + " \"edges\": {\"target\": [0, 1], \"source\": [1, 0], \"weight\": [0.1, 0.2]},"
            + " \"initialState\": [0.1, -0.2, 0.3, 0.0]}}\n";

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("g3.csv"), "0,1,0\n1,0,1\n0,1,0\n");
        Files.writeString(dir.resolve("mini.json"), MINI_FIT);
        Files.writeString(dir.resolve("notjson.json"), "this is { not JSON\n");
        Files.writeString(dir.resolve("nomodel.json"), "{\"status\": \"SUCCESS\", \"W\": [[0.0]]}\n");
        Files.writeString(dir.resolve("stringweight.json"), MINI_FIT.replace("\"weight\": [0.1, 0.2]", "\"weight\": [0.1, \"heavy\"]"));
    }

    @ParameterizedTest(name = "fit {0}")
    @CsvSource(delimiter = '|', value = {
        // options after the recording (SC: the bundled 70-node connectome, G3: a 3x3 matrix) | the message, after "vdpnet: error: "
        "--model hopf                            | --model: unknown 'hopf'; allowed: research, classic",
        "--coupling-variable z                   | --coupling-variable: must be x or y, got 'z'",
        "--model classic --coupling-variable z   | --coupling-variable: must be x or y, got 'z'",
        "--coupling-variable y                   | --coupling-variable: the research form couples through x (its equation is x' = a1 x (1 - x^2) + a2 y + W x), got 'y'; y coupling is for --model classic",
        "--model research --coupling-variable y  | --coupling-variable: the research form couples through x (its equation is x' = a1 x (1 - x^2) + a2 y + W x), got 'y'; y coupling is for --model classic",
        "--coupling-form masked                  | --coupling-form: needs --graph FILE (the graph whose edges it constrains), got 'masked' alone",
        "--coupling-form scaled                  | --coupling-form: needs --graph FILE (the graph whose edges it constrains), got 'scaled' alone",
        "--graph SC --coupling-form banana       | --coupling-form: unknown 'banana'; allowed: masked, scaled",
        "--channels 0:5                          | --channels: needs --graph FILE (without a graph the fit uses --components SVD components), got '0:5'",
        "--graph G3 --channels 0:5               | --graph: G3 has 3 nodes, but the recording has 70 channels and the fit uses 5 (--channels 0:5); the sizes must match",
        "--graph G3                              | --graph: G3 has 3 nodes, but the recording has 70 channels and the fit uses 70 (--channels 0:70); the sizes must match",
        "--fix a2                                | --fix: 'a2' has no value; write NAME=VALUE, for example a2=1",
        "--fix a2=                               | --fix: 'a2' has no value; write NAME=VALUE, for example a2=1",
        "--fix =1                                | --fix: '=1' names no parameter; write NAME=VALUE, for example a2=1",
        "--fix a2=abc                            | --fix: the value of 'a2' must be a number, got 'abc'",
        "--fix a2=NaN                            | --fix: the value of 'a2' must be finite, got NaN",
        "--fix a2=1 --fix g=x                    | --fix: the value of 'g' must be a number, got 'x'",
        "--fix nosuch=1 --window 0:60 --components 3 | --fix: unknown parameter 'nosuch'; allowed: a1, a2, g, or one parameter by its name in fit.json, such as a1[c1] or W[c1<-c1]",
        "--fix mu=1 --window 0:60 --components 3     | --fix: unknown parameter 'mu'; allowed: a1, a2, g, or one parameter by its name in fit.json, such as a1[c1] or W[c1<-c1]",
        "--model classic --fix a1=1 --window 0:60 --components 3 | --fix: unknown parameter 'a1'; allowed: mu, omega, g, or one parameter by its name in fit.json, such as mu[c1] or W[c1<-c2]",
        // --windows checks the model options on its first window before the pool starts: one line, not a task failure
        "--windows 100 --stride 500 --fix nosuch=1 --components 3 | --fix: unknown parameter 'nosuch'; allowed: a1, a2, g, or one parameter by its name in fit.json, such as a1[c1] or W[c1<-c1]",
        "--windows 100 --stride 500 --model classic --fix omega=-1 --components 3 | --fix: omega[c1]: must be finite and > 0, got -1.0",
        "--graph SC --channels 0:5 --components 3 | --components: a --graph fit uses the channels themselves (--channels), not SVD components; drop --components 3",
        "--graph SC --channels 0:80              | --channels: 0:80 runs past the end of the recording (70 channels)",
        "--graph SC --channels 5:2               | --channels: must be START:END with whole channel numbers 0 <= START < END, got '5:2'"})
    void fitRefuses(String options, String message) {
        String g3 = dir.resolve("g3.csv").toString();
        List<String> opts = new ArrayList<>();
        for (String o : options.trim().split("\\s+")) {
            opts.add(o.equals("SC") ? SC : o.equals("G3") ? g3 : o);
        }
        assertRefused(fit(opts), message.replace("G3", g3));
    }

    @Test
    void fixOutsideAParametersBoundsIsRefused() {
        // omega > 0: the line names the option, the parameter, the value and its bounds
        String err = CliHarness.refusal(CliHarness.run(fit(List.of("--model", "classic", "--fix", "omega=-1", "--window", "0:60",
                "--components", "3")).toArray(new String[0])));
        assertTrue(err.startsWith("vdpnet: error: --fix: omega[c1]: "), err);
        assertTrue(err.endsWith("must be finite and > 0, got -1.0"), "names the value and what is allowed: " + err);
        assertFalse(Files.exists(dir.resolve("out")), "no output folder is left behind");
    }

    @ParameterizedTest(name = "simulate --from-fit {0}")
    @CsvSource(delimiter = '|', value = {
        // the fit file in dir | further options | the message (FILE: the fit file's path)
        "missing.json       |                     | --from-fit: FILE: file not found",
        "notjson.json       |                     | --from-fit: FILE is not valid JSON (line 1)",
        "nomodel.json       |                     | --from-fit: FILE holds no fitted network (no 'model' section); expected the fit.json that 'vdpnet fit' writes",
        "stringweight.json  |                     | --from-fit: FILE: model.edges.weight[1]: must be a number, got \"heavy\"",
        "mini.json          | --connectome SC     | --connectome: the network comes from --from-fit FILE; drop --connectome or --from-fit",
        "mini.json          | --nodes 5           | --nodes: the network comes from --from-fit FILE; drop --nodes or --from-fit",
        "mini.json          | --topology ring     | --topology: the network comes from --from-fit FILE; drop --topology or --from-fit",
        "mini.json          | --model vdp         | --model: the network comes from --from-fit FILE; drop --model or --from-fit",
        "mini.json          | --strength 0.5      | --strength: the network comes from --from-fit FILE; drop --strength or --from-fit",
        "mini.json          | --coupling-variable y | --coupling-variable: the network comes from --from-fit FILE; drop --coupling-variable or --from-fit",
        "mini.json          | --init 0.1,0.2      | --init: the network comes from --from-fit FILE; drop --init or --from-fit"})
    void simulateFromFitRefuses(String file, String options, String message) {
        String fit = dir.resolve(file).toString();
        List<String> a = new ArrayList<>(List.of("simulate", "--quiet", "--t-end", "5", "--out", dir.resolve("out").toString(), "--from-fit", fit));
        if (options != null) {
            for (String o : options.trim().split("\\s+")) {
                a.add(o.equals("SC") ? SC : o);
            }
        }
        assertRefused(a, message.replace("FILE", fit));
    }

    @Test
    void theHandWrittenFitRuns() {
        // the file the refusals above break runs as it is: each refusal is about its one change
        Path out = dir.resolve("out");
        CliHarness.Outcome o = CliHarness.run("simulate", "--quiet", "--t-end", "5", "--from-fit", dir.resolve("mini.json").toString(),
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(out.resolve("trajectory.csv")));
    }

    private List<String> fit(List<String> options) {
        List<String> a = new ArrayList<>(List.of("fit", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1", "--quiet",
                "--out", dir.resolve("out").toString()));
        a.addAll(options);
        return a;
    }

    private void assertRefused(List<String> args, String message) {
        OptionCorpusTest.assertRefused(args, dir.resolve("out"), message);
    }
}
