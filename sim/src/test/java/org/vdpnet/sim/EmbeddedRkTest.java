package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The allocation-free adaptive path ({@link EmbeddedRk}) against two outside references on a ring
 * of 20 coupled van der Pol oscillators: Hipparchus's DOP853 and DOPRI5 integrators (the same
 * controller: the same steps, the final state and every sample of the dense output to 1e-10
 * relative) and SciPy's {@code solve_ivp} (accepted steps within 5 %, the final state to the
 * tolerance; values from {@code sim/fixtures/embedded_rk_scipy.py}).
 */
class EmbeddedRkTest {
    static final int N = 20;

    /** The fixture's problem (see sim/fixtures/embedded_rk_scipy.py). */
    static SimulationProblem ring(double tEnd) {
        double[] mu = new double[N];
        double[] om2 = new double[N];
        for (int i = 0; i < N; i++) {
            mu[i] = 1 + 0.5 * i / N;
            double om = 1 + 0.3 * i / N;
            om2[i] = om * om;
        }
        VectorField f = VectorField.of(2 * N, (t, s, ds) -> {
            for (int i = 0; i < N; i++) {
                double x = s[i];
                double v = s[N + i];
                double c = s[(i + N - 1) % N] + s[(i + 1) % N] - 2 * x;
                ds[i] = v;
                ds[N + i] = mu[i] * (1 - x * x) * v - om2[i] * x + 0.2 * c;
            }
        });
        double[] y0 = new double[2 * N];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2 * N; i++) {
            y0[i] = i < N ? Math.sin(i + 1.0) : 0;
            names.add("s" + i);
        }
        return SimulationProblem.of(f, y0, 0, tEnd, names);
    }

    static IntegratorSpec spec(String method, double tol) {
        return method.equals("DOP853") ? IntegratorSpec.dormandPrince853(tol, tol) : IntegratorSpec.dormandPrince54(tol, tol);
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = EmbeddedRkTest.class.getResourceAsStream("embedded_rk_scipy.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            assertEquals("sim/fixtures/embedded_rk_scipy.py", root.get("generatedBy").asText());
            for (JsonNode c : root.get("cases")) {
                out.add(Arguments.of(c.get("method").asText(), c.get("rtol").asDouble(), c));
            }
        }
        return out.stream();
    }

    private static SimulationResult own(SimulationProblem p, IntegratorSpec s, Monitor m) {
        return EmbeddedRk.run(p, s, m.newRecorder(p.channels()), new Simulator.Progress(p.t0(), p.tEnd(), ProgressListener.NONE));
    }

    private static SimulationResult hipparchus(SimulationProblem p, IntegratorSpec s, Monitor m) {
        return AdaptiveRun.run(p, s, m.newRecorder(p.channels()), new Simulator.Progress(p.t0(), p.tEnd(), ProgressListener.NONE));
    }

    private static double relativeDifference(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    private static double[] last(SimulationResult r) {
        TimeSeries ts = r.trajectory();
        return ts.row(ts.size() - 1);
    }

    @ParameterizedTest(name = "{0} at tol {1}")
    @MethodSource("cases")
    void agreesWithHipparchusAndScipy(String method, double tol, JsonNode scipy) {
        SimulationProblem p = ring(scipy.get("tEnd").asDouble());
        IntegratorSpec s = spec(method.equals("RK45") ? "DOPRI5" : method, tol);
        Monitor ends = Monitor.subsample(p.tEnd());
        SimulationResult mine = own(p, s, ends);
        SimulationResult ref = hipparchus(p, s, ends);
        assertEquals(Status.SUCCESS, mine.status(), mine.message());
        // Hipparchus: the same controller, so the same steps and the same state to rounding
        assertEquals(ref.steps(), mine.steps(), "accepted steps, Hipparchus " + ref.steps());
        double rel = relativeDifference(last(mine), last(ref));
        assertTrue(rel < 1e-10, method + ": final state differs from Hipparchus's by " + rel + " (relative)");
        // SciPy: the same error norm and controller but its own initial step and no growth right after a rejection
        int scipySteps = scipy.get("acceptedSteps").asInt();
        assertTrue(Math.abs(mine.steps() - scipySteps) <= 0.05 * scipySteps, "accepted steps " + mine.steps() + " vs SciPy's " + scipySteps);
        double[] fin = new double[2 * N];
        for (int i = 0; i < fin.length; i++) {
            fin[i] = scipy.get("final").get(i).asDouble();
        }
        double vsScipy = relativeDifference(last(mine), fin);
        assertTrue(vsScipy < 1000 * tol, "final state vs SciPy's: " + vsScipy);
        if (method.equals("DOP853")) {
            // Hipparchus evaluates DOP853's 3 dense-output stages on every try, this path only where a sample falls inside a step
            assertTrue(mine.evaluations() < 0.85 * ref.evaluations(), mine.evaluations() + " vs Hipparchus " + ref.evaluations());
        } else {
            assertEquals(ref.evaluations(), mine.evaluations(), "DOPRI5: the same evaluations as Hipparchus");
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void denseOutputMatchesHipparchusAtEverySample(String method) {
        SimulationProblem p = ring(30);
        IntegratorSpec s = spec(method, 1e-9);
        Monitor m = Monitor.subsample(0.037); // several samples in most steps, none in some
        TimeSeries mine = own(p, s, m).trajectory();
        TimeSeries ref = hipparchus(p, s, m).trajectory();
        assertEquals(ref.size(), mine.size());
        double worst = 0;
        for (int k = 0; k < ref.size(); k++) {
            assertEquals(ref.time(k), mine.time(k), 0.0, "sample time " + k);
            worst = Math.max(worst, relativeDifference(mine.row(k), ref.row(k)));
        }
        assertTrue(worst < 1e-10, method + ": dense output differs from Hipparchus's by " + worst);
    }

    static Stream<String> methods() { return Stream.of("DOP853", "DOPRI5"); }

    @Test
    void dop853CountsTwelveEvaluationsATryAndThreeMoreWhereASampleFallsInside() {
        IntegratorSpec s = spec("DOP853", 1e-8);
        for (double period : new double[] {20, 0.037}) {
            SimulationProblem p = ring(20);
            long[] calls = {0};
            VectorField counted = VectorField.of(2 * N, (t, y, dy) -> {
                calls[0]++;
                p.field().derivatives(t, y, dy);
            });
            SimulationProblem q = SimulationProblem.of(counted, p.initialState(), 0, 20, p.channels());
            SimulationResult r = own(q, s, Monitor.subsample(period));
            assertEquals(calls[0], r.evaluations(), "the reported evaluations are the calls made");
            // 2 at the start (the derivative and the initial-step estimate), 11 a try, 1 an accepted step (its end derivative)
            long rest = r.evaluations() - 2 - r.steps();
            if (period == 20) {
                assertEquals(0, rest % 11, "no sample inside a step: no dense-output stage");
                long tries = rest / 11;
                assertTrue(tries >= r.steps() && tries < 1.5 * r.steps(), tries + " tries for " + r.steps() + " steps");
            } else {
                long dense = r.steps() - r.steps() / 2; // most steps hold a sample at this period
                assertTrue(rest > 11 * r.steps() + 3 * dense, "the sampled steps add their 3 dense-output stages: " + rest);
            }
        }
    }

    /** {@code x' = x^2} from 1 blows up at t = 1: with a minimum step, both paths stop where the step falls below it, alike. */
    @ParameterizedTest
    @MethodSource("methods")
    void theMinimumStepEndsABlowUpAsHipparchusDoes(String method) {
        SimulationProblem p = SimulationProblem.of(VectorField.of(1, (t, y, dy) -> dy[0] = y[0] * y[0]), new double[] {1}, 0, 2, List.of("x"));
        IntegratorSpec s = spec(method, 1e-8).withStepBounds(1e-6, 1);
        SimulationResult mine = own(p, s, Monitor.subsample(0.01));
        SimulationResult ref = hipparchus(p, s, Monitor.subsample(0.01));
        assertEquals(Status.NON_FINITE_STATE, mine.status(), mine.message());
        assertEquals(ref.status(), mine.status());
        assertTrue(mine.message().startsWith("step size fell below min-step after t="), mine.message());
        assertEquals(ref.endTime(), mine.endTime(), 1e-9 * ref.endTime(), "where it stopped");
        assertEquals(ref.steps(), mine.steps());
        assertEquals(ref.trajectory().size(), mine.trajectory().size());
    }

    /** The evaluation budget ends the run before it is exceeded, dense-output stages included. */
    @ParameterizedTest
    @MethodSource("methods")
    void theEvaluationBudgetIsNeverExceeded(String method) {
        for (int budget : new int[] {200, 201, 202, 203, 517}) {
            SimulationResult r = own(ring(50), spec(method, 1e-8).withMaxEvaluations(budget), Monitor.subsample(0.01));
            assertEquals(Status.MAX_EVALUATIONS, r.status(), r.message());
            assertTrue(r.evaluations() <= budget, r.evaluations() + " evaluations for a budget of " + budget);
            assertTrue(r.evaluations() > budget - 16, "it used the budget: " + r.evaluations() + " of " + budget);
            assertEquals("evaluation budget of " + budget + " reached at t=" + r.endTime(), r.message());
        }
    }

    @ParameterizedTest
    @MethodSource("methods")
    void theStepLoopDoesNotAllocate(String method) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        IntegratorSpec s = spec(method, 1e-8);
        for (int warm = 0; warm < 3; warm++) {
            own(ring(100), s, Monitor.subsample(100));
        }
        long small = allocated(mx, () -> own(ring(10), s, Monitor.subsample(10)));
        long large = allocated(mx, () -> own(ring(100), s, Monitor.subsample(100)));
        SimulationResult r = own(ring(100), s, Monitor.subsample(100));
        assertTrue(r.steps() > 500, "steps " + r.steps());
        assertTrue(large - small < 8192, method + ": ten times the steps allocated " + (large - small) + " more bytes");
    }

    private static long allocated(com.sun.management.ThreadMXBean mx, Runnable r) {
        long before = mx.getCurrentThreadAllocatedBytes();
        r.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }

    /**
     * A regression guard on the solo path's bits: two coupled van der Pol oscillators sampled
     * through dense output. The hash and last sample are what commit 339020a (before the solo run
     * became the one-member case of the ensemble controller) printed for the same problem; a change
     * in any last bit of any sample, or in a count, fails it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void theSoloPathKeepsItsBits(String method, long evaluations, long steps, long hash, long last) {
        VectorField vdp = VectorField.of(4, (t, y, dy) -> {
            dy[0] = y[1];
            dy[1] = 1.5 * (1 - y[0] * y[0]) * y[1] - y[0] + 0.2 * (y[2] - y[0]);
            dy[2] = y[3];
            dy[3] = 0.7 * (1 - y[2] * y[2]) * y[3] - 1.3 * y[2] + 0.2 * (y[0] - y[2]);
        });
        IntegratorSpec spec = method.equals("dop853") ? IntegratorSpec.dormandPrince853(1e-9, 1e-11) : IntegratorSpec.dormandPrince54(1e-7, 1e-9);
        SimulationResult r = Simulator.solve(SimulationProblem.of(vdp, new double[] {2, 0, -0.5, 1}, 0, 20, List.of("a", "b", "c", "d")), spec,
                Monitor.subsample(0.37));
        double[] v = r.trajectory().flatValues();
        long h = 0;
        for (double x : v) {
            h = 31 * h + Double.doubleToLongBits(x);
        }
        assertEquals(evaluations, r.evaluations());
        assertEquals(steps, r.steps());
        assertEquals(220, v.length);
        assertEquals(last, Double.doubleToLongBits(v[v.length - 4]));
        assertEquals(hash, h, "the samples' bits");
    }

    static Stream<Arguments> golden() {
        return Stream.of(Arguments.of("dop853", 3172L, 192L, -3375043912257734883L, 4611740161868997626L),
                Arguments.of("dopri5", 2546L, 345L, -2426577504531668661L, 4611740161629479954L));
    }
}
