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

/**
 * The fitted research-form network as a forecaster ({@code vdp}). At each origin the latent
 * state is estimated from the last {@code assimilation} frames only (Levenberg–Marquardt on the
 * 2n initial values with the parameters fixed, started from the observed x and the y the model
 * equation implies; squared residuals weigh half as much 5 frames further back from the origin),
 * then the network is integrated forward. Where the model diverges from an
 * origin the forecast holds the last observation instead, with the status
 * {@link Forecast.Status#FALLBACK} ({@link #forecastAll}).
 */
public final class ResearchForecaster implements Forecaster {
    private final ResearchParameters params;
    private final double[] packed;
    private final int n;
    private final double dt;
    private final int substeps;
    private final int assimilation;
    private final int maxHorizon;
    private final double residualRms;

    /** Frames back from the origin at which an assimilation residual's weight (in the cost) halves. */
    static final double HALF_LIFE = 5;

    /**
     * @param assimilation frames before (and including) the origin used to estimate the state
     * @param residualRms  the fit's residual RMS (the observation noise it implies)
     */
    public ResearchForecaster(ResearchParameters params, double dt, int substeps, int assimilation, int maxHorizon, double residualRms) {
        if (assimilation < 3) {
            throw new IllegalArgumentException("assimilation: needs at least 3 frames, got " + assimilation);
        }
        this.params = params;
        this.n = params.components();
        this.packed = new double[ResearchParameters.size(n)];
        params.pack(packed, 0);
        this.dt = dt;
        this.substeps = substeps;
        this.assimilation = assimilation;
        this.maxHorizon = maxHorizon;
        this.residualRms = residualRms;
    }

    /**
     * Fits the research form to the training frames (multiple shooting over {@code o.segment()}
     * frames, so a long training part does not lose the phase) and wraps the result.
     */
    public static Trained train(double[][] train, double dt, FitOptions o, int assimilation, int maxHorizon) {
        FitResult fit = ResearchFitter.fit(train, dt, o);
        return new Trained(new ResearchForecaster(fit.params(), dt, o.substeps(), assimilation, maxHorizon, fit.rms()), fit, 1, false);
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
    public static Trained replicate(Trained reference, double[][] window, double dt, FitOptions o, int assimilation, int maxHorizon, long s,
                                    int block) {
        if (s == 1) {
            return reference;
        }
        FitOptions seeded = o.withRestarts(o.restarts(), s);
        FitResult ref = reference.fit();
        boolean bounded = ref.status() == FitResult.Status.SUCCESS || ref.status() == FitResult.Status.MAX_ITERATIONS;
        double[][] data = bounded ? ResidualBootstrap.replicate(window, ref.simulated(), Math.min(block, window.length), s) : window;
        FitResult fit = ResearchFitter.fit(data, dt, seeded);
        if (!bounded) {
            fit = new FitResult(fit.params(), fit.x0(), fit.y0(), fit.stdErrors(), fit.rms(), fit.r(), fit.simulated(), fit.iterations(), fit.status(),
                    (fit.message().isEmpty() ? "" : fit.message() + "; ") + "the reference fit had no bounded trajectory, so this replicate refits the "
                    + "window with restart seed " + s + " instead of a bootstrap", fit.initialR(), fit.warnings());
        }
        return new Trained(new ResearchForecaster(fit.params(), dt, seeded.substeps(), assimilation, maxHorizon, fit.rms()), fit, (int) s, bounded);
    }

    /**
     * A forecaster and the fit behind it.
     *
     * @param replicate    1 for the fit of the window itself, s for {@link #replicate} seed s
     * @param bootstrapped whether the fit was to a bootstrap replicate of the window
     */
    public record Trained(ResearchForecaster forecaster, FitResult fit, int replicate, boolean bootstrapped) {}

    public ResearchParameters params() { return params; }

    public double dt() { return dt; }

    public int substeps() { return substeps; }

    public int assimilation() { return assimilation; }

    public double residualRms() { return residualRms; }

    @Override public String name() { return "vdp"; }

    @Override public int channels() { return n; }

    @Override public int minimumHistory() { return assimilation; }

    @Override public int maximumHorizon() { return maxHorizon; }

    @Override
    public double[][] forecast(double[][] history, int horizon) {
        return forecastOne(history, horizon).values();
    }

    /** Every origin's forecast with its status: {@link Forecast.Status#FALLBACK} where the model diverged and the last observation was held. */
    @Override
    public List<Forecast> forecastAll(List<double[][]> histories, int horizon) {
        List<Forecast> out = new ArrayList<>(histories.size());
        for (double[][] h : histories) {
            out.add(forecastOne(h, horizon));
        }
        return out;
    }

    private Forecast forecastOne(double[][] history, int horizon) {
        Forecaster.check(this, history, horizon);
        double[][] window = Arrays.copyOfRange(history, history.length - assimilation, history.length);
        Assimilated fitState = assimilate(window);
        double[] state = fitState == null ? null : fitState.state();
        boolean estimated = fitState == null || fitState.estimated();
        double[][] out = new double[assimilation + horizon][n];
        boolean ok = state != null && ResearchTrajectory.simulate(n, packed, 0, state, 0, state, n, assimilation + horizon, dt, substeps, out,
                null, new ResearchTrajectory.Work(n));
        double[][] f = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            f[h] = ok ? out[assimilation + h] : history[history.length - 1].clone();
        }
        if (!ok) {
            return Forecast.fallback(f, state == null ? "no bounded latent state fits the last " + assimilation + " frames; held the last observation"
                    : "the network diverged within the horizon; held the last observation");
        }
        if (!estimated) {
            return Forecast.fallback(f, "the latent-state fit to the last " + assimilation + " frames did not converge; forecast from the state the "
                    + "model equation implies");
        }
        return Forecast.of(f);
    }

    /** The state (x, y) at the window's first frame that best reproduces the window; null if none stays bounded. */
    /** An estimated initial state, and whether the state fit converged (false: the state the model equation implies). */
    record Assimilated(double[] state, boolean estimated) {}

    Assimilated assimilate(double[][] window) {
        int a = window.length;
        double[] dx = new double[n];
        for (int i = 0; i < n; i++) {
            dx[i] = (-3 * window[0][i] + 4 * window[1][i] - window[2][i]) / (2 * dt); // second-order one-sided difference
        }
        double[] start = impliedState(window[0], dx, packed);
        ResearchTrajectory.Work work = new ResearchTrajectory.Work(n);
        double[][] buf = new double[a][n];
        LeastSquaresProblem problem = new LeastSquaresBuilder().start(start).target(new double[a * n]).maxIterations(100).maxEvaluations(1000)
                .model(v -> {
                    double[] r = residuals(v, window, buf, work);
                    double[][] jac = new double[a * n][2 * n];
                    double[] vv = v.toArray();
                    double[] base = r;
                    for (int j = 0; j < 2 * n; j++) {
                        double h = 1e-7 * Math.max(1, Math.abs(vv[j]));
                        double keep = vv[j];
                        vv[j] = keep + h;
                        double[] rr = residuals(MatrixUtils.createRealVector(vv), window, buf, work);
                        for (int k = 0; k < rr.length; k++) {
                            jac[k][j] = (rr[k] - base[k]) / h;
                        }
                        vv[j] = keep;
                    }
                    return new Pair<>(MatrixUtils.createRealVector(r), MatrixUtils.createRealMatrix(jac));
                }).build();
        try {
            double[] s = new LevenbergMarquardtOptimizer().withCostRelativeTolerance(1e-8).withParameterRelativeTolerance(1e-8).optimize(problem)
                    .getPoint().toArray();
            return ResearchTrajectory.simulate(n, packed, 0, s, 0, s, n, a, dt, substeps, buf, null, work) ? new Assimilated(s, true) : null;
        } catch (MathIllegalStateException e) {
            // the state fit did not converge: the forecast starts from the implied state, and says so (a fallback)
            return ResearchTrajectory.simulate(n, packed, 0, start, 0, start, n, a, dt, substeps, buf, null, work) ? new Assimilated(start, false)
                    : null;
        }
    }

    private double[] residuals(org.hipparchus.linear.RealVector v, double[][] window, double[][] buf, ResearchTrajectory.Work work) {
        double[] s = v.toArray();
        int a = window.length;
        boolean ok = ResearchTrajectory.simulate(n, packed, 0, s, 0, s, n, a, dt, substeps, buf, null, work);
        double[] r = new double[a * n];
        for (int k = 0; k < a; k++) {
            // frames near the origin weigh most (half-weight 5 frames back): the forecast starts there
            double weight = Math.pow(0.5, (a - 1 - k) / (2.0 * HALF_LIFE));
            for (int i = 0; i < n; i++) {
                r[k * n + i] = weight * ((ok ? buf[k][i] : ResearchTrajectory.LIMIT) - window[k][i]);
            }
        }
        return r;
    }

    /**
     * Simulates a synthetic training set from the fitted network (the research's pre-training
     * data): {@code count} series of {@code length} frames, each from a random initial state
     * (x drawn from the given frames, y from the model equation there, both jittered) and with
     * every parameter multiplied by {@code exp(jitter * N(0,1))}; observation noise of
     * {@code noise} standard deviation is added. A series that diverges is cut to its bounded
     * start (halving its length, not below {@code minLength}) or redrawn (up to 20 times the count
     * in all), so series may be shorter than {@code length}.
     */
    public double[][][] synthetic(double[][] frames, int count, int length, int minLength, double jitter, double noise, long seed) {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(seed, "vdp-synthetic"));
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[][][] out = new double[count][][];
        ResearchTrajectory.Work work = new ResearchTrajectory.Work(n);
        int made = 0;
        for (int tries = 0; made < count && tries < 20 * count; tries++) {
            double[] p = packed.clone();
            for (int q = 0; q < p.length; q++) {
                p[q] *= Math.exp(jitter * g.sample());
            }
            int k = rng.nextInt(frames.length - 2);
            double[] dx = new double[n];
            for (int i = 0; i < n; i++) {
                dx[i] = (frames[k + 1][i] - frames[k][i]) / dt; // forward difference
            }
            double[] s = impliedState(frames[k], dx, p);
            for (int i = 0; i < 2 * n; i++) {
                s[i] += 0.1 * g.sample();
            }
            double[][] series = new double[length][n];
            int len = length;
            // a fitted network that is unstable somewhere still gives its bounded stretches:
            // shorten the series (halving) down to minLength before giving up on this draw
            while (len >= minLength && !ResearchTrajectory.simulate(n, p, 0, s, 0, s, n, len, dt, substeps, series, null, work)) {
                len /= 2;
            }
            if (len < minLength) {
                continue;
            }
            series = Arrays.copyOf(series, len);
            for (double[] row : series) {
                for (int i = 0; i < n; i++) {
                    row[i] += noise * g.sample();
                }
            }
            out[made++] = series;
        }
        return made == count ? out : Arrays.copyOf(out, made);
    }

    /**
     * The state (x, y) with y from the model equation {@code x' = a1 x (1 - x^2) + a2 y + W x},
     * given x and an estimate of x' (y = 0 where a2 vanishes), for packed parameters {@code p}.
     */
    private double[] impliedState(double[] x, double[] dx, double[] p) {
        double[] s = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double c = 0;
            for (int j = 0; j < n; j++) {
                c += p[2 * n + i * n + j] * x[j];
            }
            s[i] = x[i];
            double a2 = p[n + i];
            s[n + i] = Math.abs(a2) > 1e-9 ? (dx[i] - p[i] * x[i] * (1 - x[i] * x[i]) - c) / a2 : 0;
        }
        return s;
    }

    /** Settings for provenance. */
    public Map<String, Object> describe() {
        return Map.of("model", "research", "assimilation", assimilation, "substeps", substeps, "dt", dt, "residualRms", residualRms,
                "params", params.describe());
    }
}
