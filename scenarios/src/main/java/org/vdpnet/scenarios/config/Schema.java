package org.vdpnet.scenarios.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vdpnet.sim.IntegratorSpec;

/**
 * Every setting of a scenario, with its type, default and allowed range. The sections
 * {@code sweep} (handled by {@link SweepSpec}) and {@code fit}, {@code forecast},
 * {@code evaluate} (the recording pipeline, see {@link #PIPELINE}) are not plain settings and are listed apart.
 */
public final class Schema {
    private Schema() {}

    /**
     * Top-level sections that run the recording pipeline after (or instead of) the simulation:
     * {@code recording} holds settings shared by the others, whose keys are the options of
     * {@code vdpnet fit}, {@code forecast} and {@code evaluate} without the leading dashes.
     */
    public static final List<String> PIPELINE = List.of("recording", "fit", "forecast", "evaluate");

    private static final Map<String, Key> KEYS = new LinkedHashMap<>();

    private static void add(String path, Key.Type type, Object def, Rule rule, List<String> choices, String doc) {
        KEYS.put(path, new Key(path, type, def, rule, choices, doc));
    }

    private static void num(String path, double def, Rule rule, String doc) { add(path, Key.Type.NUMBER, def, rule, List.of(), doc); }

    private static void integer(String path, Long def, Rule rule, String doc) { add(path, Key.Type.INTEGER, def, rule, List.of(), doc); }

    private static void choice(String path, String def, List<String> choices, String doc) {
        add(path, Key.Type.CHOICE, def, null, choices, doc);
    }

    static {
        add("name", Key.Type.STRING, "", null, List.of(), "Short name of the study, used in plot titles.");
        add("description", Key.Type.STRING, "", null, List.of(), "Free text describing the study.");
        integer("seed", 0L, Rule.anyLong(), "Master seed; split deterministically for topology, weights, parameters, initial state and noise.");

        choice("network.topology.type", "watts-strogatz",
                List.of("ring", "lattice", "complete", "erdos-renyi", "watts-strogatz", "barabasi-albert"), "Graph generator (ignored when network.connectome.path is set).");
        integer("network.topology.nodes", 80L, Rule.intBetween(1, 50_000_000), "Number of nodes.");
        integer("network.topology.k", 4L, Rule.atLeast(2), "Watts–Strogatz: neighbours per node in the starting ring lattice (even, < nodes).");
        num("network.topology.p", 0.1, Rule.between(0, 1), "Watts–Strogatz rewiring probability, or Erdős–Rényi edge probability.");
        integer("network.topology.m", 2L, Rule.atLeast(1), "Barabási–Albert: edges per new node (< nodes).");
        integer("network.topology.rows", 0L, Rule.atLeast(0), "Lattice rows (must divide nodes); 0 picks the squarest grid.");
        add("network.topology.directed", Key.Type.BOOLEAN, false, null, List.of(), "Erdős–Rényi only: draw directed edges.");
        num("network.topology.weight-min", 1.0, Rule.finite(), "Smallest edge weight; weights are uniform in [weight-min, weight-max].");
        num("network.topology.weight-max", 1.0, Rule.finite(), "Largest edge weight (>= weight-min).");
        add("network.connectome.path", Key.Type.PATH, null, null, List.of(),
                "Read the network from a file instead of generating it: square matrix (CSV/whitespace), TVB folder or zip, GraphML or edge list. Relative to the scenario file.");
        choice("network.connectome.format", "auto", List.of("auto", "matrix", "tvb", "graphml", "edgelist"), "Connectome format; auto guesses from the path.");
        add("network.connectome.transpose", Key.Type.BOOLEAN, false, null, List.of(), "Transpose the matrix (files are read as W[target][source]).");
        add("network.connectome.directed", Key.Type.BOOLEAN, false, null, List.of(), "Edge lists: edges are directed.");
        choice("network.normalize", "none", List.of("none", "max", "row"), "Weight normalisation: none, divide by the largest weight, or make each row sum to 1.");
        choice("network.nodes.model", "vdp", List.of("vdp", "research"),
                "vdp: x' = y, y' = mu (1 - x^2) y - omega^2 x + input; research: x' = a1 x (1 - x^2) + a2 y + input, y' = -x.");
        add("network.nodes.mu", Key.Type.PARAM, Param.constant(1.0), Rule.nonNegative(), List.of(), "vdp damping per node.");
        add("network.nodes.omega", Key.Type.PARAM, Param.constant(1.0), Rule.positive(), List.of(), "vdp angular frequency per node.");
        add("network.nodes.a1", Key.Type.PARAM, Param.constant(1.0), Rule.finite(), List.of(), "research a1 per node.");
        add("network.nodes.a2", Key.Type.PARAM, Param.constant(1.0), Rule.finite(), List.of(), "research a2 per node.");

        choice("coupling.type", "diffusive", List.of("linear", "diffusive", "sigmoidal"),
                "linear: g sum_j W_ij c_j; diffusive: g sum_j W_ij (c_j - c_i); sigmoidal: g (min + (max - min) / (1 + exp(-slope (sum_j W_ij c_j - midpoint)))).");
        num("coupling.strength", 0.1, Rule.nonNegative(), "Global coupling gain g.");
        choice("coupling.variable", "x", List.of("x", "y"), "The variable c that couples.");
        num("coupling.slope", 1.0, Rule.positive(), "Sigmoidal: slope.");
        num("coupling.midpoint", 0.0, Rule.finite(), "Sigmoidal: midpoint.");
        num("coupling.min", -1.0, Rule.finite(), "Sigmoidal: lower level.");
        num("coupling.max", 1.0, Rule.finite(), "Sigmoidal: upper level (> min).");

        num("delays.speed", 0.0, Rule.nonNegative(),
                "Conduction speed (mm/ms); with tract lengths every edge gets the delay length / speed, converted to model units through "
                + "time.unit-seconds (len / (speed * 1000 * unit-seconds)); needs a fixed-step integrator.type and a delay <= time.t-end. "
                + "0, or no lengths: no delays.");
        add("delays.lengths", Key.Type.PATH, null, null, List.of(),
                "Tract lengths (mm): a square matrix file (comma or whitespace separated, optional label row) oriented like the weights, "
                + "L[target][source], transposed with them by network.connectome.transpose; needs delays.speed > 0. "
                + "Unset: a TVB connectome's own tract_lengths.txt. Relative to the scenario file.");
        choice("delays.rule", "nearest", List.of("nearest", "linear"),
                "How a delay that is not a whole number of integrator.dt steps is read: the nearest step (round(delay / dt)), or linear interpolation.");

        List<String> methods = new ArrayList<>();
        for (IntegratorSpec.Method m : IntegratorSpec.Method.values()) {
            methods.add(m.id());
        }
        choice("integrator.type", "dop853", methods, "Integration method; noise needs euler-maruyama or heun.");
        num("integrator.dt", 0.01, Rule.positive(), "Step of the fixed-step methods.");
        num("integrator.rtol", 1e-8, Rule.positive(), "Relative tolerance of the adaptive methods.");
        num("integrator.atol", 1e-10, Rule.positive(), "Absolute tolerance of the adaptive methods.");
        integer("integrator.max-evaluations", 0L, Rule.atLeast(0), "Budget of right-hand-side evaluations; 0 is unlimited.");

        choice("noise.kind", "none", List.of("none", "additive", "multiplicative"), "Noise: none, additive (sigma) or multiplicative (sigma * state).");
        num("noise.sigma", 0.0, Rule.nonNegative(), "Noise intensity.");
        choice("noise.on", "input", List.of("input", "x", "y", "both"), "Which variables get noise; input is the one that receives the coupling.");

        choice("monitors.type", "subsample", List.of("raw", "subsample", "average", "bold", "calcium"),
                "What is kept: every step, samples every period, or window averages; bold or calcium: the trajectory sampled every period, "
                + "and in the same integration the observation of each node's monitors.variable, written to bold.csv or calcium.csv (t in model units).");
        num("monitors.period", 0.1, Rule.positive(), "Sampling or averaging period of the trajectory (model units).");
        add("monitors.save-trajectory", Key.Type.BOOLEAN, true, null, List.of(), "Write trajectory.csv (and the plots) for every run.");
        choice("monitors.variable", "x", List.of("x", "y"), "bold, calcium: the node variable that drives the observation (one channel per node).");
        num("monitors.tr", 0.72, Rule.positive(),
                "bold: repetition time (s), the Balloon-Windkessel signal sampled every TR from the start; >= integrator.dt (fixed-step methods) "
                + "and <= time.t-end, both in seconds through time.unit-seconds.");
        num("monitors.gain", 1.0, Rule.finite(), "bold, calcium: the observation's input is gain * variable (BOLD's haemodynamic input per second, keep it well below 1: a van der Pol x of amplitude 2 needs about 0.05; calcium's convolution is over seconds).");
        choice("monitors.indicator", "gcamp6f", List.of("gcamp6f", "gcamp6s"),
                "calcium: the peak-normalised double-exponential kernel's rise and decay, gcamp6f 0.05 s / 0.7 s or gcamp6s 0.1 s / 1.5 s.");
        num("monitors.frame-period", 0.5, Rule.positive(),
                "calcium: seconds between frames; >= integrator.dt (fixed-step methods) and <= time.t-end, both in seconds through time.unit-seconds.");
        num("monitors.noise", 0.0, Rule.nonNegative(),
                "calcium: sd of Gaussian noise added to each frame (the kernel peaks at 1), seeded from seed ('calcium-noise' stream).");

        choice("initial.type", "random", List.of("random", "uniform"), "random: every component uniform in [-amplitude, amplitude]; uniform: every node at (x, y).");
        num("initial.amplitude", 2.0, Rule.positive(), "Amplitude of the random initial state.");
        num("initial.x", 1.0, Rule.finite(), "x of every node when initial.type is uniform.");
        num("initial.y", 0.0, Rule.finite(), "y of every node when initial.type is uniform.");

        num("time.t-end", 200.0, Rule.positive(), "End time (the run starts at 0).");
        num("time.transient", 0.0, Rule.nonNegative(), "Metrics ignore samples before this time (< t-end).");
        num("time.unit-seconds", 1.0, Rule.positive(), "Seconds per model time unit, the clock of the bold and calcium monitors (0.001: one unit is a ms); their files keep model time.");
    }

    /** Every key, in reference order. */
    public static List<Key> keys() { return List.copyOf(KEYS.values()); }

    /** The key at {@code path}, or null. */
    public static Key key(String path) { return KEYS.get(path); }

    /** The names allowed directly under {@code section} ("" for the top level), including sub-sections. */
    public static Set<String> children(String section) {
        Set<String> out = new LinkedHashSet<>();
        String prefix = section.isEmpty() ? "" : section + ".";
        for (String p : KEYS.keySet()) {
            if (p.startsWith(prefix)) {
                String rest = p.substring(prefix.length());
                int dot = rest.indexOf('.');
                out.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        if (section.isEmpty()) {
            out.add("sweep");
            out.add("engine");
            out.addAll(PIPELINE);
        }
        return out;
    }

    /** Whether {@code path} is a section (has keys below it). */
    public static boolean isSection(String path) {
        String prefix = path + ".";
        return KEYS.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    /** The closest name to {@code wrong} among {@code candidates}, or null when none is close. */
    public static String suggest(String wrong, Iterable<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(wrong.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best != null && bestD <= Math.max(2, wrong.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
