package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Observation monitors recorded alongside the trajectory ({@link Simulator#solve(SimulationProblem, IntegratorSpec, Monitor, Map,
 * ProgressListener)}): each observation is bit-identical to a solo run with that monitor as the main monitor, the trajectory is
 * bit-identical to a run without observations, and a run that stops early keeps its observations up to where it stopped.
 */
class ObservationMonitorsTest {
    /** Two diffusively coupled van der Pol oscillators, state (x0, x1, y0, y1). */
    private static final VectorField PAIR = VectorField.of(4, (t, y, dy) -> {
        dy[0] = y[2];
        dy[1] = y[3];
        dy[2] = (1 - y[0] * y[0]) * y[2] - y[0] + 0.1 * (y[1] - y[0]);
        dy[3] = (1 - y[1] * y[1]) * y[3] - 1.2 * 1.2 * y[1] + 0.1 * (y[0] - y[1]);
    });
    private static final List<String> CHANNELS = List.of("x[0]", "x[1]", "y[0]", "y[1]");

    static Stream<Arguments> runs() {
        SimulationProblem still = SimulationProblem.of(PAIR, new double[] {1.5, -0.5, 0.0, 0.3}, 0, 40, CHANNELS);
        SimulationProblem noisy = still.withNoise(NoiseSpec.additive(new double[] {0.05, 0.05, 0.05, 0.05}, 9L));
        return Stream.of(Arguments.of("rk4", still, IntegratorSpec.rungeKutta4(0.01)),
                Arguments.of("dop853", still, IntegratorSpec.dormandPrince853(1e-9, 1e-11)),
                Arguments.of("heun with noise", noisy, IntegratorSpec.stochasticHeun(0.01)));
    }

    private static Map<String, Monitor> observations() {
        Map<String, Monitor> m = new LinkedHashMap<>();
        m.put("bold", Monitor.bold(0.72, new int[] {0, 1}, 1.0, 0.5));
        m.put("calcium", Monitor.calcium(0.05, 0.7, 0.3, new int[] {1, 0}, 0.1, 42L));
        return m;
    }

    private static void assertSame(TimeSeries expected, TimeSeries actual, String what) {
        assertEquals(expected.channels(), actual.channels(), what);
        assertArrayEquals(expected.times(), actual.times(), what + " times");
        assertArrayEquals(expected.flatValues(), actual.flatValues(), what + " values");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void eachObservationIsBitIdenticalToItsSoloRun(String name, SimulationProblem p, IntegratorSpec spec) {
        Map<String, Monitor> obs = observations();
        SimulationResult together = Simulator.solve(p, spec, Monitor.subsample(0.1), obs, ProgressListener.NONE);
        assertEquals(Status.SUCCESS, together.status(), together.message());
        assertEquals(List.of("bold", "calcium"), List.copyOf(together.observations().keySet()), "in the order given");
        assertSame(Simulator.solve(p, spec, Monitor.subsample(0.1)).trajectory(), together.trajectory(), name + " trajectory");
        for (Map.Entry<String, Monitor> e : obs.entrySet()) {
            SimulationResult solo = Simulator.solve(p, spec, e.getValue());
            assertSame(solo.trajectory(), together.observations().get(e.getKey()), name + " " + e.getKey());
            assertEquals(solo.endTime(), together.endTime());
            assertEquals(solo.steps(), together.steps());
            if (spec.method() == IntegratorSpec.Method.DOP853) {
                // a DOP853 run also counts the 3 dense-output stages of each step that any of its monitors samples inside: a
                // run without dense output (raw) plus 3 for each step in which one of the three recorders read the dense output
                long raw = Simulator.solve(p, spec, Monitor.raw()).evaluations();
                assertEquals(raw + 3 * sampledSteps(p, spec, obs), together.evaluations(), "the dense-output stages of sampled steps");
            } else {
                assertEquals(solo.evaluations(), together.evaluations());
            }
        }
        TimeSeries bold = together.observations().get("bold");
        assertEquals(List.of("bold(x[0])", "bold(x[1])"), bold.channels());
        // every TR of 0.72 s at 0.5 s per unit: samples at 0, 1.44, ... up to 40 model units
        assertEquals((int) Math.floor(40 / (0.72 / 0.5)) + 1, bold.size());
        assertEquals(List.of("calcium(x[1])", "calcium(x[0])"), together.observations().get("calcium").channels());
    }

    /** The steps in which the main monitor or an observation reads the dense output (the three recorders of one run). */
    private static long sampledSteps(SimulationProblem p, IntegratorSpec spec, Map<String, Monitor> obs) {
        long[] count = {0};
        Monitor all = new Monitor() {
            @Override
            public Recorder newRecorder(List<String> channels) {
                List<Recorder> rs = new java.util.ArrayList<>();
                rs.add(Monitor.subsample(0.1).newRecorder(channels));
                obs.values().forEach(m -> rs.add(m.newRecorder(channels)));
                return new Recorder() {
                    @Override public void start(double t0, double[] y0) { rs.forEach(r -> r.start(t0, y0)); }

                    @Override
                    public void step(double tPrev, double t, double[] y, Interpolant in) {
                        boolean[] read = {false};
                        Interpolant watched = (s, out) -> { read[0] = true; in.stateAt(s, out); };
                        rs.forEach(r -> r.step(tPrev, t, y, watched));
                        count[0] += read[0] ? 1 : 0;
                    }

                    @Override public TimeSeries result() { return rs.get(0).result(); }
                };
            }

            @Override public Map<String, Object> describe() { return Map.of("type", "counting"); }
        };
        Simulator.solve(p, spec, all);
        return count[0];
    }

    /** {@code x' = x^2} from 1 blows up at t = 1: the observations stop at the last finite step, as the trajectory does. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void aRunThatBlowsUpKeepsItsObservationsUpToTheStop(String name, SimulationProblem ignored, IntegratorSpec spec) {
        if (spec.method().stochastic()) {
            return;
        }
        VectorField f = VectorField.of(1, (t, y, dy) -> dy[0] = y[0] * y[0]);
        SimulationProblem p = SimulationProblem.of(f, new double[] {1}, 0, 3, List.of("x"));
        Map<String, Monitor> obs = Map.of("calcium", Monitor.calcium(0.05, 0.7, 0.05, new int[] {0}, 0, 1L));
        SimulationResult r = Simulator.solve(p, spec, Monitor.raw(), obs, ProgressListener.NONE);
        assertEquals(Status.NON_FINITE_STATE, r.status());
        TimeSeries c = r.observations().get("calcium");
        assertTrue(c.size() > 10, "samples before the blow-up: " + c.size());
        assertTrue(c.time(c.size() - 1) <= r.endTime(), "no sample after the stop");
        for (double v : c.flatValues()) {
            assertTrue(Double.isFinite(v));
        }
        assertSame(Simulator.solve(p, spec, obs.get("calcium")).trajectory(), c, name);
    }

    @Test
    void anEvaluationBudgetKeepsTheObservationsToo() {
        SimulationProblem p = SimulationProblem.of(PAIR, new double[] {1.5, -0.5, 0.0, 0.3}, 0, 40, CHANNELS);
        IntegratorSpec spec = IntegratorSpec.rungeKutta4(0.01).withMaxEvaluations(4000);
        SimulationResult r = Simulator.solve(p, spec, Monitor.subsample(0.1), observations(), ProgressListener.NONE);
        assertEquals(Status.MAX_EVALUATIONS, r.status());
        TimeSeries bold = r.observations().get("bold");
        assertEquals((int) Math.floor(r.endTime() / 1.44 + 1e-9) + 1, bold.size());
        assertSame(Simulator.solve(p, spec, observations().get("bold")).trajectory(), bold, "bold");
    }

    /**
     * The calcium monitor in model units of u seconds (rise, decay and period divided by u, input gain u) equals the convolution
     * over seconds: an oscillator cos(t) in model time against cos(t / u) integrated in seconds.
     */
    @Test
    void calciumInModelUnitsWithGainUEqualsTheConvolutionOverSeconds() {
        double u = 0.5;
        VectorField model = VectorField.of(2, (t, y, dy) -> { dy[0] = y[1]; dy[1] = -y[0]; });
        VectorField seconds = VectorField.of(2, (t, y, dy) -> { dy[0] = y[1] / u; dy[1] = -y[0] / u; });
        CalciumMonitor inSeconds = new CalciumMonitor(0.1, 1.5, 0.3, new int[] {0}, 0.0, 1L);
        TimeSeries ref = Simulator.solve(SimulationProblem.of(seconds, new double[] {1, 0}, 0, 20, List.of("x", "y")),
                IntegratorSpec.rungeKutta4(0.005), inSeconds).trajectory();
        TimeSeries ts = Simulator.solve(SimulationProblem.of(model, new double[] {1, 0}, 0, 40, List.of("x", "y")),
                IntegratorSpec.rungeKutta4(0.01), new CalciumMonitor(0.1 / u, 1.5 / u, 0.3 / u, new int[] {0}, 0.0, 1L).withGain(u)).trajectory();
        assertEquals(ref.size(), ts.size());
        double peak = 0;
        for (int k = 0; k < ts.size(); k++) {
            assertEquals(ref.time(k), ts.time(k) * u, 1e-9);
            assertEquals(ref.value(k, 0), ts.value(k, 0), 1e-9, "t=" + ref.time(k));
            peak = Math.max(peak, Math.abs(ts.value(k, 0)));
        }
        assertTrue(peak > 0.1, "a visible response: " + peak);
        assertEquals(u, ((Number) new CalciumMonitor(0.1, 1.5, 0.3, new int[] {0}, 0.0, 1L).withGain(u).describe().get("gain")).doubleValue());
    }

    @Test
    void theResultIsImmutableAndTheOldConstructorHasNoObservations() {
        SimulationProblem p = SimulationProblem.of(PAIR, new double[] {1.5, -0.5, 0.0, 0.3}, 0, 5, CHANNELS);
        Map<String, Monitor> obs = new LinkedHashMap<>(observations());
        SimulationResult r = Simulator.solve(p, IntegratorSpec.rungeKutta4(0.01), Monitor.raw(), obs, ProgressListener.NONE);
        assertThrows(UnsupportedOperationException.class, () -> r.observations().clear());
        obs.clear();
        assertEquals(2, r.observations().size());
        assertTrue(Simulator.solve(p, IntegratorSpec.rungeKutta4(0.01), Monitor.raw()).observations().isEmpty());
        SimulationResult plain = new SimulationResult(r.trajectory(), Status.SUCCESS, 5, 0, 0, "");
        assertTrue(plain.observations().isEmpty());
        assertEquals(2, plain.withObservations(r.observations()).observations().size());
        Map<String, Monitor> withNull = new java.util.HashMap<>();
        withNull.put("bold", null);
        assertThrows(IllegalArgumentException.class,
                () -> Simulator.solve(p, IntegratorSpec.rungeKutta4(0.01), Monitor.raw(), withNull, ProgressListener.NONE));
    }
}
