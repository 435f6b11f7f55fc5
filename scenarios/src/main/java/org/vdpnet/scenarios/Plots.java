package org.vdpnet.scenarios;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vdpnet.sim.TimeSeries;
import org.vdpnet.sim.io.AtomicFiles;

/** PNG plots of trajectories with XChart, written atomically. */
public final class Plots {
    private Plots() {}

    /** Most points drawn per line; longer series are decimated evenly. */
    private static final int MAX_POINTS = 4000;

    /** Indices of up to {@code count} nodes spread evenly over {@code n}. */
    public static int[] pickNodes(int n, int count) {
        int c = Math.min(n, Math.max(1, count));
        int[] idx = new int[c];
        for (int k = 0; k < c; k++) {
            idx[k] = (int) Math.round(k * (n - 1) / (double) Math.max(1, c - 1));
        }
        return c == 1 ? new int[] {0} : idx;
    }

    /** x of the chosen nodes against time, offset vertically so each line stays readable. */
    public static void timeSeries(TimeSeries ts, List<String> labels, int[] nodes, String title, Path target)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(1100).height(180 + 90 * nodes.length).title(title)
                .xAxisTitle("t").yAxisTitle("x (offset by node)").build();
        style(chart);
        double[] t = decimate(ts.times(), ts.size());
        double offset = 0;
        for (int node : nodes) {
            String ch = "x[" + labels.get(node) + "]";
            double[] x = decimate(ts.column(ch), ts.size());
            double[] shifted = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                shifted[k] = x[k] - offset;
            }
            XYSeries s = chart.addSeries("node " + labels.get(node), t, shifted);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1.3f);
            offset += 5;
        }
        write(chart, target);
    }

    /**
     * The chosen channels of {@code ts} against time, each offset below the last by the largest
     * range among them (so observations of any scale, such as BOLD's per cent changes, stay readable).
     *
     * @param channels indices of the channels to draw
     * @param yTitle   the y axis title
     */
    public static void channels(TimeSeries ts, int[] channels, String yTitle, String title, Path target) throws IOException {
        XYChart chart = new XYChartBuilder().width(1100).height(180 + 90 * channels.length).title(title)
                .xAxisTitle("t").yAxisTitle(yTitle + " (offset by channel)").build();
        style(chart);
        double range = 0;
        for (int c : channels) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : ts.column(c)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            range = Math.max(range, hi - lo);
        }
        double step = range > 0 && Double.isFinite(range) ? 1.1 * range : 1.0;
        double[] t = decimate(ts.times(), ts.size());
        double offset = 0;
        for (int c : channels) {
            double[] x = decimate(ts.column(c), ts.size());
            double[] shifted = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                shifted[k] = x[k] - offset;
            }
            XYSeries s = chart.addSeries(ts.channels().get(c), t, shifted);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1.3f);
            offset += step;
        }
        write(chart, target);
    }

    /** Phase portraits x against y for the chosen nodes, one colour per node. */
    public static void phase(TimeSeries ts, List<String> labels, int[] nodes, String title, Path target)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(700).height(650).title(title).xAxisTitle("x").yAxisTitle("y").build();
        style(chart);
        for (int node : nodes) {
            double[] x = decimate(ts.column("x[" + labels.get(node) + "]"), ts.size());
            double[] y = decimate(ts.column("y[" + labels.get(node) + "]"), ts.size());
            XYSeries s = chart.addSeries("node " + labels.get(node), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1.0f);
        }
        write(chart, target);
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    }

    private static double[] decimate(double[] v, int size) {
        if (size <= MAX_POINTS) {
            return v;
        }
        List<Double> out = new ArrayList<>();
        double stride = size / (double) MAX_POINTS;
        for (double k = 0; k < size; k += stride) {
            out.add(v[(int) k]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Renders a chart to PNG atomically. */
    public static void write(XYChart chart, Path target) throws IOException {
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(target, out -> ImageIO.write(img, "png", out));
    }
}
