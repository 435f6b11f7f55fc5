package org.vdpnet.fitting.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.linear.SingularValueDecomposition;
import org.vdpnet.sim.param.ParametricNetwork;

/**
 * The integral regression initialiser: integrating a node's equation once or twice over time
 * turns it into an equation linear in the unknown parameters and in one constant per segment,
 * solved by ridge least squares on Savitzky–Golay-smoothed data. Integrals rather than
 * derivatives keep the noise from being amplified; the integrals restart at each segment start,
 * so the integrated noise does not drift over long records. Milliseconds.
 *
 * <ul>
 *   <li>research form ({@code x' = a1 x (1 - x^2) + a2 y + input}, {@code y' = -x}): since
 *       {@code y(t) = y(s) - int_s^t x},
 *       {@code x(t) - x(s) = a1 int (x - x^3) - a2 int int x + a2 y(s) (t - s) + int input};</li>
 *   <li>classic form ({@code x' = y}, {@code y' = mu (1 - x^2) y - omega^2 x + input}): twice,
 *       {@code x(t) - x(s) - y(s) (t - s) = mu int (F(x) - F(x(s))) - omega^2 int int x + int int input}
 *       with {@code F(x) = x - x^3 / 3};</li>
 * </ul>
 * where {@code input_i = g sum_j W_ij (c_j - [diffusive] c_i)}. Free edge weights, or the free
 * gain with the weights fixed ({@code W = g SC}), are regression unknowns; fixed parameters move
 * to the left-hand side. The segment constants give each segment's latent start
 * ({@code y(s) = c / a2}, or {@code y(s) = c} in the classic form). Every floor or unsupported
 * case is a warning with its values.
 */
final class IntegralRegression {
    private IntegralRegression() {}

    /** A latent start beyond this many times the latent amplitude of an oscillation of the observed range is not credible (a near-zero a2 divides a constant). */
    static final double LATENT_BOUND = 10;

    /** An initial estimate: every parameter's value, the full state at each segment start, and what was changed or not estimated. */
    record Start(double[] values, double[][] states, List<String> warnings) {}

    /**
     * The estimate for {@code p}. Models that are not a research or classic network observed
     * through every node's x start from their current values, with the observed state from the
     * data and the latent state 0, and a warning that says so.
     */
    static Start estimate(FitProblem p, int[] starts, int smoothing, double ridge) {
        double[][] data = p.dataView();
        List<String> warnings = new ArrayList<>();
        if (!(p.model() instanceof ParametricNetwork net) || !observesX(net, p.observedView())
                || !(net.form().equals("research") || net.form().equals("vdp"))) {
            warnings.add("initialiser: no integral regression for this model; starting from its current parameter values");
            return new Start(p.model().parameterValues(), observedStates(p, starts, new double[starts.length][p.model().getDimension()]),
                    warnings);
        }
        boolean research = net.form().equals("research");
        int n = net.nodes();
        int t = data.length;
        double dt = p.dt();
        double[][] s = smooth(data, smoothing);
        int segs = starts.length;
        int[] segOf = new int[t];
        double[][] i1 = new double[t][n];
        double[][] i3 = new double[t][n];
        double[][] ii = new double[t][n];
        double[][] iF = new double[t][n];
        for (int q = 0; q < segs; q++) {
            int from = starts[q];
            int to = q + 1 < segs ? starts[q + 1] : t;
            for (int k = from; k < to; k++) {
                segOf[k] = q;
                if (k == from) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    double c0 = s[k - 1][i];
                    double c1 = s[k][i];
                    double fs = f(s[from][i]);
                    i1[k][i] = i1[k - 1][i] + 0.5 * dt * (c0 + c1);
                    i3[k][i] = i3[k - 1][i] + 0.5 * dt * (c0 * c0 * c0 + c1 * c1 * c1);
                    ii[k][i] = ii[k - 1][i] + 0.5 * dt * (i1[k][i] + i1[k - 1][i]);
                    iF[k][i] = iF[k - 1][i] + 0.5 * dt * (f(c0) - fs + f(c1) - fs);
                }
            }
        }
        double[] values = p.model().parameterValues();
        boolean[] isFree = new boolean[values.length];
        for (int q : p.freeView()) {
            isFree[q] = true;
        }
        String k1 = research ? "a1" : "mu";
        String k2 = research ? "a2" : "omega";
        int g = net.gainParameter();
        boolean linear = net.couplingType().equals("linear") || net.couplingType().equals("diffusive");
        boolean diff = net.couplingType().equals("diffusive");
        boolean viaY = net.couplingVariableIndex() == 1;
        boolean edgesFree = false;
        for (int e = 0; e < net.edgeCount(); e++) {
            edgesFree |= isFree[net.edgeParameter(e)];
        }
        boolean gainFree = isFree[g];
        boolean coupling = linear && !(research && viaY) && !(edgesFree && gainFree);
        if (!coupling && (edgesFree || gainFree)) {
            warnings.add("initialiser: the coupling (" + net.couplingType() + (viaY ? " through y" : "") + (edgesFree && gainFree
                    ? ", gain and weights both free" : "") + ") is not linear in its free parameters here; it starts from the model's values"
                    + " and the regression leaves it out");
        }
        // the coupling regressor of edge e at sample k: int (research) or int int (classic) of (c_src - [diffusive] c_i)
        // the integrated coupling variable of every node: int c (research) or int int c (classic), c = x, or y = x' in the classic form
        double[][] cInt = new double[t][n];
        for (int k = 0; k < t; k++) {
            double span = (k - starts[segOf[k]]) * dt;
            for (int j = 0; j < n; j++) {
                cInt[k][j] = research ? i1[k][j] : viaY ? i1[k][j] - span * s[starts[segOf[k]]][j] : ii[k][j];
            }
        }
        List<List<Integer>> edgesInto = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            edgesInto.add(new ArrayList<>());
        }
        for (int e = 0; e < net.edgeCount(); e++) {
            edgesInto.get(net.edgeTarget(e)).add(e);
        }
        // unknowns: per node [k1?, k2?, free edges into i..., one constant per segment], then the shared gain (if free)
        int[][] cols = new int[n][];
        int[] offset = new int[n + 1];
        for (int i = 0; i < n; i++) {
            List<Integer> c = new ArrayList<>();
            c.add(isFree[net.nodeParameter(k1, i)] ? -1 : -9);
            c.add(isFree[net.nodeParameter(k2, i)] ? -2 : -9);
            if (coupling) {
                for (int e : edgesInto.get(i)) {
                    if (isFree[net.edgeParameter(e)]) {
                        c.add(e);
                    }
                }
            }
            cols[i] = c.stream().filter(v -> v != -9).mapToInt(Integer::intValue).toArray();
            offset[i + 1] = offset[i] + cols[i].length + segs;
        }
        boolean joint = coupling && gainFree;
        int unknowns = offset[n] + (joint ? 1 : 0);
        double gain = values[g];
        double[][] coef = new double[n][];
        double jointGain = gain;
        if (joint) {
            double[][] a = new double[n * t][unknowns];
            double[] b = new double[n * t];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < t; k++) {
                    b[i * t + k] = row(net, research, i, k, segOf[k], starts, dt, s, i1, i3, ii, iF, values, isFree, cols[i], edgesInto.get(i),
                            coupling, gain, cInt, diff, a[i * t + k], offset[i], segs);
                    double sc = 0;
                    for (int e : edgesInto.get(i)) {
                        sc += values[net.edgeParameter(e)] * edgeTerm(net, cInt, diff, e, k);
                    }
                    a[i * t + k][unknowns - 1] = sc;
                }
            }
            double[] all = ridgeSolve(a, b, ridge);
            for (int i = 0; i < n; i++) {
                coef[i] = Arrays.copyOfRange(all, offset[i], offset[i + 1]);
            }
            jointGain = all[unknowns - 1];
        } else {
            for (int i = 0; i < n; i++) {
                int m = cols[i].length + segs;
                double[][] a = new double[t][m];
                double[] b = new double[t];
                for (int k = 0; k < t; k++) {
                    b[k] = row(net, research, i, k, segOf[k], starts, dt, s, i1, i3, ii, iF, values, isFree, cols[i], edgesInto.get(i), coupling,
                            gain, cInt, diff, a[k], 0, segs);
                }
                coef[i] = ridgeSolve(a, b, ridge);
            }
        }
        int d = net.getDimension();
        double[][] states = new double[segs][d];
        List<String> floored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int col : cols[i]) {
                double v = coef[i][c++];
                if (col == -1) {
                    if (!research && v < 0) {
                        floored.add(String.format(Locale.ROOT, "%s %.4g -> 0", net.parameters().get(net.nodeParameter(k1, i)).name(), v));
                        v = 0;
                    }
                    values[net.nodeParameter(k1, i)] = v;
                } else if (col == -2) {
                    if (!research) {
                        // the regression estimates omega^2
                        double min = 2 * Math.PI / (t * dt);
                        if (!(v >= min * min)) {
                            floored.add(String.format(Locale.ROOT, "%s^2 %.4g -> (2 pi / window)^2 = %.4g", net.parameters().get(net.nodeParameter(k2,
                                    i)).name(), v, min * min));
                            v = min * min;
                        }
                        v = Math.sqrt(v);
                    }
                    values[net.nodeParameter(k2, i)] = v;
                } else {
                    values[net.edgeParameter(col)] = v;
                }
            }
            double a2 = values[net.nodeParameter(k2, i)];
            double scale = 0;
            for (double[] row : data) {
                scale = Math.max(scale, Math.abs(row[i]));
            }
            // the latent amplitude of an oscillation of the data's amplitude A: A / sqrt(a2) (research), omega A (classic)
            double factor = research ? 1.0 / Math.sqrt(Math.max(Math.abs(a2), 1e-300)) : Math.abs(a2);
            // and never near the divergence limit, where the first step would already count as a blow-up
            double bound = Math.min(LATENT_BOUND * Math.max(1.0, scale) * Math.max(1.0, factor), Shooting.LIMIT / LATENT_BOUND);
            for (int q = 0; q < segs; q++) {
                double cq = coef[i][cols[i].length + q];
                states[q][i] = data[starts[q]][i];
                double y = research ? (Math.abs(a2) > 1e-8 ? cq / a2 : 0.0) : cq;
                if (!(Math.abs(y) <= bound)) {
                    String name = net.parameters().get(net.nodeParameter(k2, i)).name();
                    floored.add(String.format(Locale.ROOT, "%s at segment %d: the regression puts the latent start at y = %.4g, beyond %.3g (%.0f x the"
                            + " latent amplitude an oscillation of the data's range would have at %s = %.3g, and at most %.0f), so y starts at 0 there",
                            net.labels().get(i), q + 1, y, bound, LATENT_BOUND, name, a2, Shooting.LIMIT / LATENT_BOUND));
                    y = 0.0;
                }
                states[q][n + i] = y;
            }
            if (research && !(Math.abs(a2) > 1e-8)) {
                floored.add(String.format(Locale.ROOT, "%s = %.3g, so its latent y starts at 0", net.parameters().get(net.nodeParameter(k2, i)).name(),
                        a2));
            }
        }
        if (joint) {
            if (!(jointGain >= 0)) {
                floored.add(String.format(Locale.ROOT, "g %.4g -> 0 (the gain is >= 0)", jointGain));
                jointGain = 0;
            }
            values[g] = jointGain;
        }
        if (!floored.isEmpty()) {
            warnings.add("initialiser: " + String.join("; ", floored));
        }
        return new Start(values, states, warnings);
    }

    /** Fills one design row for node {@code i} at sample {@code k} from column {@code off}; returns the left-hand side. */
    private static double row(ParametricNetwork net, boolean research, int i, int k, int q, int[] starts, double dt, double[][] s, double[][] i1,
                              double[][] i3, double[][] ii, double[][] iF, double[] values, boolean[] isFree, int[] cols, List<Integer> into,
                              boolean coupling, double gain, double[][] cInt, boolean diff, double[] a, int off,
                              int segs) {
        double span = (k - starts[q]) * dt;
        double b = s[k][i] - s[starts[q]][i];
        double r1 = research ? i1[k][i] - i3[k][i] : iF[k][i]; // a1 / mu
        double r2 = -ii[k][i];                                  // a2 / omega^2
        int k1 = net.nodeParameter(research ? "a1" : "mu", i);
        int k2 = net.nodeParameter(research ? "a2" : "omega", i);
        if (!isFree[k1]) {
            b -= values[k1] * r1;
        }
        if (!isFree[k2]) {
            b -= (research ? values[k2] : values[k2] * values[k2]) * r2;
        }
        int c = off;
        for (int col : cols) {
            a[c++] = col == -1 ? r1 : col == -2 ? r2 : gain * edgeTerm(net, cInt, diff, col, k);
        }
        if (coupling) {
            for (int e : into) {
                if (!isFree[net.edgeParameter(e)] && !isFree[net.gainParameter()]) {
                    b -= gain * values[net.edgeParameter(e)] * edgeTerm(net, cInt, diff, e, k);
                }
            }
        }
        a[off + cols.length + q] = span;
        return b;
    }

    /** The regressor of edge e at sample k: the integrated source minus, for a diffusive coupling, the integrated target. */
    private static double edgeTerm(ParametricNetwork net, double[][] cInt, boolean diff, int e, int k) {
        return cInt[k][net.edgeSource(e)] - (diff ? cInt[k][net.edgeTarget(e)] : 0.0);
    }

    private static double f(double x) {
        return x - x * x * x / 3.0;
    }

    private static boolean observesX(ParametricNetwork net, int[] observed) {
        if (observed.length != net.nodes() || net.variables().size() != 2) {
            return false;
        }
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** The observed values from the data at each segment start, the rest of the state as given. */
    static double[][] observedStates(FitProblem p, int[] starts, double[][] states) {
        int[] obs = p.observedView();
        double[][] data = p.dataView();
        for (int q = 0; q < starts.length; q++) {
            for (int o = 0; o < obs.length; o++) {
                states[q][obs[o]] = data[starts[q]][o];
            }
        }
        return states;
    }

    private static double[][] smooth(double[][] x, int window) {
        int t = x.length;
        int n = x[0].length;
        double[][] s = new double[t][n];
        for (int i = 0; i < n; i++) {
            double[] col = new double[t];
            for (int k = 0; k < t; k++) {
                col[k] = x[k][i];
            }
            double[] sm = window > 1 ? SavitzkyGolay.smooth(col, window, 3) : col;
            for (int k = 0; k < t; k++) {
                s[k][i] = sm[k];
            }
        }
        return s;
    }

    /** Ridge least squares with unit-norm column scaling, through the SVD (stable for collinear columns). */
    static double[] ridgeSolve(double[][] a, double[] b, double ridge) {
        int m = a[0].length;
        double[] norm = new double[m];
        for (double[] row : a) {
            for (int j = 0; j < m; j++) {
                norm[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < m; j++) {
            norm[j] = norm[j] > 0 ? Math.sqrt(norm[j]) : 1;
        }
        double[][] sc = new double[a.length][m];
        for (int k = 0; k < a.length; k++) {
            for (int j = 0; j < m; j++) {
                sc[k][j] = a[k][j] / norm[j];
            }
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(MatrixUtils.createRealMatrix(sc));
        double[] sv = svd.getSingularValues();
        RealMatrix u = svd.getU();
        RealMatrix v = svd.getV();
        RealVector utb = u.transpose().operate(MatrixUtils.createRealVector(b));
        double[] coef = new double[m];
        for (int r = 0; r < sv.length; r++) {
            double f = sv[r] / (sv[r] * sv[r] + ridge);
            for (int j = 0; j < m; j++) {
                coef[j] += v.getEntry(j, r) * f * utb.getEntry(r);
            }
        }
        for (int j = 0; j < m; j++) {
            coef[j] /= norm[j];
        }
        return coef;
    }
}
