package org.vdpnet.fitting.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;
import org.vdpnet.sim.Seeds;

/**
 * Fits the research form to observed components: the {@link RegressionInitializer}, then
 * Levenberg–Marquardt (Hipparchus) on the simulated trajectory by multiple shooting over
 * segments with continuity penalties of increasing weight, then an optional single-shooting
 * polish over the whole window. Jacobians by forward differences that exploit the block
 * structure (a segment's initial state only moves that segment). Never throws on a numerical
 * failure: the best parameters found come back with a {@link FitResult.Status}.
 */
public final class ResearchFitter {
    private ResearchFitter() {}

    /**
     * Fits {@code data[k][i]} (samples x components) sampled every {@code dt}.
     */
    public static FitResult fit(double[][] data, double dt, FitOptions o) {
        int t = data.length;
        int n = data[0].length;
        if (t < 4) {
            throw new IllegalArgumentException("fit: needs at least 4 samples, got " + t);
        }
        int p = ResearchParameters.size(n);
        List<String> warnings = new ArrayList<>();
        boolean smooth = t >= 2 * o.smoothing();
        if (!smooth && o.smoothing() > 1) {
            warnings.add("smoothing switched off: the window of " + t + " samples is shorter than twice the smoothing window (" + o.smoothing() + ")");
        }
        RegressionInitializer.Estimate init = RegressionInitializer.fit(data, dt, o.ridge(), smooth ? o.smoothing() : 1,
                segmentStarts(t, Math.min(o.segment(), t - 1)));
        double[] theta = new double[p];
        init.params().pack(theta, 0);
        String stabilised = stabilise(theta, n, data[0], init.y0(), t, dt, o.substeps());
        if (!stabilised.isEmpty()) {
            warnings.add("initialiser: " + stabilised);
        }
        double[] initialR = correlations(data, simulateOrNull(n, theta, data[0], init.y0(), t, dt, o.substeps()));

        int[] starts = segmentStarts(t, Math.min(o.segment(), t - 1));
        int segs = starts.length;
        double[] v = new double[p + segs * 2 * n];
        System.arraycopy(theta, 0, v, 0, p);
        double[] y = init.y0().clone();
        // latent y at each segment start from y(t) = y(0) - int x
        double[] integral = new double[n];
        int seg = 0;
        for (int k = 0; k < t && seg < segs; k++) {
            if (k > 0) {
                for (int i = 0; i < n; i++) {
                    integral[i] += 0.5 * dt * (data[k][i] + data[k - 1][i]);
                }
            }
            if (k == starts[seg]) {
                for (int i = 0; i < n; i++) {
                    v[p + seg * 2 * n + i] = data[k][i];
                    v[p + seg * 2 * n + n + i] = y[i] - integral[i];
                }
                seg++;
            }
        }
        int iterations = 0;
        boolean hitLimit = false;
        if (segs > 1) {
            for (double lambda : o.continuity()) {
                MultipleShooting ms = new MultipleShooting(data, dt, o.substeps(), n, starts, lambda);
                Stage st = optimise(ms, v, o.maxIterations(), o.tolerance(), false);
                v = st.point;
                iterations += st.iterations;
                hitLimit |= st.hitLimit;
            }
        }
        // polish by single shooting, keep the lowest cost that stays bounded. After multiple
        // shooting (long windows) from its result alone: single shooting from the initialiser over
        // a long window loses the phase and only costs time. Otherwise from several starts: the
        // initialiser, the initialiser with weaker coupling, and seeded random perturbations of
        // the initialiser (the global option).
        List<double[]> candidates = new ArrayList<>();
        List<String> candidateNotes = new ArrayList<>();
        if (segs > 1) {
            candidates.add(Arrays.copyOf(v, p + 2 * n));
            candidateNotes.add("");
        } else {
            String[] names = {"the initialiser", "the initialiser with W x 0.5", "the initialiser with W x 0"};
            double[] shrinks = {1.0, 0.5, 0.0};
            for (int k = 0; k < shrinks.length; k++) {
                List<String> note = new ArrayList<>(1);
                candidates.add(start(theta, shrinks[k], null, data, dt, init.y0(), o, note));
                candidateNotes.add(note.isEmpty() ? "" : names[k] + ": " + note.get(0));
            }
            UniformRandomProvider rng = Seeds.rng(Seeds.derive(o.seed(), "fit-restarts"));
            for (int k = 0; k < o.restarts(); k++) {
                List<String> note = new ArrayList<>(1);
                candidates.add(start(theta, 1.0, rng, data, dt, init.y0(), o, note));
                candidateNotes.add(note.isEmpty() ? "" : "restart " + (k + 1) + ": " + note.get(0));
            }
        }
        List<Polished> polished = polishAll(candidates, data, dt, n, o, segs == 1);
        double[] q = candidates.get(0);
        RealMatrix jacobian = null;
        Polished best = null;
        int bestIndex = -1;
        for (int k = 0; k < polished.size(); k++) {
            Polished c = polished.get(k);
            iterations += c.stage.iterations;
            if (c.ssr < (best == null ? Double.POSITIVE_INFINITY : best.ssr)) {
                best = c;
                bestIndex = k;
                q = c.stage.point;
                jacobian = c.stage.jacobian;
                hitLimit = c.stage.hitLimit;
            }
        }
        if (bestIndex >= 0 && !candidateNotes.get(bestIndex).isEmpty()) {
            warnings.add("best start, " + candidateNotes.get(bestIndex));
        }
        ResearchParameters params;
        try {
            params = ResearchParameters.unpack(n, q, 0);
        } catch (IllegalArgumentException e) {
            return new FitResult(init.params(), data[0].clone(), init.y0(), nan(p + 2 * n), Double.NaN, nan(n), nanRows(t, n),
                    iterations, FitResult.Status.NON_FINITE, "non-finite parameters; reporting the initialiser", initialR, warnings);
        }
        double[] x0 = Arrays.copyOfRange(q, p, p + n);
        double[] y0 = Arrays.copyOfRange(q, p + n, p + 2 * n);
        // the best polished start was simulated already; with none bounded, try the first start as it was
        double[][] sim = best != null ? best.sim : simulateOrNull(n, q, x0, y0, t, dt, o.substeps());
        if (sim == null) {
            return new FitResult(params, x0, y0, nan(p + 2 * n), Double.NaN, nan(n), nanRows(t, n), iterations,
                    FitResult.Status.DIVERGED, "the model simulated from the fitted state diverges", initialR, warnings);
        }
        double ssr = ssr(data, sim);
        double[] se = standardErrors(jacobian, ssr, t * n, p + 2 * n);
        FitResult.Status status = hitLimit ? FitResult.Status.MAX_ITERATIONS : FitResult.Status.SUCCESS;
        return new FitResult(params, x0, y0, se, Math.sqrt(ssr / (t * n)), correlations(data, sim), sim, iterations, status,
                hitLimit ? "the iteration budget ran out in at least one stage; best parameters reported" : "", initialR, warnings);
    }

    /** A start for the polish: the initialiser with W scaled by {@code shrink}, or randomly perturbed when {@code rng} is given. */
    private static double[] start(double[] theta, double shrink, UniformRandomProvider rng, double[][] data, double dt, double[] y0,
                                  FitOptions o, List<String> note) {
        int n = data[0].length;
        int p = theta.length;
        double[] c = new double[p + 2 * n];
        System.arraycopy(theta, 0, c, 0, p);
        ZigguratSampler.NormalizedGaussian gauss = rng == null ? null : ZigguratSampler.NormalizedGaussian.of(rng);
        for (int q = 0; q < p; q++) {
            if (rng == null) {
                c[q] *= q >= 2 * n ? shrink : 1.0;
            } else {
                // a1, a2 by a log-normal factor (sign kept), each coupling by a uniform factor in [0, 1)
                c[q] *= q >= 2 * n ? rng.nextDouble() : Math.exp(0.3 * gauss.sample());
            }
        }
        System.arraycopy(data[0], 0, c, p, n);
        System.arraycopy(y0, 0, c, p + n, n);
        String changed = stabilise(c, n, data[0], y0, data.length, dt, o.substeps());
        if (!changed.isEmpty()) {
            note.add(changed);
        }
        return c;
    }

    private static double ssr(double[][] data, double[][] sim) {
        double s = 0;
        for (int k = 0; k < data.length; k++) {
            for (int i = 0; i < data[k].length; i++) {
                s += (sim[k][i] - data[k][i]) * (sim[k][i] - data[k][i]);
            }
        }
        return s;
    }

    /** A polished start, its simulation over the window (null if it diverged) and the sum of squared residuals. */
    private record Polished(Stage stage, double[][] sim, double ssr) {}

    /** Single-shooting LM from every start, on {@code o.parallelism()} threads; the order of the results is that of the starts. */
    private static List<Polished> polishAll(List<double[]> starts, double[][] data, double dt, int n, FitOptions o, boolean always) {
        List<Callable<Polished>> jobs = new ArrayList<>();
        for (double[] s : starts) {
            jobs.add(() -> polish(s, data, dt, n, o, always));
        }
        int threads = Math.min(o.parallelism(), jobs.size());
        List<Polished> out = new ArrayList<>();
        if (threads <= 1) {
            for (Callable<Polished> j : jobs) {
                try {
                    out.add(j.call());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vdpnet-fit");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Future<Polished> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("fit interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Polished polish(double[] start, double[][] data, double dt, int n, FitOptions o, boolean always) {
        int p = ResearchParameters.size(n);
        Stage st = new Stage(start, 0, false, null);
        if (o.polish() || always) {
            MultipleShooting single = new MultipleShooting(data, dt, o.substeps(), n, new int[] {0}, 1.0);
            st = optimise(single, start, o.maxIterations(), o.tolerance(), true);
        }
        double[] point = st.point;
        double[][] sim = simulateOrNull(n, point, Arrays.copyOfRange(point, p, p + n), Arrays.copyOfRange(point, p + n, p + 2 * n),
                data.length, dt, o.substeps());
        return new Polished(st, sim, sim == null ? Double.POSITIVE_INFINITY : ssr(data, sim));
    }

    /**
     * Makes the initial model bounded over the window, so that the optimiser starts where the
     * cost is informative: a1 gets a floor of 0.05 (cubic damping keeps trajectories bounded), and
     * W is halved until the simulation from the first sample stays finite (at most 20 times).
     *
     * @return what was changed, with the values, or an empty string
     */
    static String stabilise(double[] theta, int n, double[] x0, double[] y0, int t, double dt, int sub) {
        List<String> floored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (theta[i] < 0.05) {
                floored.add(String.format(java.util.Locale.ROOT, "a1[%d] %.4g", i, theta[i]));
                theta[i] = 0.05;
            }
        }
        int halvings = 0;
        for (; halvings < 20 && simulateOrNull(n, theta, x0, y0, t, dt, sub) == null; halvings++) {
            for (int q = 2 * n; q < theta.length; q++) {
                theta[q] *= 0.5;
            }
        }
        List<String> out = new ArrayList<>();
        if (!floored.isEmpty()) {
            out.add("a1 floored at 0.05 (was " + String.join(", ", floored) + ")");
        }
        if (halvings > 0) {
            boolean bounded = simulateOrNull(n, theta, x0, y0, t, dt, sub) != null;
            out.add("W halved " + halvings + " time(s) (x " + Math.pow(0.5, halvings) + ")" + (bounded ? " until the simulation stayed bounded"
                    : ", and the simulation still diverges"));
        }
        return String.join("; ", out);
    }

    /** No trajectory: NaN rows, never zeros that could pass for one. */
    private static double[][] nanRows(int t, int n) {
        double[][] a = new double[t][];
        for (int k = 0; k < t; k++) {
            a[k] = nan(n);
        }
        return a;
    }

    private static double[] nan(int k) {
        double[] a = new double[k];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    static int[] segmentStarts(int t, int seg) {
        int count = Math.max(1, (t - 1) / seg);
        int[] s = new int[count];
        for (int k = 0; k < count; k++) {
            s[k] = k * seg;
        }
        return s;
    }

    static double[][] simulateOrNull(int n, double[] packed, double[] x0, double[] y0, int t, double dt, int sub) {
        double[][] out = new double[t][n];
        return ResearchTrajectory.simulate(n, packed, 0, x0, y0, t, dt, sub, out, null) ? out : null;
    }

    /** Pearson r per component; 0 where the model is constant or missing (it explains none of the data). */
    static double[] correlations(double[][] data, double[][] sim) {
        int n = data[0].length;
        double[] r = new double[n];
        if (sim == null) {
            return r;
        }
        for (int i = 0; i < n; i++) {
            double v = org.vdpnet.sim.Statistics.pearson(org.vdpnet.sim.Statistics.column(data, i), org.vdpnet.sim.Statistics.column(sim, i));
            r[i] = Double.isNaN(v) ? 0.0 : v;
        }
        return r;
    }

    private static double[] standardErrors(RealMatrix j, double ssr, int m, int p) {
        double[] se = nan(p);
        if (j == null || m <= p) {
            return se;
        }
        try {
            RealMatrix cov = MatrixUtils.inverse(j.transpose().multiply(j), 1e-12);
            double s2 = ssr / (m - p);
            for (int i = 0; i < p; i++) {
                double d = cov.getEntry(i, i) * s2;
                se[i] = d >= 0 ? Math.sqrt(d) : Double.NaN;
            }
        } catch (RuntimeException singular) {
            // not estimable: leave NaN
        }
        return se;
    }

    record Stage(double[] point, int iterations, boolean hitLimit, RealMatrix jacobian) {}

    /** @param errors whether a stage that runs out of iterations evaluates the Jacobian at its best point (for standard errors) */
    static Stage optimise(MultipleShooting f, double[] start, int maxIterations, double tolerance, boolean errors) {
        // lazy: LM evaluates trial points by their residuals alone and asks for the Jacobian only
        // at accepted points, which saves a Jacobian (61 simulations for 6 components) per rejected step
        LeastSquaresProblem problem = new LeastSquaresBuilder().start(start).target(new double[f.residualCount()])
                .model(f::residualsAt, f::jacobianAt).maxIterations(maxIterations).maxEvaluations(10 * maxIterations)
                .lazyEvaluation(true).build();
        try {
            LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(tolerance)
                    .withParameterRelativeTolerance(tolerance).optimize(problem);
            double[] point = opt.getPoint().toArray();
            return new Stage(point, opt.getIterations(), false, opt.getJacobian());
        } catch (MathIllegalStateException e) {
            double[] point = f.bestPoint != null ? f.bestPoint : start;
            // the budget ran out: the standard errors still come from the Jacobian at the best point reached
            RealMatrix jacobian = null;
            try {
                double[][] j = errors ? f.jacobianAt(point) : new double[][] {{Double.NaN}};
                boolean finite = true;
                for (double[] row : j) {
                    for (double v : row) {
                        finite &= Double.isFinite(v);
                    }
                }
                jacobian = finite ? MatrixUtils.createRealMatrix(j) : null;
            } catch (RuntimeException notEvaluable) {
                jacobian = null; // a diverging point: its standard errors stay NaN, as the status says
            }
            return new Stage(point, maxIterations, true, jacobian);
        }
    }

    /** Residuals and forward-difference Jacobian of multiple shooting, as Hipparchus wants them. */
    static final class MultipleShooting implements MultivariateJacobianFunction {
        private final double[][] data;
        private final double dt;
        private final int sub;
        private final int n;
        private final int p;
        private final int[] starts;
        private final double lambda;
        private final int rows;
        private final ResearchTrajectory.Work work;
        private final double[][] xBuf;
        private final double[] endState;
        double bestCost = Double.POSITIVE_INFINITY;
        double[] bestPoint;

        MultipleShooting(double[][] data, double dt, int sub, int n, int[] starts, double lambda) {
            this.data = data;
            this.dt = dt;
            this.sub = sub;
            this.n = n;
            this.p = ResearchParameters.size(n);
            this.starts = starts;
            this.lambda = lambda;
            this.rows = data.length * n + (starts.length - 1) * 2 * n;
            this.work = new ResearchTrajectory.Work(n);
            int longest = 0;
            for (int k = 0; k < starts.length; k++) {
                longest = Math.max(longest, end(k) - starts[k] + 1);
            }
            this.xBuf = new double[longest][n];
            this.endState = new double[2 * n];
        }

        int residualCount() { return rows; }

        private int end(int k) { return k == starts.length - 1 ? data.length : starts[k + 1]; }

        /** Row of segment k's first data residual. */
        private int dataRow(int k) { return starts[k] * n; }

        private int contRow(int k) { return data.length * n + k * 2 * n; }

        /** Fills segment k's data rows and its continuity rows (if any); allocation-free. */
        private void segment(double[] v, int k, double[] r) {
            int s = starts[k];
            int e = end(k);
            boolean last = k == starts.length - 1;
            int samples = e - s + (last ? 0 : 1);
            int stateOff = p + k * 2 * n;
            boolean ok = ResearchTrajectory.simulate(n, v, 0, v, stateOff, v, stateOff + n, samples, dt, sub, xBuf, endState, work);
            for (int q = 0; q < e - s; q++) {
                for (int i = 0; i < n; i++) {
                    double sim = ok ? xBuf[q][i] : ResearchTrajectory.LIMIT;
                    r[dataRow(k) + q * n + i] = sim - data[s + q][i];
                }
            }
            if (!last) {
                for (int i = 0; i < 2 * n; i++) {
                    double nextStart = v[p + (k + 1) * 2 * n + i];
                    r[contRow(k) + i] = lambda * ((ok ? endState[i] : ResearchTrajectory.LIMIT) - nextStart);
                }
            }
        }

        private double[] residuals(double[] v) {
            double[] r = new double[rows];
            for (int k = 0; k < starts.length; k++) {
                segment(v, k, r);
            }
            return r;
        }

        @Override
        public Pair<RealVector, RealMatrix> value(RealVector point) {
            double[] v = point.toArray();
            return new Pair<>(MatrixUtils.createRealVector(residualsAt(v)), MatrixUtils.createRealMatrix(jacobianAt(v)));
        }

        /** The residuals at {@code v}, remembering the best point seen (what a failed stage reports). */
        double[] residualsAt(double[] v) {
            double[] r = residuals(v);
            double cost = 0;
            for (double x : r) {
                cost += x * x;
            }
            if (Double.isFinite(cost) && cost < bestCost) {
                bestCost = cost;
                bestPoint = v.clone();
            }
            return r;
        }

        /** The forward-difference Jacobian at {@code v} (restored on return). */
        double[][] jacobianAt(double[] point) {
            double[] v = point.clone();
            double[] r = residuals(v);
            double[][] jac = new double[rows][v.length];
            double[] rr = new double[rows];
            for (int j = 0; j < v.length; j++) {
                double h = 1e-7 * Math.max(1.0, Math.abs(v[j]));
                double keep = v[j];
                v[j] = keep + h;
                double inv = 1.0 / (v[j] - keep);
                if (j < p) {
                    for (int k = 0; k < starts.length; k++) {
                        segment(v, k, rr);
                    }
                    for (int i = 0; i < rows; i++) {
                        jac[i][j] = (rr[i] - r[i]) * inv;
                    }
                } else {
                    int k = (j - p) / (2 * n);
                    segment(v, k, rr);
                    int from = dataRow(k);
                    int to = dataRow(k) + (end(k) - starts[k]) * n;
                    for (int i = from; i < to; i++) {
                        jac[i][j] = (rr[i] - r[i]) * inv;
                    }
                    if (k < starts.length - 1) {
                        for (int i = contRow(k); i < contRow(k) + 2 * n; i++) {
                            jac[i][j] = (rr[i] - r[i]) * inv;
                        }
                    }
                    if (k > 0) {
                        int c = (j - p) % (2 * n);
                        jac[contRow(k - 1) + c][j] = -lambda;
                    }
                }
                v[j] = keep;
            }
            return jac;
        }
    }
}
