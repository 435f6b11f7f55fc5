package org.vdpnet.sim;

/**
 * The adaptive path without overhead: Hairer's DOP853 (order 8, error estimated from embedded
 * orders 5 and 3, dense output of order 7) and DOPRI5 (order 5(4), dense output of order 4) on
 * flat arrays that one run allocates once: the stage vectors, the trial state and the dense-output
 * coefficients are reused on every step, and the stage sums are single vectorised passes
 * ({@link Lin}). The step-size controller is Hairer's as Hipparchus implements it (the same
 * initial step, RMS error norm with tolerance {@code atol + rtol * max(|y|, |y_new|)}, safety 0.9,
 * growth between 0.2 and 10, exponent {@code -1/order}, the error norms summed term for term as
 * Hipparchus sums them), so the steps, and the state to rounding, are those of Hipparchus's
 * integrators (the tests compare), and the accepted steps those of SciPy's
 * {@code solve_ivp} within a few per cent (SciPy differs only in its initial step and in not growing
 * the step right after a rejection). Unlike Hipparchus, the three extra stages of DOP853's dense
 * output are evaluated only for a step that a monitor samples inside (12 evaluations a step, not 15).
 * Stop conditions (events) stay on Hipparchus ({@link AdaptiveRun}).
 */
final class EmbeddedRk {
    private EmbeddedRk() {}

    /** Hipparchus's (and Hairer's) controller constants. */
    static final double SAFETY = 0.9;
    static final double MIN_REDUCTION = 0.2;
    static final double MAX_GROWTH = 10.0;

    /** Runs the problem, which must have no stop condition; same statuses and messages as {@link AdaptiveRun}. */
    static SimulationResult run(SimulationProblem problem, IntegratorSpec spec, Recorder recorder, Simulator.Progress progress) {
        VectorField f = problem.field();
        int n = f.getDimension();
        Scheme s = spec.method() == IntegratorSpec.Method.DOP853 ? new Dop853(f, n) : new Dopri5(f, n);
        double t0 = problem.t0();
        double tEnd = problem.tEnd();
        double maxStep = Math.min(spec.maxStep(), tEnd - t0);
        double minStep = spec.minStep();
        double rtol = spec.relTol();
        double atol = spec.absTol();
        long budget = spec.maxEvaluations();
        double exp = -1.0 / s.order();
        double[] y = problem.initialState().clone();
        double[] yNew = new double[n];
        recorder.start(t0, y);
        f.derivatives(t0, y, s.k[0]);
        long evaluations = 1;
        double t = t0;
        long steps = 0;
        double h = initialStep(f, t0, y, s.k[0], s.ytmp, s.k[1], s.order(), rtol, atol, minStep, maxStep);
        evaluations++;
        boolean last = false;
        while (!last) {
            double error;
            double hTry = h;
            while (true) {
                if (t + hTry >= tEnd) {
                    hTry = tEnd - t;
                }
                if (evaluations + s.worstCaseStepEvaluations() > budget) { // never past the budget, dense output included
                    return new SimulationResult(recorder.result(), Status.MAX_EVALUATIONS, t, evaluations, steps,
                            "evaluation budget of " + spec.maxEvaluations() + " reached at t=" + t);
                }
                error = s.attempt(t, y, hTry, yNew, rtol, atol);
                evaluations += s.attemptEvaluations();
                if (Double.isNaN(error)) {
                    return new SimulationResult(recorder.result(), Status.NON_FINITE_STATE, t, evaluations, steps,
                            "state became non-finite in the step after t=" + t);
                }
                if (error < 1.0) {
                    break;
                }
                double factor = Math.min(MAX_GROWTH, Math.max(MIN_REDUCTION, SAFETY * Math.pow(error, exp)));
                hTry = hTry * factor;
                if (Math.abs(hTry) < minStep) {
                    return new SimulationResult(recorder.result(), Status.NON_FINITE_STATE, t, evaluations, steps,
                            "step size fell below min-step after t=" + t + "; the solution is likely blowing up");
                }
                hTry = Math.min(hTry, maxStep);
            }
            double tNew = t + hTry;
            evaluations += s.accepted(tNew, yNew); // (a non-finite trial state was caught by the error estimate)
            if (!s.endDerivativeFinite()) {
                return new SimulationResult(recorder.result(), Status.NON_FINITE_STATE, t, evaluations, steps,
                        "state became non-finite in the step after t=" + t);
            }
            if (!(tNew > t)) {
                return new SimulationResult(recorder.result(), Status.NON_FINITE_STATE, t, evaluations, steps,
                        "step size underflowed at t=" + tNew + "; the solution is likely blowing up");
            }
            s.begin(t, hTry, y, yNew);
            recorder.step(t, tNew, yNew, s);
            evaluations += s.denseEvaluations();
            steps++;
            progress.at(tNew);
            last = Math.abs(tNew - tEnd) < Math.ulp(tEnd);
            // the new step starts from the accepted state and its derivative (first same as last)
            double[] swap = y;
            y = yNew;
            yNew = swap;
            s.rotate();
            t = tNew;
            if (!last) {
                double factor = Math.min(MAX_GROWTH, Math.max(MIN_REDUCTION, SAFETY * Math.pow(error, exp)));
                double scaled = hTry * factor;
                boolean nextIsLast = t + scaled >= tEnd;
                if (Math.abs(scaled) < minStep) {
                    if (!nextIsLast) {
                        return new SimulationResult(recorder.result(), Status.NON_FINITE_STATE, t, evaluations, steps,
                                "step size fell below min-step after t=" + t + "; the solution is likely blowing up");
                    }
                    scaled = minStep;
                }
                h = Math.min(scaled, maxStep);
                if (t + h >= tEnd) {
                    h = tEnd - t;
                }
            }
        }
        return new SimulationResult(recorder.result(), Status.SUCCESS, t, evaluations, steps, "");
    }

    /**
     * Hairer's initial step (as Hipparchus computes it: 2-norms of the scaled state and
     * derivatives, one explicit Euler step for the second derivative, {@code h^order * max(...) = 0.01}).
     * Uses one evaluation; {@code y1} and {@code f1} are scratch.
     */
    static double initialStep(VectorField f, double t0, double[] y0, double[] f0, double[] y1, double[] f1, int order, double rtol,
                              double atol, double minStep, double maxStep) {
        int n = y0.length;
        double yOnScale2 = 0;
        double yDotOnScale2 = 0;
        for (int j = 0; j < n; j++) {
            double scale = atol + rtol * Math.abs(y0[j]);
            double ratio = y0[j] / scale;
            yOnScale2 += ratio * ratio;
            double ratioDot = f0[j] / scale;
            yDotOnScale2 += ratioDot * ratioDot;
        }
        double h = (yOnScale2 < 1.0e-10 || yDotOnScale2 < 1.0e-10) ? 1.0e-6 : 0.01 * Math.sqrt(yOnScale2 / yDotOnScale2);
        if (h > maxStep) {
            h = maxStep;
        }
        for (int j = 0; j < n; j++) {
            y1[j] = y0[j] + h * f0[j];
        }
        f.derivatives(t0 + h, y1, f1);
        double yDDotOnScale = 0;
        for (int j = 0; j < n; j++) {
            double scale = atol + rtol * Math.abs(y0[j]);
            double ratioDotDot = (f1[j] - f0[j]) / scale;
            yDDotOnScale += ratioDotDot * ratioDotDot;
        }
        yDDotOnScale = Math.sqrt(yDDotOnScale) / h;
        double maxInv2 = Math.max(Math.sqrt(yDotOnScale2), yDDotOnScale);
        double h1 = maxInv2 < 1.0e-15 ? Math.max(1.0e-6, 0.001 * Math.abs(h)) : Math.pow(0.01 / maxInv2, 1.0 / order);
        h = Math.min(100.0 * Math.abs(h), h1);
        h = Math.max(h, 1.0e-12 * Math.abs(t0));
        if (h < minStep) {
            h = minStep;
        }
        if (h > maxStep) {
            h = maxStep;
        }
        return h;
    }

    /** A method's stages, error estimate and dense output, on arrays it allocates once. */
    abstract static class Scheme implements Interpolant {
        final VectorField f;
        final int n;
        /** Stage derivatives; {@code k[0]} is the derivative at the start of the step. */
        final double[][] k;
        final double[] ytmp;
        double tStep;
        double hStep;
        double[] yStart;
        double[] yEnd;
        boolean dense;
        int denseEvaluations;

        Scheme(VectorField f, int n, int stages) {
            this.f = f;
            this.n = n;
            this.k = new double[stages][n];
            this.ytmp = new double[n];
        }

        /** The order that sets the controller's exponent (and the initial step). */
        abstract int order();

        /** Evaluations of one attempt. */
        abstract int attemptEvaluations();

        /** The most evaluations one more attempt can cost if it is accepted and sampled inside (dense output). */
        abstract int worstCaseStepEvaluations();

        /** Whether the derivative at the end of the accepted step (the next step's first stage, used by dense output) is finite. */
        abstract boolean endDerivativeFinite();

        /** Computes the stages from {@code k[0]} and writes the trial state; returns the scaled error norm. */
        abstract double attempt(double t, double[] y, double h, double[] yNew, double rtol, double atol);

        /** After an accepted step: the derivative at its end, where the attempt did not compute it; returns the evaluations used. */
        abstract int accepted(double tNew, double[] yNew);

        /** Moves the end derivative to {@code k[0]} for the next step. */
        abstract void rotate();

        /** Prepares the dense-output coefficients of the current step (once, on the first request). */
        abstract void prepareDense();

        /** The state at {@code theta} in [0, 1] of the step, from the prepared coefficients. */
        abstract void denseAt(double theta, double[] out);

        final void begin(double t, double h, double[] y0, double[] y1) {
            tStep = t;
            hStep = h;
            yStart = y0;
            yEnd = y1;
            dense = false;
            denseEvaluations = 0;
        }

        final int denseEvaluations() { return denseEvaluations; }

        @Override
        public final void stateAt(double t, double[] out) {
            if (!dense) {
                prepareDense();
                dense = true;
            }
            denseAt((t - tStep) / hStep, out);
        }

        static void swap(double[][] k, int a, int b) {
            double[] x = k[a];
            k[a] = k[b];
            k[b] = x;
        }
    }
}
