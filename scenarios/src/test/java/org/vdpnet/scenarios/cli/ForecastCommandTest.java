package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForecastCommandTest {
    private static final String FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toString();

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void trainsAndForecastsTheBundledRecordingEndToEnd() throws IOException {
        Path out = dir.resolve("fc");
        CliHarness.Outcome o = CliHarness.run("forecast", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--components", "3", "--train", "0:120", "--test-end", "150", "--horizon", "5", "--window", "10", "--epochs", "3",
                "--pretrain-epochs", "1", "--synthetic-factor", "2", "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("model,horizon,rmse", metrics.get(0));
        // persistence and the five models, 5 horizons each
        assertEquals(1 + 6 * 5, metrics.size());
        List<String> rows = Files.readAllLines(out.resolve("forecasts.csv"));
        // origins 119..144 (the last observed frame; 5 frames ahead must stay before 150): 26 origins x 5 horizons x 3 components
        assertEquals(1 + 6 * 26 * 5 * 3, rows.size());
        assertEquals("model,origin,status,horizon,component,forecast,truth", rows.get(0));
        assertTrue(rows.get(1).startsWith("persistence,119,OK,1,c1,"), rows.get(1));
        for (String f : List.of("forecast.png", "provenance.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String prov = Files.readString(out.resolve("provenance.json"));
        assertTrue(prov.contains("\"hidden\" : 32") && prov.contains("\"seed\" : 1"), prov);

        // a saved model forecasts the same values when loaded back, without training
        for (String model : List.of("vdp", "residual", "pretrained")) {
            Path again = dir.resolve("load-" + model);
            CliHarness.Outcome l = CliHarness.run("forecast", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                    "--components", "3", "--train", "0:120", "--test-end", "150", "--horizon", "5",
                    "--load", out.resolve("models").resolve(model + ".zip").toString(), "--out", again.toString(), "--quiet");
            assertEquals(0, l.code(), l.err());
            List<String> original = rows.stream().filter(r -> r.startsWith(model + ",")).toList();
            List<String> reloaded = Files.readAllLines(again.resolve("forecasts.csv")).stream().filter(r -> r.startsWith(model + ",")).toList();
            assertEquals(26 * 5 * 3, original.size());
            assertEquals(original, reloaded, model);
        }
        CliHarness.Outcome wrong = CliHarness.run("forecast", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--components", "4", "--train", "0:120", "--test-end", "150", "--horizon", "5",
                "--load", out.resolve("models").resolve("lstm.zip").toString(), "--out", dir.resolve("wrong").toString());
        assertEquals(2, wrong.code());
        assertEquals("vdpnet: error: --load: " + out.resolve("models").resolve("lstm.zip") + " forecasts 3 components, but --components is 4",
                wrong.err().strip());
    }

    @Test
    void aFileThatIsNotAModelIsRefused() {
        CliHarness.Outcome o = CliHarness.run("forecast", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--train", "0:300", "--load", FISH, "--out", dir.resolve("x").toString());
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().strip().startsWith("vdpnet: error: --load: " + FISH + " is not a vdpnet model"), o.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--horizon|0|--horizon: must be >= 1, got 0",
        "--train|0:20|--train: 20 frames are too short for --window/--assimilation 20 and --horizon 20 (need at least 42)",
        "--train|0:5000|--train: 0:5000 runs past the end of the recording (892 frames)",
        "--models|vdp,arima|--models: unknown model 'arima'; allowed: vdp, lstm, residual, pretrained, noise-aug"})
    void badInputGetsExitTwoAndOneLine(String option, String value, String message) {
        String train = option.equals("--train") ? value : "0:300";
        List<String> args = new java.util.ArrayList<>(List.of("forecast", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--train", train, "--out", dir.resolve("bad").toString()));
        if (!option.equals("--train")) {
            args.add(option);
            args.add(value);
        }
        CliHarness.Outcome o = CliHarness.run(args.toArray(new String[0]));
        assertEquals(2, o.code(), o.err());
        assertEquals("vdpnet: error: " + message, o.err().strip());
    }
}
