package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    private static final String FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv").toString();

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void scoresInChannelSpaceWhenAsked() throws IOException {
        Path out = dir.resolve("ev");
        CliHarness.Outcome o = CliHarness.run("evaluate", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1", "--components", "3",
                "--train-sizes", "60,100", "--horizon", "5", "--window", "10", "--origins", "5", "--models", "lstm,var,persistence,climatology",
                "--epochs", "2", "--channel-space", "--out", out.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("model,train_size,horizon,rmse,rmse_ci_low,rmse_ci_high,mae,nrmse,mase,smape,path_r,origins,seeds,failed_origins,fallbacks,"
                + "forecasts,status,note,crps,coverage90,ensemble,ensemble_size", summary.get(0));
        assertEquals(1 + 4 * 2 * 5, summary.size(), "4 models x 2 sizes x 5 horizons");
        // channel space: 67 live channels per forecast frame
        List<String> rows = Files.readAllLines(out.resolve("evaluation.csv"));
        assertEquals(1 + 4 * 2 * 5 * 5 * 67, rows.size());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("channel space"));
        // the settings are readable and the command is not doubled
        assertFalse(report.contains("[D@"), "a raw Java array in the report");
        assertTrue(report.contains("Command: `vdpnet evaluate --recording"), report);
        assertFalse(report.contains("evaluate evaluate"));
        assertTrue(report.contains("Holm"), report);
        assertTrue(Files.readAllLines(out.resolve("comparisons.csv")).size() > 1);
    }

    @Test
    void aTrainingSizeTooSmallIsRefused() {
        CliHarness.Outcome o = CliHarness.run("evaluate", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--train-sizes", "30,100", "--out", dir.resolve("x").toString());
        assertEquals(2, o.code());
        assertEquals("vdpnet: error: --train-sizes: 30 frames are too few for --window/--assimilation 20 and --horizon 20 (need at least 42)",
                o.err().strip());
    }
}
