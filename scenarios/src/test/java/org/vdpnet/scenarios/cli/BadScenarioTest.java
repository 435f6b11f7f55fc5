package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-scenario corpus (src/test/resources/bad-scenarios): each file gets exit code 2
 * and exactly the one line listed in expected.txt (the YAML path and line, the value and what is
 * allowed), no stack trace, and no output folder.
 */
class BadScenarioTest {
    private static final Path DIR = Path.of("src", "test", "resources", "bad-scenarios");

    @TempDir
    Path tmp;

    static Stream<Arguments> corpus() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("expected.txt"), StandardCharsets.UTF_8);
        assertTrue(lines.size() >= 30, "the corpus has at least 30 files, got " + lines.size());
        return lines.stream().map(l -> {
            int bar = l.indexOf('|');
            return Arguments.of(l.substring(0, bar), l.substring(bar + 1));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void malformedScenarioGetsOneLine(String file, String expected) {
        Path scenario = DIR.resolve(file);
        Path out = tmp.resolve("out");
        CliHarness.Outcome o = CliHarness.run("run", scenario.toString(), "--out", out.toString(), "--quiet");
        assertEquals(2, o.code(), o.err());
        String dir = DIR.toAbsolutePath().normalize().toString();
        assertEquals(expected.replace("DIR", dir), o.err().strip());
        assertEquals(1, o.err().strip().lines().count(), "one line, no stack trace");
        assertFalse(Files.exists(out), "no output folder");
        CliHarness.Outcome dry = CliHarness.run("run", "--dry-run", scenario.toString());
        assertEquals(2, dry.code());
    }

    @org.junit.jupiter.api.Test
    void everyFileInTheCorpusHasAnExpectation() throws IOException {
        List<String> expected = Files.readAllLines(DIR.resolve("expected.txt")).stream().map(l -> l.substring(0, l.indexOf('|'))).toList();
        try (Stream<Path> s = Files.list(DIR)) {
            List<String> files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
            assertEquals(files, expected.stream().sorted().toList());
        }
    }
}
