package org.vdpnet.fitting.estimate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.param.FixedStepPath;
import org.vdpnet.sim.param.ParametricField;

/**
 * A fitted mechanistic model as a forecaster ({@code vdp}). At each origin the full state is
 * estimated from the last {@code assimilation} frames only (Levenberg–Marquardt on the initial
 * state with the parameters fixed and sensitivity Jacobians, started from the observed values and
 * the latent values the model's own equations imply; squared residuals weigh half as much 5
 * frames further back from the origin), then the model is integrated forward. Where the model
 * diverges from an origin the forecast holds the last observation instead, with the status
 * {@link Forecast.Status#FALLBACK} ({@link #forecastAll}); so does a state fit that did not
 * converge.
 */
public final class MechanisticForecaster implements Forecaster {
    private final ParametricField model;
    private final int[] observed;
    private final int[] jittered;
    private final int d;
    private final double dt;
    private final int substeps;
    private final int assimilation;
    private final int maxHorizon;
    private final double residualRms;
    private final EnsembleFilter.Settings filter;

    /** Frames back from the origin at which an assimilation residual's weight (in the cost) halves. */
    static final double HALF_LIFE = 5;

    /**
     * @param observed     the state index of each forecast channel
     * @param jittered     the parameters that {@link #synthetic} perturbs (the fitted ones)
     * @param assimilation frames before (and including) the origin used to estimate the state
     * @param residualRms  the fit's residual RMS (the observation noise it implies)
     */
    public MechanisticForecaster(ParametricField model, int[] observed, int[] jittered, double dt, int substeps, int assimilation, int maxHorizon,
                                 double residualRms) {
        this(model, observed, jittered, dt, substeps, assimilation, maxHorizon, residualRms, null);
    }

    /**
     * As the other constructor, with the state estimated by an ensemble Kalman filter
     * ({@code filter} not null) instead of the per-origin window fit: see {@link #withFilter}.
     */
    public MechanisticForecaster(ParametricField model, int[] observed, int[] jittered, double dt, int substeps, int assimilation, int maxHorizon,
                                 double residualRms, EnsembleFilter.Settings filter) {
        if (assimilation < 3) {
            throw new IllegalArgumentException("assimilation: needs at least 3 frames, got " + assimilation);
        }
        int dim = model.getDimension();
        int p = model.parameters().size();
        if (observed.length == 0) {
            throw new IllegalArgumentException("observed: needs at least one observed state variable");
        }
        boolean[] seen = new boolean[dim];
        for (int o : observed) {
            if (o < 0 || o >= dim || seen[o]) {
                throw new IllegalArgumentException("observed: state indices must be distinct and in [0, " + (dim - 1) + "], got "
                        + java.util.Arrays.toString(observed));
            }
            seen[o] = true;
        }
        for (int q : jittered) {
            if (q < 0 || q >= p) {
                throw new IllegalArgumentException("jittered: parameter indices must be in [0, " + (p - 1) + "], got " + q);
            }
        }
        org.vdpnet.sim.Checks.positive("dt", dt);
        org.vdpnet.sim.Checks.inRange("substeps", substeps, 1, 1_000_000);
        org.vdpnet.sim.Checks.inRange("maxHorizon", maxHorizon, 1, 1_000_000);
        this.model = model;
        this.observed = observed.clone();
        this.jittered = jittered.clone();
        this.d = model.getDimension();
        this.dt = dt;
        this.substeps = substeps;
        this.assimilation = assimilation;
        this.maxHorizon = maxHorizon;
        this.residualRms = residualRms;
        this.filter = filter;
        if (filter != null && Double.isNaN(filter.observationNoise()) && !(residualRms > 0 && residualRms < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("filter observation noise: the fit's residual RMS (" + residualRms + ") is not finite and > 0; "
                    + "give the observation noise explicitly");
        }
    }

    /**
     * This forecaster with its state estimated by an ensemble Kalman filter ({@link EnsembleFilter},
     * ETKF): the filter assimilates every frame of a history from its start (the training part and
     * the test history alike), and at the origin every member is run forward over the horizon. The
     * point forecast is the mean of the members that stay bounded; the forecast carries the members
     * plus observation noise as its forecast distribution ({@link Forecast#members()}). Where more
     * than half the members diverge within the horizon the forecast holds the last observation
     * ({@link Forecast.Status#FALLBACK}, with the count); fewer divergences are in the note of an
     * OK forecast. {@code null} goes back to the window fit.
     */
    public MechanisticForecaster withFilter(EnsembleFilter.Settings settings) {
        return new MechanisticForecaster(model, observed, jittered, dt, substeps, assimilation, maxHorizon, residualRms, settings);
    }

    /** The filter's settings, or empty when the state is estimated by the window fit. */
    public java.util.Optional<EnsembleFilter.Settings> filter() { return java.util.Optional.ofNullable(filter); }

    /** The forecaster of a fit: its model, observed variables and fitted parameters, on the fit's own fixed path. */
    public static MechanisticForecaster of(FitResult fit, int assimilation, int maxHorizon) {
        return new MechanisticForecaster(fit.model(), fit.problem().observedView(), fit.problem().freeView(), fit.problem().dt(), fit.substeps(),
                assimilation, maxHorizon, fit.rms());
    }

    /**
     * Fits the problem (multiple shooting over {@code o.segment()} frames, so a long training part
     * does not lose the phase) and wraps the result.
     */
    public static Trained train(FitProblem problem, FitOptions o, int assimilation, int maxHorizon) {
        FitResult fit = Fitter.fit(problem, o);
        return new Trained(of(fit, assimilation, maxHorizon), fit, 1, false);
    }

    /**
     * One seeded replicate of the fit, so that repeated trainings measure the fit's own
     * variability: replicate 1 is {@code reference} itself (the fit of the window with restart seed
     * {@code o.seed()}); replicate {@code s >= 2} refits a moving-block residual bootstrap of the
     * window around the reference fit ({@link ResidualBootstrap}, blocks of {@code block} frames,
     * seeded by {@code s}) with the restart seed {@code s}. Where the reference fit has no bounded
     * trajectory to resample around, the replicate refits the window itself with restart seed
     * {@code s} and says so in its status message.
     */
    public static Trained replicate(Trained reference, FitOptions o, int assimilation, int maxHorizon, long s, int block) {
        if (s == 1) {
            return reference;
        }
        FitOptions seeded = o.withRestarts(o.restarts(), s);
        FitResult ref = reference.fit();
        FitProblem p = ref.problem();
        boolean bounded = ref.status().bounded();
        double[][] window = p.dataView();
        FitProblem data = bounded ? p.withData(ResidualBootstrap.replicate(window, ref.simulated(), Math.min(block, window.length), s)) : p;
        FitResult fit = Fitter.fit(data, seeded);
        if (!bounded) {
            fit = fit.withNote("the reference fit had no bounded trajectory, so this replicate refits the window with restart seed " + s
                    + " instead of a bootstrap");
        }
        return new Trained(of(fit, assimilation, maxHorizon), fit, (int) s, bounded);
    }

    /**
     * A forecaster and the fit behind it.
     *
     * @param replicate    1 for the fit of the window itself, s for {@link #replicate} seed s
     * @param bootstrapped whether the fit was to a bootstrap replicate of the window
     */
    public record Trained(MechanisticForecaster forecaster, FitResult fit, int replicate, boolean bootstrapped) {}

    /** The fitted model. */
    public ParametricField model() { return model; }

    /** The state index of each channel (a copy). */
    public int[] observed() { return observed.clone(); }

    /** The parameters {@link #synthetic} perturbs (a copy). */
    public int[] jittered() { return jittered.clone(); }

    /** The sample spacing. */
    public double dt() { return dt; }

    /** RK4 sub-steps per sample of its fixed path (the fit's). */
    public int substeps() { return substeps; }

    /** Frames before the origin the state is estimated from. */
    public int assimilation() { return assimilation; }

    /** The fit's residual RMS. */
    public double residualRms() { return residualRms; }

    @Override public String name() { return "vdp"; }

    @Override public int channels() { return observed.length; }

    @Override public int minimumHistory() { return filter == null ? assimilation : EnsembleFilter.FIRST_FRAME + 1; }

    @Override public int maximumHorizon() { return maxHorizon; }

    @Override
    public double[][] forecast(double[][] history, int horizon) {
        if (filter != null) {
            return filtered(java.util.Collections.singletonList(history), horizon).get(0).values();
        }
        return forecastOne(history, horizon, new FixedStepPath(d, new int[0], dt, substeps, Shooting.LIMIT)).values();
    }

    /** Element i is {@code forecast(histories.get(i), horizon)}: with the filter, one pass of it over all the histories. */
    @Override
    public List<double[][]> forecastMany(List<double[][]> histories, int horizon) {
        List<double[][]> out = new ArrayList<>(histories.size());
        for (Forecast f : forecastAll(histories, horizon)) {
            out.add(f.values());
        }
        return out;
    }

    /**
     * The largest fraction of the filter's members that may diverge within the horizon before the
     * forecast falls back to the last observation (fewer are dropped and the forecast's note counts them).
     */
    public static final double MAX_DIVERGED_MEMBERS = 0.5;

    /** Every origin's forecast with its status: {@link Forecast.Status#FALLBACK} where the model diverged and the last observation was held. */
    @Override
    public List<Forecast> forecastAll(List<double[][]> histories, int horizon) {
        if (filter != null) {
            return filtered(histories, horizon);
        }
        FixedStepPath path = new FixedStepPath(d, new int[0], dt, substeps, Shooting.LIMIT);
        List<Forecast> out = new ArrayList<>(histories.size());
        for (double[][] h : histories) {
            out.add(forecastOne(h, horizon, path));
        }
        return out;
    }

    private Forecast forecastOne(double[][] history, int horizon, FixedStepPath path) {
        Forecaster.check(this, history, horizon);
        double[][] window = Arrays.copyOfRange(history, history.length - assimilation, history.length);
        Assimilated fitState = assimilate(window, path);
        double[] state = fitState == null ? null : fitState.state();
        boolean estimated = fitState == null || fitState.estimated();
        double[][] out = new double[assimilation + horizon][observed.length];
        boolean ok = state != null && path.simulate(model, state, 0, assimilation + horizon, observed, out, null);
        double[][] f = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            f[h] = ok ? out[assimilation + h] : history[history.length - 1].clone();
        }
        if (!ok) {
            return Forecast.fallback(f, state == null ? "no bounded state fits the last " + assimilation + " frames; held the last observation"
                    : "the model diverged within the horizon; held the last observation");
        }
        if (!estimated) {
            return Forecast.fallback(f, "the state fit to the last " + assimilation + " frames did not converge; forecast from the state the "
                    + "model equations imply");
        }
        return Forecast.of(f);
    }

    /**
     * The filtered forecasts: the histories are taken in order of length, and where one extends
     * the previous one (the same leading frames, as the origins of a backtest do) the filter
     * continues from it instead of starting again; the result is bit-identical either way
     * ({@link EnsembleFilter}'s draws depend on the frame index only).
     */
    private List<Forecast> filtered(List<double[][]> histories, int horizon) {
        for (double[][] h : histories) {
            Forecaster.check(this, h, horizon);
        }
        Integer[] order = new Integer[histories.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(histories.get(a).length, histories.get(b).length));
        Forecast[] out = new Forecast[order.length];
        EnsembleFilter f = null;
        double[][] seen = null;
        FixedStepPath path = new FixedStepPath(d, new int[0], dt, substeps, Shooting.LIMIT);
        for (int k : order) {
            double[][] h = histories.get(k);
            if (f == null || !extends_(h, seen, f.frames())) {
                f = new EnsembleFilter(model, observed, dt, substeps, residualRms, filter);
            }
            for (int t = f.frames(); t < h.length; t++) {
                f.assimilate(h[t]);
            }
            seen = h;
            out[k] = ensembleForecast(f, h, horizon, path);
        }
        return Arrays.asList(out);
    }

    private static boolean extends_(double[][] h, double[][] seen, int frames) {
        if (seen == null || h.length < frames) {
            return false;
        }
        if (h == seen) {
            return true;
        }
        for (int t = 0; t < frames; t++) {
            if (h[t] != seen[t] && !Arrays.equals(h[t], seen[t])) {
                return false;
            }
        }
        return true;
    }

    /** Runs every member over the horizon from the filter's current ensemble. */
    private Forecast ensembleForecast(EnsembleFilter f, double[][] history, int horizon, FixedStepPath path) {
        double[][] members = f.members();
        int m = members.length;
        int no = observed.length;
        double[][][] runs = new double[m][][];
        int alive = 0;
        double[][] buf = new double[horizon + 1][no];
        for (int j = 0; j < m; j++) {
            if (path.simulate(model, members[j], 0, horizon + 1, observed, buf, null)) {
                runs[alive++] = Arrays.copyOfRange(buf, 1, horizon + 1);
                buf = new double[horizon + 1][no];
            }
        }
        if (m - alive > MAX_DIVERGED_MEMBERS * m || alive < 2) {
            double[][] hold = new double[horizon][];
            for (int h = 0; h < horizon; h++) {
                hold[h] = history[history.length - 1].clone();
            }
            return Forecast.fallback(hold, (m - alive) + " of " + m + " filter members diverged within the horizon; held the last observation");
        }
        double[][] mean = new double[horizon][no];
        for (int j = 0; j < alive; j++) {
            for (int h = 0; h < horizon; h++) {
                for (int i = 0; i < no; i++) {
                    mean[h][i] += runs[j][h][i] / alive;
                }
            }
        }
        // the forecast distribution of the observations: each member's path plus observation noise
        org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian g = org.apache.commons.rng.sampling.distribution
                .ZigguratSampler.NormalizedGaussian.of(Seeds.rng(Seeds.derive(Seeds.derive(filter.seed(), "enkf-predictive"),
                        Integer.toString(history.length))));
        double r = f.observationNoise();
        double[][][] predictive = new double[alive][horizon][no];
        for (int j = 0; j < alive; j++) {
            for (int h = 0; h < horizon; h++) {
                for (int i = 0; i < no; i++) {
                    predictive[j][h][i] = runs[j][h][i] + r * g.sample();
                }
            }
        }
        Forecast fc = Forecast.of(mean);
        if (fc.status() != Forecast.Status.OK) {
            return fc;
        }
        String note = (alive < m ? (m - alive) + " of " + m + " filter members diverged within the horizon (dropped)" : "")
                + (f.resets() > 0 || f.restarts() > 0 ? (alive < m ? "; " : "") + "the filter replaced " + f.resets() + " diverged member(s)"
                + (f.restarts() > 0 ? " and restarted " + f.restarts() + " time(s)" : "") + " while assimilating" : "");
        return (note.isEmpty() ? fc : Forecast.ok(mean, note)).withMembers(predictive);
    }

    /** An estimated initial state, and whether the state fit converged (false: the state the model equations imply). */
    record Assimilated(double[] state, boolean estimated) {}

    Assimilated assimilate(double[][] window, FixedStepPath path) {
        int a = window.length;
        int no = observed.length;
        double[] dx = new double[no];
        for (int i = 0; i < no; i++) {
            dx[i] = (-3 * window[0][i] + 4 * window[1][i] - window[2][i]) / (2 * dt); // second-order one-sided difference
        }
        double[] start = impliedState(window[0], dx, model, observed);
        double[][] buf = new double[a][no];
        double[][] sBuf = new double[a][no * d];
        double[] weight = new double[a];
        for (int k = 0; k < a; k++) {
            // frames near the origin weigh most (half-weight 5 frames back): the forecast starts there
            weight[k] = Math.pow(0.5, (a - 1 - k) / (2.0 * HALF_LIFE));
        }
        LeastSquaresProblem problem = new LeastSquaresBuilder().start(start).target(new double[a * no]).maxIterations(100).maxEvaluations(1000)
                .model(v -> {
                    double[] s = v.toArray();
                    // the path's directions are the d initial-state values (no free parameters): the state fit's Jacobian
                    boolean ok = path.sensitivities(model, s, 0, a, observed, buf, sBuf, null, null);
                    double[] r = new double[a * no];
                    double[][] jac = new double[a * no][d];
                    for (int k = 0; k < a; k++) {
                        for (int i = 0; i < no; i++) {
                            r[k * no + i] = weight[k] * ((ok ? buf[k][i] : Shooting.LIMIT) - window[k][i]);
                            if (ok) {
                                for (int c = 0; c < d; c++) {
                                    jac[k * no + i][c] = weight[k] * sBuf[k][i * d + c];
                                }
                            }
                        }
                    }
                    return new Pair<>(MatrixUtils.createRealVector(r), MatrixUtils.createRealMatrix(jac));
                }).build();
        try {
            double[] s = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-8).withParameterRelativeTolerance(1e-8).optimize(problem)
                    .getPoint().toArray();
            return path.simulate(model, s, 0, a, observed, buf, null) ? new Assimilated(s, true) : null;
        } catch (MathIllegalStateException e) {
            // the state fit did not converge: the forecast starts from the implied state, and says so (a fallback)
            return path.simulate(model, start, 0, a, observed, buf, null) ? new Assimilated(start, false) : null;
        }
    }

    /**
     * Simulates a synthetic training set from the fitted model (the research's pre-training
     * data): {@code count} series of {@code length} frames, each from a random initial state
     * (observed values drawn from the given frames, latent values from the model equations there,
     * both jittered) and with every fitted parameter multiplied by {@code exp(jitter * N(0,1))}
     * (held within its bounds); observation noise of {@code noise} standard deviation is added. A
     * series that diverges is cut to its bounded start (halving its length, not below
     * {@code minLength}) or redrawn (up to 20 times the count in all), so series may be shorter
     * than {@code length}.
     */
    public double[][][] synthetic(double[][] frames, int count, int length, int minLength, double jitter, double noise, long seed) {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, "vdp-synthetic"));
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][][] out = new double[count][][];
        FixedStepPath path = new FixedStepPath(d, new int[0], dt, substeps, Shooting.LIMIT);
        double[] base = model.parameterValues();
        var ps = model.parameters();
        int no = observed.length;
        int made = 0;
        for (int tries = 0; made < count && tries < 20 * count; tries++) {
            double[] p = base.clone();
            for (int q : jittered) {
                double v = p[q] * Math.exp(jitter * g.sample());
                p[q] = Math.min(ps.get(q).max(), Math.max(ps.get(q).min(), v));
            }
            ParametricField m = model.withParameterValues(p);
            int k = rng.nextInt(frames.length - 2);
            double[] dx = new double[no];
            for (int i = 0; i < no; i++) {
                dx[i] = (frames[k + 1][i] - frames[k][i]) / dt; // forward difference
            }
            double[] s = impliedState(frames[k], dx, m, observed);
            for (int i = 0; i < d; i++) {
                s[i] += 0.1 * g.sample();
            }
            double[][] series = new double[length][no];
            int len = length;
            // a fitted model that is unstable somewhere still gives its bounded stretches:
            // shorten the series (halving) down to minLength before giving up on this draw
            while (len >= minLength && !path.simulate(m, s, 0, len, observed, series, null)) {
                len /= 2;
            }
            if (len < minLength) {
                continue;
            }
            series = Arrays.copyOf(series, len);
            for (double[] row : series) {
                for (int i = 0; i < no; i++) {
                    row[i] += noise * g.sample();
                }
            }
            out[made++] = series;
        }
        return made == count ? out : Arrays.copyOf(out, made);
    }

    /**
     * The full state with the observed values {@code x} and the latent values that make the
     * observed equations match {@code dx}: one Gauss–Newton step from latent 0 with the model's
     * own state Jacobian, exact where the observed equations are affine in the latent variables
     * (both van der Pol forms). A latent variable the observed equations do not see stays 0.
     */
    static double[] impliedState(double[] x, double[] dx, ParametricField m, int[] observed) {
        int d = m.getDimension();
        double[] s = new double[d];
        boolean[] isObserved = new boolean[d];
        for (int o = 0; o < observed.length; o++) {
            s[observed[o]] = x[o];
            isObserved[observed[o]] = true;
        }
        int[] latent = java.util.stream.IntStream.range(0, d).filter(i -> !isObserved[i]).toArray();
        if (latent.length == 0) {
            return s;
        }
        double[] f = new double[d];
        m.derivatives(0, s, f);
        double[] j = new double[d * d];
        m.stateJacobian(0, s, j);
        double[][] a = new double[observed.length][latent.length];
        double[] b = new double[observed.length];
        for (int o = 0; o < observed.length; o++) {
            b[o] = dx[o] - f[observed[o]];
            for (int l = 0; l < latent.length; l++) {
                a[o][l] = j[observed[o] * d + latent[l]];
            }
        }
        double[] y = IntegralRegression.ridgeSolve(a, b, 1e-12);
        for (int l = 0; l < latent.length; l++) {
            s[latent[l]] = Double.isFinite(y[l]) ? y[l] : 0.0;
        }
        return s;
    }

    /** Settings for provenance. */
    public Map<String, Object> describe() {
        String form = model instanceof org.vdpnet.sim.param.ParametricNetwork net ? net.form() : "parametric";
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("model", form);
        m.put("state", filter == null ? "window fit" : "ensemble Kalman filter");
        if (filter == null) {
            m.put("halfLifeFrames", HALF_LIFE);
            m.put("assimilation", assimilation);
        } else {
            Map<String, Object> fd = new java.util.LinkedHashMap<>(filter.describe());
            fd.put("maxDivergedMembers", MAX_DIVERGED_MEMBERS);
            fd.put("pointForecast", "the mean of the members that stay bounded over the horizon");
            m.put("filter", fd);
        }
        m.put("substeps", substeps);
        m.put("dt", dt);
        m.put("residualRms", residualRms);
        m.put("parameters", model.parameterValues());
        return m;
    }
}
