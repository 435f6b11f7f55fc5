package org.vdpnet.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vdpnet.scenarios.forecast.ForecastOutput;
import org.vdpnet.sim.forecast.Forecast;

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
        assertEquals("model,horizon,rmse,origins,fallbacks,failed,status,note", metrics.get(0));
        // persistence and the five models (skipped ones included), 5 horizons each
        assertEquals(1 + 6 * 5, metrics.size());
        assertTrue(metrics.get(1).startsWith("persistence,1,"), metrics.get(1));
        assertTrue(metrics.get(1).endsWith(",26,0,0,ok,"), metrics.get(1));
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
    void aModelThatFallsBackOrIsSkippedIsFlaggedAndKeepsItsRows() throws IOException {
        // fitted to frames 100-109 only, without the bounds and the free-run check that keep vdp's fits runnable and with the window
        // state fit, the vdp network diverges (measured: from all 26 origins): vdp holds the last observation at (nearly) every origin
        // and pretrained has no synthetic pre-training set, so it is skipped
        Path out = dir.resolve("fb");
        CliHarness.Outcome o = CliHarness.run("forecast", "--recording", FISH, "--layout", "channels-by-time", "--rate", "1.1",
                "--components", "3", "--train", "0:110", "--test-end", "140", "--horizon", "5", "--window", "10", "--epochs", "1",
                "--pretrain-epochs", "1", "--synthetic-factor", "2", "--fit-window", "10", "--models", "vdp,lstm,pretrained", "--vdp-state", "window",
                "--vdp-a1-min", "-Infinity", "--vdp-a2-min", "-Infinity", "--free-run", "0", "--synthetic-source", "final", "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String vdpLine = line(o.out(), "vdp ");
        assertTrue(vdpLine.matches(".*  MOSTLY FALLBACKS; \\d+/26 fallbacks$"), vdpLine);
        assertTrue(line(o.out(), "lstm ").matches("lstm( +\\d+\\.\\d{3}){4}"), o.out());
        String skipLine = line(o.out(), "pretrained ");
        assertTrue(skipLine.matches("pretrained +- +- +- +-  SKIPPED: .+"), skipLine);
        assertTrue(o.err().contains("vdpnet: warning: pretrained skipped: "), o.err());

        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("model,horizon,rmse,origins,fallbacks,failed,status,note", metrics.get(0));
        // persistence, vdp, lstm and the skipped pretrained, 5 horizons each
        assertEquals(1 + 4 * 5, metrics.size());
        List<String[]> vdp = metrics.stream().filter(r -> r.startsWith("vdp,")).map(r -> r.split(",", -1)).toList();
        List<String[]> persistence = metrics.stream().filter(r -> r.startsWith("persistence,")).map(r -> r.split(",", -1)).toList();
        assertEquals(5, vdp.size());
        for (int h = 0; h < 5; h++) {
            String[] v = vdp.get(h);
            assertEquals(String.valueOf(h + 1), v[1]);
            assertEquals("26", v[3]);
            int fallbacks = Integer.parseInt(v[4]);
            assertTrue(fallbacks > 13, String.join(",", v));
            assertEquals("0", v[5]);
            assertEquals("mostly-fallbacks", v[6]);
            if (fallbacks == 26) { // the held last observation is persistence's forecast
                assertEquals(persistence.get(h)[2], v[2]);
            }
        }
        List<String> skipped = metrics.stream().filter(r -> r.startsWith("pretrained,")).toList();
        assertEquals(5, skipped.size());
        for (int h = 0; h < 5; h++) {
            assertTrue(skipped.get(h).startsWith("pretrained," + (h + 1) + ",NaN,0,0,0,skipped,\"every fitted van der Pol network (the final fit) diverges"),
                    skipped.get(h));
        }
        // forecasts.csv keeps the skipped model's rows too, marked SKIPPED with NaN forecasts
        List<String> rows = Files.readAllLines(out.resolve("forecasts.csv"));
        assertEquals(1 + 4 * 26 * 5 * 3, rows.size());
        List<String> pre = rows.stream().filter(r -> r.startsWith("pretrained,")).toList();
        assertEquals(26 * 5 * 3, pre.size());
        assertTrue(pre.stream().allMatch(r -> r.split(",")[2].equals("SKIPPED") && r.split(",")[5].equals("NaN")), pre.get(0));
        assertTrue(rows.stream().filter(r -> r.startsWith("vdp,")).filter(r -> r.split(",")[2].equals("FALLBACK")).count() > 13 * 5 * 3);
        String prov = Files.readString(out.resolve("provenance.json"));
        assertTrue(prov.contains("\"status\" : \"mostly-fallbacks\"") && prov.contains("\"status\" : \"skipped\""), prov);
    }

    /**
     * The estimator and the flags on hand-made forecasts (2 horizons, 2 components, 4 origins; the truth is 0 except where
     * it is missing): the rmse at a horizon is the mean over the usable origins of each forecast's RMSE over components.
     */
    @Test
    void metricsAndTableUseTheEvaluationEstimatorAndFlagEveryStatus() throws IOException {
        double n = Double.NaN;
        double[][][] truth = {
            {{0, 0}, {0, 0}},
            {{n, n}, {0, 0}}, // origin 1: no truth at horizon 1, so it is left out there
            {{0, 0}, {n, 0}}, // origin 2: component 1 missing at horizon 2, so that forecast's RMSE is over component 2 only
            {{0, 0}, {0, 0}}};
        double[][] failed = {{n, n}, {n, n}};
        Map<String, double[][][]> f = new LinkedHashMap<>();
        Map<String, Forecast.Status[]> st = new LinkedHashMap<>();
        Forecast.Status ok = Forecast.Status.OK;
        Forecast.Status fb = Forecast.Status.FALLBACK;
        Forecast.Status fl = Forecast.Status.FAILED;
        f.put("persistence", new double[][][] {{{0, 0}, {0, 0}}, {{0, 0}, {0, 0}}, {{0, 0}, {0, 0}}, {{0, 0}, {0, 0}}});
        st.put("persistence", new Forecast.Status[] {ok, ok, ok, ok});
        f.put("vdp", new double[][][] {{{1, 1}, {1, 1}}, {{1, 1}, {1, 1}}, {{1, 1}, {1, 1}}, {{1, 1}, {1, 1}}});
        st.put("vdp", new Forecast.Status[] {fb, fb, fb, ok});
        f.put("lstm", new double[][][] {failed, {{7, 7}, {2, 2}}, {{3, 4}, {9, 6}}, {{1, 1}, {0, 0}}});
        st.put("lstm", new Forecast.Status[] {fl, ok, ok, ok});
        f.put("residual", new double[][][] {failed, failed, failed, {{3, 4}, {3, 4}}});
        st.put("residual", new Forecast.Status[] {fl, fl, fl, ok});
        ForecastOutput.Result r = new ForecastOutput.Result(List.of(10, 11, 12, 13), 2, List.of("persistence", "vdp", "lstm", "residual", "pretrained"),
                f, st, Map.of("pretrained", "no pre-training set, none at all"), truth);

        // lstm, horizon 1: origin 0 failed, origin 1 has no truth; origins 2 and 3 give sqrt((9 + 16) / 2) and 1
        double lstm1 = (Math.sqrt(12.5) + 1) / 2; // 2.2678 (the pooled RMSE would be sqrt(27 / 4) = 2.598)
        // lstm, horizon 2: origins 1, 2 (component 2 only) and 3 give 2, 6 and 0
        double lstm2 = 8.0 / 3;
        Path metrics = dir.resolve("metrics.csv");
        ForecastOutput.writeMetrics(r, metrics);
        List<String> lines = Files.readAllLines(metrics);
        assertEquals(List.of("model,horizon,rmse,origins,fallbacks,failed,status,note",
                "persistence,1,0.0,3,0,0,ok,",
                "persistence,2,0.0,4,0,0,ok,",
                "vdp,1,1.0,3,3,0,mostly-fallbacks,",
                "vdp,2,1.0,4,3,0,mostly-fallbacks,",
                "lstm,1," + lstm1 + ",2,0,1,ok,",
                "lstm,2," + lstm2 + ",3,0,1,ok,",
                "residual,1," + Math.sqrt(12.5) + ",1,0,3,mostly-failed,",
                "residual,2," + Math.sqrt(12.5) + ",1,0,3,mostly-failed,",
                "pretrained,1,NaN,0,0,0,skipped,\"no pre-training set, none at all\"",
                "pretrained,2,NaN,0,0,0,skipped,\"no pre-training set, none at all\""), lines);
        assertEquals(2.2678, lstm1, 1e-4);

        String[] table = ForecastOutput.table(r).split("\\R");
        assertEquals(6, table.length, String.join("\n", table));
        assertArrayEquals(new String[] {"RMSE", "h=1", "h=2", "h=2", "mean", "flags"}, table[0].split("\\s+"));
        assertArrayEquals(new String[] {"persistence", "0.000", "0.000", "0.000", "0.000"}, table[1].split("\\s+"));
        assertArrayEquals(new String[] {"vdp", "1.000", "1.000", "1.000", "1.000", "MOSTLY FALLBACKS; 3/4 fallbacks"}, table[2].split("\\s+", 6));
        // mean over horizons (2.2678 + 2.6667) / 2 = 2.4672
        assertArrayEquals(new String[] {"lstm", "2.268", "2.667", "2.667", "2.467", "1 failed origin(s) left out"}, table[3].split("\\s+", 6));
        assertArrayEquals(new String[] {"residual", "3.536", "3.536", "3.536", "3.536", "MOSTLY FAILED; 3 failed origin(s) left out"},
                table[4].split("\\s+", 6));
        assertArrayEquals(new String[] {"pretrained", "-", "-", "-", "-", "SKIPPED: no pre-training set, none at all"}, table[5].split("\\s+", 6));
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + text));
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
        "--models|vdp,arima|--models: unknown model 'arima'; allowed: vdp, lstm, residual, pretrained, noise-aug",
        "--vdp-state|kalman|--vdp-state: must be enkf or window, got 'kalman'",
        "--filter-members|1|--filter-members: must be in [2, 10000], got 1",
        "--filter-inflation|0.9|--filter-inflation: must be in [1, 10), got 0.9",
        "--filter-spread|0|--filter-spread: must be finite and > 0, got 0.0",
        "--filter-process-noise|-1|--filter-process-noise: must be finite and >= 0, got -1.0",
        "--vdp-a1-min|2|--vdp-a1-min: must be <= 1 (the fits start at a1 = 1), or -Infinity for none, got 2.0",
        "--vdp-a2-min|NaN|--vdp-a2-min: must be <= 1 (the fits start at a2 = 1), or -Infinity for none, got NaN",
        "--residual-folds|0|--residual-folds: must be in [1, 1000], got 0",
        "--synthetic-source|all|--synthetic-source: must be folds or final, got 'all'",
        "--jitter|-0.1|--jitter: must be in [0, 10), got -0.1"})
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
