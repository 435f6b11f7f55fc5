package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every user mistake gets exit code 2 and exactly one line naming the option or file, the value
 * and what is allowed; no stack trace and no output folder.
 */
class BadInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative mu        | --mu -1                       | vdpnet: error: --mu: must be finite and >= 0, got -1",
        "NaN strength       | --strength NaN                | vdpnet: error: --strength: must be finite and >= 0, got NaN",
        "infinite omega     | --omega Infinity              | vdpnet: error: --omega: must be finite and > 0, got Infinity",
        "negative noise     | --noise -0.1                  | vdpnet: error: --noise: must be finite and >= 0, got -0.1",
        "zero t-end         | --t-end 0                     | vdpnet: error: --t-end: must be finite and > 0, got 0",
        "negative t-end     | --t-end -5                    | vdpnet: error: --t-end: must be finite and > 0, got -5",
        "zero rtol          | --rtol 0                      | vdpnet: error: --rtol: must be finite and > 0, got 0",
        "negative atol      | --atol -1e-9                  | vdpnet: error: --atol: must be finite and > 0, got -1.0E-9",
        "zero dt            | --integrator rk4 --dt 0       | vdpnet: error: --dt: must be finite and > 0, got 0",
        "unknown topology   | --topology smallworld         | vdpnet: error: --topology: must be one of ring, lattice, complete, erdos-renyi, watts-strogatz, barabasi-albert, got 'smallworld'",
        "unknown integrator | --integrator rk45             | vdpnet: error: --integrator: must be one of dop853, dopri5, rk4, euler, euler-maruyama, heun, got 'rk45'; did you mean 'rk4'?",
        "unknown coupling   | --coupling kuramoto           | vdpnet: error: --coupling: must be one of linear, diffusive, sigmoidal, got 'kuramoto'",
        "zero nodes         | --nodes 0                     | vdpnet: error: --nodes: must be an integer in [1, 50000000], got 0",
        "odd k              | --k 3                         | vdpnet: error: --k: must be even, >= 2 and < nodes (12), got 3",
        "p above one        | --p 1.5                       | vdpnet: error: --p: must be in [0, 1], got 1.5",
        "not a number       | --mu abc                      | vdpnet: error: Invalid value for option '--mu': 'abc' is not a double (see 'vdpnet simulate --help')",
        "unknown option     | --mu 1 --frobnicate           | vdpnet: error: Unknown option: '--frobnicate' (see 'vdpnet simulate --help')",
        "noise without SDE  | --noise 0.1 --integrator rk4  | vdpnet: error: --integrator: noise (noise.kind additive) needs euler-maruyama or heun, got rk4",
        "bad init           | --init 1;2                    | vdpnet: error: --init: must be 'random' or 'X0,Y0', got '1;2'"})
    void badOptions(String what, String options, String message) {
        Path out = dir.resolve("out");
        List<String> a = new ArrayList<>(List.of("simulate", "--quiet", "--nodes", "12", "--t-end", "5", "--out", out.toString()));
        a.addAll(List.of(options.trim().split("\\s+")));
        assertOneLineError(a, out, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing file     | -                          | --connectome: file not found: FILE",
        "empty graph      | ''                         | --connectome: FILE: the graph is empty (no rows); need a square weight matrix",
        "non-square       | 0 1 0\\n1 0 1\\n           | --connectome: FILE: matrix must be square 2x2, but row 1 has 3 values",
        "ragged           | 0 1 0\\n1 0\\n0 1 0\\n     | --connectome: FILE: matrix must be square 3x3, but row 2 has 2 values",
        "matrix with NaN  | 0 1\\nnan 0\\n             | --connectome: FILE: entry (2, 1) must be finite, got NaN"})
    void badConnectomes(String what, String content, String message) throws IOException {
        Path file = dir.resolve("w.txt");
        if (!content.equals("-")) {
            Files.writeString(file, content.replace("\\n", "\n"), StandardCharsets.UTF_8);
        }
        Path out = dir.resolve("out");
        List<String> a = List.of("simulate", "--quiet", "--connectome", file.toString(), "--out", out.toString());
        assertOneLineError(a, out, "vdpnet: error: " + message.replace("FILE", file.toString()));
    }

    private static void assertOneLineError(List<String> args, Path out, String message) {
        CliHarness.Outcome o = CliHarness.run(args.toArray(new String[0]));
        assertEquals(2, o.code(), o.err());
        assertEquals(message, o.err().strip());
        assertEquals(1, o.err().strip().lines().count(), "one line, no stack trace");
        assertFalse(Files.exists(out), "no output folder is left behind");
    }
}
