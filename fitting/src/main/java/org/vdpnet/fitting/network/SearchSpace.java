package org.vdpnet.fitting.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The box a network search moves in: named dimensions, each with bounds, a start and a linear or
 * logarithmic scale. The search works in unit coordinates {@code u}: each dimension maps
 * {@code [0, 1]} onto its range (on the log scale, onto the log of its range), and a {@code u}
 * outside {@code [0, 1]} is reflected back in (a triangle wave), so every candidate the search
 * proposes is inside the bounds without clamping, and the map is continuous.
 */
public final class SearchSpace {

    /**
     * One dimension.
     *
     * @param name    the parameter's name, for example {@code g} or {@code a1[Precentral_L]}
     * @param lower   its smallest value
     * @param upper   its largest value, {@code > lower}
     * @param log     whether it is searched on a log scale (then {@code lower > 0})
     * @param initial the start, inside the bounds
     */
    public record Dimension(String name, double lower, double upper, boolean log, double initial) {
        /** Checks the bounds; messages name the dimension. */
        public Dimension {
            Objects.requireNonNull(name, "name");
            if (!(Double.isFinite(lower) && Double.isFinite(upper) && upper > lower)) {
                throw new IllegalArgumentException(name + " range: need finite lower < upper, got [" + lower + ", " + upper + "]");
            }
            if (log && !(lower > 0)) {
                throw new IllegalArgumentException(name + " range: a log scale needs lower > 0, got " + lower);
            }
            if (!(initial >= lower && initial <= upper)) {
                throw new IllegalArgumentException(name + " start: must be in [" + lower + ", " + upper + "], got " + initial);
            }
        }

        double fromUnit(double u) {
            double r = reflect(u);
            return log ? Math.exp(Math.log(lower) + r * (Math.log(upper) - Math.log(lower))) : lower + r * (upper - lower);
        }

        double toUnit(double v) {
            return log ? (Math.log(v) - Math.log(lower)) / (Math.log(upper) - Math.log(lower)) : (v - lower) / (upper - lower);
        }
    }

    private final List<Dimension> dims;

    private SearchSpace(List<Dimension> dims) {
        this.dims = dims;
    }

    /** A space of the given dimensions (at least one, names unique). */
    public static SearchSpace of(List<Dimension> dims) {
        if (dims.isEmpty()) {
            throw new IllegalArgumentException("search: needs at least one free parameter");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Dimension d : dims) {
            if (!seen.add(d.name())) {
                throw new IllegalArgumentException("search: parameter '" + d.name() + "' is listed twice");
            }
        }
        return new SearchSpace(List.copyOf(dims));
    }

    /** Reflects {@code u} into {@code [0, 1]}: the identity inside, a mirror at each bound. */
    static double reflect(double u) {
        double m = u - 2 * Math.floor(u / 2); // in [0, 2)
        return m <= 1 ? m : 2 - m;
    }

    /** The dimensions, in order. */
    public List<Dimension> dimensions() { return dims; }

    /** The number of dimensions. */
    public int size() { return dims.size(); }

    /** The names, in order. */
    public List<String> names() {
        List<String> l = new ArrayList<>(dims.size());
        dims.forEach(d -> l.add(d.name()));
        return l;
    }

    /** The parameter values of unit coordinates {@code u} (reflected into the box). */
    public double[] fromUnit(double[] u) {
        double[] v = new double[dims.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = dims.get(i).fromUnit(u[i]);
        }
        return v;
    }

    /** The unit coordinates of the starts. */
    public double[] initialUnit() {
        double[] u = new double[dims.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = dims.get(i).toUnit(dims.get(i).initial());
        }
        return u;
    }

    /** Values by name. */
    public Map<String, Double> named(double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < dims.size(); i++) {
            m.put(dims.get(i).name(), values[i]);
        }
        return m;
    }

    /** The dimensions, for provenance. */
    public List<Map<String, Object>> describe() {
        List<Map<String, Object>> l = new ArrayList<>();
        for (Dimension d : dims) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("lower", d.lower());
            m.put("upper", d.upper());
            m.put("scale", d.log() ? "log" : "linear");
            m.put("initial", d.initial());
            l.add(m);
        }
        return l;
    }
}
