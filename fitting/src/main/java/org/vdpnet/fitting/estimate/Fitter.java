package org.vdpnet.fitting.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.Statistics;
import org.vdpnet.sim.param.Parameter;
import org.vdpnet.sim.param.ParametricField;
import org.vdpnet.sim.param.ParametricNetwork;

/**
 * Fits any {@link FitProblem}: the {@link IntegralRegression} initialiser, then
 * Levenberg–Marquardt ({@link Marquardt}) on the simulated trajectory by multiple shooting over
 * segments with continuity penalties of increasing weight, then single shooting over the whole
 * window from one start (after multiple shooting) or from several (the initialiser, weaker
 * coupling, seeded random perturbations: the global option). Jacobians come from forward
 * sensitivities, never finite differences. Never throws on a numerical failure: the best
 * parameters found come back with a {@link FitResult.Status}, and every floor, halving, bound
 * and skipped step is in the result's warnings.
 */
public final class Fitter {
    private Fitter() {}

    /** Fits {@code p} with options {@code o}. */
    public static FitResult fit(FitProblem p, FitOptions requested) {
        FitOptions o = requested;
        double[][] data = p.dataView();
        int t = data.length;
        List<String> warnings = new ArrayList<>();
        boolean smooth = t >= 2 * o.smoothing();
        if (!smooth && o.smoothing() > 1) {
            warnings.add("smoothing switched off: the window of " + t + " samples is shorter than twice the smoothing window (" + o.smoothing() + ")");
        }
        int[] starts = segmentStarts(t, Math.min(o.segment(), t - 1));
        int segs = starts.length;
        IntegralRegression.Start init = IntegralRegression.estimate(p, starts, smooth ? o.smoothing() : 1, o.ridge());
        warnings.addAll(init.warnings());
        double[] values = init.values();
        double radius = spectralRadius(p, values, init.states(), starts);
        int sub = substepsFor(p.dt(), radius, requested.substeps());
        if (sub > requested.substeps()) {
            double achieved = radius * p.dt() / sub;
            warnings.add(achieved <= STEP_BOUND * (1 + 1e-12)
                    ? String.format(Locale.ROOT, "RK4 sub-steps raised from %d to %d per sample: the initial model's state Jacobian has eigenvalues of"
                            + " modulus up to %.3g per unit time, and a step h must keep h * |lambda| <= %.1f for RK4 to follow the ODE",
                            requested.substeps(), sub, radius, STEP_BOUND)
                    : String.format(Locale.ROOT, "RK4 sub-steps raised from %d to the most allowed, %d per sample, and still h * |lambda| = %.3g > %.1f:"
                            + " the initial model (eigenvalues of modulus up to %.3g per unit time) is too stiff for the fixed path to follow closely",
                            requested.substeps(), sub, achieved, STEP_BOUND, radius));
            o = requested.withSubsteps(sub);
        }
        String stabilised = stabilise(p, values, init.states()[0], o.substeps());
        if (!stabilised.isEmpty()) {
            warnings.add("initialiser: " + stabilised);
        }
        Shooting single = new Shooting(p, new int[] {0}, 1.0, o.substeps());
        int pf = p.freeView().length;
        int d = p.model().getDimension();
        double[] initialR = correlations(data, single.trajectory(single.pack(values, new double[][] {init.states()[0]})));

        int iterations = 0;
        boolean msLimit = false;
        double[] v = null;
        if (segs > 1) {
            v = new Shooting(p, starts, 1.0, o.substeps()).pack(values, init.states());
            for (double lambda : o.continuity()) {
                Shooting ms = new Shooting(p, starts, lambda, o.substeps());
                Stage st = optimise(ms, v, o.maxIterations(), o.tolerance(), false);
                v = st.point;
                iterations += st.iterations;
                msLimit |= st.hitLimit;
            }
        }
        List<double[]> candidates = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (segs > 1 && o.restarts() > 0 && o.polish()) {
            warnings.add("the window has " + segs + " multiple-shooting segments, so its estimate is the one start of the polish: the " + o.restarts()
                    + " restart(s) and the start race apply to single-segment windows only");
        }
        if (segs > 1) {
            candidates.add(Arrays.copyOf(v, pf + d));
            notes.add("");
        } else {
            String[] names = {"the initialiser", "the initialiser with the coupling x 0.5", "the initialiser with the coupling x 0"};
            double[] shrinks = SHRINKS;
            for (int k = 0; k < shrinks.length; k++) {
                List<String> note = new ArrayList<>(1);
                candidates.add(start(p, single, values, init.states()[0], shrinks[k], null, o, note));
                notes.add(note.isEmpty() ? "" : names[k] + ": " + note.get(0));
            }
            UniformRandomProvider rng = Seeds.rng(Seeds.derive(o.seed(), "fit-restarts"));
            for (int k = 0; k < o.restarts(); k++) {
                List<String> note = new ArrayList<>(1);
                candidates.add(start(p, single, values, init.states()[0], 1.0, rng, o, note));
                notes.add(note.isEmpty() ? "" : "restart " + (k + 1) + ": " + note.get(0));
            }
        }
        boolean polished = o.polish() || segs == 1;
        List<Polished> runs = race(p, candidates, o, polished);
        Polished best = null;
        int bestIndex = -1;
        for (int k = 0; k < runs.size(); k++) {
            Polished c = runs.get(k);
            iterations += c.stage.iterations;
            if (c.sim != null && c.ssr < (best == null ? Double.POSITIVE_INFINITY : best.ssr)) {
                best = c;
                bestIndex = k;
            }
        }
        Boolean freeRunBounded = null;
        if (best != null && o.freeRun() > 0) {
            // rank the starts bounded-in-free-run first, then by cost
            Polished lowest = best;
            Polished bounded = null;
            int boundedIndex = -1;
            for (int k = 0; k < runs.size(); k++) {
                Polished c = runs.get(k);
                if (c.sim != null && (bounded == null || c.ssr < bounded.ssr) && FreeRunCheck.bounded(p, single, c.stage.point, o.freeRun(), o.substeps())) {
                    bounded = c;
                    boundedIndex = k;
                }
            }
            freeRunBounded = bounded != null;
            if (bounded == null) {
                warnings.add("no start of the race (screened or polished) stays bounded over " + o.freeRun() + " frames of free run; the lowest-cost one is reported, and "
                        + "forecasts or synthetic series from it may diverge");
            } else if (bounded != lowest) {
                warnings.add(String.format(Locale.ROOT, "the lowest-cost start (residual RMS %.4g) diverges within %d frames of free run; the "
                        + "lowest-cost start that stays bounded is reported (residual RMS %.4g)", Math.sqrt(lowest.ssr / (t * p.observedView().length)),
                        o.freeRun(), Math.sqrt(bounded.ssr / (t * p.observedView().length))));
                best = bounded;
                bestIndex = boundedIndex;
            }
        }
        if (bestIndex >= 0 && !notes.get(bestIndex).isEmpty()) {
            warnings.add("best start, " + notes.get(bestIndex));
        }
        int m = t * p.observedView().length;
        if (best == null) {
            double[] q = candidates.get(0);
            String what = polished ? "all " + runs.size() + " polished start(s) diverge over the window"
                    : "the multiple-shooting estimate diverges over the whole window";
            return FitResult.failed(p, single.values(q), Arrays.copyOfRange(q, pf, pf + d), FitResult.Status.DIVERGED, what
                    + "; reporting the first start's parameters, with no trajectory", iterations, initialR, warnings, o.substeps());
        }
        double[] q = best.stage.point;
        warnings.addAll(boundWarnings(p, single, q, best.projections));
        double[] se = standardErrors(best.stage.jacobian, best.ssr, m, pf + d);
        for (int k = 0; k < pf; k++) {
            se[k] *= p.model().parameters().get(p.freeView()[k]).scale(); // scaled units -> the parameter's own units
        }
        List<String> unidentified = new ArrayList<>();
        for (int k = 0; k < pf; k++) {
            if (Double.isNaN(se[k])) {
                unidentified.add(p.model().parameters().get(p.freeView()[k]).name());
            }
        }
        if (!unidentified.isEmpty()) {
            String which = unidentified.size() + " free parameter(s) (" + String.join(", ", unidentified.subList(0, Math.min(8, unidentified.size())))
                    + (unidentified.size() > 8 ? ", ..." : "") + ")";
            if (m <= pf + d) {
                warnings.add("no standard errors: " + m + " residuals for " + (pf + d) + " unknowns leave no degrees of freedom; fit a longer window"
                        + " or fewer parameters");
            } else if (best.stage.jacobian == null) {
                warnings.add("no standard error for " + which + ": the Jacobian at the best point could not be evaluated (not finite)");
            } else {
                warnings.add("no standard error for " + which + ": the Jacobian at the best point is rank-deficient there, so the data do not"
                        + " determine them separately (fix one of a confounded pair with --fix)");
            }
        }
        FitResult.Status status;
        String message;
        if (!polished) {
            status = FitResult.Status.UNPOLISHED;
            message = "the multiple-shooting estimate, not polished on the whole window (polish is off)"
                    + (msLimit ? "; the iteration budget ran out in a multiple-shooting stage" : "");
        } else if (best.stage.hitLimit) {
            status = FitResult.Status.MAX_ITERATIONS;
            message = best.stage.stop + "; the best parameters reached are reported";
        } else {
            status = FitResult.Status.SUCCESS;
            message = msLimit ? "the polish converged after a multiple-shooting stage ran out of iterations" : "";
        }
        ParametricField fitted = single.modelAt(q);
        String refined = refinement(p, fitted, Arrays.copyOfRange(q, pf, pf + d), o.substeps(), correlations(data, best.sim));
        if (!refined.isEmpty()) {
            warnings.add(refined);
        }
        FitResult result = new FitResult(p, fitted, single.values(q), Arrays.copyOfRange(q, pf, pf + d), se, Math.sqrt(best.ssr / m),
                correlations(data, best.sim), best.sim, iterations, status, message, initialR, warnings, o.substeps());
        return freeRunBounded == null ? result : result.withFreeRun(o.freeRun(), freeRunBounded);
    }


    /** The floor a free a1 of the research form starts from. */
    static final double A1_FLOOR = 0.05;
    /** The most times the starting coupling is halved to bound the first simulation. */
    static final int MAX_HALVINGS = 20;
    /** The coupling factors of the deterministic starts. */
    static final double[] SHRINKS = {1.0, 0.5, 0.0};
    /** The log-normal spread of a restart's node parameters. */
    static final double RESTART_SPREAD = 0.3;
    /** How far the mean r of the refined integration may move before the fit is called step-dependent. */
    static final double REFINEMENT_TOLERANCE = 0.05;

    /** The fixed constants of the fitter, for provenance (every setting is recorded). */
    public static java.util.Map<String, Object> constants() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("a1Floor", A1_FLOOR);
        m.put("maxCouplingHalvings", MAX_HALVINGS);
        m.put("startCouplingFactors", SHRINKS.clone());
        m.put("restartSpread", RESTART_SPREAD);
        m.put("divergenceLimit", Shooting.LIMIT);
        m.put("stepBound", STEP_BOUND);
        m.put("maxSubsteps", MAX_SUBSTEPS);
        m.put("refinementFactor", REFINEMENT);
        m.put("refinementTolerance", REFINEMENT_TOLERANCE);
        m.put("latentStartBound", IntegralRegression.LATENT_BOUND);
        m.put("covarianceSingularityThreshold", 1e-12);
        m.put("initialDamping", Marquardt.TAU);
        m.put("freeRunStartPoints", FreeRunCheck.POINTS);
        return m;
    }

    /** The largest {@code h * rho(J)} allowed on the fixed path (RK4 is stable to about 2.8 on both axes; 1.5 keeps it accurate). */
    static final double STEP_BOUND = 1.5;
    /** The most sub-steps the automatic choice takes. */
    static final int MAX_SUBSTEPS = 64;

    /**
     * The sub-steps per sample that keep the RK4 step within {@link #STEP_BOUND} of the initial
     * model's fastest mode ({@code radius}: the largest eigenvalue modulus of its state Jacobian at
     * up to 25 samples, the latent values taken from the segment's start), and never fewer than
     * requested.
     */
    static int substepsFor(double dt, double radius, int requested) {
        int need = Double.isFinite(radius) ? (int) Math.ceil(dt * radius / STEP_BOUND) : MAX_SUBSTEPS;
        return Math.max(requested, Math.min(MAX_SUBSTEPS, need));
    }

    private static double spectralRadius(FitProblem p, double[] values, double[][] states, int[] starts) {
        ParametricField m;
        try {
            m = p.model().withParameterValues(values);
        } catch (IllegalArgumentException outOfBounds) {
            return 0.0;
        }
        int d = m.getDimension();
        double[] j = new double[d * d];
        double[] y = new double[d];
        int[] obs = p.observedView();
        double[][] data = p.dataView();
        double worst = 0;
        int every = Math.max(1, data.length / 25);
        for (int k = 0, q = 0; k < data.length; k += every) {
            while (q + 1 < starts.length && starts[q + 1] <= k) {
                q++;
            }
            System.arraycopy(states[q], 0, y, 0, d);
            for (int o = 0; o < obs.length; o++) {
                y[obs[o]] = data[k][o];
            }
            m.stateJacobian(0, y, j);
            double[][] jm = new double[d][d];
            for (int r = 0; r < d; r++) {
                System.arraycopy(j, r * d, jm[r], 0, d);
            }
            try {
                for (org.hipparchus.complex.Complex lambda : new org.hipparchus.linear.EigenDecompositionNonSymmetric(MatrixUtils.createRealMatrix(jm))
                        .getEigenvalues()) {
                    worst = Math.max(worst, lambda.norm());
                }
            } catch (RuntimeException notConverged) {
                for (int r = 0; r < d; r++) { // the Gershgorin bound instead: never below the spectral radius
                    double row = 0;
                    for (int c = 0; c < d; c++) {
                        row += Math.abs(jm[r][c]);
                    }
                    worst = Math.max(worst, row);
                }
            }
        }
        return worst;
    }

    /** The step refinement the fitted model is checked with: this many times the fit's RK4 sub-steps. */
    static final int REFINEMENT = 4;

    /**
     * Checks that the fitted trajectory is the model's and not the fixed step's: the fitted model
     * is integrated again with {@link #REFINEMENT} times the sub-steps. A divergence, or a mean r
     * that moves by more than 0.05, is a warning with the values.
     */
    private static String refinement(FitProblem p, ParametricField fitted, double[] state, int substeps, double[] r) {
        org.vdpnet.sim.param.FixedStepPath fine = new org.vdpnet.sim.param.FixedStepPath(fitted.getDimension(), new int[0], p.dt(),
                substeps * REFINEMENT, Shooting.LIMIT);
        double[][] out = new double[p.samples()][p.observedView().length];
        boolean ok = fine.simulate(fitted, state, 0, p.samples(), p.observedView(), out, null);
        double mean = Statistics.mean(r);
        if (!ok) {
            return String.format(Locale.ROOT, "the fitted model diverges within the window when integrated with %d RK4 sub-steps per sample instead of %d:"
                    + " its trajectory (mean r %.3f) depends on the fixed step, so treat it as a discrete-time fit", substeps * REFINEMENT, substeps, mean);
        }
        double fineMean = Statistics.mean(correlations(p.dataView(), out));
        if (Math.abs(fineMean - mean) > REFINEMENT_TOLERANCE) {
            return String.format(Locale.ROOT, "with %d RK4 sub-steps per sample instead of %d the fitted model's mean r moves from %.3f to %.3f:"
                    + " its trajectory depends on the fixed step", substeps * REFINEMENT, substeps, mean, fineMean);
        }
        return "";
    }

    /** Warnings for free parameters that ended on a bound, or that the optimiser was pulled back into their bounds. */
    private static List<String> boundWarnings(FitProblem p, Shooting s, double[] q, int[] projections) {
        List<String> out = new ArrayList<>();
        double[] all = s.values(q);
        int[] free = p.freeView();
        List<Parameter> ps = p.model().parameters();
        for (int k = 0; k < free.length; k++) {
            Parameter par = ps.get(free[k]);
            double x = all[free[k]];
            if (x == par.min() || x == par.max()) {
                out.add(String.format(Locale.ROOT, "%s ended on its bound at %s (it must be %s; steps pulled back: %d)", par.name(), fmt(x),
                        par.bounds(), projections[k]));
            } else if (projections[k] > 0) {
                out.add(String.format(Locale.ROOT, "%s: %d step(s) were pulled back to where it must be (%s); it ended at %s", par.name(), projections[k],
                        par.bounds(), fmt(x)));
            }
        }
        return out;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** A start for the polish: the initialiser with the free coupling scaled by {@code shrink}, or randomly perturbed when {@code rng} is given. */
    private static double[] start(FitProblem p, Shooting single, double[] values, double[] state, double shrink, UniformRandomProvider rng, FitOptions o,
                                  List<String> note) {
        double[] c = values.clone();
        boolean[] coupling = couplingParameters(p);
        ZigguratSampler.NormalizedGaussian gauss = rng == null ? null : ZigguratSampler.NormalizedGaussian.of(rng);
        for (int q : p.freeView()) {
            if (rng == null) {
                c[q] *= coupling[q] ? shrink : 1.0;
            } else {
                // node parameters by a log-normal factor (sign kept), each coupling value by a uniform factor in [0, 1)
                c[q] *= coupling[q] ? rng.nextDouble() : Math.exp(RESTART_SPREAD * gauss.sample());
            }
        }
        String changed = stabilise(p, c, state, o.substeps());
        if (!changed.isEmpty()) {
            note.add(changed);
        }
        return single.pack(c, new double[][] {state});
    }

    /** Which parameters are coupling values (the gain and the edge weights); none for a model that is not a network. */
    private static boolean[] couplingParameters(FitProblem p) {
        boolean[] c = new boolean[p.model().parameters().size()];
        if (p.model() instanceof ParametricNetwork net) {
            c[net.gainParameter()] = true;
            for (int e = 0; e < net.edgeCount(); e++) {
                c[net.edgeParameter(e)] = true;
            }
        }
        return c;
    }

    /**
     * Makes the initial model bounded over the window, so that the optimiser starts where the cost
     * is informative: in the research form a free a1 gets a floor of 0.05 (cubic damping keeps
     * trajectories bounded), and the free coupling values are halved until the simulation from
     * the first sample stays finite (at most 20 times).
     *
     * @return what was changed, with the values, or an empty string
     */
    static String stabilise(FitProblem p, double[] values, double[] state, int substeps) {
        List<String> floored = new ArrayList<>();
        if (p.model() instanceof ParametricNetwork net && net.form().equals("research")) {
            int[] free = p.freeView();
            for (int i = 0; i < net.nodes(); i++) {
                int q = net.nodeParameter("a1", i);
                if (Arrays.binarySearch(free, q) >= 0 && values[q] < A1_FLOOR) {
                    floored.add(String.format(Locale.ROOT, "%s %.4g", p.model().parameters().get(q).name(), values[q]));
                    values[q] = A1_FLOOR;
                }
            }
        }
        boolean[] coupling = couplingParameters(p);
        Shooting s = new Shooting(p, new int[] {0}, 1.0, substeps);
        boolean anyCoupling = false;
        for (int q : p.freeView()) {
            anyCoupling |= coupling[q];
        }
        int halvings = 0;
        for (; anyCoupling && halvings < MAX_HALVINGS && s.trajectory(s.pack(values, new double[][] {state})) == null; halvings++) {
            for (int q : p.freeView()) {
                values[q] *= coupling[q] ? 0.5 : 1.0;
            }
        }
        List<String> out = new ArrayList<>();
        if (!floored.isEmpty()) {
            out.add("a1 floored at " + A1_FLOOR + " (was " + String.join(", ", floored) + ")");
        }
        if (halvings > 0) {
            boolean bounded = s.trajectory(s.pack(values, new double[][] {state})) != null;
            out.add(String.format(Locale.ROOT, "coupling halved %d time(s) (x %.3g)%s", halvings, Math.pow(0.5, halvings),
                    bounded ? " until the simulation stayed bounded" : ", and the simulation still diverges"));
        } else if (!anyCoupling && s.trajectory(s.pack(values, new double[][] {state})) == null) {
            out.add("the starting model diverges over the window and has no free coupling to weaken");
        }
        return String.join("; ", out);
    }

    /** A polished start, its simulation over the window (null if it diverged), the sum of squared residuals and the bound pulls. */
    private record Polished(Stage stage, double[][] sim, double ssr, int[] projections) {}

    /** Single-shooting LM from every start, on {@code o.parallelism()} threads; the order of the results is that of the starts. */
    private static List<Polished> polishAll(FitProblem p, List<double[]> starts, FitOptions o, boolean polish, int iterations) {
        List<Callable<Polished>> jobs = new ArrayList<>();
        for (double[] s : starts) {
            jobs.add(() -> polish(p, s, o, polish, iterations));
        }
        int threads = Math.min(o.parallelism(), jobs.size());
        List<Polished> out = new ArrayList<>();
        if (threads <= 1) {
            for (Callable<Polished> j : jobs) {
                try {
                    out.add(j.call());
                } catch (Exception e) {
                    throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
                }
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "vdpnet-fit");
            th.setDaemon(true);
            return th;
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

    /**
     * The global option as a race: every start is polished for {@code o.screenIterations()}
     * iterations; the {@code o.finalists()} lowest-cost starts that have not converged yet then
     * continue for the rest of the iteration budget, and the others stop there (they keep their
     * status, MAX_ITERATIONS, so a start that lost the race is never reported as converged).
     * With a screen of 0, or no more starts than finalists, every start gets the whole budget.
     */
    private static List<Polished> race(FitProblem p, List<double[]> starts, FitOptions o, boolean polish) {
        int screen = o.screenIterations();
        if (!polish || screen <= 0 || screen >= o.maxIterations() || starts.size() <= o.finalists()) {
            return polishAll(p, starts, o, polish, o.maxIterations());
        }
        List<Polished> first = polishAll(p, starts, o, true, screen);
        Integer[] order = new Integer[first.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(first.get(a).ssr, first.get(b).ssr));
        List<Integer> go = new ArrayList<>();
        for (int k = 0; k < order.length && go.size() < o.finalists(); k++) {
            if (first.get(order[k]).stage.hitLimit && first.get(order[k]).sim != null) {
                go.add(order[k]);
            }
        }
        List<double[]> again = new ArrayList<>();
        for (int k : go) {
            again.add(first.get(k).stage.point);
        }
        List<Polished> second = polishAll(p, again, o, true, o.maxIterations() - screen);
        List<Polished> out = new ArrayList<>(first);
        for (int q = 0; q < go.size(); q++) {
            Polished a = first.get(go.get(q));
            Polished b = second.get(q);
            int[] pulls = a.projections.clone();
            for (int k = 0; k < pulls.length; k++) {
                pulls[k] += b.projections[k];
            }
            Stage joined = new Stage(b.stage.point, a.stage.iterations + b.stage.iterations, b.stage.hitLimit, b.stage.jacobian, b.stage.stop);
            out.set(go.get(q), new Polished(joined, b.sim, b.ssr, pulls));
        }
        return out;
    }

    private static Polished polish(FitProblem p, double[] start, FitOptions o, boolean polish, int iterations) {
        Shooting single = new Shooting(p, new int[] {0}, 1.0, o.substeps());
        Stage st = polish ? optimise(single, start, iterations, o.tolerance(), true) : new Stage(start, 0, false, jacobian(single, start), "");
        double[][] sim = single.trajectory(st.point);
        return new Polished(st, sim, sim == null ? Double.POSITIVE_INFINITY : ssr(p.dataView(), sim), single.projections.clone());
    }

    private static RealMatrix jacobian(Shooting f, double[] point) {
        double[][] j = f.jacobianAt(point);
        for (double[] row : j) {
            for (double x : row) {
                if (!Double.isFinite(x)) {
                    return null;
                }
            }
        }
        return MatrixUtils.createRealMatrix(j);
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

    static int[] segmentStarts(int t, int seg) {
        int count = Math.max(1, (t - 1) / seg);
        int[] s = new int[count];
        for (int k = 0; k < count; k++) {
            s[k] = k * seg;
        }
        return s;
    }

    /** Pearson r per observed column; 0 where the model is constant or missing (it explains none of the data). */
    static double[] correlations(double[][] data, double[][] sim) {
        int n = data[0].length;
        double[] r = new double[n];
        if (sim == null) {
            return r;
        }
        for (int i = 0; i < n; i++) {
            double v = Statistics.pearson(Statistics.column(data, i), Statistics.column(sim, i));
            r[i] = Double.isNaN(v) ? 0.0 : v;
        }
        return r;
    }

    /** Standard errors in scaled units, {@code sqrt(diag(s^2 (J'J)^-1))} with {@code s^2 = SSR / (m - p)}; NaN where not estimable. */
    private static double[] standardErrors(RealMatrix j, double ssr, int m, int p) {
        double[] se = new double[p];
        Arrays.fill(se, Double.NaN);
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

    /** @param stop why a stage that did not converge stopped (empty when it converged) */
    record Stage(double[] point, int iterations, boolean hitLimit, RealMatrix jacobian, String stop) {}

    /** @param errors whether a stage evaluates the Jacobian at its final point (for standard errors) */
    static Stage optimise(Shooting f, double[] start, int maxIterations, double tolerance, boolean errors) {
        Marquardt.Result m = Marquardt.minimise(f, start, maxIterations, tolerance, errors);
        RealMatrix j = null;
        if (m.jacobian() != null) {
            boolean finite = true;
            for (double[] row : m.jacobian()) {
                for (double x : row) {
                    finite &= Double.isFinite(x);
                }
            }
            j = finite ? MatrixUtils.createRealMatrix(m.jacobian()) : null;
        }
        return new Stage(m.point(), m.iterations(), m.hitLimit(), j, m.stop());
    }
}
