package org.vdpnet.scenarios.forecast;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vdpnet.scenarios.Plots;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.forecast.Training;
import org.vdpnet.sim.io.AtomicFiles;
import org.vdpnet.validation.Backtest;
import org.vdpnet.validation.Baselines;
import org.vdpnet.validation.Metrics;

/**
 * Runs trained forecasters over the test origins and writes what they forecast and how well.
 *
 * <p>The {@code rmse} here is the estimator of {@code vdpnet evaluate}'s summary: at each horizon,
 * the mean over origins of each forecast's RMSE over components
 * ({@link Metrics#rmsePerOrigin}, which skips missing truth). Origins where the model
 * {@link Forecast.Status#FAILED failed} are left out (and counted), as are origins whose truth is
 * missing in every component at that horizon; {@link Forecast.Status#FALLBACK fallbacks} (the
 * model diverged and held the last observation) are scored, but counted and flagged, so that a
 * model that mostly fell back is not mistaken for one that forecast like persistence. A model
 * that could not be trained keeps its rows, marked {@code skipped} with the reason.
 */
public final class ForecastOutput {
    private ForecastOutput() {}

    /** Status of a model's rows: its own forecasts at most origins. */
    public static final String OK = "ok";
    /** Status of a model's rows: more than half of its origins are fallbacks. */
    public static final String MOSTLY_FALLBACKS = "mostly-fallbacks";
    /** Status of a model's rows: more than half of its origins failed (and are left out). */
    public static final String MOSTLY_FAILED = "mostly-failed";
    /** Status of a model's rows: it was not trained; the numbers are NaN and the note says why. */
    public static final String SKIPPED = "skipped";

    /**
     * Forecasts from every origin.
     *
     * @param origins   the last observed frame of each forecast (recording frame numbers)
     * @param horizon   frames ahead
     * @param models    every model in the order of the outputs: {@code persistence} first, then the requested models, skipped ones included
     * @param forecasts model → [origin][horizon][component] (NaN where it failed), for every model that was not skipped
     * @param status    model → each origin's status, for every model that was not skipped
     * @param skipped   model → why it was not trained
     * @param truth     [origin][horizon][component] (NaN where the recording is missing)
     */
    public record Result(List<Integer> origins, int horizon, List<String> models, Map<String, double[][][]> forecasts,
                         Map<String, Forecast.Status[]> status, Map<String, String> skipped, double[][][] truth) {
        public Result {
            origins = List.copyOf(origins);
            models = List.copyOf(models);
            forecasts = Collections.unmodifiableMap(new LinkedHashMap<>(forecasts));
            status = Collections.unmodifiableMap(new LinkedHashMap<>(status));
            skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
            for (String m : models) {
                boolean has = forecasts.containsKey(m) && status.containsKey(m);
                if (has == skipped.containsKey(m)) {
                    throw new IllegalArgumentException("result: model " + m + " must have either forecasts and statuses or a skip reason");
                }
                if (has && (forecasts.get(m).length != origins.size() || status.get(m).length != origins.size())) {
                    throw new IllegalArgumentException("result: model " + m + " has " + forecasts.get(m).length + " forecasts and "
                            + status.get(m).length + " statuses for " + origins.size() + " origins");
                }
            }
            if (truth.length != origins.size()) {
                throw new IllegalArgumentException("result: " + truth.length + " true paths for " + origins.size() + " origins");
            }
        }

        /** Origins with this status for a model (0 for a skipped model). */
        public int count(String model, Forecast.Status s) {
            Forecast.Status[] st = status.get(model);
            return st == null ? 0 : (int) Arrays.stream(st).filter(x -> x == s).count();
        }

        /** Whether the model was not trained. */
        public boolean isSkipped(String model) {
            return skipped.containsKey(model);
        }

        /** The models that forecast (every model but the skipped ones), in order. */
        public List<String> forecasting() {
            return models.stream().filter(m -> !skipped.containsKey(m)).toList();
        }

        /** {@link #OK}, {@link #MOSTLY_FALLBACKS}, {@link #MOSTLY_FAILED} or {@link #SKIPPED}. */
        public String statusOf(String model) {
            if (isSkipped(model)) {
                return SKIPPED;
            }
            int n = origins.size();
            if (2 * count(model, Forecast.Status.FAILED) > n) {
                return MOSTLY_FAILED;
            }
            return 2 * count(model, Forecast.Status.FALLBACK) > n ? MOSTLY_FALLBACKS : OK;
        }
    }

    /**
     * One row of metrics.csv: a model at a horizon.
     *
     * @param rmse      mean over the used origins of each forecast's RMSE over components (NaN if none is used)
     * @param origins   origins the mean is over: those where the model did not fail and some truth is present
     * @param fallbacks origins where the model fell back (scored)
     * @param failed    origins where the model failed (left out)
     * @param status    {@link #OK}, {@link #MOSTLY_FALLBACKS}, {@link #MOSTLY_FAILED} or {@link #SKIPPED}
     * @param note      why a skipped model was skipped; empty otherwise
     */
    public record Row(String model, int horizon, double rmse, int origins, int fallbacks, int failed, String status, String note) {}

    /**
     * Forecasts from every origin with every trained model (and persistence), each seeing only the
     * frames up to its origin; skipped trainings keep their place with their reason.
     */
    public static Result run(Map<String, Training> trained, ForecastData data, List<Integer> origins, int horizon) {
        double[][] series = data.series();
        int[] rows = data.rows(origins.stream().mapToInt(Integer::intValue).toArray());
        List<String> models = new ArrayList<>();
        Map<String, double[][][]> out = new LinkedHashMap<>();
        Map<String, Forecast.Status[]> status = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<String, Forecaster> all = new LinkedHashMap<>();
        all.put("persistence", Baselines.persistence(data.count(), horizon));
        models.add("persistence");
        trained.forEach((m, t) -> {
            models.add(m);
            if (t.isSkipped()) {
                skipped.put(m, t.skipReason());
            } else {
                all.put(m, t.forecaster().orElseThrow(() -> new IllegalArgumentException("run: " + m + " has no model")));
            }
        });
        for (Map.Entry<String, Forecaster> e : all.entrySet()) {
            List<Forecast> fc = Backtest.run(e.getValue(), series, rows, horizon);
            out.put(e.getKey(), fc.stream().map(Forecast::values).toArray(double[][][]::new));
            status.put(e.getKey(), fc.stream().map(Forecast::status).toArray(Forecast.Status[]::new));
        }
        return new Result(origins, horizon, models, out, status, skipped, Backtest.truth(data.observed(), rows, horizon));
    }

    /** Every model's rows, horizons 1..H, in the result's model order (the estimator is in the class comment). */
    public static List<Row> rows(Result r) {
        List<Row> out = new ArrayList<>();
        for (String model : r.models()) {
            if (r.isSkipped(model)) {
                for (int h = 1; h <= r.horizon(); h++) {
                    out.add(new Row(model, h, Double.NaN, 0, 0, 0, SKIPPED, r.skipped().get(model)));
                }
                continue;
            }
            Forecast.Status[] st = r.status().get(model);
            int[] ok = IntStream.range(0, st.length).filter(i -> st[i] != Forecast.Status.FAILED).toArray();
            int fallbacks = r.count(model, Forecast.Status.FALLBACK);
            int failed = st.length - ok.length;
            String status = r.statusOf(model);
            double[][] per = new double[0][];
            if (ok.length > 0) {
                double[][][] fk = new double[ok.length][][];
                double[][][] yk = new double[ok.length][][];
                for (int k = 0; k < ok.length; k++) {
                    fk[k] = r.forecasts().get(model)[ok[k]];
                    yk[k] = r.truth()[ok[k]];
                }
                per = Metrics.rmsePerOrigin(fk, yk);
            }
            for (int h = 0; h < r.horizon(); h++) {
                double sum = 0;
                int n = 0;
                for (double[] o : per) {
                    if (!Double.isNaN(o[h])) { // every component's truth missing at this origin and horizon
                        sum += o[h];
                        n++;
                    }
                }
                out.add(new Row(model, h + 1, n == 0 ? Double.NaN : sum / n, n, fallbacks, failed, status, ""));
            }
        }
        return out;
    }

    /**
     * {@code model,origin,status,horizon,component,forecast,truth}, one row per value; a skipped
     * model's rows have status {@code SKIPPED} and NaN forecasts.
     */
    public static void writeCsv(Result r, ForecastData data, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,origin,status,horizon,component,forecast,truth\n");
        for (String model : r.models()) {
            double[][][] fc = r.forecasts().get(model);
            for (int i = 0; i < r.origins().size(); i++) {
                String status = fc == null ? "SKIPPED" : r.status().get(model)[i].name();
                for (int h = 0; h < r.horizon(); h++) {
                    double[] y = r.truth()[i][h];
                    for (int c = 0; c < y.length; c++) {
                        sb.append(model).append(',').append(r.origins().get(i)).append(',').append(status).append(',').append(h + 1).append(",c").append(c + 1)
                                .append(',').append(fc == null ? Double.NaN : fc[i][h][c]).append(',').append(y[c]).append('\n');
                    }
                }
            }
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    /**
     * {@code model,horizon,rmse,origins,fallbacks,failed,status,note}: one row per model and
     * horizon ({@link Row}); rmse is the mean over origins of each forecast's RMSE over components.
     */
    public static void writeMetrics(Result r, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,horizon,rmse,origins,fallbacks,failed,status,note\n");
        for (Row row : rows(r)) {
            sb.append(row.model()).append(',').append(row.horizon()).append(',').append(row.rmse()).append(',').append(row.origins()).append(',')
                    .append(row.fallbacks()).append(',').append(row.failed()).append(',').append(row.status()).append(',').append(csv(row.note()))
                    .append('\n');
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    /**
     * A compact table, one row per model (skipped ones included): the RMSE (mean over origins of
     * each forecast's RMSE over components) at horizons 1, 5 and the last, the mean over horizons,
     * and flags: {@code MOSTLY FALLBACKS}, {@code MOSTLY FAILED}, the fallback and failed counts,
     * or {@code SKIPPED: reason}.
     */
    public static String table(Result r) {
        int last = r.horizon();
        int mid = Math.min(5, last);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %8s %8s %8s %8s  %s%n", "RMSE", "h=1", "h=" + mid, "h=" + last, "mean",
                "flags"));
        Map<String, List<Row>> byModel = new LinkedHashMap<>();
        for (Row row : rows(r)) {
            byModel.computeIfAbsent(row.model(), k -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Row>> e : byModel.entrySet()) {
            String model = e.getKey();
            if (r.isSkipped(model)) {
                sb.append(String.format(Locale.ROOT, "%-12s %8s %8s %8s %8s  %s%n", model, "-", "-", "-", "-", "SKIPPED: " + r.skipped().get(model)));
                continue;
            }
            double[] v = e.getValue().stream().mapToDouble(Row::rmse).toArray();
            double mean = 0;
            for (double x : v) {
                mean += x / v.length;
            }
            sb.append(String.format(Locale.ROOT, "%-12s %8.3f %8.3f %8.3f %8.3f  %s", model, v[0], v[mid - 1], v[last - 1], mean, flags(r, model))
                    .stripTrailing()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** What a reader must know about a model's row: empty when every origin is the model's own forecast. */
    static String flags(Result r, String model) {
        if (r.isSkipped(model)) {
            return "SKIPPED: " + r.skipped().get(model);
        }
        int n = r.origins().size();
        int fb = r.count(model, Forecast.Status.FALLBACK);
        int failed = r.count(model, Forecast.Status.FAILED);
        List<String> f = new ArrayList<>();
        switch (r.statusOf(model)) {
            case MOSTLY_FALLBACKS -> f.add("MOSTLY FALLBACKS");
            case MOSTLY_FAILED -> f.add("MOSTLY FAILED");
            default -> { }
        }
        if (fb > 0) {
            f.add(fb + "/" + n + " fallbacks");
        }
        if (failed > 0) {
            f.add(failed + " failed origin(s) left out");
        }
        return String.join("; ", f);
    }

    private static String csv(String s) {
        return s.isEmpty() ? "" : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Component 1's truth and every model's forecast paths from three origins (first, middle, last). */
    public static void plot(Result r, ForecastData data, Path target) throws IOException {
        List<Integer> origins = r.origins();
        int[] pick = origins.size() >= 3 ? new int[] {0, origins.size() / 2, origins.size() - 1} : new int[] {0};
        XYChart chart = new XYChartBuilder().width(1200).height(520).title("Forecasts of component 1 from " + pick.length + " origins")
                .xAxisTitle("frame").yAxisTitle("component 1 (z-scored)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        int from = Math.max(data.trainStart(), origins.get(pick[0]) - 30);
        int to = Math.min(data.end() - 1, origins.get(pick[pick.length - 1]) + r.horizon());
        double[] fx = new double[to - from + 1];
        double[] fy = new double[fx.length];
        for (int t = from; t <= to; t++) {
            fx[t - from] = t;
            fy[t - from] = data.frame(t)[0];
        }
        XYSeries truth = chart.addSeries("data", fx, fy);
        truth.setMarker(SeriesMarkers.NONE);
        truth.setLineColor(Color.BLACK);
        truth.setLineWidth(1.6f);
        Color[] colors = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0x7f7f7f)};
        int m = 0;
        for (Map.Entry<String, double[][][]> e : r.forecasts().entrySet()) { // skipped models have no forecasts to draw
            Color col = colors[m++ % colors.length];
            for (int p = 0; p < pick.length; p++) {
                int o = origins.get(pick[p]);
                double[] x = new double[r.horizon()];
                double[] y = new double[r.horizon()];
                for (int h = 0; h < r.horizon(); h++) {
                    x[h] = o + 1 + h;
                    y[h] = e.getValue()[pick[p]][h][0];
                }
                XYSeries s = chart.addSeries(p == 0 ? e.getKey() : e.getKey() + " @" + o, x, y);
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(col);
                s.setLineWidth(1.2f);
                s.setShowInLegend(p == 0);
            }
        }
        Plots.write(chart, target);
    }
}
