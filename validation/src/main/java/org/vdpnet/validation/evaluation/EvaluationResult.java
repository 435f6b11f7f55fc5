package org.vdpnet.validation.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.forecast.Forecast;

/**
 * Everything an evaluation measured: the origins, the truth and every cell, in the scoring
 * space. Immutable; arrays are copied out.
 */
public final class EvaluationResult {
    private final Evaluation.Spec spec;
    private final List<String> models;
    private final int[] originFrames;
    private final int[] originRows;
    private final double[][][] truth;
    private final List<Cell> cells;
    private final Map<Integer, double[][]> trainFrames;

    EvaluationResult(Evaluation.Spec spec, List<String> models, int[] originFrames, int[] originRows, double[][][] truth, List<Cell> cells,
                     Map<Integer, double[][]> trainFrames) {
        this.spec = spec;
        this.models = List.copyOf(models);
        this.originFrames = originFrames;
        this.originRows = originRows;
        this.truth = truth;
        this.cells = List.copyOf(cells);
        this.trainFrames = trainFrames;
    }

    public Evaluation.Spec spec() { return spec; }

    /** Every model, in the trainers' order. */
    public List<String> models() { return models; }

    /** The origins as frame numbers (the last observed frame of each forecast). */
    public int[] originFrames() { return originFrames.clone(); }

    /** The origins as rows of the evaluated series. */
    public int[] originRows() { return originRows.clone(); }

    /** The truth after origin {@code i}, {@code [horizon][channel]} (NaN where missing); a copy. */
    public double[][] truth(int i) {
        double[][] c = new double[truth[i].length][];
        for (int h = 0; h < c.length; h++) {
            c[h] = truth[i][h].clone();
        }
        return c;
    }

    double[][][] truthAt(int[] idx) {
        double[][][] r = new double[idx.length][][];
        for (int k = 0; k < idx.length; k++) {
            r[k] = truth[idx[k]];
        }
        return r;
    }

    /** Channels scored. */
    public int channels() { return truth[0][0].length; }

    public List<Cell> cells() { return cells; }

    /** The cells of one model at one size (one per seed; one for a deterministic model). */
    public List<Cell> cells(String model, int size) {
        return cells.stream().filter(c -> c.model().equals(model) && c.trainSize() == size).toList();
    }

    /** The training frames of a size in the scoring space (for MASE's scale). */
    double[][] trainFrames(int size) { return trainFrames.get(size); }

    /**
     * Every warning a reader must see, with counts: skipped models, fallbacks and failures per
     * model and size, and each training warning (identical texts merged, with how many cells gave it).
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        Map<String, Integer> training = new LinkedHashMap<>();
        for (String m : models) {
            for (int size : spec.trainSizes()) {
                List<Cell> g = cells(m, size);
                long skipped = g.stream().filter(Cell::skipped).count();
                if (skipped > 0) {
                    out.add(String.format(java.util.Locale.ROOT, "%s skipped at %d training frames (%d of %d seed(s)): %s", m, size, skipped, g.size(),
                            g.stream().filter(Cell::skipped).map(c -> c.training().skipReason()).distinct().reduce((a, b) -> a + "; " + b).orElse("")));
                }
                int forecasts = 0;
                int fallbacks = 0;
                int failed = 0;
                int noted = 0;
                String firstOkNote = "";
                for (Cell c : g) {
                    if (!c.skipped()) {
                        forecasts += c.origins();
                        fallbacks += c.count(Forecast.Status.FALLBACK);
                        failed += c.count(Forecast.Status.FAILED);
                        for (int i = 0; i < c.origins(); i++) {
                            if (c.status(i) == Forecast.Status.OK && !c.note(i).isEmpty()) {
                                noted++;
                                firstOkNote = firstOkNote.isEmpty() ? c.note(i) : firstOkNote;
                            }
                        }
                    }
                }
                if (noted > 0) {
                    // the model's own forecast, but with something the reader must know (ensemble members dropped after diverging, for example)
                    out.add(String.format(java.util.Locale.ROOT, "%s: %d of %d of its own forecasts at %d training frames carry a note (first: %s)", m,
                            noted, forecasts, size, firstOkNote));
                }
                if (fallbacks > 0) {
                    out.add(String.format(java.util.Locale.ROOT, "%s fell back at %d of %d forecasts at %d training frames (%s)%s", m, fallbacks, forecasts,
                            size, firstNote(g, Forecast.Status.FALLBACK), 2 * fallbacks > forecasts ? "; most of its forecasts are fallbacks" : ""));
                }
                if (failed > 0) {
                    out.add(String.format(java.util.Locale.ROOT, "%s failed at %d of %d forecasts at %d training frames (%s); those origins are left out "
                            + "of its scores", m, failed, forecasts, size, firstNote(g, Forecast.Status.FAILED)));
                }
                for (Cell c : g) {
                    for (String w : c.training().warnings()) {
                        training.merge(m + " at " + size + " training frames: " + w, 1, Integer::sum);
                    }
                }
            }
        }
        training.forEach((w, k) -> out.add(k > 1 ? w + " (" + k + " seeds)" : w));
        return out;
    }

    private static String firstNote(List<Cell> g, Forecast.Status s) {
        for (Cell c : g) {
            for (int i = 0; i < c.origins(); i++) {
                if (c.status(i) == s && !c.skipped()) {
                    return c.note(i);
                }
            }
        }
        return "";
    }
}
