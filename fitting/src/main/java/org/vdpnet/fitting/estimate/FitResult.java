package org.vdpnet.fitting.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.param.Parameter;
import org.vdpnet.sim.param.ParametricField;
import org.vdpnet.sim.param.ParametricNetwork;

/**
 * The outcome of a fit: the fitted model (with every parameter's value, the fixed ones as
 * given), the full initial state, standard errors of the free parameters and of the initial
 * state, the cost, the per-observed-variable Pearson r of the simulated model against the data,
 * and how the optimisation ended. Numerical failures are statuses, never exceptions; everything
 * the fitter changed on its own is in {@link #warnings()}. Immutable; arrays are copied out.
 */
public final class FitResult {
    /** How a fit ended. */
    public enum Status {
        /** The polish on the whole window converged. */
        SUCCESS,
        /** The iteration budget ran out; the best parameters reached are reported. */
        MAX_ITERATIONS,
        /** The multiple-shooting estimate was not polished on the whole window (polish off); it is not a converged fit of the window. */
        UNPOLISHED,
        /** Every polished start diverged over the window: no bounded trajectory (the first start's parameters are reported). */
        DIVERGED;

        /** Whether the fit has a bounded trajectory to use (SUCCESS, MAX_ITERATIONS, UNPOLISHED). */
        public boolean bounded() { return this == SUCCESS || this == MAX_ITERATIONS || this == UNPOLISHED; }
    }

    private final FitProblem problem;
    private final ParametricField model;
    private final double[] values;
    private final double[] initialState;
    private final double[] errors;
    private final double rms;
    private final double[] r;
    private final double[][] simulated;
    private final int iterations;
    private final Status status;
    private final String message;
    private final double[] initialR;
    private final List<String> warnings;
    private final int substeps;
    private final int freeRun;
    private final Boolean freeRunBounded;

    /**
     * @param errors standard errors of the free parameters (in their order, in the parameters' own units) then of the initial
     *               state ({@code d} values); NaN where not estimable
     */
    FitResult(FitProblem problem, ParametricField model, double[] values, double[] initialState, double[] errors, double rms, double[] r,
              double[][] simulated, int iterations, Status status, String message, double[] initialR, List<String> warnings, int substeps) {
        this.problem = problem;
        this.model = model;
        this.values = values.clone();
        this.initialState = initialState.clone();
        this.errors = errors.clone();
        this.rms = rms;
        this.r = r.clone();
        this.simulated = copy(simulated);
        this.iterations = iterations;
        this.status = status;
        this.message = message;
        this.initialR = initialR.clone();
        this.warnings = List.copyOf(warnings);
        this.substeps = substeps;
        this.freeRun = 0;
        this.freeRunBounded = null;
    }

    private FitResult(FitResult f, String message, int freeRun, Boolean freeRunBounded) {
        this.problem = f.problem;
        this.model = f.model;
        this.values = f.values;
        this.initialState = f.initialState;
        this.errors = f.errors;
        this.rms = f.rms;
        this.r = f.r;
        this.simulated = f.simulated;
        this.iterations = f.iterations;
        this.status = f.status;
        this.message = message;
        this.initialR = f.initialR;
        this.warnings = f.warnings;
        this.substeps = f.substeps;
        this.freeRun = freeRun;
        this.freeRunBounded = freeRunBounded;
    }

    /** A copy that records the free-run check: {@code frames} frames, and whether the fit stayed bounded over them. */
    FitResult withFreeRun(int frames, boolean bounded) {
        return new FitResult(this, message, frames, bounded);
    }

    /**
     * Whether the fitted model stays bounded in free run over {@link #freeRun()} frames (from its
     * fitted initial state over the window and beyond, and from its trajectory's states within the
     * window): empty when the fit did not check ({@code FitOptions.freeRun() == 0}, or it diverged).
     */
    public java.util.Optional<Boolean> freeRunBounded() { return java.util.Optional.ofNullable(freeRunBounded); }

    /** Frames of the free-run check (0: not checked). */
    public int freeRun() { return freeRun; }

    /** A fit with no bounded trajectory: NaN rows, never zeros that could pass for one. */
    static FitResult failed(FitProblem p, double[] values, double[] state, Status status, String message, int iterations, double[] initialR,
                            List<String> warnings, int substeps) {
        int t = p.samples();
        int no = p.observedView().length;
        double[][] nan = new double[t][no];
        for (double[] row : nan) {
            Arrays.fill(row, Double.NaN);
        }
        double[] se = new double[p.freeView().length + state.length];
        Arrays.fill(se, Double.NaN);
        double[] r = new double[no];
        Arrays.fill(r, Double.NaN); // no trajectory, so no correlation: NaN, never a 0 that averages in as a score
        ParametricField m;
        List<String> w = new ArrayList<>(warnings);
        double[] v = values;
        try {
            m = p.model().withParameterValues(values);
        } catch (IllegalArgumentException outOfBounds) {
            m = p.model();
            v = m.parameterValues();
            w.add("the failed fit's parameters are not a valid model (" + outOfBounds.getMessage() + "); the model reported is the problem's "
                    + "starting model");
        }
        return new FitResult(p, m, v, state, se, Double.NaN, r, nan, iterations, status, message, initialR, w, substeps);
    }

    /** A copy with a note appended to the message. */
    public FitResult withNote(String note) {
        return new FitResult(this, message.isEmpty() ? note : message + "; " + note, freeRun, freeRunBounded);
    }

    /** The RK4 sub-steps per sample of the fixed path the fit used (the requested ones, or more where the model needed them). */
    public int substeps() { return substeps; }

    /** The problem that was fitted. */
    public FitProblem problem() { return problem; }

    /** The fitted model: every parameter at its fitted (or fixed) value. */
    public ParametricField model() { return model; }

    /** Every parameter's value, in the model's order (a copy). */
    public double[] values() { return values.clone(); }

    /** The fitted initial state, all {@code d} variables (a copy). */
    public double[] initialState() { return initialState.clone(); }

    /** The standard error of the named free parameter; NaN for a fixed or not estimable one. */
    public double standardError(String name) {
        int q = model.parameterIndex(name);
        int k = Arrays.binarySearch(problem.freeView(), q);
        return q < 0 || k < 0 ? Double.NaN : errors[k];
    }

    /** Standard errors of the free parameters, in their order, then of the initial state (a copy). */
    public double[] standardErrors() { return errors.clone(); }

    /** Root-mean-square residual of the simulated trajectory against the data. */
    public double rms() { return rms; }

    /** Pearson r per observed variable (a copy). */
    public double[] r() { return r.clone(); }

    /** The simulated observed values at every sample; NaN rows when the fit has no bounded trajectory (a copy). */
    public double[][] simulated() { return copy(simulated); }

    /** LM iterations over all stages and starts. */
    public int iterations() { return iterations; }

    /** How it ended. */
    public Status status() { return status; }

    /** A note on the ending. */
    public String message() { return message; }

    /** Per-observed-variable r of the initialiser alone (a copy). */
    public double[] initialR() { return initialR.clone(); }

    /** What the fit changed on its own: floors, halvings, bounds, smoothing switched off (with the values). */
    public List<String> warnings() { return warnings; }

    /** Mean of the per-variable r. */
    public double meanR() {
        double s = 0;
        for (double v : r) {
            s += v;
        }
        return s / r.length;
    }

    /** For a network: the values of one per-node kind, in node order. */
    public double[] nodeValues(String kind) {
        ParametricNetwork net = network();
        double[] out = new double[net.nodes()];
        for (int i = 0; i < out.length; i++) {
            int q = net.nodeParameter(kind, i);
            if (q < 0) {
                throw new IllegalArgumentException("kind: the " + net.form() + " form has no '" + kind + "'; allowed: " + net.nodeParameterKinds());
            }
            out[i] = values[q];
        }
        return out;
    }

    /** For a network: the effective coupling {@code g W} as a dense matrix (target rows, source columns; zero off the graph). */
    public double[][] couplingMatrix() {
        ParametricNetwork net = network();
        double[][] w = new double[net.nodes()][net.nodes()];
        double g = values[net.gainParameter()];
        for (int e = 0; e < net.edgeCount(); e++) {
            w[net.edgeTarget(e)][net.edgeSource(e)] += g * values[net.edgeParameter(e)];
        }
        return w;
    }

    /** For a network: variable {@code v} of every node at the first sample. */
    public double[] initialVariable(int v) {
        ParametricNetwork net = network();
        return Arrays.copyOfRange(initialState, v * net.nodes(), (v + 1) * net.nodes());
    }

    private ParametricNetwork network() {
        if (!(model instanceof ParametricNetwork net)) {
            throw new IllegalStateException("the fitted model is not a network");
        }
        return net;
    }

    /** For fit.json: status, quality, every parameter with its standard error (by name), the initial state, and per-kind arrays for networks. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("message", message);
        m.put("fitWarnings", warnings);
        m.put("meanPearsonR", meanR());
        m.put("pearsonR", r.clone());
        m.put("initialiserPearsonR", initialR.clone());
        m.put("rms", rms);
        m.put("iterations", iterations);
        m.put("substeps", substeps);
        m.put("freeRunFrames", freeRun);
        m.put("freeRunBounded", freeRunBounded);
        m.put("couplingForm", problem.couplingForm());
        List<Parameter> ps = model.parameters();
        int[] free = problem.freeView();
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> se = new LinkedHashMap<>();
        List<String> fixed = new ArrayList<>();
        for (int q = 0; q < ps.size(); q++) {
            params.put(ps.get(q).name(), values[q]);
            int k = Arrays.binarySearch(free, q);
            if (k >= 0) {
                se.put(ps.get(q).name(), errors[k]);
            } else {
                fixed.add(ps.get(q).name());
            }
        }
        if (model instanceof ParametricNetwork net) {
            for (String kind : net.nodeParameterKinds()) {
                m.put(kind, nodeValues(kind));
            }
            m.put("W", couplingMatrix());
            for (int v = 0; v < net.variables().size(); v++) {
                m.put(net.variables().get(v) + "0", initialVariable(v));
            }
        }
        m.put("parameters", params);
        m.put("fixedParameters", fixed);
        m.put("standardErrors", se);
        m.put("standardErrorUnits", "the parameters' own units (computed in scaled units, value / scale, from the Jacobian at the best point)");
        List<String> names = model.stateNames();
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, Object> stateSe = new LinkedHashMap<>();
        for (int i = 0; i < initialState.length; i++) {
            state.put(names.get(i), initialState[i]);
            stateSe.put(names.get(i), errors[free.length + i]);
        }
        m.put("initialState", state);
        m.put("initialStateStandardErrors", stateSe);
        return m;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k].clone();
        }
        return c;
    }
}
