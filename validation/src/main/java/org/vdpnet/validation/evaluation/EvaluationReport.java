package org.vdpnet.validation.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vdpnet.sim.io.AtomicFiles;
import org.vdpnet.validation.report.Charts;
import org.vdpnet.validation.report.Markdown;

/**
 * Writes an evaluation: {@code evaluation.csv} (every forecast value with its status),
 * {@code summary.csv}, {@code comparisons.csv}, {@code learning-curve.png}, {@code horizon.png},
 * {@code report.md} and {@code report.html}. Every file is written atomically.
 */
public final class EvaluationReport {
    private EvaluationReport() {}

    /** What the report says about the run besides the numbers. */
    public record Context(String title, String intro, String units, List<Integer> tableHorizons, Map<String, Object> settings, String command,
                          List<String> dataWarnings) {
        /** Copies the list. */
        public Context {
            dataWarnings = List.copyOf(dataWarnings);
        }
    }

    /** Writes every file into {@code dir}. */
    public static void write(Path dir, EvaluationResult r, List<Summary> summary, List<Comparison> tests, Context ctx) throws IOException {
        writeEvaluation(r, dir.resolve("evaluation.csv"));
        writeSummary(summary, dir.resolve("summary.csv"));
        writeComparisons(tests, dir.resolve("comparisons.csv"));
        learningCurve(summary, ctx.units(), dir.resolve("learning-curve.png"));
        horizonPlot(summary, ctx.units(), dir.resolve("horizon.png"));
        String md = markdown(r, summary, tests, ctx);
        AtomicFiles.writeString(dir.resolve("report.md"), md);
        AtomicFiles.writeString(dir.resolve("report.html"), Markdown.html(md, ctx.title()));
    }

    /** {@code model,train_size,seed,origin,status,horizon,component,forecast,truth,error}. */
    static void writeEvaluation(EvaluationResult r, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,train_size,seed,origin,status,horizon,component,forecast,truth,error\n");
        int[] origins = r.originFrames();
        for (Cell c : r.cells()) {
            for (int i = 0; i < origins.length; i++) {
                double[][] f = c.forecast(i);
                double[][] y = r.truth(i);
                String status = c.skipped() ? "SKIPPED" : c.status(i).name();
                for (int h = 0; h < y.length; h++) {
                    for (int ch = 0; ch < y[h].length; ch++) {
                        sb.append(c.model()).append(',').append(c.trainSize()).append(',').append(c.seed()).append(',').append(origins[i]).append(',')
                                .append(status).append(',').append(h + 1).append(",c").append(ch + 1).append(',').append(f[h][ch]).append(',')
                                .append(y[h][ch]).append(',').append(f[h][ch] - y[h][ch]).append('\n');
                    }
                }
            }
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    /**
     * One row per model, size and horizon; the probabilistic columns ({@code crps, coverage90,
     * ensemble, ensemble_size}) come last, after {@code note}, so that readers of the older columns
     * keep working.
     */
    static void writeSummary(List<Summary> s, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,train_size,horizon,rmse,rmse_ci_low,rmse_ci_high,mae,nrmse,mase,smape,path_r,origins,seeds,"
                + "failed_origins,fallbacks,forecasts,status,note,crps,coverage90,ensemble,ensemble_size\n");
        for (Summary r : s) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%d,%d,%d,%d,%d,%s,%s,%.6g,%.6g,%s,%d%n", r.model(),
                    r.trainSize(), r.horizon(), r.rmse(), r.rmseLow(), r.rmseHigh(), r.mae(), r.nrmse(), r.mase(), r.smape(), r.pathR(), r.origins(),
                    r.seeds(), r.failed(), r.fallbacks(), r.forecasts(), r.status(), csv(r.note()), r.crps(), r.coverage90(), r.ensemble(),
                    r.ensembleSize()));
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    /** One row per Diebold–Mariano test. */
    static void writeComparisons(List<Comparison> tests, Path target) throws IOException {
        StringBuilder sb = new StringBuilder("model,reference,kind,train_size,horizon,n,order,loss_diff,statistic,p,p_holm,outcome\n");
        for (Comparison c : tests) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.6g,%.6g,%.6g,%.6g,%s%n", c.model(), c.reference(), c.kind(), c.trainSize(),
                    c.horizon(), c.n(), c.order(), c.lossDiff(), c.statistic(), c.p(), c.pHolm(), c.outcome().name().toLowerCase(Locale.ROOT)));
        }
        AtomicFiles.writeString(target, sb.toString());
    }

    private static String csv(String s) {
        return s.isEmpty() ? "" : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static List<String> models(List<Summary> s) {
        return s.stream().map(Summary::model).distinct().toList();
    }

    static List<Integer> sizes(List<Summary> s) {
        return s.stream().map(Summary::trainSize).distinct().toList();
    }

    /** Mean over horizons of the RMSE of a model at a size (NaN when skipped or absent). */
    public static double meanRmse(List<Summary> summary, String model, int size) {
        return summary.stream().filter(s -> s.model().equals(model) && s.trainSize() == size).mapToDouble(Summary::rmse).average().orElse(Double.NaN);
    }

    /** The summary row of a model at a size and horizon. */
    public static java.util.Optional<Summary> row(List<Summary> summary, String model, int size, int horizon) {
        return summary.stream().filter(s -> s.model().equals(model) && s.trainSize() == size && s.horizon() == horizon).findFirst();
    }

    /** The flags a table shows next to a model's numbers at a size. */
    public static String flags(List<Summary> summary, String model, int size) {
        Summary s = row(summary, model, size, 1).orElseThrow();
        List<String> f = new ArrayList<>();
        if (s.status().equals("skipped")) {
            f.add("SKIPPED: " + s.note());
            return String.join("; ", f);
        }
        switch (s.status()) {
            case "all-failed" -> f.add("ALL FAILED");
            case "mostly-failed" -> f.add("MOSTLY FAILED");
            case "mostly-fallbacks" -> f.add("MOSTLY FALLBACKS");
            default -> { }
        }
        if (s.fallbacks() > 0) {
            f.add(s.fallbacks() + "/" + s.forecasts() + " fallbacks");
        }
        if (s.failed() > 0) {
            f.add(s.failed() + " failed origin(s) left out");
        }
        if (summary.stream().anyMatch(x -> x.model().equals(model) && x.trainSize() == size && x.origins() < 2 && !Double.isNaN(x.rmse()))) {
            f.add("interval undefined: fewer than 2 scored origins");
        }
        if (!s.note().isEmpty()) {
            f.add(s.note());
        }
        return String.join("; ", f);
    }

    private static void learningCurve(List<Summary> s, String units, Path target) throws IOException {
        XYChart c = Charts.chart("Learning curve: RMSE (mean over horizons) against training frames", "training frames", units);
        List<Integer> sizes = sizes(s);
        for (String m : models(s)) {
            List<double[]> pts = new ArrayList<>();
            String flag = null;
            for (int size : sizes) {
                double y = meanRmse(s, m, size);
                if (!Double.isNaN(y)) {
                    pts.add(new double[] {size, y});
                }
                String st = row(s, m, size, 1).map(Summary::status).orElse("ok");
                if (!st.equals("ok") && !st.equals("skipped")) {
                    flag = st.replace('-', ' ');
                }
            }
            if (pts.isEmpty()) {
                continue; // skipped at every size: the tables say so
            }
            XYSeries series = c.addSeries(flag != null ? m + " (" + flag + ")" : m, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray());
            series.setMarker(SeriesMarkers.CIRCLE);
        }
        Charts.write(c, target);
    }

    private static void horizonPlot(List<Summary> s, String units, Path target) throws IOException {
        int size = sizes(s).stream().mapToInt(Integer::intValue).max().orElseThrow();
        XYChart c = Charts.chart("RMSE against horizon (" + size + " training frames)", "horizon (frames)", units);
        for (String m : models(s)) {
            List<Summary> rows = s.stream().filter(r -> r.model().equals(m) && r.trainSize() == size && !Double.isNaN(r.rmse())).toList();
            if (rows.isEmpty()) {
                continue;
            }
            String st = rows.get(0).status();
            String label = st.equals("ok") ? m : m + " (" + st.replace('-', ' ') + ")";
            XYSeries series = c.addSeries(label, rows.stream().mapToDouble(Summary::horizon).toArray(), rows.stream().mapToDouble(Summary::rmse).toArray());
            series.setMarker(SeriesMarkers.NONE);
        }
        Charts.write(c, target);
    }

    /** The compact text table: model x training size, RMSE at the chosen horizons, and the flags. */
    public static String table(List<Summary> s, List<Integer> horizons) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %6s", "model", "train"));
        for (int h : horizons) {
            sb.append(String.format(Locale.ROOT, " %8s", "h=" + h));
        }
        sb.append(String.format(Locale.ROOT, " %8s  %s%n", "mean", "flags"));
        for (String m : models(s)) {
            for (int size : sizes(s)) {
                sb.append(String.format(Locale.ROOT, "%-12s %6d", m, size));
                for (int h : horizons) {
                    sb.append(String.format(Locale.ROOT, " %8.3f", row(s, m, size, h).map(Summary::rmse).orElse(Double.NaN)));
                }
                sb.append(String.format(Locale.ROOT, " %8.3f  %s%n", meanRmse(s, m, size), flags(s, m, size)));
            }
        }
        return sb.toString();
    }

    /** Mean over horizons of a summary column of a model at a size (NaN when any horizon's is NaN, or absent). */
    static double meanOver(List<Summary> summary, String model, int size, java.util.function.ToDoubleFunction<Summary> column) {
        return summary.stream().filter(s -> s.model().equals(model) && s.trainSize() == size).mapToDouble(column).average().orElse(Double.NaN);
    }

    /**
     * The CRPS and coverage section: for every model and size with an ensemble, CRPS and 90 %
     * coverage at h = 1, 5 and H and their means over horizons, how the ensemble was formed, and
     * the coverage a calibrated ensemble of that size is expected to have.
     */
    static String probabilistic(List<Summary> s, int horizon) {
        StringBuilder md = new StringBuilder("## Probabilistic scores\n\n");
        List<Summary> firsts = s.stream().filter(x -> x.horizon() == 1 && !x.ensemble().isEmpty()).toList();
        if (firsts.isEmpty()) {
            return md.append("No model gave a forecast distribution (no forecast carried members, and no seeded model had 2 or more trained "
                    + "seeds), so there are no CRPS or coverage scores.\n\n").toString();
        }
        List<Integer> hs = new ArrayList<>(new java.util.TreeSet<>(List.of(1, Math.min(5, horizon), horizon)));
        md.append("CRPS (continuous ranked probability score of the ensemble's empirical distribution, in the error units; lower is better; "
                + "for a single point forecast it is the absolute error), averaged over components and the same origins as the RMSE, and 90 % "
                + "coverage: the fraction of (origin, component) pairs whose truth lies between the ensemble's empirical 5 % and 95 % quantiles "
                + "(linear interpolation, numpy's default and R's type 7). Ensemble *members*: the model's own forecast distribution (m members "
                + "per forecast), scored per seed and averaged over seeds. Ensemble *seeds*: the seeds' point forecasts at each origin (m = "
                + "seeds), which measures the training's variability rather than a stated forecast uncertainty. Coverage is coarse with few "
                + "members: a calibrated ensemble of m members covers only about 0.9 (m − 1)/(m + 1) of the truths (0.45 for 3 seeds, "
                + "column *calibrated*), so compare coverage with that column, not with 0.9. Models without an ensemble (deterministic, or "
                + "seeded with a single seed and no members) are not listed.\n\n| model | training frames | ensemble | m |");
        for (int h : hs) {
            md.append(" CRPS h=").append(h).append(" |");
        }
        md.append(" CRPS mean |");
        for (int h : hs) {
            md.append(" cov. h=").append(h).append(" |");
        }
        md.append(" cov. mean | calibrated |\n|---|---|---|---|").append("---|".repeat(2 * hs.size() + 3)).append('\n');
        for (Summary f : firsts) {
            md.append("| ").append(f.model()).append(" | ").append(f.trainSize()).append(" | ").append(f.ensemble()).append(" | ")
                    .append(f.ensembleSize()).append(" |");
            for (int h : hs) {
                md.append(' ').append(cell(row(s, f.model(), f.trainSize(), h).map(Summary::crps).orElse(Double.NaN))).append(" |");
            }
            md.append(' ').append(cell(meanOver(s, f.model(), f.trainSize(), Summary::crps))).append(" |");
            for (int h : hs) {
                md.append(' ').append(cell(row(s, f.model(), f.trainSize(), h).map(Summary::coverage90).orElse(Double.NaN))).append(" |");
            }
            md.append(' ').append(cell(meanOver(s, f.model(), f.trainSize(), Summary::coverage90))).append(" | ")
                    .append(cell(org.vdpnet.validation.Metrics.calibratedCoverage(f.ensembleSize(), Summary.COVERAGE_LEVEL))).append(" |\n");
        }
        return md.append("\nThe members themselves are not written to `evaluation.csv` (point forecasts only); `summary.csv` has both scores at "
                + "every horizon (`crps`, `coverage90`, `ensemble`, `ensemble_size`).\n\n").toString();
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "—" : Verdict.num(v);
    }

    static String markdown(EvaluationResult r, List<Summary> s, List<Comparison> tests, Context ctx) {
        StringBuilder md = new StringBuilder("# " + ctx.title() + "\n\n" + ctx.intro() + "\n\n![Learning curve](learning-curve.png)\n\n## Verdict\n\n"
                + Verdict.write(r, s, tests, ctx.dataWarnings()));
        md.append("\n## RMSE by model and training size\n\nEach value is the mean over origins of a forecast's RMSE over components, with its 95 % "
                + "interval (overlap-aware over origins, plus the spread between seeds for seeded models; see `summary.csv` for MAE, NRMSE, MASE, "
                + "sMAPE and path r). Flags mark skipped models, fallbacks and failures; origins where a model failed are left out of its "
                + "numbers only, so such a model is scored on fewer origins than the others (`summary.csv` has the counts).\n\n| model | training frames |");
        for (int h : ctx.tableHorizons()) {
            md.append(" h=").append(h).append(" |");
        }
        md.append(" mean | flags |\n|---|---|").append("---|".repeat(ctx.tableHorizons().size() + 2)).append('\n');
        for (String m : models(s)) {
            for (int size : sizes(s)) {
                md.append("| ").append(m).append(" | ").append(size).append(" |");
                for (int h : ctx.tableHorizons()) {
                    Summary x = row(s, m, size, h).orElseThrow();
                    md.append(Double.isNaN(x.rmse()) ? " — |" : String.format(Locale.ROOT, " %.3f (%.3f–%.3f) |", x.rmse(), x.rmseLow(), x.rmseHigh()));
                }
                double mean = meanRmse(s, m, size);
                md.append(Double.isNaN(mean) ? " — |" : String.format(Locale.ROOT, " %.3f |", mean)).append(' ').append(flags(s, m, size).replace("|", "/"))
                        .append(" |\n");
            }
        }
        md.append("\n![RMSE against horizon](horizon.png)\n\n");
        md.append(probabilistic(s, r.spec().horizon()));
        md.append("## Diebold–Mariano tests\n\n");
        md.append("| model | reference | training frames | horizon | n | order | DM* | p | p (Holm) | outcome |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Comparison c : tests) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %s | %s | %s | %s |%n", c.model(), c.reference(), c.trainSize(),
                    c.horizon(), c.n(), c.order(), Verdict.num(c.statistic()), Verdict.num(c.p()), Verdict.num(c.pHolm()), c.outcome().words()));
        }
        md.append("\nNegative DM* means the model's squared errors are smaller than the reference's. Full numbers: `summary.csv`, `comparisons.csv`, "
                + "`evaluation.csv` (every forecast with its status); settings and how to rerun: `provenance.json`.\n\n## Settings\n\n```\n");
        md.append(SettingsText.render(ctx.settings()));
        md.append("```\n\nCommand: `").append(ctx.command()).append("`\n");
        return md.toString();
    }
}
