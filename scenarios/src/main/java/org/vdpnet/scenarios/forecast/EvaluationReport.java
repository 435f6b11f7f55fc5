package org.vdpnet.scenarios.forecast;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vdpnet.scenarios.Plots;
import org.vdpnet.sim.io.AtomicFiles;

/** Writes an evaluation's tables, plots and report (Markdown and self-contained HTML). */
public final class EvaluationReport {
    private EvaluationReport() {}

    /** {@code model,train_size,seed,origin,horizon,component,forecast,truth,error,abs_error,sq_error,smape}. */
    public static void writeEvaluation(Evaluation.Outcome o, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,train_size,seed,origin,horizon,component,forecast,truth,error,abs_error,sq_error,smape\n");
        for (Evaluation.Cell c : o.cells()) {
            for (int i = 0; i < o.origins().length; i++) {
                for (int h = 0; h < o.truth()[i].length; h++) {
                    for (int ch = 0; ch < o.truth()[i][h].length; ch++) {
                        double f = c.forecasts()[i][h][ch];
                        double y = o.truth()[i][h][ch];
                        double e = f - y;
                        double den = Math.abs(f) + Math.abs(y);
                        sb.append(c.model()).append(',').append(c.trainSize()).append(',').append(c.seed()).append(',').append(o.origins()[i])
                                .append(',').append(h + 1).append(",c").append(ch + 1).append(',').append(f).append(',').append(y).append(',')
                                .append(e).append(',').append(Math.abs(e)).append(',').append(e * e).append(',')
                                .append(den == 0 ? 0 : 200 * Math.abs(e) / den).append('\n');
                    }
                }
            }
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    /** {@code model,train_size,horizon,rmse,rmse_ci_low,rmse_ci_high,mae,nrmse,mase,smape,path_r,samples} (path_r: over horizons 1..H). */
    public static void writeSummary(List<Evaluation.Summary> s, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,train_size,horizon,rmse,rmse_ci_low,rmse_ci_high,mae,nrmse,mase,smape,path_r,samples\n");
        for (Evaluation.Summary r : s) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%d%n", r.model(), r.trainSize(), r.horizon(),
                    r.rmse(), r.rmseLow(), r.rmseHigh(), r.mae(), r.nrmse(), r.mase(), r.smape(), r.pathR(), r.samples()));
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    static List<String> models(List<Evaluation.Summary> s) {
        Set<String> m = new LinkedHashSet<>();
        s.forEach(r -> m.add(r.model()));
        return new ArrayList<>(m);
    }

    static List<Integer> sizes(List<Evaluation.Summary> s) {
        Set<Integer> m = new LinkedHashSet<>();
        s.forEach(r -> m.add(r.trainSize()));
        return new ArrayList<>(m);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        return c;
    }

    /** RMSE (mean over horizons) against training size, one line per model. */
    public static void learningCurve(List<Evaluation.Summary> s, String units, Path target) throws IOException {
        XYChart c = chart("Learning curve: RMSE (mean over horizons) against training frames", "training frames", units);
        List<Integer> sizes = sizes(s);
        for (String m : models(s)) {
            double[] x = new double[sizes.size()];
            double[] y = new double[sizes.size()];
            for (int i = 0; i < sizes.size(); i++) {
                x[i] = sizes.get(i);
                y[i] = Evaluation.meanRmse(s, m, sizes.get(i));
            }
            XYSeries series = c.addSeries(m, x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        Plots.write(c, target);
    }

    /** RMSE against horizon at the largest training size, one line per model. */
    public static void horizonPlot(List<Evaluation.Summary> s, String units, Path target) throws IOException {
        List<Integer> sizes = sizes(s);
        int size = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        XYChart c = chart("RMSE against horizon (" + size + " training frames)", "horizon (frames)", units);
        for (String m : models(s)) {
            List<Evaluation.Summary> rows = s.stream().filter(r -> r.model().equals(m) && r.trainSize() == size).toList();
            XYSeries series = c.addSeries(m, rows.stream().mapToDouble(Evaluation.Summary::horizon).toArray(),
                    rows.stream().mapToDouble(Evaluation.Summary::rmse).toArray());
            series.setMarker(SeriesMarkers.NONE);
        }
        Plots.write(c, target);
    }

    /** The compact table: model x training size, RMSE at the chosen horizons. */
    public static String table(List<Evaluation.Summary> s, int[] horizons) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %6s", "model", "train"));
        for (int h : horizons) {
            sb.append(String.format(Locale.ROOT, " %8s", "h=" + h));
        }
        sb.append('\n');
        for (String m : models(s)) {
            for (int size : sizes(s)) {
                sb.append(String.format(Locale.ROOT, "%-12s %6d", m, size));
                for (int h : horizons) {
                    sb.append(String.format(Locale.ROOT, " %8.3f", Evaluation.rmse(s, m, size, h)));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A verdict written from the numbers: who wins at each size, and whether the hybrids beat their parts. */
    public static String verdict(List<Evaluation.Summary> s, List<Evaluation.Comparison> dm) {
        StringBuilder sb = new StringBuilder();
        List<String> models = models(s);
        for (int size : sizes(s)) {
            String best = null;
            double bestErr = Double.POSITIVE_INFINITY;
            for (String m : models) {
                double e = Evaluation.meanRmse(s, m, size);
                if (e < bestErr) {
                    bestErr = e;
                    best = m;
                }
            }
            sb.append(String.format(Locale.ROOT, "With %d training frames the lowest mean RMSE over horizons is %s (%.3f)", size, best, bestErr));
            for (String hybrid : List.of("pretrained", "residual")) {
                if (!models.contains(hybrid)) {
                    continue;
                }
                double e = Evaluation.meanRmse(s, hybrid, size);
                List<String> parts = new ArrayList<>();
                for (String part : List.of("lstm", "vdp")) {
                    if (models.contains(part)) {
                        double p = Evaluation.meanRmse(s, part, size);
                        parts.add(String.format(Locale.ROOT, "%s %s (%.3f)", e < p ? "beats" : "does not beat", part, p));
                    }
                }
                if (!parts.isEmpty()) {
                    sb.append(String.format(Locale.ROOT, "; %s (%.3f) %s", hybrid, e, String.join(" and ", parts)));
                }
            }
            long significant = dm.stream().filter(c -> c.trainSize() == size && c.statistic() < 0 && c.pValue() < 0.05).count();
            long worse = dm.stream().filter(c -> c.trainSize() == size && c.statistic() > 0 && c.pValue() < 0.05).count();
            if (!dm.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "; against the best baseline, %d model-horizon pair(s) are significantly better and %d significantly "
                        + "worse (Diebold–Mariano, p < 0.05)", significant, worse));
            }
            sb.append(".\n");
        }
        boolean claim = true;
        boolean any = false;
        for (int size : sizes(s)) {
            if (models.contains("pretrained") && models.contains("lstm") && models.contains("vdp")) {
                any = true;
                double p = Evaluation.meanRmse(s, "pretrained", size);
                claim &= p < Evaluation.meanRmse(s, "lstm", size) && p < Evaluation.meanRmse(s, "vdp", size);
            }
        }
        if (any) {
            sb.append(claim ? "The research's small-data claim (the pre-trained hybrid beats both its parts) holds at every training size here.\n"
                    : "The research's small-data claim (the pre-trained hybrid beats both its parts) does not hold at every training size here.\n");
        }
        return sb.toString();
    }

    /** report.md and report.html (images beside them, provenance linked). */
    public static void writeReports(Path dir, String title, String intro, List<Evaluation.Summary> s, List<Evaluation.Comparison> dm,
                                    int[] horizons, Map<String, Object> settings) throws IOException {
        String verdict = verdict(s, dm);
        StringBuilder md = new StringBuilder("# " + title + "\n\n" + intro + "\n\n## Verdict\n\n" + verdict + "\n## RMSE by model and training size\n\n");
        md.append("| model | training frames |");
        for (int h : horizons) {
            md.append(" h=").append(h).append(" |");
        }
        md.append(" mean |\n|---|---|").append("---|".repeat(horizons.length + 1)).append('\n');
        for (String m : models(s)) {
            for (int size : sizes(s)) {
                md.append("| ").append(m).append(" | ").append(size).append(" |");
                for (int h : horizons) {
                    md.append(String.format(Locale.ROOT, " %.3f |", Evaluation.rmse(s, m, size, h)));
                }
                md.append(String.format(Locale.ROOT, " %.3f |%n", Evaluation.meanRmse(s, m, size)));
            }
        }
        md.append("\n![Learning curve](learning-curve.png)\n\n![RMSE against horizon](horizon.png)\n\n## Diebold–Mariano against the best baseline\n\n");
        md.append("| model | training frames | horizon | baseline | DM* | p |\n|---|---|---|---|---|---|\n");
        for (Evaluation.Comparison c : dm) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.2f | %.3g |%n", c.model(), c.trainSize(), c.horizon(), c.baseline(),
                    c.statistic(), c.pValue()));
        }
        md.append("\nNegative DM* means the model's squared errors are smaller. Full numbers: `summary.csv` (means and 95 % intervals), "
                + "`evaluation.csv` (every forecast); settings and how to rerun: `provenance.json`.\n\n## Settings\n\n```\n");
        settings.forEach((k, v) -> md.append(k).append(": ").append(v).append('\n'));
        md.append("```\n");
        AtomicFiles.writeString(dir.resolve("report.md"), md.toString());
        AtomicFiles.writeString(dir.resolve("report.html"), html(md.toString(), title));
    }

    /** A small, dependency-free Markdown-to-HTML rendering of the report's own constructs. */
    static String html(String md, String title) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}img{max-width:100%}pre{background:#f4f4f4;padding:8px}</style>"
                        + "</head><body>\n");
        boolean inTable = false;
        boolean inPre = false;
        for (String line : md.split("\n")) {
            if (line.startsWith("```")) {
                h.append(inPre ? "</pre>\n" : "<pre>");
                inPre = !inPre;
                continue;
            }
            if (inPre) {
                h.append(esc(line)).append('\n');
                continue;
            }
            if (line.startsWith("|")) {
                if (line.startsWith("|---")) {
                    continue;
                }
                if (!inTable) {
                    h.append("<table>\n");
                    inTable = true;
                }
                h.append("<tr>");
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                for (String c : cells) {
                    h.append("<td>").append(esc(c.strip())).append("</td>");
                }
                h.append("</tr>\n");
                continue;
            }
            if (inTable) {
                h.append("</table>\n");
                inTable = false;
            }
            if (line.startsWith("# ")) {
                h.append("<h1>").append(esc(line.substring(2))).append("</h1>\n");
            } else if (line.startsWith("## ")) {
                h.append("<h2>").append(esc(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("![")) {
                String alt = line.substring(2, line.indexOf(']'));
                String src = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                h.append("<p><img src=\"").append(esc(src)).append("\" alt=\"").append(esc(alt)).append("\"></p>\n");
            } else if (!line.isBlank()) {
                h.append("<p>").append(esc(line).replaceAll("`([^`]+)`", "<code>$1</code>")).append("</p>\n");
            }
        }
        if (inTable) {
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
