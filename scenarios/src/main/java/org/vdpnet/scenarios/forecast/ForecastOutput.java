package org.vdpnet.scenarios.forecast;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vdpnet.scenarios.Plots;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.io.AtomicFiles;
import org.vdpnet.validation.Backtest;
import org.vdpnet.validation.Baselines;
import org.vdpnet.validation.Metrics;

/** Runs trained forecasters over the test origins and writes what they forecast and how well. */
public final class ForecastOutput {
    private ForecastOutput() {}

    /**
     * Forecasts from every origin.
     *
     * @param origins   the last observed frame of each forecast (recording frame numbers)
     * @param forecasts model → [origin][horizon][component] (NaN where it failed); includes {@code persistence} for reference
     * @param status    model → each origin's status
     * @param truth     [origin][horizon][component] (NaN where the recording is missing)
     */
    public record Result(List<Integer> origins, int horizon, Map<String, double[][][]> forecasts, Map<String, Forecast.Status[]> status,
                         double[][][] truth) {
        /** Origins with this status for a model. */
        public int count(String model, Forecast.Status s) {
            return (int) java.util.Arrays.stream(status.get(model)).filter(x -> x == s).count();
        }
    }

    /** Forecasts from every origin with every model (and persistence), each seeing only the frames up to its origin. */
    public static Result run(Map<String, Forecaster> models, ForecastData data, List<Integer> origins, int horizon) {
        double[][] series = data.series();
        int[] rows = data.rows(origins.stream().mapToInt(Integer::intValue).toArray());
        Map<String, double[][][]> out = new LinkedHashMap<>();
        Map<String, Forecast.Status[]> status = new LinkedHashMap<>();
        Map<String, Forecaster> all = new LinkedHashMap<>();
        all.put("persistence", Baselines.persistence(data.count(), horizon));
        all.putAll(models);
        for (Map.Entry<String, Forecaster> e : all.entrySet()) {
            List<Forecast> fc = Backtest.run(e.getValue(), series, rows, horizon);
            out.put(e.getKey(), fc.stream().map(Forecast::values).toArray(double[][][]::new));
            status.put(e.getKey(), fc.stream().map(Forecast::status).toArray(Forecast.Status[]::new));
        }
        return new Result(List.copyOf(origins), horizon, out, status, Backtest.truth(data.observed(), rows, horizon));
    }

    /** RMSE over the origins where the model did not fail and over components, at every horizon, per model. */
    public static Map<String, double[]> rmse(Result r) {
        Map<String, double[]> m = new LinkedHashMap<>();
        r.forecasts().forEach((model, f) -> {
            Forecast.Status[] st = r.status().get(model);
            int[] ok = java.util.stream.IntStream.range(0, st.length).filter(i -> st[i] != Forecast.Status.FAILED).toArray();
            if (ok.length == 0) {
                double[] nan = new double[r.horizon()];
                java.util.Arrays.fill(nan, Double.NaN);
                m.put(model, nan);
                return;
            }
            double[][][] fk = new double[ok.length][][];
            double[][][] yk = new double[ok.length][][];
            for (int k = 0; k < ok.length; k++) {
                fk[k] = f[ok[k]];
                yk[k] = r.truth()[ok[k]];
            }
            m.put(model, Metrics.pooledRmse(fk, yk));
        });
        return m;
    }

    /** {@code model,origin,status,horizon,component,forecast,truth}, one row per value. */
    public static void writeCsv(Result r, ForecastData data, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,origin,status,horizon,component,forecast,truth\n");
        for (Map.Entry<String, double[][][]> e : r.forecasts().entrySet()) {
            for (int i = 0; i < r.origins().size(); i++) {
                for (int h = 0; h < r.horizon(); h++) {
                    double[] f = e.getValue()[i][h];
                    for (int c = 0; c < f.length; c++) {
                        sb.append(e.getKey()).append(',').append(r.origins().get(i)).append(',').append(r.status().get(e.getKey())[i]).append(',').append(h + 1).append(",c").append(c + 1)
                                .append(',').append(f[c]).append(',').append(r.truth()[i][h][c]).append('\n');
                    }
                }
            }
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    /** {@code model,horizon,rmse}. */
    public static void writeMetrics(Result r, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,horizon,rmse\n");
        for (Map.Entry<String, double[]> e : rmse(r).entrySet()) {
            for (int h = 0; h < e.getValue().length; h++) {
                sb.append(e.getKey()).append(',').append(h + 1).append(',').append(e.getValue()[h]).append('\n');
            }
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    /** A compact table: RMSE at horizons 1, 5 and the last, and the mean over horizons. */
    public static String table(Result r) {
        int last = r.horizon();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %8s %8s %8s %8s%n", "RMSE", "h=1", "h=" + Math.min(5, last), "h=" + last,
                "mean"));
        for (Map.Entry<String, double[]> e : rmse(r).entrySet()) {
            double[] v = e.getValue();
            double mean = 0;
            for (double x : v) {
                mean += x / v.length;
            }
            sb.append(String.format(Locale.ROOT, "%-12s %8.3f %8.3f %8.3f %8.3f%n", e.getKey(), v[0], v[Math.min(5, last) - 1], v[last - 1], mean));
        }
        return sb.toString();
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
        for (Map.Entry<String, double[][][]> e : r.forecasts().entrySet()) {
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
