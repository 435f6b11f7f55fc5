package org.vdpnet.validation.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.vdpnet.sim.io.AtomicFiles;

/** PNG charts in one style (white, light grid), written atomically. */
public final class Charts {
    private Charts() {}

    /** An empty line chart of 900 x 520 pixels. */
    public static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        return c;
    }

    /** Renders a chart to PNG atomically. */
    public static void write(XYChart chart, Path target) throws IOException {
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(target, out -> ImageIO.write(img, "png", out));
    }
}
