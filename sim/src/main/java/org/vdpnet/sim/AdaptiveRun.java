package org.vdpnet.sim;

import org.hipparchus.analysis.solvers.BracketedUnivariateSolver;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.events.Action;
import org.hipparchus.ode.events.AdaptableInterval;
import org.hipparchus.ode.events.ODEEventDetector;
import org.hipparchus.ode.events.ODEEventHandler;
import org.hipparchus.ode.nonstiff.AdaptiveStepsizeIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;

/** An adaptive run on a fresh Hipparchus integrator; Hipparchus types stay inside this class. */
final class AdaptiveRun {
    private AdaptiveRun() {}

    /** Thrown from the step handler to end a run whose state is no longer finite (or whose steps underflow). */
    private static final class NonFinite extends RuntimeException {
        private static final long serialVersionUID = 1L;
        NonFinite(String why) { super(why, null, false, false); }
    }

    static SimulationResult run(SimulationProblem problem, IntegratorSpec spec, Recorder recorder,
                                Simulator.Progress progress) {
        double t0 = problem.t0();
        double tEnd = problem.tEnd();
        double span = tEnd - t0;
        double maxStep = Math.min(spec.maxStep(), span);
        AdaptiveStepsizeIntegrator integ = spec.method() == IntegratorSpec.Method.DOP853
                ? new DormandPrince853Integrator(spec.minStep(), maxStep, spec.absTol(), spec.relTol())
                : new DormandPrince54Integrator(spec.minStep(), maxStep, spec.absTol(), spec.relTol());
        integ.setMaxEvaluations(spec.maxEvaluations());
        double[] reached = {t0};
        long[] steps = {0};
        integ.addStepHandler(new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator interp) {
                ODEStateAndDerivative cur = interp.getCurrentState();
                double[] y = cur.getPrimaryState();
                double t = cur.getTime();
                if (!Simulator.allFinite(y)) {
                    throw new NonFinite("state became non-finite in the step after t=" + reached[0]);
                }
                if (!(t > reached[0])) {
                    throw new NonFinite("step size underflowed at t=" + t + "; the solution is likely blowing up");
                }
                recorder.step(reached[0], t, y, (ts, out) ->
                        System.arraycopy(interp.getInterpolatedState(ts).getPrimaryState(), 0, out, 0, out.length));
                reached[0] = t;
                steps[0]++;
                progress.at(t);
            }
        });
        boolean[] stopped = {false};
        problem.stopCondition().ifPresent(stop -> integ.addEventDetector(new StopDetector(stop, span / 1000, stopped)));
        recorder.start(t0, problem.initialState());
        try {
            integ.integrate(new ReusingEquation(problem.field()), new ODEState(t0, problem.initialState()), tEnd);
        } catch (NonFinite e) {
            return result(recorder, Status.NON_FINITE_STATE, reached[0], integ, steps[0], e.getMessage());
        } catch (MathIllegalStateException e) {
            if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                return result(recorder, Status.MAX_EVALUATIONS, reached[0], integ, steps[0],
                        "evaluation budget of " + spec.maxEvaluations() + " reached at t=" + reached[0]);
            }
            if (e.getSpecifier() == LocalizedODEFormats.NAN_APPEARING_DURING_INTEGRATION) {
                return result(recorder, Status.NON_FINITE_STATE, reached[0], integ, steps[0],
                        "state became non-finite in the step after t=" + reached[0]);
            }
            if (e.getSpecifier() == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION) {
                return result(recorder, Status.NON_FINITE_STATE, reached[0], integ, steps[0],
                        "step size fell below min-step after t=" + reached[0] + "; the solution is likely blowing up");
            }
            throw e;
        } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
            // Hipparchus reports a step below min-step while filtering the step size as an argument error
            if (e.getSpecifier() == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION) {
                return result(recorder, Status.NON_FINITE_STATE, reached[0], integ, steps[0],
                        "step size fell below min-step after t=" + reached[0] + "; the solution is likely blowing up");
            }
            throw e;
        }
        if (stopped[0]) {
            return result(recorder, Status.STOPPED_BY_EVENT, reached[0], integ, steps[0],
                    "stop condition changed sign at t=" + reached[0]);
        }
        return result(recorder, Status.SUCCESS, reached[0], integ, steps[0], "");
    }

    private static SimulationResult result(Recorder recorder, Status status, double t, AdaptiveStepsizeIntegrator integ,
                                           long steps, String message) {
        return new SimulationResult(recorder.result(), status, t, integ.getEvaluations(), steps, message);
    }

    /**
     * Hands Hipparchus one reused derivative array: its {@code ExpandableODE} copies the returned
     * array into its own before the next call, so reuse is safe within one (single-threaded) run
     * and saves a state-sized allocation per evaluation.
     */
    private static final class ReusingEquation implements org.hipparchus.ode.OrdinaryDifferentialEquation {
        private final VectorField field;
        private final double[] yDot;

        ReusingEquation(VectorField field) {
            this.field = field;
            this.yDot = new double[field.getDimension()];
        }

        @Override public int getDimension() { return yDot.length; }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            field.derivatives(t, y, yDot);
            return yDot;
        }
    }

    /** Adapts a {@link StopCondition} to Hipparchus event detection, stopping at the root. */
    private static final class StopDetector implements ODEEventDetector {
        private final StopCondition stop;
        private final AdaptableInterval maxCheck;
        private final BracketedUnivariateSolver<UnivariateFunction> solver =
                new BracketingNthOrderBrentSolver(1e-12, 1e-14, 1e-15, 5);
        private final boolean[] stopped;

        StopDetector(StopCondition stop, double maxCheck, boolean[] stopped) {
            this.stop = stop;
            this.maxCheck = AdaptableInterval.of(maxCheck);
            this.stopped = stopped;
        }

        @Override public AdaptableInterval getMaxCheckInterval() { return maxCheck; }
        @Override public int getMaxIterationCount() { return 200; }
        @Override public BracketedUnivariateSolver<UnivariateFunction> getSolver() { return solver; }

        @Override
        public ODEEventHandler getHandler() {
            return (state, detector, increasing) -> {
                stopped[0] = true;
                return Action.STOP;
            };
        }

        @Override
        public double g(ODEStateAndDerivative s) { return stop.g(s.getTime(), s.getPrimaryState()); }
    }
}
