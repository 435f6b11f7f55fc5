package org.vdpnet.fitting.network;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.vdpnet.sim.Seeds;

/**
 * An ask/tell (mu/mu_w, lambda)-CMA-ES, after N. Hansen, "The CMA Evolution Strategy: A
 * Tutorial" (arXiv:1604.00772, 2016): positive recombination weights
 * {@code w_i ∝ ln((lambda+1)/2) - ln i} for {@code i <= mu = floor(lambda/2)}, the default
 * strategy parameters of the tutorial's Table 1 ({@code c_sigma, d_sigma, c_c, c_1, c_mu},
 * {@code c_m = 1}), cumulation paths {@code p_sigma} and {@code p_c} with the {@code h_sigma}
 * stall, the rank-one plus rank-mu covariance update, and cumulative step-size adaptation.
 * {@code C = B D^2 B^T} is decomposed (Hipparchus {@link EigenDecompositionSymmetric}) after
 * every generation, so {@link #conditionNumber()} is always current.
 *
 * <p>Unlike Hipparchus's {@code CMAESOptimizer}, the strategy never calls the cost function:
 * {@link #ask()} hands out a generation of candidates, the caller evaluates them on any threads
 * (behind an executor), and {@link #tell(double[][], double[])} takes the costs back in the same
 * order. All randomness comes from one seeded stream read only inside {@code ask()}, so the same
 * seed and the same costs give bit-identical candidates however the evaluations were scheduled.
 *
 * <pre>{@code
 * Cmaes es = Cmaes.start(x0, 0.5, 0, seed);
 * while (!es.stalled(1e-12, 1e-14) && es.generation() < 1000) {
 *     double[][] xs = es.ask();
 *     double[] costs = new double[xs.length];
 *     IntStream.range(0, xs.length).parallel().forEach(i -> costs[i] = f(xs[i]));
 *     es.tell(xs, costs);
 * }
 * double[] best = es.bestEver();
 * }</pre>
 *
 * <p>A stateful strategy object: it is <b>not thread-safe</b>; one thread drives ask/tell.
 */
public final class Cmaes {
    private final int n;
    private final int lambda;
    private final int mu;
    private final double[] weights;
    private final double muEff, cSigma, dSigma, cC, c1, cMu, chiN;
    private final long seed;
    private final double sigma0;
    private final ContinuousSampler gauss;

    private final double[] mean;
    private final double[] pSigma;
    private final double[] pC;
    private final double[][] c;
    private final double[][] b;
    private final double[] d;
    private double sigma;
    private double condition = 1;
    private int generation;

    private double[][] pendingX;
    private double[][] pendingY;
    private double[] bestX;
    private double bestCost = Double.POSITIVE_INFINITY;
    /** Ring buffer of the generation-best costs (NaN for an all-failed generation). */
    private final double[] history;
    private int told;

    private Cmaes(double[] mean, double sigma, int lambda, long seed) {
        this.n = mean.length;
        this.lambda = lambda == 0 ? 4 + (int) Math.floor(3 * Math.log(n)) : lambda;
        this.mu = this.lambda / 2;
        this.weights = new double[mu];
        double sum = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log((this.lambda + 1) / 2.0) - Math.log(i + 1);
            sum += weights[i];
        }
        double sumSq = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
            sumSq += weights[i] * weights[i];
        }
        this.muEff = 1 / sumSq;
        this.cSigma = (muEff + 2) / (n + muEff + 5);
        this.dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        this.cC = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        this.c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        this.cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        this.chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        this.seed = seed;
        this.sigma0 = sigma;
        this.gauss = ZigguratSampler.NormalizedGaussian.of(Seeds.rng(seed));
        this.mean = mean.clone();
        this.sigma = sigma;
        this.c = new double[n][n];
        this.b = new double[n][n];
        this.d = new double[n];
        for (int i = 0; i < n; i++) {
            c[i][i] = 1;
            b[i][i] = 1;
            d[i] = 1;
        }
        this.pSigma = new double[n];
        this.pC = new double[n];
        this.bestX = mean.clone();
        this.history = new double[10 + (int) Math.ceil(30.0 * n / this.lambda)];
    }

    /**
     * Starts a strategy at {@code mean} with step size {@code sigma} and {@code C = I}.
     *
     * @param mean   the initial mean (copied); every entry finite, at least one entry
     * @param sigma  the initial step size, finite and &gt; 0
     * @param lambda the population size, or 0 for the tutorial's default {@code 4 + floor(3 ln n)}
     * @param seed   the seed of the Gaussian stream ({@link Seeds#rng(long)})
     * @return the strategy at generation 0
     * @throws IllegalArgumentException if an argument is outside its range
     */
    public static Cmaes start(double[] mean, double sigma, int lambda, long seed) {
        check(mean != null && mean.length > 0, "mean: must have at least one entry, got "
                + (mean == null ? "null" : "0 entries"));
        for (int i = 0; i < mean.length; i++) {
            check(Double.isFinite(mean[i]), "mean[" + i + "]: must be finite, got " + mean[i]);
        }
        check(sigma > 0 && sigma <= Double.MAX_VALUE, "sigma: must be finite and > 0, got " + sigma);
        check(lambda == 0 || lambda >= 2, "lambda: must be 0 (default) or >= 2, got " + lambda);
        return new Cmaes(mean, sigma, lambda, seed);
    }

    /**
     * Samples the next generation, {@code x_k = m + sigma B D z_k} with {@code z_k ~ N(0, I)}
     * (the tutorial's Appendix A summary). Exactly one {@code tell} must follow before the next
     * {@code ask}.
     *
     * @return {@link #lambda()} fresh candidates (the caller may keep or modify the copies)
     * @throws IllegalStateException if the previous ask has not been told
     */
    public double[][] ask() {
        if (pendingX != null) {
            throw new IllegalStateException("ask: generation " + generation
                    + " was asked and not yet told; call tell(candidates, costs) first");
        }
        double[][] xs = new double[lambda][n];
        double[][] ys = new double[lambda][n];
        double[] z = new double[n];
        for (int k = 0; k < lambda; k++) {
            for (int i = 0; i < n; i++) {
                z[i] = d[i] * gauss.sample();
            }
            for (int i = 0; i < n; i++) {
                double y = 0;
                for (int j = 0; j < n; j++) {
                    y += b[i][j] * z[j];
                }
                ys[k][i] = y;
                xs[k][i] = mean[i] + sigma * y;
            }
        }
        pendingX = xs;
        pendingY = ys;
        return Arrays.stream(xs).map(double[]::clone).toArray(double[][]::new);
    }

    /**
     * Updates mean, paths, covariance and step size from the costs of the last asked generation
     * (Appendix A: recombination, cumulation, rank-one + rank-mu, step size). A non-finite cost
     * (NaN, ±Infinity: a failed evaluation) ranks after every finite one and is never a parent:
     * when fewer than mu candidates succeeded, the finite ones share the recombination weights
     * (renormalised, with their own mu_eff), and an all-failed generation leaves the distribution
     * as it was. The candidates are checked against the asked ones, which catches a reordering.
     *
     * @param candidates the candidates of the last {@link #ask()}, unchanged and in the same order
     * @param costs      their costs, {@code costs[k]} for {@code candidates[k]}
     * @throws IllegalStateException    if there is no pending ask
     * @throws IllegalArgumentException if the sizes are wrong or the candidates are not the asked ones
     */
    public void tell(double[][] candidates, double[] costs) {
        if (pendingX == null) {
            throw new IllegalStateException("tell: no pending generation; call ask() first");
        }
        check(candidates != null && candidates.length == lambda, "candidates: must have lambda = "
                + lambda + " rows, got " + (candidates == null ? "null" : candidates.length));
        check(costs != null && costs.length == lambda, "costs: must have lambda = " + lambda
                + " entries, got " + (costs == null ? "null" : costs.length));
        for (int k = 0; k < lambda; k++) {
            check(Arrays.equals(candidates[k], pendingX[k]), "candidates[" + k + "]: must be candidate "
                    + k + " of the last ask, unchanged and in the asked order, got "
                    + Arrays.toString(candidates[k]));
        }
        Integer[] rank = IntStream.range(0, lambda).boxed().toArray(Integer[]::new);
        Arrays.sort(rank, Comparator.<Integer>comparingInt(k -> Double.isFinite(costs[k]) ? 0 : 1)
                .thenComparingDouble(k -> Double.isFinite(costs[k]) ? costs[k] : 0));
        double genBest = costs[rank[0]];
        if (Double.isFinite(genBest) && genBest < bestCost) {
            bestCost = genBest;
            bestX = pendingX[rank[0]].clone();
        }
        history[told++ % history.length] = Double.isFinite(genBest) ? genBest : Double.NaN;

        // a failed candidate is never a parent: when fewer than mu succeeded, the finite ones share the weights
        // (renormalised, with their own mu_eff); when none did, the distribution stays as it was
        int parents = 0;
        while (parents < mu && Double.isFinite(costs[rank[parents]])) {
            parents++;
        }
        if (parents == 0) {
            generation++;
            pendingX = null;
            pendingY = null;
            return;
        }
        double[] w = weights;
        double me = muEff;
        if (parents < mu) {
            w = Arrays.copyOf(weights, parents);
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            double sq = 0;
            for (int r = 0; r < parents; r++) {
                w[r] /= sum;
                sq += w[r] * w[r];
            }
            me = 1 / sq;
        }
        double[] yw = new double[n];
        for (int r = 0; r < parents; r++) {
            double[] y = pendingY[rank[r]];
            for (int i = 0; i < n; i++) {
                yw[i] += w[r] * y[i];
            }
        }
        // C^{-1/2} y_w = B D^{-1} B^T y_w
        double[] t = new double[n];
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += b[i][j] * yw[i];
            }
            t[j] = s / d[j];
        }
        double ps = Math.sqrt(cSigma * (2 - cSigma) * me);
        double normPs = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += b[i][j] * t[j];
            }
            pSigma[i] = (1 - cSigma) * pSigma[i] + ps * s;
            normPs += pSigma[i] * pSigma[i];
            mean[i] += sigma * yw[i];
        }
        normPs = Math.sqrt(normPs);
        boolean hSigma = normPs / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * (generation + 1)))
                < (1.4 + 2.0 / (n + 1)) * chiN;
        double pc = hSigma ? Math.sqrt(cC * (2 - cC) * me) : 0;
        for (int i = 0; i < n; i++) {
            pC[i] = (1 - cC) * pC[i] + pc * yw[i];
        }
        double keep = 1 - c1 - cMu + (hSigma ? 0 : c1 * cC * (2 - cC));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int r = 0; r < parents; r++) {
                    double[] y = pendingY[rank[r]];
                    rankMu += w[r] * y[i] * y[j];
                }
                double v = keep * c[i][j] + c1 * pC[i] * pC[j] + cMu * rankMu;
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        sigma *= Math.exp(cSigma / dSigma * (normPs / chiN - 1));
        generation++;
        pendingX = null;
        pendingY = null;
        decompose();
    }

    /** {@code C = B D^2 B^T}; eigenvalues below 1e-300 are floored there so that D stays invertible. */
    private void decompose() {
        EigenDecompositionSymmetric eig = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(c));
        double[] ev = eig.getEigenvalues();
        RealMatrix v = eig.getV();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double e = Math.max(ev[j], 1e-300);
            max = Math.max(max, e);
            min = Math.min(min, e);
            d[j] = Math.sqrt(e);
            for (int i = 0; i < n; i++) {
                b[i][j] = v.getEntry(i, j);
            }
        }
        condition = max / min;
    }

    /** @return the search-space dimension n */
    public int dimension() { return n; }

    /** @return the population size lambda */
    public int lambda() { return lambda; }

    /** @return the number of completed generations (tells) */
    public int generation() { return generation; }

    /** @return a copy of the current mean m */
    public double[] mean() { return mean.clone(); }

    /** @return the current step size sigma */
    public double sigma() { return sigma; }

    /** @return a copy of the best candidate told with a finite cost (the start mean until then) */
    public double[] bestEver() { return bestX.clone(); }

    /** @return the cost of {@link #bestEver()}, {@code +Infinity} before any finite cost */
    public double bestCost() { return bestCost; }

    /** @return the condition number of C, the ratio of its largest to smallest eigenvalue */
    public double conditionNumber() { return condition; }

    /** @return the axis ratio of the search ellipsoid, {@code max(D) / min(D) = sqrt(cond C)} */
    public double axisRatio() { return Math.sqrt(condition); }

    /**
     * Whether to stop (after Hansen's TolX and TolHistFun): {@code sigma * sqrt(max diag C) < tolX},
     * or the generation-best costs of the last {@code 10 + ceil(30 n / lambda)} generations span less
     * than {@code tolFun} (never before that many generations, nor while one of them failed).
     *
     * @param tolX   the coordinate tolerance, finite and &gt;= 0
     * @param tolFun the cost tolerance, finite and &gt;= 0
     * @return true if either criterion holds
     */
    public boolean stalled(double tolX, double tolFun) {
        check(tolX >= 0 && tolX <= Double.MAX_VALUE, "tolX: must be finite and >= 0, got " + tolX);
        check(tolFun >= 0 && tolFun <= Double.MAX_VALUE, "tolFun: must be finite and >= 0, got " + tolFun);
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, c[i][i]);
        }
        if (sigma * Math.sqrt(maxDiag) < tolX) {
            return true;
        }
        if (told < history.length) {
            return false;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double h : history) {
            lo = Math.min(lo, h);
            hi = Math.max(hi, h);
        }
        return hi - lo < tolFun;
    }

    /** @return the settings for provenance: algorithm, dimension, lambda, mu, muEff, cSigma,
     *  dSigma, cC, c1, cMu, seed, initialSigma (an unmodifiable, ordered map) */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", "cmaes");
        m.put("reference", "Hansen 2016, The CMA Evolution Strategy: A Tutorial");
        m.put("dimension", n);
        m.put("lambda", lambda);
        m.put("mu", mu);
        m.put("muEff", muEff);
        m.put("cSigma", cSigma);
        m.put("dSigma", dSigma);
        m.put("cC", cC);
        m.put("c1", c1);
        m.put("cMu", cMu);
        m.put("seed", seed);
        m.put("initialSigma", sigma0);
        return Collections.unmodifiableMap(m);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
