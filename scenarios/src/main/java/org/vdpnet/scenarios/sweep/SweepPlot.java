package org.vdpnet.scenarios.sweep;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vdpnet.scenarios.Plots;
import org.vdpnet.sim.io.AtomicFiles;

/**
 * {@code sweep.png}: a heat map of the metric (mean over replicates) for a grid over two
 * numeric parameters, a line of the mean with every replicate as a dot for one parameter, and
 * the metric per run otherwise.
 */
public final class SweepPlot {
    private SweepPlot() {}

    /** Draws the plot; does nothing when there are no rows. */
    public static void write(SweepPlan plan, List<SweepSummary.Row> rows, Path target) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        String metric = plan.scenario().sweep().metric();
        List<String> paths = plan.scenario().sweep().paths();
        String title = plan.scenario().name() + ": " + metric;
        boolean numeric = rows.stream().allMatch(r -> paths.stream().allMatch(p -> r.point().assignments().get(p) instanceof Number));
        if (numeric && paths.size() == 2 && plan.scenario().sweep().grid()) {
            heatMap(rows, paths, metric, title, target);
        } else if (numeric && paths.size() == 1) {
            line(rows, paths.get(0), metric, title, target);
        } else {
            perRun(rows, metric, title, target);
        }
    }

    private static double value(SweepSummary.Row r, String path) {
        return ((Number) r.point().assignments().get(path)).doubleValue();
    }

    private static void heatMap(List<SweepSummary.Row> rows, List<String> paths, String metric, String title, Path target)
            throws IOException {
        TreeMap<Double, Integer> xs = new TreeMap<>();
        TreeMap<Double, Integer> ys = new TreeMap<>();
        rows.forEach(r -> {
            xs.put(value(r, paths.get(0)), 0);
            ys.put(value(r, paths.get(1)), 0);
        });
        int i = 0;
        for (Double k : xs.keySet()) {
            xs.put(k, i++);
        }
        i = 0;
        for (Double k : ys.keySet()) {
            ys.put(k, i++);
        }
        double[][] sum = new double[xs.size()][ys.size()];
        int[][] count = new int[xs.size()][ys.size()];
        for (SweepSummary.Row r : rows) {
            double m = r.metrics().get(metric);
            if (Double.isFinite(m)) {
                int a = xs.get(value(r, paths.get(0)));
                int b = ys.get(value(r, paths.get(1)));
                sum[a][b] += m;
                count[a][b]++;
            }
        }
        List<Number[]> heat = new ArrayList<>();
        for (int a = 0; a < xs.size(); a++) {
            for (int b = 0; b < ys.size(); b++) {
                if (count[a][b] > 0) {
                    heat.add(new Number[] {a, b, Math.round(1000 * sum[a][b] / count[a][b]) / 1000.0});
                }
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(650).title(title)
                .xAxisTitle(paths.get(0)).yAxisTitle(paths.get(1)).build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setRangeColors(new Color[] {new Color(49, 54, 149), new Color(116, 173, 209), new Color(255, 255, 191),
            new Color(244, 109, 67), new Color(165, 0, 38)});
        chart.addSeries(metric, new ArrayList<>(xs.keySet()), new ArrayList<>(ys.keySet()), heat);
        var img = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(target, out -> ImageIO.write(img, "png", out));
    }

    private static void line(List<SweepSummary.Row> rows, String path, String metric, String title, Path target) throws IOException {
        Map<Double, List<Double>> by = new TreeMap<>();
        List<Double> xAll = new ArrayList<>();
        List<Double> yAll = new ArrayList<>();
        for (SweepSummary.Row r : rows) {
            double m = r.metrics().get(metric);
            if (Double.isFinite(m)) {
                by.computeIfAbsent(value(r, path), k -> new ArrayList<>()).add(m);
                xAll.add(value(r, path));
                yAll.add(m);
            }
        }
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle(path).yAxisTitle(metric).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        if (!by.isEmpty()) {
            List<Double> xs = new ArrayList<>(by.keySet());
            List<Double> means = new ArrayList<>();
            by.values().forEach(v -> means.add(v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
            XYSeries mean = chart.addSeries("mean over replicates", xs, means);
            mean.setMarker(SeriesMarkers.CIRCLE);
            if (rows.size() > by.size()) {
                XYSeries all = chart.addSeries("each run", xAll, yAll);
                all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                all.setMarker(SeriesMarkers.DIAMOND);
            }
        }
        Plots.write(chart, target);
    }

    private static void perRun(List<SweepSummary.Row> rows, String metric, String title, Path target) throws IOException {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (SweepSummary.Row r : rows) {
            double m = r.metrics().get(metric);
            if (Double.isFinite(m)) {
                x.add(r.point().index());
                y.add(m);
                seen.putIfAbsent(r.point().id(), 0);
            }
        }
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle("point").yAxisTitle(metric).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        if (!x.isEmpty()) {
            XYSeries s = chart.addSeries(metric, x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        Plots.write(chart, target);
    }
}
