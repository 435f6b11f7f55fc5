package org.vdpnet.scenarios;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vdpnet.fitting.estimate.FitResult;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.io.AtomicFiles;

/** The plots of a fit: data against model per component, and the coupling matrix W. */
public final class FitOutput {
    private FitOutput() {}

    /** fit.png: each component's data (solid) and simulated model (dashed), offset vertically. */
    public static void fitPlot(TimeSeries data, FitResult r, String title, Path target) throws IOException {
        int n = data.channelCount();
        XYChart chart = new XYChartBuilder().width(1100).height(200 + 110 * n).title(title).xAxisTitle("t (s)")
                .yAxisTitle("component (offset)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        double[] t = data.times();
        double[][] sim = r.simulated();
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};
        for (int i = 0; i < n; i++) {
            double off = -5.0 * i;
            double[] d = data.column(i);
            double[] m = new double[t.length];
            boolean trajectory = false;
            for (int k = 0; k < t.length; k++) {
                d[k] += off;
                m[k] = sim[k][i] + off;
                trajectory |= Double.isFinite(m[k]);
            }
            Color c = colors[i % colors.length];
            XYSeries ds = chart.addSeries(data.channels().get(i) + " data", t, d);
            ds.setMarker(SeriesMarkers.NONE);
            ds.setLineColor(c);
            ds.setLineWidth(1.4f);
            if (!trajectory) {
                continue; // the fit has no bounded trajectory (its status says so): nothing to draw
            }
            XYSeries ms = chart.addSeries(String.format(java.util.Locale.ROOT, "%s model (r=%.2f)", data.channels().get(i), r.r()[i]), t, m);
            ms.setMarker(SeriesMarkers.NONE);
            ms.setLineColor(c);
            ms.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        }
        Plots.write(chart, target);
    }

    /** coupling.png: a heat map of W, row = target component, column = source. */
    public static void couplingPlot(double[][] w, List<String> names, String title, Path target) throws IOException {
        int n = w.length;
        List<Number[]> cells = new ArrayList<>();
        double max = 1e-12;
        for (double[] row : w) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cells.add(new Number[] {j, n - 1 - i, Math.round(100 * w[i][j]) / 100.0});
            }
        }
        List<String> rows = new ArrayList<>(names);
        java.util.Collections.reverse(rows);
        HeatMapChart chart = new HeatMapChartBuilder().width(700).height(620).title(title)
                .xAxisTitle("source j").yAxisTitle("target i").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setRangeColors(new Color[] {new Color(33, 102, 172), new Color(247, 247, 247), new Color(178, 24, 43)});
        chart.getStyler().setMin(-max);
        chart.getStyler().setMax(max);
        chart.addSeries("W", new ArrayList<>(names), rows, cells);
        var img = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(target, out -> ImageIO.write(img, "png", out));
    }
}
