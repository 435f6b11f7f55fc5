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
    void theEvaluationDoesNotDependOnTheThreadCount() throws IOException {
        List<Path> outs = new java.util.ArrayList<>();
        for (String threads : List.of("1", "3")) {
            Path out = dir.resolve("threads" + threads);
            // every model, two sizes and two seeds: 2 x 2 training sets evaluated one at a time, then three at once
            CliHarness.Outcome o = CliHarness.run("evaluate", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                    "--components", "2", "--train-sizes", "60,90", "--horizon", "4", "--window", "8", "--assimilation", "8", "--origins", "4",
                    "--seeds", "2", "--epochs", "2", "--pretrain-epochs", "1", "--synthetic-factor", "1", "--residual-folds", "1", "--hidden", "4",
                    "--fold-frames", "20", "--threads", threads, "--out", out.toString(), "--quiet");
            assertEquals(0, o.code(), o.err());
            outs.add(out);
        }
        for (String f : List.of("evaluation.csv", "summary.csv", "comparisons.csv")) {
            assertEquals(Files.readAllLines(outs.get(0).resolve(f)), Files.readAllLines(outs.get(1).resolve(f)), f);
        }
        assertEquals(1 + 9 * 2 * 4, Files.readAllLines(outs.get(0).resolve("summary.csv")).size(), "9 models x 2 sizes x 4 horizons");
        assertTrue(Files.readString(outs.get(1).resolve("provenance.json")).contains("local(threads=3)"));
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
