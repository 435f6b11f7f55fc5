package org.vdpnet.fitting.estimate;

/**
 * Levenberg–Marquardt on the normal equations for the fitter's shooting problems: the damped
 * Gauss–Newton step {@code (J'J + mu D^2) h = -J'r} by Cholesky, with Moré's column scaling
 * {@code D} (running maximum of the column norms), Nielsen's damping update and MINPACK's
 * stopping tests as Hipparchus's {@code LevenbergMarquardtOptimizer} applies them (actual and
 * predicted relative reduction both below the tolerance with a ratio of at most 2, or a scaled step
 * below the tolerance relative to the point; a budget of iterations, each a Jacobian). For these
 * problems (hundreds of residuals, tens of unknowns) forming {@code J'J} once per iteration costs a
 * fraction of the pivoted QR that Hipparchus's LM runs at every step, which was half of a fit's time
 * (bench/RESULTS.md, issue 12); {@code MarquardtTest} checks that both reach the same minimum on a
 * shooting problem. Bounds are kept by projecting each trial point ({@link Shooting#project}); the
 * predicted reduction and the step tests use the projected step, so a bound that clips a step does
 * not mislead the damping.
 */
final class Marquardt {
    private Marquardt() {}

    /**
     * The initial damping relative to the largest scaled diagonal of {@code J'J}: 1e-6, nearly a Gauss–Newton
     * first step. On the zebrafish windows the median r moved between 0.755 and 0.768 over 1e-6 to 1
     * (bench/RESULTS.md): the spread of where the local optimiser lands, not a trend.
     */
    static final double TAU = 1e-6;

    /**
     * The outcome of a minimisation.
     *
     * @param point      the best point (the last accepted one)
     * @param iterations Jacobian evaluations
     * @param hitLimit   whether the iteration or evaluation budget ran out
     * @param jacobian   the Jacobian at {@code point}, or null where it was not evaluated or not finite
     * @param stop       why it stopped where it did not converge: empty when converged, else a sentence
     */
    record Result(double[] point, int iterations, boolean hitLimit, double[][] jacobian, String stop) {
        Result(double[] point, int iterations, boolean hitLimit, double[][] jacobian) {
            this(point, iterations, hitLimit, jacobian, hitLimit ? "the iteration budget ran out" : "");
        }
    }

    private static final String DAMPING = "no damped step reduced the cost (the damping reached 1e300)";
    private static final String SENSITIVITIES = "the sensitivities diverged at the point reached, so no step could be computed";

    /** Minimises {@code |f.residualsAt(v)|^2} from {@code start}. */
    static Result minimise(Shooting f, double[] start, int maxIterations, double tolerance, boolean jacobianAtEnd) {
        int n = start.length;
        double[] x = f.project(start.clone());
        double[] r = f.residualsAt(x);
        double cost = dot(r, r);
        if (!Double.isFinite(cost)) {
            return new Result(x, 0, false, null);
        }
        double[][] jac = f.jacobianAt(x);
        if (f.jacobianFailed()) {
            return new Result(x, 1, true, null, SENSITIVITIES);
        }
        int iterations = 1;
        int evaluations = 1;
        double[] a = new double[n * n];
        double[] g = new double[n];
        double[] d = new double[n];
        normal(jac, r, a, g);
        scale(a, d, n);
        double mu = TAU * maxScaledDiagonal(a, d, n);
        double nu = 2;
        double[] chol = new double[n * n];
        double[] h = new double[n];
        double[] trial = new double[n];
        while (true) {
            if (!solve(a, d, mu, g, chol, h, n)) {
                mu *= nu;
                nu *= 2;
                if (!(mu < 1e300)) {
                    return new Result(x, iterations, true, jacobianAtEnd ? jac : null, DAMPING);
                }
                continue;
            }
            for (int j = 0; j < n; j++) {
                trial[j] = x[j] + h[j];
            }
            double[] xn = f.project(trial.clone());
            double[] s = new double[n];
            double stepNorm = 0;
            double pointNorm = 0;
            for (int j = 0; j < n; j++) {
                s[j] = xn[j] - x[j]; // the step actually taken, after the bounds
                double dj = d[j] > 0 ? d[j] : 1.0;
                stepNorm += (dj * s[j]) * (dj * s[j]);
                pointNorm += (dj * x[j]) * (dj * x[j]);
            }
            if (Math.sqrt(stepNorm) <= tolerance * Math.sqrt(pointNorm)) {
                return new Result(x, iterations, false, jacobianAtEnd ? jac : null); // the step no longer moves the point
            }
            double[] rn = f.residualsAt(xn);
            evaluations++;
            double costN = dot(rn, rn);
            // predicted reduction of the cost (a plain sum of squares) by the linear model: -2 s'g - s'As
            double predicted = 0;
            for (int j = 0; j < n; j++) {
                double as = 0;
                for (int k = 0; k < n; k++) {
                    as += a[j * n + k] * s[k];
                }
                predicted -= 2 * s[j] * g[j] + s[j] * as;
            }
            double rho = Double.isFinite(costN) && predicted > 0 ? (cost - costN) / predicted : -1;
            if (rho > 0) {
                double relative = (cost - costN) / cost;
                double predictedRelative = predicted / cost;
                x = xn;
                r = rn;
                cost = costN;
                if ((relative <= tolerance && predictedRelative <= tolerance && rho <= 2) || cost == 0) {
                    return new Result(x, iterations, false, jacobianAtEnd ? f.jacobianAt(x) : null);
                }
                if (iterations >= maxIterations) {
                    return new Result(x, iterations, true, jacobianAtEnd ? f.jacobianAt(x) : null);
                }
                jac = f.jacobianAt(x);
                if (f.jacobianFailed()) {
                    return new Result(x, iterations, true, null, SENSITIVITIES);
                }
                iterations++;
                normal(jac, r, a, g);
                scale(a, d, n);
                double t = 2 * rho - 1;
                mu *= Math.max(1.0 / 3.0, 1 - t * t * t);
                nu = 2;
            } else {
                mu *= nu;
                nu *= 2;
            }
            if (evaluations >= 10 * maxIterations) {
                return new Result(x, iterations, true, jacobianAtEnd ? jac : null, "the evaluation budget ran out");
            }
            if (!(mu < 1e300)) {
                return new Result(x, iterations, true, jacobianAtEnd ? jac : null, DAMPING);
            }
        }
    }

    /** {@code a = J'J} (full, symmetric) and {@code g = J'r}, row by row. */
    private static void normal(double[][] jac, double[] r, double[] a, double[] g) {
        int n = g.length;
        java.util.Arrays.fill(a, 0.0);
        java.util.Arrays.fill(g, 0.0);
        for (int k = 0; k < jac.length; k++) {
            double[] row = jac[k];
            double rk = r[k];
            for (int i = 0; i < n; i++) {
                double v = row[i];
                if (v == 0.0) {
                    continue;
                }
                g[i] += v * rk;
                int off = i * n;
                for (int j = i; j < n; j++) {
                    a[off + j] += v * row[j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[i * n + j] = a[j * n + i];
            }
        }
    }

    /** Moré's scaling: {@code d_j} is the largest column norm seen (0 while a column has been zero; the solve then uses 1). */
    private static void scale(double[] a, double[] d, int n) {
        for (int j = 0; j < n; j++) {
            double c = Math.sqrt(a[j * n + j]);
            d[j] = Math.max(d[j], c);
        }
    }

    private static double maxScaledDiagonal(double[] a, double[] d, int n) {
        double m = 0;
        for (int j = 0; j < n; j++) {
            double dj = d[j] > 0 ? d[j] : 1.0;
            m = Math.max(m, a[j * n + j] / (dj * dj));
        }
        return m > 0 ? m : 1.0;
    }

    /** Solves {@code (a + mu D^2) h = -g} by Cholesky; false where the matrix is not positive definite. */
    private static boolean solve(double[] a, double[] d, double mu, double[] g, double[] l, double[] h, int n) {
        for (int i = 0; i < n; i++) {
            double di = d[i] > 0 ? d[i] : 1.0;
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j] + (i == j ? mu * di * di : 0.0);
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return false;
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double s = -g[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * h[k];
            }
            h[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = h[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * h[k];
            }
            h[i] = s / l[i * n + i];
        }
        return true;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
