package org.vdpnet.fitting.estimate;

import java.util.List;
import org.vdpnet.sim.param.FixedStepPath;
import org.vdpnet.sim.param.Parameter;
import org.vdpnet.sim.param.ParametricField;

/**
 * Residuals and their Jacobian for multiple shooting, for {@link Marquardt}.
 * The unknowns are the free parameters in scaled units ({@code value / scale}) followed by the
 * full state at each segment start; the residuals are the simulated observed values minus the
 * data, then {@code lambda} times each segment's end state minus the next segment's start. The
 * Jacobian comes from the forward sensitivities of the fixed-step path ({@link FixedStepPath}),
 * one sensitivity run per segment: a segment's start moves only that segment. One instance per
 * thread (it holds the path's work arrays).
 */
final class Shooting {
    /** States beyond this magnitude count as diverged (the data are z-scored). */
    static final double LIMIT = 1e3;

    private final ParametricField model;
    private final double[] base;
    private final int[] free;
    private final double[] scale;
    private final double[] lower;
    private final double[] upper;
    private final double[][] data;
    private final int[] observed;
    private final int[] starts;
    private final double lambda;
    private final int d;
    private final int pf;
    private final int rows;
    private final FixedStepPath path;
    private final double[][] xBuf;
    private final double[][] sBuf;
    private final double[] end;
    private final double[] endSens;
    private final int cols;
    /** Times a step was pulled back into a parameter's bounds, per free parameter. */
    final int[] projections;

    Shooting(FitProblem p, int[] starts, double lambda, int substeps) {
        this.model = p.model();
        this.base = model.parameterValues();
        this.free = p.freeView();
        List<Parameter> ps = model.parameters();
        this.pf = free.length;
        this.scale = new double[pf];
        this.lower = new double[pf];
        this.upper = new double[pf];
        for (int k = 0; k < pf; k++) {
            Parameter q = ps.get(free[k]);
            scale[k] = q.scale();
            lower[k] = q.min();
            upper[k] = q.max();
        }
        this.data = p.dataView();
        this.observed = p.observedView();
        this.starts = starts;
        this.lambda = lambda;
        this.d = model.getDimension();
        this.rows = data.length * observed.length + (starts.length - 1) * d;
        this.path = new FixedStepPath(d, free, p.dt(), substeps, LIMIT);
        this.cols = path.directions();
        int longest = 0;
        for (int k = 0; k < starts.length; k++) {
            longest = Math.max(longest, end(k) - starts[k] + 1);
        }
        this.xBuf = new double[longest][observed.length];
        this.sBuf = new double[longest][observed.length * cols];
        this.end = new double[d];
        this.endSens = new double[d * cols];
        this.projections = new int[pf];
    }

    int residualCount() { return rows; }

    int unknowns() { return pf + starts.length * d; }

    int segments() { return starts.length; }

    private int end(int k) { return k == starts.length - 1 ? data.length : starts[k + 1]; }

    private int dataRow(int k) { return starts[k] * observed.length; }

    private int contRow(int k) { return data.length * observed.length + k * d; }

    /** The model at unknowns {@code v} (free parameters scaled), or null where a value lies outside its bounds. */
    ParametricField modelAt(double[] v) {
        double[] all = base.clone();
        for (int k = 0; k < pf; k++) {
            double x = v[k] * scale[k];
            if (!(x >= lower[k] && x <= upper[k])) {
                return null;
            }
            all[free[k]] = x;
        }
        return model.withParameterValues(all);
    }

    /** Unknowns for every parameter value and the state at each segment start. */
    double[] pack(double[] values, double[][] states) {
        double[] v = new double[unknowns()];
        for (int k = 0; k < pf; k++) {
            v[k] = values[free[k]] / scale[k];
        }
        for (int q = 0; q < starts.length; q++) {
            System.arraycopy(states[q], 0, v, pf + q * d, d);
        }
        return v;
    }

    /** Every parameter's value at unknowns {@code v}. */
    double[] values(double[] v) {
        double[] all = base.clone();
        for (int k = 0; k < pf; k++) {
            all[free[k]] = v[k] * scale[k];
        }
        return all;
    }

    /** Pulls the free parameters of {@code v} into their bounds, counting each pull ({@code v} is changed in place and returned). */
    double[] project(double[] v) {
        for (int k = 0; k < pf; k++) {
            double x = v[k] * scale[k];
            double c = x < lower[k] ? lower[k] : x > upper[k] ? upper[k] : x;
            if (c != x || Double.isNaN(x)) {
                v[k] = (Double.isNaN(x) ? (lower[k] > Double.NEGATIVE_INFINITY ? lower[k] : 0) : c) / scale[k];
                projections[k]++;
            }
        }
        return v;
    }

    /** Fills segment k's data rows and continuity rows; allocation-free apart from the model. */
    private boolean segment(ParametricField m, double[] v, int k, double[] r, double[][] jac) {
        int s = starts[k];
        int e = end(k);
        boolean last = k == starts.length - 1;
        int samples = e - s + (last ? 0 : 1);
        int off = pf + k * d;
        boolean ok = m != null && (jac == null ? path.simulate(m, v, off, samples, observed, xBuf, end)
                : path.sensitivities(m, v, off, samples, observed, xBuf, sBuf, end, endSens));
        int no = observed.length;
        for (int q = 0; q < e - s; q++) {
            for (int o = 0; o < no; o++) {
                int row = dataRow(k) + q * no + o;
                r[row] = (ok ? xBuf[q][o] : LIMIT) - data[s + q][o];
                if (jac != null) {
                    double[] jr = jac[row];
                    double[] sr = sBuf[q];
                    for (int c = 0; c < pf; c++) {
                        jr[c] = ok ? sr[o * cols + c] * scale[c] : 0.0;
                    }
                    for (int c = 0; c < d; c++) {
                        jr[off + c] = ok ? sr[o * cols + pf + c] : 0.0;
                    }
                }
            }
        }
        if (!last) {
            for (int i = 0; i < d; i++) {
                int row = contRow(k) + i;
                r[row] = lambda * ((ok ? end[i] : LIMIT) - v[pf + (k + 1) * d + i]);
                if (jac != null) {
                    double[] jr = jac[row];
                    for (int c = 0; c < pf; c++) {
                        jr[c] = ok ? lambda * endSens[i * cols + c] * scale[c] : 0.0;
                    }
                    for (int c = 0; c < d; c++) {
                        jr[off + c] = ok ? lambda * endSens[i * cols + pf + c] : 0.0;
                    }
                    jr[pf + (k + 1) * d + i] = -lambda;
                }
            }
        }
        return ok;
    }

    private boolean jacobianFailed;

    /** Whether the last Jacobian met a diverging segment (its rows are then zero and no step can be computed from them). */
    boolean jacobianFailed() { return jacobianFailed; }

    /** The residuals at {@code v}, remembering the best point seen. */
    double[] residualsAt(double[] v) {
        double[] r = new double[rows];
        ParametricField m = modelAt(v);
        for (int k = 0; k < starts.length; k++) {
            segment(m, v, k, r, null);
        }
        return r;
    }

    /** The Jacobian at {@code v} from the forward sensitivities (zero rows where the model diverges). */
    double[][] jacobianAt(double[] v) {
        double[] r = new double[rows];
        double[][] jac = new double[rows][unknowns()];
        ParametricField m = modelAt(v);
        jacobianFailed = false;
        for (int k = 0; k < starts.length; k++) {
            jacobianFailed |= !segment(m, v, k, r, jac);
        }
        return jac;
    }


    /**
     * The observed trajectory over the whole window from segment 0's start at unknowns {@code v},
     * or null where it diverges.
     */
    double[][] trajectory(double[] v) {
        ParametricField m = modelAt(v);
        double[][] out = new double[data.length][observed.length];
        return m != null && path.simulate(m, v, pf, data.length, observed, out, null) ? out : null;
    }
}
