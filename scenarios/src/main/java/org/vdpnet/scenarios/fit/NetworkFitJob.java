package org.vdpnet.scenarios.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.fitting.network.NetworkSearch;
import org.vdpnet.fitting.network.NetworkSimulation;
import org.vdpnet.fitting.network.SearchSpace;
import org.vdpnet.fitting.preprocess.Butterworth;
import org.vdpnet.fitting.preprocess.PeakFrequency;
import org.vdpnet.sim.Statistics;
import org.vdpnet.sim.exec.TaskExecutor;
import org.vdpnet.validation.Connectivity;
import org.vdpnet.validation.ConnectivityTarget;

/**
 * The wiring of {@code vdpnet fit-network}: a recording's frames and a structural graph in, the
 * {@link NetworkSimulation} of each candidate, the {@link ConnectivityTarget} it is scored against
 * and the search ({@link NetworkSearch}: CMA-ES, or a coupling-only grid over {@code g x speed}).
 * No science of its own: every step is a library call.
 */
public final class NetworkFitJob {
    private NetworkFitJob() {}

    /** The recording's frames after preprocessing ({@code frames x channels}) and what was done. */
    public record Data(double[][] rows, List<String> labels, List<String> dropped, double framePeriod) {}

    /**
     * Removes each channel's mean and band-passes it ({@code band} may be null), after dropping the
     * constant channels (no FC is defined for them) from the recording; the caller drops the same
     * regions from the graph.
     */
    public static Data prepare(double[][] channelsByTime, List<String> labels, double framePeriod, Butterworth band) {
        List<double[]> kept = new ArrayList<>();
        List<String> keptLabels = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < channelsByTime.length; i++) {
            double[] x = channelsByTime[i];
            if (Statistics.variance(x) == 0) {
                dropped.add(labels.get(i));
                continue;
            }
            double m = Statistics.mean(x);
            double[] c = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                c[k] = x[k] - m;
            }
            kept.add(band == null ? c : band.filtFilt(c));
            keptLabels.add(labels.get(i));
        }
        int t = channelsByTime[0].length;
        double[][] rows = new double[t][kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            for (int k = 0; k < t; k++) {
                rows[k][i] = kept.get(i)[k];
            }
        }
        return new Data(rows, List.copyOf(keptLabels), List.copyOf(dropped), framePeriod);
    }

    /** Each channel's peak frequency (Hz) within {@code [low, high]}. */
    public static double[] peakFrequencies(double[][] rows, double rate, double low, double high) {
        int n = rows[0].length;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = PeakFrequency.of(Statistics.column(rows, i), rate, low, high);
        }
        return f;
    }

    /** The graph without the regions {@code dropIndex} (ascending), and the matrix likewise. */
    public static double[][] without(double[][] m, List<Integer> drop) {
        int n = m.length - drop.size();
        double[][] out = new double[n][n];
        for (int i = 0, a = 0; i < m.length; i++) {
            if (drop.contains(i)) {
                continue;
            }
            for (int j = 0, b = 0; j < m.length; j++) {
                if (!drop.contains(j)) {
                    out[a][b++] = m[i][j];
                }
            }
            a++;
        }
        return out;
    }

    /** The objective of a candidate: simulate, observe, score. */
    public static NetworkSearch.Objective objective(NetworkSimulation sim, ConnectivityTarget target) {
        return values -> {
            try {
                ConnectivityTarget.Score s = target.score(sim.observe(values));
                return Double.isFinite(s.cost()) ? NetworkSearch.Evaluation.of(s.cost(), s.measures())
                        : NetworkSearch.Evaluation.failed("no finite FC/FCD comparison");
            } catch (NetworkSimulation.Failure f) {
                return NetworkSearch.Evaluation.failed(f.getMessage());
            }
        };
    }

    /** One point of a grid. */
    public record GridPoint(double g, double speed, NetworkSearch.Evaluation evaluation) {}

    /**
     * The coupling-only reference: every {@code g} (log-spaced over {@code gRange}) times every speed
     * (linear over {@code speedRange}; one speed, 0, without lengths), other parameters at their
     * fixed values. {@code sim} must have exactly {@code g} and {@code speed} free, in that order.
     */
    public static List<GridPoint> grid(NetworkSimulation sim, ConnectivityTarget target, double[] gRange, int gCount,
                                       double[] speedRange, int speedCount, TaskExecutor executor, java.util.function.IntConsumer done)
            throws Exception {
        List<double[]> points = new ArrayList<>();
        for (int a = 0; a < gCount; a++) {
            double g = gCount == 1 ? gRange[0]
                    : Math.exp(Math.log(gRange[0]) + a * (Math.log(gRange[1]) - Math.log(gRange[0])) / (gCount - 1));
            for (int b = 0; b < speedCount; b++) {
                double v = speedCount == 1 ? speedRange[0] : speedRange[0] + b * (speedRange[1] - speedRange[0]) / (speedCount - 1);
                points.add(new double[] {g, v});
            }
        }
        List<NetworkSearch.Evaluation> evals = executor.map(points, objective(sim, target), done);
        List<GridPoint> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            out.add(new GridPoint(points.get(i)[0], points.get(i)[1], evals.get(i)));
        }
        return out;
    }

    /** The FC and FCD of the best candidate, re-simulated (deterministic), for the plots. */
    public static Map<String, double[][]> matrices(NetworkSimulation sim, double[] best, int window, int step) throws NetworkSimulation.Failure {
        double[][] rows = sim.observe(best);
        Map<String, double[][]> m = new LinkedHashMap<>();
        m.put("fc", Connectivity.fc(rows));
        m.put("fcd", Connectivity.fcd(rows, window, step));
        return m;
    }

    /** The search space of the free parameters, from their ranges (by kind) and starts (by name, else by kind). */
    public static SearchSpace space(List<String> free, Map<String, double[]> ranges, Map<String, Double> starts) {
        List<SearchSpace.Dimension> dims = new ArrayList<>();
        for (String name : free) {
            int open = name.indexOf('[');
            String kind = open < 0 ? name : name.substring(0, open);
            double[] r = ranges.get(kind);
            if (r == null) {
                throw new IllegalArgumentException("--free: no range for '" + kind + "'");
            }
            boolean log = !kind.equals("speed") && r[0] > 0;
            // a start outside its range is refused by the dimension (never clamped)
            dims.add(new SearchSpace.Dimension(name, r[0], r[1], log, starts.getOrDefault(name, starts.get(kind))));
        }
        return SearchSpace.of(dims);
    }
}
