package org.vdpnet.sim;

import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link SimulationProblem} with an {@link IntegratorSpec} and a {@link Monitor} (and,
 * optionally, observation monitors recorded in the same integration).
 * Each call builds its own integrator, recorder and random stream, so calls are independent
 * and may run in parallel; the same inputs give bit-identical results.
 */
public final class Simulator {
    private Simulator() {}

    /** Solves without progress reports. */
    public static SimulationResult solve(SimulationProblem problem, IntegratorSpec spec, Monitor monitor) {
        return solve(problem, spec, monitor, ProgressListener.NONE);
    }

    /**
     * Solves the problem.
     *
     * @throws IllegalArgumentException if the problem has noise and the method is not stochastic
     */
    public static SimulationResult solve(SimulationProblem problem, IntegratorSpec spec, Monitor monitor,
                                         ProgressListener progress) {
        return solve(problem, spec, monitor, Map.of(), progress);
    }

    /**
     * Solves the problem, recording the trajectory with {@code monitor} and, in the same
     * integration, each of {@code observations} (BOLD, calcium, ...): every observation recorder
     * sees the same start and steps as the main one, so each series is bit-identical to a run with
     * that monitor as the main monitor. A run that stops early keeps its observations up to where
     * it stopped. They are in {@link SimulationResult#observations()}, under the names given here.
     *
     * @param observations monitors by name (may be empty), in the order the result lists them
     * @throws IllegalArgumentException if the problem has noise and the method is not stochastic
     */
    public static SimulationResult solve(SimulationProblem problem, IntegratorSpec spec, Monitor monitor,
                                         Map<String, Monitor> observations, ProgressListener progress) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(progress, "progress");
        if (problem.noise().isActive() && !spec.method().stochastic()) {
            throw new IllegalArgumentException("integrator: noise needs euler-maruyama or heun, got " + spec.method().id());
        }
        checkDelays(problem, spec);
        Recorder main = monitor.newRecorder(problem.channels());
        Map<String, Recorder> observers = FanOutRecorder.recorders(observations, problem.channels());
        Recorder recorder = observers.isEmpty() ? main : new FanOutRecorder(main, observers.values());
        Progress p = new Progress(problem.t0(), problem.tEnd(), progress);
        // the adaptive methods on vdpnet's own flat-array path; Hipparchus where a stop condition needs its event handling
        SimulationResult r = switch (path(problem, spec)) {
            case FIXED -> FixedStepRun.run(problem, spec, recorder, p);
            case HIPPARCHUS -> AdaptiveRun.run(problem, spec, recorder, p);
            case OWN -> EmbeddedRk.run(problem, spec, recorder, p);
        };
        return observers.isEmpty() ? r : r.withObservations(FanOutRecorder.results(observers));
    }

    /**
     * Integrates B members of one structure together ({@link EnsembleField}: member-minor state, so
     * the inner loops run over the members), each recorded by its own recorder of {@code monitor}.
     * Member {@code m}'s result is bit-identical to {@link #solve} of the member alone, with its
     * initial state and noise: the same samples, status, end time and counts; a member that
     * diverges ends as its solo run would, and the others go on. Fixed-step methods (Euler, RK4,
     * Euler–Maruyama, stochastic Heun) step all members together. DOP853 and DOPRI5 give each member
     * its own step-size control (per-member steps and error norms, not a shared step), so each
     * member takes its solo steps: a round of stages advances every running member by one attempt,
     * and the run takes as many rounds as its slowest member needs attempts. That needs an
     * {@linkplain EnsembleField#autonomous() autonomous} field, since the members are at different
     * times. The evaluation budget is each member's own, as in its solo run.
     *
     * @return one result per member, in member order
     * @throws IllegalArgumentException for noise with a deterministic method, or an adaptive method on a
     *         field that is not autonomous
     */
    public static java.util.List<SimulationResult> solveEnsemble(EnsembleProblem problem, IntegratorSpec spec, Monitor monitor,
                                                                 ProgressListener progress) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(progress, "progress");
        if (problem.noise(0).isActive() && !spec.method().stochastic()) {
            throw new IllegalArgumentException("integrator: noise needs euler-maruyama or heun, got " + spec.method().id());
        }
        Progress p = new Progress(problem.t0(), problem.tEnd(), progress);
        if (spec.method().adaptive()) {
            if (!problem.field().autonomous()) {
                throw new IllegalArgumentException("integrator: an adaptive ensemble (" + spec.method().id() + ") needs an autonomous "
                        + "field, since each member steps in its own time; use a fixed-step method or run the members one by one");
            }
            return EmbeddedRk.runEnsemble(problem, spec, monitor, p);
        }
        return EnsembleRun.run(problem, spec, monitor, p);
    }

    private enum Path { FIXED, HIPPARCHUS, OWN }

    private static Path path(SimulationProblem problem, IntegratorSpec spec) {
        return !spec.method().adaptive() ? Path.FIXED : problem.stopCondition().isPresent() ? Path.HIPPARCHUS : Path.OWN;
    }

    /**
     * Which implementation {@link #solve} runs for this problem and integrator, for provenance: the
     * adaptive methods run on vdpnet's own Dormand–Prince path (12 evaluations a DOP853 step, 3 more
     * where a monitor samples inside, never past the budget), or on Hipparchus's integrator where a
     * stop condition needs its event handling (15 a step).
     */
    public static String implementation(SimulationProblem problem, IntegratorSpec spec) {
        return switch (path(problem, spec)) {
            case FIXED -> "vdpnet fixed-step loop";
            case HIPPARCHUS -> "Hipparchus " + (spec.method() == IntegratorSpec.Method.DOP853 ? "DormandPrince853Integrator"
                    : "DormandPrince54Integrator") + " (its event handling serves the stop condition)";
            case OWN -> "vdpnet embedded Runge-Kutta (Hairer's step control; dense-output stages only for sampled steps)";
        };
    }

    /** Delays need a fixed-step method, and a run at least as long as its longest delay. */
    private static void checkDelays(SimulationProblem problem, IntegratorSpec spec) {
        if (!(problem.field() instanceof DelayedField d) || d.delayedReads() == 0) {
            return;
        }
        if (spec.method().adaptive()) {
            throw new IllegalArgumentException("integrator: conduction delays need a fixed-step method (euler, rk4, "
                    + "euler-maruyama, heun), got " + spec.method().id());
        }
        double longest = d.maxDelay();
        double span = problem.tEnd() - problem.t0();
        if (longest > span) {
            throw new IllegalArgumentException("delays: the longest delay (" + longest + " time units) is longer than the run ("
                    + span + "); lengthen the run or raise the speed");
        }
    }

    /** Whether every entry is finite: four independent sums of {@code x * 0} (NaN for any non-finite entry), so the pass runs at the adds' throughput. */
    static boolean allFinite(double[] y) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < y.length; j += 4) {
            s0 += y[j] * 0.0;
            s1 += y[j + 1] * 0.0;
            s2 += y[j + 2] * 0.0;
            s3 += y[j + 3] * 0.0;
        }
        for (; j < y.length; j++) {
            s0 += y[j] * 0.0;
        }
        return s0 + s1 + s2 + s3 == 0.0;
    }

    /** Throttles progress reports to about 200 a run. */
    static final class Progress {
        private final double t0;
        private final double span;
        private final ProgressListener listener;
        private double nextReport;

        Progress(double t0, double tEnd, ProgressListener listener) {
            this.t0 = t0;
            this.span = tEnd - t0;
            this.listener = listener;
        }

        void at(double t) {
            double f = (t - t0) / span;
            if (f >= nextReport) {
                listener.progress(Math.min(1.0, f));
                nextReport = f + 0.005;
            }
        }
    }
}
