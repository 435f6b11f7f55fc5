package org.vdpnet.fitting.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vdpnet.sim.param.Parameter;
import org.vdpnet.sim.param.ParametricField;
import org.vdpnet.sim.param.ParametricNetwork;

/**
 * What to fit: a parametric model (its current values are the fixed parameters' values and the
 * free ones' fallback start), which state variables the data observe, the data and their
 * spacing, and which parameters are free. A graph mask is the model's own edge pattern: only
 * stored edges have weights to fit; {@code W = g * SC} is the pattern with the weights fixed and
 * the gain free. Immutable; arrays are copied in and out.
 *
 * <pre>{@code
 * FitProblem p = FitProblem.of(network, observedX, samples, 1 / rate).withFixed("g", 1.0);
 * FitResult r = Fitter.fit(p, FitOptions.defaults());
 * }</pre>
 */
public final class FitProblem {
    private final ParametricField model;
    private final int[] observed;
    private final double[][] data;
    private final double dt;
    private final int[] free;
    private final String couplingForm;

    private FitProblem(ParametricField model, int[] observed, double[][] data, double dt, int[] free, String couplingForm) {
        this.model = model;
        this.observed = observed;
        this.data = data;
        this.dt = dt;
        this.free = free;
        this.couplingForm = couplingForm;
    }

    /**
     * Every parameter free.
     *
     * @param observed the state index that each data column observes
     * @param data     samples x observed, finite
     * @param dt       the sample spacing (> 0)
     */
    public static FitProblem of(ParametricField model, int[] observed, double[][] data, double dt) {
        Objects.requireNonNull(model, "model");
        int d = model.getDimension();
        if (observed.length == 0) {
            throw new IllegalArgumentException("observed: need at least one observed state variable");
        }
        boolean[] seen = new boolean[d];
        for (int o : observed) {
            if (o < 0 || o >= d) {
                throw new IllegalArgumentException("observed: state index must be in [0, " + (d - 1) + "], got " + o);
            }
            if (seen[o]) {
                throw new IllegalArgumentException("observed: state index " + o + " is listed twice");
            }
            seen[o] = true;
        }
        if (data.length < 4) {
            throw new IllegalArgumentException("fit: needs at least 4 samples, got " + data.length);
        }
        double[][] copy = new double[data.length][];
        for (int k = 0; k < data.length; k++) {
            if (data[k].length != observed.length) {
                throw new IllegalArgumentException("data: sample " + k + " has " + data[k].length + " values; need one per observed variable ("
                        + observed.length + ")");
            }
            for (int i = 0; i < observed.length; i++) {
                if (!Double.isFinite(data[k][i])) {
                    throw new IllegalArgumentException("data: sample " + k + ", column " + i + " must be finite, got " + data[k][i]);
                }
            }
            copy[k] = data[k].clone();
        }
        if (!(dt > 0 && dt < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("dt: must be finite and > 0, got " + dt);
        }
        int[] all = new int[model.parameters().size()];
        Arrays.setAll(all, q -> q);
        return new FitProblem(model, observed.clone(), copy, dt, all, "dense");
    }

    /** A network fit: the data observe the first variable ({@code x}) of every node, in node order. */
    public static FitProblem ofNetwork(ParametricNetwork model, double[][] data, double dt) {
        int[] obs = new int[model.nodes()];
        Arrays.setAll(obs, i -> i);
        return of(model, obs, data, dt);
    }

    /** A copy with exactly these parameters free (indices among the model's parameters). */
    public FitProblem withFree(int[] indices) {
        int p = model.parameters().size();
        int[] f = indices.clone();
        Arrays.sort(f);
        for (int k = 0; k < f.length; k++) {
            if (f[k] < 0 || f[k] >= p) {
                throw new IllegalArgumentException("free parameter: index must be in [0, " + (p - 1) + "], got " + f[k]);
            }
            if (k > 0 && f[k] == f[k - 1]) {
                throw new IllegalArgumentException("free parameter: " + model.parameters().get(f[k]).name() + " is listed twice");
            }
        }
        return new FitProblem(model, observed, data, dt, f, couplingForm);
    }

    /** A copy with the named parameter fixed at {@code value} (checked against its bounds). */
    public FitProblem withFixed(String name, double value) {
        int q = model.parameterIndex(name);
        if (q < 0) {
            throw new IllegalArgumentException("fixed parameter: unknown '" + name + "'");
        }
        double[] v = model.parameterValues();
        v[q] = value;
        ParametricField m = model.withParameterValues(v);
        int[] f = Arrays.stream(free).filter(k -> k != q).toArray();
        return new FitProblem(m, observed, data, dt, f, couplingForm);
    }

    /** A copy with other data of the same shape (a bootstrap replicate, for example). */
    public FitProblem withData(double[][] other) {
        if (other.length != data.length) {
            throw new IllegalArgumentException("data: need " + data.length + " samples, got " + other.length);
        }
        FitProblem checked = of(model, observed, other, dt);
        return new FitProblem(model, observed, checked.data, dt, free, couplingForm);
    }

    /** A copy that records how the coupling is constrained ({@code dense}, {@code masked} or {@code scaled}), for provenance. */
    public FitProblem withCouplingForm(String form) {
        return new FitProblem(model, observed, data, dt, free, Objects.requireNonNull(form, "form"));
    }

    /** The model, with the fixed parameters' values. */
    public ParametricField model() { return model; }

    /** The observed state indices (a copy). */
    public int[] observed() { return observed.clone(); }

    /** The data, samples x observed (a copy). */
    public double[][] data() {
        double[][] c = new double[data.length][];
        for (int k = 0; k < data.length; k++) {
            c[k] = data[k].clone();
        }
        return c;
    }

    /** Number of samples. */
    public int samples() { return data.length; }

    /** The sample spacing. */
    public double dt() { return dt; }

    /** The free parameters' indices, ascending (a copy). */
    public int[] free() { return free.clone(); }

    /** How the coupling is constrained. */
    public String couplingForm() { return couplingForm; }

    /** The free parameters' names. */
    public List<String> freeNames() {
        List<Parameter> ps = model.parameters();
        List<String> out = new ArrayList<>(free.length);
        for (int q : free) {
            out.add(ps.get(q).name());
        }
        return out;
    }

    /** Direct read access for the fitter's loops; must not be modified. */
    double[][] dataView() { return data; }

    int[] observedView() { return observed; }

    int[] freeView() { return free; }
}
