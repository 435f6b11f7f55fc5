package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How runs end: blow-up, evaluation budget, stop condition, success. */
class SimulatorStatusTest {

    static Stream<Arguments> deterministic() {
        return Stream.of(Arguments.of(IntegratorSpec.dormandPrince853(1e-10, 1e-12)),
                Arguments.of(IntegratorSpec.dormandPrince54(1e-10, 1e-12)),
                Arguments.of(IntegratorSpec.rungeKutta4(0.001)),
                Arguments.of(IntegratorSpec.euler(0.0001)));
    }

    /** {@code x' = x^2, x(0) = 1} has the solution {@code 1 / (1 - t)}, which blows up at t = 1. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministic")
    void blowUpStopsWithNonFiniteStateAndNoNaNRows(IntegratorSpec spec) {
        VectorField f = VectorField.of(1, (t, y, dy) -> dy[0] = y[0] * y[0]);
        SimulationProblem p = SimulationProblem.of(f, new double[] {1}, 0, 2, List.of("x"));
        SimulationResult r = Simulator.solve(p, spec, Monitor.raw());
        assertEquals(Status.NON_FINITE_STATE, r.status(), r.message());
        // the numerical solution lags the exact one slightly, so it may blow up just after t = 1
        assertTrue(r.endTime() < 1.01 && r.endTime() > 0.9, "blow-up time near 1, got " + r.endTime());
        for (double v : r.trajectory().flatValues()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministic")
    void evaluationBudgetEndsTheRun(IntegratorSpec spec) {
        VectorField f = VectorField.of(2, (t, y, dy) -> { dy[0] = y[1]; dy[1] = -y[0]; });
        SimulationProblem p = SimulationProblem.of(f, new double[] {1, 0}, 0, 1000, List.of("x", "v"));
        SimulationResult r = Simulator.solve(p, spec.withMaxEvaluations(200), Monitor.raw());
        assertEquals(Status.MAX_EVALUATIONS, r.status());
        assertTrue(r.evaluations() <= 200, "evaluations " + r.evaluations());
        assertTrue(r.endTime() < 1000);
    }

    /** {@code x = cos t} first crosses zero at {@code pi / 2}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("deterministic")
    void stopConditionEndsAtTheRoot(IntegratorSpec spec) {
        VectorField f = VectorField.of(2, (t, y, dy) -> { dy[0] = y[1]; dy[1] = -y[0]; });
        SimulationProblem p = SimulationProblem.of(f, new double[] {1, 0}, 0, 10, List.of("x", "v"))
                .withStopCondition((t, y) -> y[0]);
        SimulationResult r = Simulator.solve(p, spec, Monitor.raw());
        assertEquals(Status.STOPPED_BY_EVENT, r.status());
        double tol = spec.method() == IntegratorSpec.Method.EULER ? 1e-3 : 1e-8;
        assertEquals(Math.PI / 2, r.endTime(), tol);
        TimeSeries ts = r.trajectory();
        assertEquals(r.endTime(), ts.time(ts.size() - 1), 0.0);
    }
}
