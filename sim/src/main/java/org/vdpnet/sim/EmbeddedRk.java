package org.vdpnet.sim;

/**
 * The adaptive path without overhead: Hairer's DOP853 (order 8, error estimated from embedded
 * orders 5 and 3, dense output of order 7) and DOPRI5 (order 5(4), dense output of order 4) on
 * flat arrays that one run allocates once: the stage vectors, the trial state and the dense-output
 * coefficients are reused on every step, and the stage sums are single vectorised passes
 * ({@link Lin}). The step-size controller is Hairer's as Hipparchus implements it (the same
 * initial step, RMS error norm with tolerance {@code atol + rtol * max(|y|, |y_new|)}, safety 0.9,
 * growth between 0.2 and 10, exponent {@code -1/order}, the error norms summed term for term as
 * Hipparchus sums them; {@code Math.pow} where Hipparchus calls {@code FastMath.pow}, which allocates on
 * every call, and the two may differ in a last bit), so the steps, and the state to rounding, are those of Hipparchus's
 * integrators (the tests compare), and the accepted steps those of SciPy's
 * {@code solve_ivp} within a few per cent (SciPy differs only in its initial step and in not growing
 * the step right after a rejection). Unlike Hipparchus, the three extra stages of DOP853's dense
 * output are evaluated only for a step that a monitor samples inside (12 evaluations a step, not 15;
 * in an ensemble, for all members in a round where any member samples inside its step, each member
 * counting them only where it sampled, as alone). Stop conditions (events) stay on Hipparchus
 * ({@link AdaptiveRun}).
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
        return drive(f, 1, f.getDimension(), new double[][] {problem.initialState()}, problem.t0(), problem.tEnd(), spec,
                new Recorder[] {recorder}, progress)[0];
    }

    /**
     * Runs the members of an ensemble, each with its own step-size control: every member takes the
     * steps, and gets the status, counts and samples, of its solo {@link #run} (the arithmetic of an
     * entry does not depend on its neighbours, and each member's error norm sums its own components
     * in its solo order). Rounds advance every member still running by one attempt, so a round costs
     * the stages of all members, and the run as many rounds as its slowest member needs attempts.
     * The field must be autonomous: the members are at different times, so it is called with time NaN.
     */
    static java.util.List<SimulationResult> runEnsemble(EnsembleProblem p, IntegratorSpec spec, Monitor monitor, Simulator.Progress progress) {
        EnsembleField field = p.field();
        int b = field.members();
        int d = field.memberDimension();
        double[][] y0 = new double[b][];
        Recorder[] recorders = new Recorder[b];
        for (int m = 0; m < b; m++) {
            y0[m] = p.initialState(m);
            recorders[m] = monitor.newRecorder(p.channels());
        }
        VectorField all = VectorField.of(b * d, field::derivatives);
        return java.util.List.of(drive(all, b, d, y0, p.t0(), p.tEnd(), spec, recorders, progress));
    }

    /**
     * The controller of {@code b} members side by side (member-minor, {@code d} components each);
     * for one member it is the solo run, with the field called at the stages' times. Each member
     * follows the solo loop: an attempt, then either a smaller retry or acceptance, its dense output
     * and the next step; a member that ends (done, budget, non-finite) is frozen with a zero state.
     */
    private static SimulationResult[] drive(VectorField f, int b, int d, double[][] y0, double t0, double tEnd, IntegratorSpec spec,
                                            Recorder[] recorders, Simulator.Progress progress) {
        int n = b * d;
        Scheme s = spec.method() == IntegratorSpec.Method.DOP853 ? new Dop853(f, b, d) : new Dopri5(f, b, d);
        boolean one = b == 1;
        double maxStep = Math.min(spec.maxStep(), tEnd - t0);
        double minStep = spec.minStep();
        double rtol = spec.relTol();
        double atol = spec.absTol();
        long budget = spec.maxEvaluations();
        double exp = -1.0 / s.order();
        double[] y = EnsembleProblem.memberMinor(y0);
        double[] yNew = new double[n];
        double[] member = one ? null : new double[d];
        for (int m = 0; m < b; m++) {
            recorders[m].start(t0, y0[m]);
        }
        f.derivatives(one ? t0 : Double.NaN, y, s.k[0]);
        double[] h = new double[b];
        initialStep(f, b, d, one ? t0 : Double.NaN, t0, y, s.k[0], s.ytmp, s.k[1], s.order(), rtol, atol, minStep, maxStep, h);
        double[] t = new double[b];
        long[] evaluations = new long[b];
        long[] steps = new long[b];
        boolean[] retrying = new boolean[b];
        boolean[] accepted = new boolean[b];
        double[] error = new double[b];
        SimulationResult[] out = new SimulationResult[b];
        java.util.Arrays.fill(t, t0);
        java.util.Arrays.fill(evaluations, 2);
        double[] hTry = s.hm;
        MemberView[] views = new MemberView[b];
        for (int m = 0; m < b; m++) {
            views[m] = new MemberView(s, m);
        }
        int live = b;
        while (live > 0) {
            // the attempt: each running member with its step (the retry's, or the new step's clipped to the end)
            for (int m = 0; m < b; m++) {
                if (out[m] != null) {
                    continue;
                }
                if (!retrying[m]) {
                    hTry[m] = h[m];
                }
                if (t[m] + hTry[m] >= tEnd) {
                    hTry[m] = tEnd - t[m];
                }
                if (evaluations[m] + s.worstCaseStepEvaluations() > budget) { // never past the budget, dense output included
                    out[m] = new SimulationResult(recorders[m].result(), Status.MAX_EVALUATIONS, t[m], evaluations[m], steps[m],
                            "evaluation budget of " + spec.maxEvaluations() + " reached at t=" + t[m]);
                    live = freeze(s, y, m, live);
                }
            }
            if (live == 0) {
                break;
            }
            s.attempt(one ? t[0] : Double.NaN, y, yNew, rtol, atol, error);
            int acceptedNow = 0;
            for (int m = 0; m < b; m++) {
                accepted[m] = false;
                if (out[m] != null) {
                    continue;
                }
                evaluations[m] += s.attemptEvaluations();
                if (Double.isNaN(error[m])) {
                    out[m] = new SimulationResult(recorders[m].result(), Status.NON_FINITE_STATE, t[m], evaluations[m], steps[m],
                            "state became non-finite in the step after t=" + t[m]);
                    live = freeze(s, y, m, live);
                    continue;
                }
                if (error[m] < 1.0) {
                    accepted[m] = true;
                    retrying[m] = false;
                    acceptedNow++;
                    continue;
                }
                double factor = Math.min(MAX_GROWTH, Math.max(MIN_REDUCTION, SAFETY * Math.pow(error[m], exp)));
                hTry[m] = hTry[m] * factor;
                retrying[m] = true;
                if (Math.abs(hTry[m]) < minStep) {
                    out[m] = new SimulationResult(recorders[m].result(), Status.NON_FINITE_STATE, t[m], evaluations[m], steps[m],
                            "step size fell below min-step after t=" + t[m] + "; the solution is likely blowing up");
                    live = freeze(s, y, m, live);
                    continue;
                }
                hTry[m] = Math.min(hTry[m], maxStep);
            }
            if (acceptedNow == 0) {
                continue;
            }
            // the accepted members: the end derivative, their samples, then the next step
            int stepped = 0; // members whose accepted step passed its checks (their state moves on)
            int endEvaluations = s.accepted(one ? t[0] + hTry[0] : Double.NaN, yNew); // (a non-finite trial state was caught by the error estimate)
            s.begin(one ? t[0] : Double.NaN, y, yNew);
            for (int m = 0; m < b; m++) {
                if (!accepted[m]) {
                    continue;
                }
                double tNew = t[m] + hTry[m];
                evaluations[m] += endEvaluations;
                if (!s.endDerivativeFinite(m)) {
                    out[m] = new SimulationResult(recorders[m].result(), Status.NON_FINITE_STATE, t[m], evaluations[m], steps[m],
                            "state became non-finite in the step after t=" + t[m]);
                    accepted[m] = false;
                    live = freeze(s, y, m, live);
                    continue;
                }
                if (!(tNew > t[m])) {
                    out[m] = new SimulationResult(recorders[m].result(), Status.NON_FINITE_STATE, t[m], evaluations[m], steps[m],
                            "step size underflowed at t=" + tNew + "; the solution is likely blowing up");
                    accepted[m] = false;
                    live = freeze(s, y, m, live);
                    continue;
                }
                stepped++;
                views[m].begin(t[m]);
                if (!recorders[m].idleOver(t[m], tNew)) { // (no sample in the step: nothing to gather)
                    double[] yEnd = yNew; // one member's state is the whole state
                    if (!one) {
                        yEnd = member;
                        for (int i = 0; i < d; i++) {
                            yEnd[i] = yNew[i * b + m];
                        }
                    }
                    recorders[m].step(t[m], tNew, yEnd, views[m]);
                }
                evaluations[m] += views[m].sampled ? s.denseEvaluations() : 0;
                steps[m]++;
                t[m] = tNew;
                if (Math.abs(tNew - tEnd) < Math.ulp(tEnd)) {
                    out[m] = new SimulationResult(recorders[m].result(), Status.SUCCESS, t[m], evaluations[m], steps[m], "");
                    continue; // (frozen below, after its accepted state has moved into place)
                }
                double factor = Math.min(MAX_GROWTH, Math.max(MIN_REDUCTION, SAFETY * Math.pow(error[m], exp)));
                double scaled = hTry[m] * factor;
                boolean nextIsLast = t[m] + scaled >= tEnd;
                if (Math.abs(scaled) < minStep) {
                    if (!nextIsLast) {
                        out[m] = new SimulationResult(recorders[m].result(), Status.NON_FINITE_STATE, t[m], evaluations[m], steps[m],
                                "step size fell below min-step after t=" + t[m] + "; the solution is likely blowing up");
                        continue;
                    }
                    scaled = minStep;
                }
                h[m] = Math.min(scaled, maxStep);
                if (t[m] + h[m] >= tEnd) {
                    h[m] = tEnd - t[m];
                }
            }
            // the new step starts from the accepted state and its derivative (first same as last); the others keep theirs
            // (members that retry, and those that ended before or in this round, whose entries freeze has zeroed)
            double[] swap = y;
            y = yNew;
            yNew = swap;
            s.rotate();
            if (stepped < b) {
                for (int m = 0; m < b; m++) {
                    if (!accepted[m]) {
                        s.keep(m, yNew, y);
                    }
                }
            }
            double slowest = Double.POSITIVE_INFINITY;
            double latest = t0;
            for (int m = 0; m < b; m++) {
                latest = Math.max(latest, t[m]);
                if (accepted[m] && out[m] != null) {
                    live = freeze(s, y, m, live); // ended on its accepted step: frozen now that the step's state is in place
                } else if (out[m] == null) {
                    slowest = Math.min(slowest, t[m]);
                }
            }
            if (one) {
                if (accepted[0]) {
                    progress.at(t[0]);
                }
            } else {
                progress.at(live > 0 ? slowest : latest);
            }
        }
        return out;
    }

    /** Zeroes a member that has ended (its state and first stage), so its entries cost nothing odd; returns the members still running. */
    private static int freeze(Scheme s, double[] y, int m, int live) {
        s.hm[m] = 0.0;
        EnsembleRun.zero(y, m, s.b);
        EnsembleRun.zero(s.k[0], m, s.b);
        return live - 1;
    }

    /** One member's dense output over its current step (the whole ensemble's dense stages are prepared on the first request of a round). */
    private static final class MemberView implements Interpolant {
        private final Scheme s;
        private final int m;
        private double tStart;
        boolean sampled;

        MemberView(Scheme s, int m) {
            this.s = s;
            this.m = m;
        }

        void begin(double t) {
            tStart = t;
            sampled = false;
        }

        @Override
        public void stateAt(double t, double[] out) {
            if (!s.dense) {
                s.prepareDense();
                s.dense = true;
            }
            sampled = true;
            s.denseAt(m, (t - tStart) / s.hm[m], out);
        }
    }

    /**
     * Hairer's initial step of each member (as Hipparchus computes it: 2-norms of the scaled state and
     * derivatives, one explicit Euler step for the second derivative, {@code h^order * max(...) = 0.01}),
     * into {@code h}. Uses one evaluation (at {@code tArg + h}, or NaN for an ensemble); {@code y1} and
     * {@code f1} are scratch.
     */
    static void initialStep(VectorField f, int b, int d, double tArg, double t0, double[] y0, double[] f0, double[] y1, double[] f1,
                            int order, double rtol, double atol, double minStep, double maxStep, double[] h) {
        double[] yOnScale2 = new double[b];
        double[] yDotOnScale2 = new double[b];
        for (int i = 0, j = 0; i < d; i++) {
            for (int m = 0; m < b; m++, j++) {
                double scale = atol + rtol * Math.abs(y0[j]);
                double ratio = y0[j] / scale;
                yOnScale2[m] += ratio * ratio;
                double ratioDot = f0[j] / scale;
                yDotOnScale2[m] += ratioDot * ratioDot;
            }
        }
        for (int m = 0; m < b; m++) {
            double hm = (yOnScale2[m] < 1.0e-10 || yDotOnScale2[m] < 1.0e-10) ? 1.0e-6 : 0.01 * Math.sqrt(yOnScale2[m] / yDotOnScale2[m]);
            h[m] = Math.min(hm, maxStep);
        }
        for (int i = 0, j = 0; i < d; i++) {
            for (int m = 0; m < b; m++, j++) {
                y1[j] = y0[j] + h[m] * f0[j];
            }
        }
        f.derivatives(b == 1 ? tArg + h[0] : Double.NaN, y1, f1);
        double[] yDDotOnScale = new double[b];
        for (int i = 0, j = 0; i < d; i++) {
            for (int m = 0; m < b; m++, j++) {
                double scale = atol + rtol * Math.abs(y0[j]);
                double ratioDotDot = (f1[j] - f0[j]) / scale;
                yDDotOnScale[m] += ratioDotDot * ratioDotDot;
            }
        }
        for (int m = 0; m < b; m++) {
            double dd = Math.sqrt(yDDotOnScale[m]) / h[m];
            double maxInv2 = Math.max(Math.sqrt(yDotOnScale2[m]), dd);
            double h1 = maxInv2 < 1.0e-15 ? Math.max(1.0e-6, 0.001 * Math.abs(h[m])) : Math.pow(0.01 / maxInv2, 1.0 / order);
            double hm = Math.min(100.0 * Math.abs(h[m]), h1);
            hm = Math.max(hm, 1.0e-12 * Math.abs(t0));
            if (hm < minStep) {
                hm = minStep;
            }
            if (hm > maxStep) {
                hm = maxStep;
            }
            h[m] = hm;
        }
    }

    /** The tolerance of one entry, {@code atol + rtol * max(|y|, |y_new|)}. */
    static double tolerance(double atol, double rtol, double y, double yNew) {
        return atol + rtol * Math.max(Math.abs(y), Math.abs(yNew));
    }

    /**
     * A method's stages, error estimate and dense output for {@code b} members of {@code d}
     * components side by side (member-minor; {@code b = 1} is a solo run), on arrays it allocates once.
     * Each member's step is {@code hm[m]}; with more than one member every entry's step is expanded
     * into {@code hv} before the stages, so each stage sum stays one vectorised pass.
     */
    abstract static class Scheme {
        final VectorField f;
        final int b;
        final int d;
        final int n;
        /** Stage derivatives; {@code k[0]} is the derivative at the start of the step. */
        final double[][] k;
        final double[] ytmp;
        /** Each member's step (the current attempt's, then the accepted step's). */
        final double[] hm;
        /** Each entry's step, for more than one member (else null: the stage sums use {@code hm[0]}). */
        final double[] hv;
        double tStep;
        double[] yStart;
        double[] yEnd;
        boolean dense;
        int denseEvaluations;

        Scheme(VectorField f, int b, int d, int stages) {
            this.f = f;
            this.b = b;
            this.d = d;
            this.n = b * d;
            this.k = new double[stages][n];
            this.ytmp = new double[n];
            this.hm = new double[b];
            this.hv = b == 1 ? null : new double[n];
        }

        /** The order that sets the controller's exponent (and the initial step). */
        abstract int order();

        /** Evaluations of one attempt. */
        abstract int attemptEvaluations();

        /** The most evaluations one more attempt can cost if it is accepted and sampled inside (dense output). */
        abstract int worstCaseStepEvaluations();

        /** The stage that holds the derivative at the end of an accepted step (the next step's first stage). */
        abstract int endStage();

        /**
         * Computes the stages from {@code k[0]} with the steps {@code hm} and writes the trial state;
         * writes each member's scaled error norm into {@code error} (NaN where the trial state is not finite).
         */
        abstract void attempt(double t, double[] y, double[] yNew, double rtol, double atol, double[] error);

        /** After an accepted step: the derivative at its end, where the attempt did not compute it; returns the evaluations used. */
        abstract int accepted(double tNew, double[] yNew);

        /** Prepares the dense-output coefficients of the current step (once, on the first request). */
        abstract void prepareDense();

        /** Member {@code m}'s state at {@code theta} in [0, 1] of its step, from the prepared coefficients. */
        abstract void denseAt(int m, double theta, double[] out);

        /** Expands the members' steps to their entries (for more than one member). */
        final void expandSteps() {
            if (hv != null) {
                for (int i = 0, j = 0; i < d; i++) {
                    for (int m = 0; m < b; m++, j++) {
                        hv[j] = hm[m];
                    }
                }
            }
        }

        /** Whether member {@code m}'s end derivative is finite. */
        final boolean endDerivativeFinite(int m) {
            double[] e = k[endStage()];
            for (int j = m; j < n; j += b) {
                if (!Double.isFinite(e[j])) {
                    return false;
                }
            }
            return true;
        }

        final void begin(double t, double[] y0, double[] y1) {
            tStep = t;
            yStart = y0;
            yEnd = y1;
            dense = false;
            denseEvaluations = 0;
        }

        final int denseEvaluations() { return denseEvaluations; }

        /** Moves the end derivative to {@code k[0]} for the next step. */
        final void rotate() {
            int e = endStage();
            double[] x = k[0];
            k[0] = k[e];
            k[e] = x;
        }

        /** After {@link #rotate} and the swap of the states: member {@code m} keeps its state and first stage (it did not step). */
        final void keep(int m, double[] oldY, double[] y) {
            double[] k0 = k[0];
            double[] old = k[endStage()];
            for (int j = m; j < n; j += b) {
                y[j] = oldY[j];
                k0[j] = old[j];
            }
        }
    }
}
