package org.vdpnet.scenarios.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.statistics.distribution.TDistribution;
import org.vdpnet.fitting.estimate.ResearchForecaster;
import org.vdpnet.hybrid.LstmSettings;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.validation.Backtest;
import org.vdpnet.validation.Baselines;
import org.vdpnet.validation.DieboldMariano;
import org.vdpnet.validation.Metrics;
import org.vdpnet.validation.VarModel;

/**
 * The small-data learning curve: for every training size, model and seed, train on the last
 * {@code size} frames before a fixed test part and forecast from the same origins, so that only
 * the amount of training data changes along the curve. The preprocessing (channel scaling, SVD)
 * is learnt once from the largest training window, which ends where the test part starts.
 */
public final class Evaluation {
    private Evaluation() {}

    /** Baselines evaluated next to the learned models. */
    public static final List<String> BASELINES = List.of("persistence", "climatology", "var");

    /** Every model name {@code --models} accepts. */
    public static final List<String> ALL;

    static {
        List<String> all = new ArrayList<>(ForecastPipeline.MODELS);
        all.addAll(BASELINES);
        ALL = List.copyOf(all);
    }

    /** What to evaluate. */
    public record Spec(List<Integer> trainSizes, int horizon, int originCount, List<String> models, int seeds, ForecastPipeline.Settings base,
                       boolean channelSpace) {}

    /** Forecasts of one model, trained on one size with one seed, from every origin. */
    public record Cell(String model, int trainSize, long seed, double[][][] forecasts) {}

    /** Everything measured. */
    public record Outcome(int[] origins, double[][][] truth, List<Cell> cells, Map<String, Object> details, double[][] largestTrain,
                          List<String> warnings) {}

    /** Runs the grid; {@code progress} hears a line per training job. */
    public static Outcome run(ForecastData data, Spec spec, Consumer<String> progress) {
        ForecastPipeline.checkModels(spec.models(), ALL);
        int testStart = data.trainEnd();
        int last = data.end() - 1 - spec.horizon();
        if (last < testStart - 1) {
            throw new IllegalArgumentException("--horizon: " + spec.horizon() + " frames do not fit in the test part (" + (data.end() - testStart)
                    + " frames)");
        }
        int[] origins = Backtest.origins(testStart - 1, last, spec.originCount());
        double[][] all = data.series();
        int[] local = data.rows(origins);
        double[][][] truth = Backtest.truth(all, local, spec.horizon());
        double[][] largest = data.train();
        List<Cell> cells = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> learned = spec.models().stream().filter(ForecastPipeline.MODELS::contains).toList();
        for (int size : spec.trainSizes()) {
            double[][] train = Arrays.copyOfRange(largest, largest.length - size, largest.length);
            for (String b : spec.models()) {
                if (!BASELINES.contains(b)) {
                    continue;
                }
                Forecaster f = switch (b) {
                    case "persistence" -> Baselines.persistence(data.count(), spec.horizon());
                    case "climatology" -> Baselines.climatology(train, spec.horizon());
                    default -> {
                        int maxOrder = Math.max(1, Math.min(5, (size - 2) / (data.count() + 1) - 1));
                        VarModel v = VarModel.fitByAic(train, maxOrder, 1e-6, spec.horizon());
                        details.put("var/" + size, Map.of("order", v.order(), "aic", v.aic()));
                        yield v;
                    }
                };
                double[][][] fc = Backtest.forecasts(f, all, local, spec.horizon());
                for (int s = 1; s <= spec.seeds(); s++) {
                    cells.add(new Cell(b, size, s, fc));
                }
            }
            if (learned.isEmpty()) {
                continue;
            }
            for (int s = 1; s <= spec.seeds(); s++) {
                ForecastPipeline.Settings base = spec.base();
                LstmSettings l = base.lstm().withSeed(s);
                ForecastPipeline.Settings settings = new ForecastPipeline.Settings(base.horizon(), base.dt(), base.fit(), base.fitWindow(),
                        base.assimilation(), l, base.pretrainEpochs(), base.syntheticFactor(), base.jitter(), base.augNoise(), s);
                int seed = s;
                ForecastPipeline.Trained t = ForecastPipeline.train(train, learned, settings,
                        (name, k) -> progress.accept("size " + size + ", seed " + seed + ": training " + name));
                details.put("models/" + size + "/" + s, t.details());
                t.skipped().forEach((m, why) -> warnings.add(m + " skipped at " + size + " training frames, seed " + seed + ": " + why));
                for (Map.Entry<String, Forecaster> e : t.models().entrySet()) {
                    int before = e.getValue() instanceof ResearchForecaster v ? v.fallbacks() : 0;
                    cells.add(new Cell(e.getKey(), size, s, Backtest.forecasts(e.getValue(), all, local, spec.horizon())));
                    if (e.getValue() instanceof ResearchForecaster v && v.fallbacks() > before) {
                        warnings.add(String.format(java.util.Locale.ROOT, "vdp diverged from %d of %d origins at %d training frames, seed %d; "
                                + "it held the last observation there", v.fallbacks() - before, local.length, size, seed));
                    }
                }
            }
        }
        if (spec.channelSpace()) {
            // every forecast and true frame mapped back through the SVD loadings (in the scaled channel units)
            List<Cell> mapped = new ArrayList<>();
            for (Cell c : cells) {
                mapped.add(new Cell(c.model(), c.trainSize(), c.seed(), toChannels(data, c.forecasts())));
            }
            double[][] largestChannels = new double[largest.length][];
            for (int t = 0; t < largest.length; t++) {
                largestChannels[t] = data.components().toChannels(largest[t]);
            }
            return new Outcome(origins, toChannels(data, truth), mapped, details, largestChannels, warnings);
        }
        return new Outcome(origins, truth, cells, details, largest, warnings);
    }

    private static double[][][] toChannels(ForecastData data, double[][][] f) {
        double[][][] out = new double[f.length][][];
        for (int i = 0; i < f.length; i++) {
            out[i] = new double[f[i].length][];
            for (int h = 0; h < f[i].length; h++) {
                out[i][h] = data.components().toChannels(f[i][h]);
            }
        }
        return out;
    }

    /** One row of the summary: a model at a training size and horizon, over origins and seeds. */
    public record Summary(String model, int trainSize, int horizon, double rmse, double rmseLow, double rmseHigh, double mae, double nrmse,
                          double mase, double smape, double pathR, int samples) {}

    /** Means and 95 % t-intervals of the per-forecast RMSE (over components), per model, size and horizon. */
    public static List<Summary> summarise(Outcome o) {
        int n = o.truth()[0][0].length;
        double[] sd = testSd(o.truth());
        Map<String, List<Cell>> groups = new LinkedHashMap<>();
        for (Cell c : o.cells()) {
            groups.computeIfAbsent(c.model() + "\u0000" + c.trainSize(), k -> new ArrayList<>()).add(c);
        }
        List<Summary> out = new ArrayList<>();
        int hz = o.truth()[0].length;
        for (List<Cell> g : groups.values()) {
            double[][] train = Arrays.copyOfRange(o.largestTrain(), o.largestTrain().length - g.get(0).trainSize(), o.largestTrain().length);
            // every metric once per cell (over channels, per horizon), then averaged over the group's seeds
            double[] mae = new double[hz];
            double[] nr = new double[hz];
            double[] ma = new double[hz];
            double[] sm = new double[hz];
            double pathR = 0;
            List<double[][]> perOrigin = new ArrayList<>();
            for (Cell c : g) {
                add(mae, Metrics.overChannels(Metrics.mae(c.forecasts(), o.truth())), g.size());
                add(nr, Metrics.overChannels(Metrics.nrmse(c.forecasts(), o.truth(), sd)), g.size());
                add(ma, Metrics.overChannels(Metrics.mase(c.forecasts(), o.truth(), train)), g.size());
                add(sm, Metrics.overChannels(Metrics.smape(c.forecasts(), o.truth())), g.size());
                for (double r : Metrics.pathCorrelation(c.forecasts(), o.truth())) {
                    pathR += r / (n * g.size());
                }
                perOrigin.add(Metrics.rmsePerOrigin(c.forecasts(), o.truth()));
            }
            for (int h = 0; h < hz; h++) {
                int hh = h;
                double[] per = perOrigin.stream().flatMapToDouble(r -> Arrays.stream(r).mapToDouble(row -> row[hh])).toArray();
                double mean = Arrays.stream(per).average().orElse(Double.NaN);
                double var = 0;
                for (double v : per) {
                    var += (v - mean) * (v - mean) / (per.length - 1);
                }
                double half = per.length > 1 ? TDistribution.of(per.length - 1).inverseSurvivalProbability(0.025) * Math.sqrt(var / per.length) : 0;
                // the pooled RMSE (root of the mean square) is what metrics.csv and the tables report
                double pooled = Math.sqrt(Arrays.stream(per).map(v -> v * v).average().orElse(Double.NaN));
                out.add(new Summary(g.get(0).model(), g.get(0).trainSize(), h + 1, pooled, mean - half, mean + half, mae[h], nr[h], ma[h], sm[h],
                        pathR, per.length));
            }
        }
        return out;
    }

    private static void add(double[] sum, double[] v, int count) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += v[i] / count;
        }
    }

    private static double[] testSd(double[][][] truth) {
        int n = truth[0][0].length;
        double[] mean = new double[n];
        double[] sq = new double[n];
        int count = 0;
        for (double[][] o : truth) {
            for (double[] row : o) {
                for (int c = 0; c < n; c++) {
                    mean[c] += row[c];
                    sq[c] += row[c] * row[c];
                }
                count++;
            }
        }
        double[] sd = new double[n];
        for (int c = 0; c < n; c++) {
            double m = mean[c] / count;
            sd[c] = Math.sqrt(Math.max(sq[c] / count - m * m, 1e-12));
        }
        return sd;
    }

    /** Diebold–Mariano of each model against the best baseline at a size and horizon (seed 1, squared errors over origins). */
    public record Comparison(String model, int trainSize, int horizon, String baseline, double statistic, double pValue) {}

    /** Every learned model against the baseline with the lowest mean RMSE at that size, at the given horizons. */
    public static List<Comparison> compare(Outcome o, List<Summary> summary, int[] horizons) {
        List<Comparison> out = new ArrayList<>();
        for (int size : o.cells().stream().mapToInt(Cell::trainSize).distinct().toArray()) {
            String best = null;
            double bestErr = Double.POSITIVE_INFINITY;
            for (String b : BASELINES) {
                double e = meanRmse(summary, b, size);
                if (e < bestErr) {
                    bestErr = e;
                    best = b;
                }
            }
            if (best == null) {
                continue;
            }
            Cell base = find(o, best, size);
            for (Cell c : o.cells()) {
                if (c.trainSize() != size || c.seed() != 1 || BASELINES.contains(c.model())) {
                    continue;
                }
                for (int h : horizons) {
                    if (h > o.truth()[0].length || o.truth().length < 3) {
                        continue;
                    }
                    DieboldMariano.Result r = DieboldMariano.test(Metrics.squaredErrors(c.forecasts(), o.truth(), h),
                            Metrics.squaredErrors(base.forecasts(), o.truth(), h), Math.min(h, o.truth().length - 1));
                    out.add(new Comparison(c.model(), size, h, best, r.statistic(), r.pValue()));
                }
            }
        }
        return out;
    }

    private static Cell find(Outcome o, String model, int size) {
        return o.cells().stream().filter(c -> c.model().equals(model) && c.trainSize() == size && c.seed() == 1).findFirst().orElseThrow();
    }

    /** Mean over horizons of the RMSE of a model at a size (NaN when absent). */
    public static double meanRmse(List<Summary> summary, String model, int size) {
        return summary.stream().filter(s -> s.model().equals(model) && s.trainSize() == size).mapToDouble(Summary::rmse).average()
                .orElse(Double.NaN);
    }

    /** The RMSE of a model at a size and horizon (NaN when absent). */
    public static double rmse(List<Summary> summary, String model, int size, int horizon) {
        return summary.stream().filter(s -> s.model().equals(model) && s.trainSize() == size && s.horizon() == horizon).mapToDouble(Summary::rmse)
                .findFirst().orElse(Double.NaN);
    }
}
