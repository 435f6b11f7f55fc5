package org.vdpnet.sim;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;

/**
 * The fixed-step loops (Euler, classical RK4, Euler–Maruyama, stochastic Heun). Every work
 * array is allocated once per run; the step loop itself allocates nothing. A {@link DelayedField}
 * runs through its {@link DelayHistory}, which every stage reads its past from.
 */
final class FixedStepRun {
    private final VectorField f;
    /** The past of a delayed field, or null. */
    private final DelayHistory history;
    private final int n;
    private final Stepper stepper;

    private FixedStepRun(SimulationProblem problem, IntegratorSpec spec) {
        if (problem.field() instanceof DelayedField d && d.delayedReads() > 0) {
            this.history = new DelayHistory(d, spec.step(), spec.delayRule(), problem.t0(), problem.initialState());
            this.f = history;
        } else {
            this.history = null;
            this.f = problem.field();
        }
        this.n = f.getDimension();
        NoiseSpec noise = problem.noise();
        if (noise.isActive()) {
            double[] sigma = noise.sigma();
            int[] noisy = Stepper.noisy(sigma);
            ContinuousSampler gauss = ZigguratSampler.NormalizedGaussian.of(Seeds.rng(noise.seed()));
            this.stepper = new Stepper(f, spec.method(), sigma, noisy, noise.kind() == NoiseSpec.Kind.MULTIPLICATIVE, (sq, dW) -> {
                for (int i : noisy) {
                    dW[i] = sq * gauss.sample();
                }
            });
        } else {
            this.stepper = new Stepper(f, spec.method(), new double[n], new int[0], false, null);
        }
    }

    static SimulationResult run(SimulationProblem problem, IntegratorSpec spec, Recorder recorder,
                                Simulator.Progress progress) {
        return new FixedStepRun(problem, spec).loop(problem, spec, recorder, progress);
    }

    private SimulationResult loop(SimulationProblem problem, IntegratorSpec spec, Recorder recorder,
                                  Simulator.Progress progress) {
        double t0 = problem.t0();
        double tEnd = problem.tEnd();
        double h = spec.step();
        long nSteps = Math.max(1L, (long) Math.ceil((tEnd - t0) / h - 1e-9));
        StopCondition stop = problem.stopCondition().orElse(null);
        Lerp lerp = new Lerp(n);
        double[] y = problem.initialState();
        double[] yNew = new double[n];
        recorder.start(t0, y);
        double gPrev = stop == null ? 0 : stop.g(t0, y);
        long perStep = stepper.evaluationsPerStep();
        long maxEval = spec.maxEvaluations();
        long evaluations = 0;
        double t = t0;
        for (long k = 0; k < nSteps; k++) {
            if (evaluations + perStep > maxEval) {
                return finish(recorder, Status.MAX_EVALUATIONS, t, evaluations, k,
                        "evaluation budget of " + maxEval + " reached at t=" + t);
            }
            double tNext = k == nSteps - 1 ? tEnd : t0 + (k + 1) * h;
            double dt = tNext - t;
            stepper.step(t, dt, y, yNew);
            evaluations += perStep;
            if (!Simulator.allFinite(yNew)) {
                return finish(recorder, Status.NON_FINITE_STATE, t, evaluations, k,
                        "state became non-finite in the step after t=" + t);
            }
            if (history != null) {
                history.push(tNext, yNew);
            }
            lerp.set(t, y, tNext, yNew);
            if (stop != null) {
                double g = stop.g(tNext, yNew);
                if (gPrev != 0 && (g == 0 || (g > 0) != (gPrev > 0))) {
                    double tr = locate(stop, lerp, t, tNext);
                    double[] yr = new double[n];
                    lerp.stateAt(tr, yr);
                    recorder.step(t, tr, yr, lerp);
                    return finish(recorder, Status.STOPPED_BY_EVENT, tr, evaluations, k + 1,
                            "stop condition changed sign at t=" + tr);
                }
                gPrev = g;
            }
            recorder.step(t, tNext, yNew, lerp);
            double[] swap = y;
            y = yNew;
            yNew = swap;
            t = tNext;
            progress.at(t);
        }
        return finish(recorder, Status.SUCCESS, t, evaluations, nSteps, "");
    }

    private static double locate(StopCondition stop, Lerp lerp, double ta, double tb) {
        double[] buf = new double[lerp.a.length];
        return new BracketingNthOrderBrentSolver(1e-12 * Math.max(1, Math.abs(tb)), 5)
                .solve(100, s -> {
                    lerp.stateAt(s, buf);
                    return stop.g(s, buf);
                }, ta, tb);
    }

    private static SimulationResult finish(Recorder recorder, Status status, double t, long evals, long steps, String msg) {
        return new SimulationResult(recorder.result(), status, t, evals, steps, msg);
    }

    /**
     * One fixed step of Euler, RK4, Euler–Maruyama or stochastic Heun on any field (one problem, or
     * an ensemble's members side by side, which are the same arithmetic per component): the one
     * place these methods are written. Its work arrays are allocated once.
     */
    static final class Stepper {
        /** Writes the Wiener increments {@code sqrt(dt) * N(0, 1)} of the noisy components into {@code dW}. */
        @FunctionalInterface
        interface Increments {
            void draw(double sqrtDt, double[] dW);
        }

        private final VectorField f;
        private final int n;
        private final IntegratorSpec.Method method;
        private final double[] k1;
        private final double[] k2;
        private final double[] tmp;
        private final Rk4 rk4;
        private final double[] sigma;
        private final int[] noisy;
        private final double[] dW;
        private final boolean multiplicative;
        private final Increments increments;

        Stepper(VectorField f, IntegratorSpec.Method method, double[] sigma, int[] noisy, boolean multiplicative, Increments increments) {
            this.f = f;
            this.n = f.getDimension();
            this.method = method;
            this.k1 = new double[n];
            this.k2 = new double[n];
            this.tmp = new double[n];
            this.rk4 = method == IntegratorSpec.Method.RK4 ? new Rk4(n) : null;
            this.sigma = sigma;
            this.noisy = noisy;
            this.dW = new double[n];
            this.multiplicative = multiplicative;
            this.increments = increments;
        }

        /** The components with {@code sigma > 0}, ascending. */
        static int[] noisy(double[] sigma) {
            int count = 0;
            for (double s : sigma) {
                count += s > 0 ? 1 : 0;
            }
            int[] out = new int[count];
            for (int i = 0, j = 0; i < sigma.length; i++) {
                if (sigma[i] > 0) {
                    out[j++] = i;
                }
            }
            return out;
        }

        int evaluationsPerStep() {
            switch (method) {
                case RK4: return 4;
                case HEUN: return 2;
                default: return 1;
            }
        }

        void step(double t, double dt, double[] y, double[] out) {
            switch (method) {
                case EULER: euler(t, dt, y, out); break;
                case RK4: rk4(t, dt, y, out); break;
                case EULER_MARUYAMA: eulerMaruyama(t, dt, y, out); break;
                case HEUN: heun(t, dt, y, out); break;
                default: throw new IllegalStateException("not a fixed-step method: " + method);
            }
        }

        private void euler(double t, double dt, double[] y, double[] out) {
            f.derivatives(t, y, k1);
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + dt * k1[i];
            }
        }

        private void rk4(double t, double dt, double[] y, double[] out) {
            rk4.step(f, t, dt, y, out);
        }

        private void drawIncrements(double dt) {
            if (noisy.length > 0) { // a stochastic method without noise draws nothing (it is then Euler or Heun's trapezoid)
                increments.draw(Math.sqrt(dt), dW);
            }
        }

        private double diffusion(int i, double[] y) {
            return multiplicative ? sigma[i] * y[i] : sigma[i];
        }

        private void eulerMaruyama(double t, double dt, double[] y, double[] out) {
            euler(t, dt, y, out);
            drawIncrements(dt);
            for (int i : noisy) {
                out[i] += diffusion(i, y) * dW[i];
            }
        }

        private void heun(double t, double dt, double[] y, double[] out) {
            drawIncrements(dt);
            f.derivatives(t, y, k1);
            for (int i = 0; i < n; i++) {
                tmp[i] = y[i] + dt * k1[i];
            }
            for (int i : noisy) {
                tmp[i] += diffusion(i, y) * dW[i];
            }
            f.derivatives(t + dt, tmp, k2);
            double half = 0.5 * dt;
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + half * (k1[i] + k2[i]);
            }
            for (int i : noisy) {
                out[i] += 0.5 * (diffusion(i, y) + diffusion(i, tmp)) * dW[i];
            }
        }

    }

    /** Linear interpolation across one fixed step; exact at both ends. */
    static final class Lerp implements Interpolant {
        private double ta;
        private double tb;
        private double[] a;
        private double[] b;

        Lerp(int n) {
            this.a = new double[n];
            this.b = new double[n];
        }

        void set(double ta, double[] a, double tb, double[] b) {
            this.ta = ta;
            this.a = a;
            this.tb = tb;
            this.b = b;
        }

        @Override
        public void stateAt(double t, double[] out) {
            double w = (t - ta) / (tb - ta);
            for (int i = 0; i < out.length; i++) {
                out[i] = a[i] + w * (b[i] - a[i]);
            }
        }
    }
}
