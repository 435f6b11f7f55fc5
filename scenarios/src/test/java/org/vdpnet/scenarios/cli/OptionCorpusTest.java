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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Option values each command refuses the same way: exit 2, one line that names the option, the
 * value and what is allowed, no exception or Java class name, and no output folder. One option
 * has one rule wherever it appears ({@code --threads}, {@code --rate}, frame ranges, {@code --horizon}).
 */
class OptionCorpusTest {
    static final String FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toString();

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // command | options after the recording | the message, after "vdpnet: error: "
        "fit      | --threads 0                         | --threads: must be >= 1, got 0",
        "fit      | --threads -3                        | --threads: must be >= 1, got -3",
        "fit      | --window 0.5:60.5                   | --window: frame numbers must be whole, got '0.5:60.5'",
        "fit      | --window 0:60.5                     | --window: frame numbers must be whole, got '0:60.5'",
        "fit      | --window 10:5                       | --window: must be START:END with whole frame numbers 0 <= START < END, got '10:5'",
        "fit      | --window abc                        | --window: must be START:END with whole frame numbers 0 <= START < END, got 'abc'",
        "fit      | --window 0:NaN                      | --window: must be START:END with whole frame numbers 0 <= START < END, got '0:NaN'",
        "fit      | --window -5:10                      | --window: must be START:END with whole frame numbers 0 <= START < END, got '-5:10'",
        "fit      | --window 0:1e12                     | --window: frame numbers must be whole, got '0:1e12'",
        "fit      | --window 5d:10f                     | --window: must be START:END with whole frame numbers 0 <= START < END, got '5d:10f'",
        "fit      | --window 0x1p3:0x1p4                | --window: must be START:END with whole frame numbers 0 <= START < END, got '0x1p3:0x1p4'",
        "fit      | --window 1e2:2e2                    | --window: frame numbers must be whole, got '1e2:2e2'",
        "fit      | --window -0:5                       | --window: must be START:END with whole frame numbers 0 <= START < END, got '-0:5'",
        "fit      | --window 0:99999999999              | --window: frame numbers must be whole, got '0:99999999999'",
        "fit      | --windows 50 --stride 0             | --stride: must be >= 1, got 0",
        "forecast | --stride 0                          | --stride: must be >= 1, got 0",
        "forecast | --test-end 100                      | --test-end: must be in (300, 892], got 100",
        "forecast | --synthetic-factor 1001             | --synthetic-factor: must be in [1, 1000], got 1001",
        "forecast | --epochs 100001                     | --epochs: must be in [1, 100000], got 100001",
        "forecast | --pretrain-epochs 100001            | --pretrain-epochs: must be in [1, 100000], got 100001",
        "forecast | --hidden 4097                       | --hidden: must be in [1, 4096], got 4097",
        "forecast | --batch-size 65537                  | --batch-size: must be in [1, 65536], got 65537",
        "forecast | --fit-window 10000001               | --fit-window: must be in [10, 10000000], got 10000001",
        "forecast | --bootstrap-block 10000001          | --bootstrap-block: must be in [1, 10000000], got 10000001",
        "evaluate | --origins 100001                    | --origins: must be in [1, 100000], got 100001",
        "evaluate | --seeds 1001                        | --seeds: must be in [1, 1000], got 1001",
        "evaluate | --test-end 5000                     | --test-end: must be in (320, 892], got 5000",
        "fit      | --rate NaN                          | --rate: must be finite and > 0, got NaN",
        "fit      | --rate -1                           | --rate: must be finite and > 0, got -1.0",
        "fit      | --rate Infinity                     | --rate: must be finite and > 0, got Infinity",
        "forecast | --train 0.5:100                     | --train: frame numbers must be whole, got '0.5:100'",
        "forecast | --train 0:100.5                     | --train: frame numbers must be whole, got '0:100.5'",
        "forecast | --train 300                         | --train: must be START:END with whole frame numbers 0 <= START < END, got '300'",
        "forecast | --train 0:300:5                     | --train: must be START:END with whole frame numbers 0 <= START < END, got '0:300:5'",
        "forecast | --train 0:2000                      | --train: 0:2000 runs past the end of the recording (892 frames)",
        "forecast | --horizon 2147483647                | --horizon: must be at most 100000 frames, got 2147483647",
        "forecast | --horizon 0                         | --horizon: must be >= 1, got 0",
        "forecast | --horizon 5000                      | --horizon: must be < the recording's 892 frames, got 5000",
        "forecast | --rate NaN                          | --rate: must be finite and > 0, got NaN",
        "evaluate | --horizon 2147483647                | --horizon: must be at most 100000 frames, got 2147483647",
        "evaluate | --horizon -1                        | --horizon: must be >= 1, got -1",
        "evaluate | --horizon 892                       | --horizon: must be < the recording's 892 frames, got 892",
        "evaluate | --rate NaN                          | --rate: must be finite and > 0, got NaN",
        "evaluate | --rate 0                            | --rate: must be finite and > 0, got 0.0"})
    void recordingCommands(String command, String options, String message) {
        Path out = dir.resolve("out");
        List<String> a = new ArrayList<>(List.of(command, "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1", "--quiet",
                "--out", out.toString()));
        if (command.equals("forecast") && !options.contains("--train")) {
            a.addAll(List.of("--train", "0:300"));
        }
        a.addAll(List.of(options.trim().split("\\s+")));
        assertRefused(a, out, message);
    }

    @ParameterizedTest(name = "run {0}")
    @CsvSource(delimiter = '|', value = {
        "--threads 0   | --threads: must be >= 1, got 0",
        "--threads -2  | --threads: must be >= 1, got -2",
        "--ignore-changed-inputs | --ignore-changed-inputs: only applies with --from-provenance"})
    void runOptions(String options, String message) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "name: s\nseed: 1\nnetwork:\n  topology: {type: ring, nodes: 4}\ntime: {t-end: 1}\n");
        Path out = dir.resolve("out");
        List<String> a = new ArrayList<>(List.of("run", f.toString(), "--quiet", "--out", out.toString()));
        a.addAll(List.of(options.trim().split("\\s+")));
        assertRefused(a, out, message);
    }

    @ParameterizedTest(name = "simulate {0}")
    @CsvSource(delimiter = '|', value = {
        "--nodes 10001              | --nodes: must be an integer in [1, 10000], got 10001",
        "--t-end 1e7                | --t-end: must be at most 1e6, got 1.0E7",
        "--t-end 100 --period 1e-9  | --period: --t-end 100.0 / --period 1.0E-9 gives 1.00e+11 samples; at most 1e7 are kept"})
    void simulateOptions(String options, String message) {
        Path out = dir.resolve("out");
        List<String> a = new ArrayList<>(List.of("simulate", "--quiet", "--out", out.toString()));
        a.addAll(List.of(options.trim().split("\\s+")));
        assertRefused(a, out, message);
    }

    /** Exit 2 and exactly {@code "vdpnet: error: " + message}, one line, nothing internal in it, no output folder. */
    static void assertRefused(List<String> args, Path out, String message) {
        String err = CliHarness.refusal(CliHarness.run(args.toArray(new String[0])));
        if (message != null) {
            assertEquals("vdpnet: error: " + message, err);
        }
        assertFalse(Files.exists(out), "no output folder is left behind");
    }
}
