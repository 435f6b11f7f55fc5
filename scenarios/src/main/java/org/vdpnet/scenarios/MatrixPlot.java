package org.vdpnet.scenarios;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.vdpnet.sim.io.AtomicFiles;

/**
 * Square matrices (FC, FCD) as heat maps side by side on one shared colour scale, with a colour
 * bar, written to PNG atomically. NaN cells are grey.
 */
public final class MatrixPlot {
    private static final int PANEL = 420;
    private static final int MARGIN = 40;
    private static final int BAR = 24;

    private MatrixPlot() {}

    /** Draws {@code left} and {@code right} on {@code [lo, hi]} with their captions under one title. */
    public static void sideBySide(String title, String leftCaption, double[][] left, String rightCaption, double[][] right,
                                  double lo, double hi, Path target) throws IOException {
        int w = 2 * PANEL + 4 * MARGIN + BAR + 40;
        int h = PANEL + 3 * MARGIN + 20;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, MARGIN, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        panel(g, left, lo, hi, MARGIN, 2 * MARGIN);
        g.setColor(Color.BLACK);
        g.drawString(leftCaption, MARGIN, 2 * MARGIN + PANEL + 20);
        int x2 = 2 * MARGIN + PANEL;
        panel(g, right, lo, hi, x2, 2 * MARGIN);
        g.setColor(Color.BLACK);
        g.drawString(rightCaption, x2, 2 * MARGIN + PANEL + 20);
        int xb = x2 + PANEL + MARGIN;
        for (int y = 0; y < PANEL; y++) {
            g.setColor(colour(1 - y / (double) (PANEL - 1)));
            g.fillRect(xb, 2 * MARGIN + y, BAR, 1);
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.2f", hi), xb + BAR + 4, 2 * MARGIN + 10);
        g.drawString(String.format(Locale.ROOT, "%.2f", lo), xb + BAR + 4, 2 * MARGIN + PANEL);
        g.dispose();
        AtomicFiles.write(target, out -> ImageIO.write(img, "png", out));
    }

    private static void panel(Graphics2D g, double[][] m, double lo, double hi, int x0, int y0) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            int ya = y0 + i * PANEL / n;
            int yb = y0 + (i + 1) * PANEL / n;
            for (int j = 0; j < n; j++) {
                int xa = x0 + j * PANEL / n;
                int xb = x0 + (j + 1) * PANEL / n;
                double v = m[i][j];
                g.setColor(Double.isFinite(v) ? colour((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) : Color.LIGHT_GRAY);
                g.fillRect(xa, ya, Math.max(1, xb - xa), Math.max(1, yb - ya));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x0, y0, PANEL, PANEL);
    }

    /** A blue-white-red diverging scale on {@code [0, 1]}. */
    private static Color colour(double f) {
        double[][] stops = {{49, 54, 149}, {116, 173, 209}, {255, 255, 191}, {244, 109, 67}, {165, 0, 38}};
        double p = Math.max(0, Math.min(1, f)) * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) p);
        double t = p - k;
        return new Color((int) Math.round(stops[k][0] + t * (stops[k + 1][0] - stops[k][0])),
                (int) Math.round(stops[k][1] + t * (stops[k + 1][1] - stops[k][1])),
                (int) Math.round(stops[k][2] + t * (stops[k + 1][2] - stops[k][2])));
    }
}
