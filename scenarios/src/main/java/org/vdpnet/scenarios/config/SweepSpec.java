package org.vdpnet.scenarios.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep section: a grid (the Cartesian product of value lists, the last path varying
 * fastest) or an explicit list of points, each repeated {@code replicates} times with derived
 * seeds, and the metric that {@code sweep.png} shows.
 *
 * @param paths      the swept paths, in file order
 * @param points     one map of path to raw value (with its line) per point
 * @param replicates runs per point
 * @param metric     the metric to plot
 * @param grid       whether the points form a grid over {@code paths}
 */
public record SweepSpec(List<String> paths, List<Map<String, Located>> points, int replicates, String metric, boolean grid) {

    /** A raw value and the line it came from. */
    public record Located(Object value, int line) {}

    /** No sweep: one point with no changes. */
    public static SweepSpec single() {
        return new SweepSpec(List.of(), List.of(Map.of()), 1, "order-parameter", false);
    }

    /** Number of points (before replicates). */
    public int size() { return points.size(); }

    /** Builds a grid from value lists. */
    static SweepSpec grid(Map<String, List<Located>> values, int replicates, String metric) {
        List<Map<String, Located>> pts = new ArrayList<>();
        pts.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Located>> e : values.entrySet()) {
            List<Map<String, Located>> next = new ArrayList<>();
            for (Map<String, Located> p : pts) {
                for (Located v : e.getValue()) {
                    Map<String, Located> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(q);
                }
            }
            pts = next;
        }
        return new SweepSpec(List.copyOf(values.keySet()), pts, replicates, metric, true);
    }
}
