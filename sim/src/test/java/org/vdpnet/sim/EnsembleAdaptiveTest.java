package org.vdpnet.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Adaptive ensembles where members end, retry and step in the same rounds: {@code x' = p x^2 - q (x - z)},
 * {@code z' = w}, {@code w' = -z}. Members with {@code p > 0, q = 0} blow up at {@code t = 1 / (p x0)}
 * (their steps shrink until they underflow or the state overflows); members with {@code p = 0, q = 2000}
 * track {@code z} at the explicit methods' stability limit, where the controller rejects every few steps.
 * Each member's result must be its solo run's, bit for bit.
 */
class EnsembleAdaptiveTest {
    private static final double[] P = {1.0, 0, 1.3, 1.7, 0, 2.2, 2.9, 0.8, 3.7, 1.1};
    private static final double[] Q = {0, 2000, 0, 0, 2000, 0, 0, 0, 0, 0};

    private static void rhs(double p, double q, double x, double z, double w, double[] out, int at, int stride) {
        out[at] = p * x * x - q * (x - z);
        out[at + stride] = w;
        out[at + 2 * stride] = -z;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dop853", "dopri5"})
    void membersThatEndRetryAndStepInOneRoundFollowTheirSoloRuns(String method) {
        int b = P.length;
        EnsembleField field = new EnsembleField() {
            @Override public int memberDimension() { return 3; }
            @Override public int members() { return b; }
            @Override public boolean autonomous() { return true; }

            @Override
            public void derivatives(double t, double[] y, double[] dy) {
                for (int m = 0; m < b; m++) {
                    rhs(P[m], Q[m], y[m], y[b + m], y[2 * b + m], dy, m, b);
                }
            }
        };
        double[][] y0 = new double[b][];
        for (int m = 0; m < b; m++) {
            y0[m] = new double[] {1.0, 0.5, 0.0};
        }
        IntegratorSpec spec = IntegratorSpec.of(IntegratorSpec.Method.fromId("method", method), Double.NaN, 1e-6, 1e-9);
        List<String> channels = List.of("x", "z", "w");
        List<SimulationResult> all = Simulator.solveEnsemble(EnsembleProblem.of(field, y0, 0, 3, channels), spec, Monitor.subsample(0.01),
                ProgressListener.NONE);
        long rejections = 0;
        int diverged = 0;
        int perAttempt = method.equals("dop853") ? 11 : 6;
        for (int m = 0; m < b; m++) {
            final int k = m;
            VectorField solo = VectorField.of(3, (t, y, dy) -> rhs(P[k], Q[k], y[0], y[1], y[2], dy, 0, 1));
            SimulationResult one = Simulator.solve(SimulationProblem.of(solo, y0[m], 0, 3, channels), spec, Monitor.subsample(0.01));
            SimulationResult member = all.get(m);
            assertEquals(one.status(), member.status(), "member " + m);
            assertEquals(one.message(), member.message(), "member " + m);
            assertEquals(one.endTime(), member.endTime(), "member " + m);
            assertEquals(one.evaluations(), member.evaluations(), "member " + m);
            assertEquals(one.steps(), member.steps(), "member " + m);
            assertArrayEquals(one.trajectory().flatValues(), member.trajectory().flatValues(), "member " + m + ": bit-identical samples");
            if (P[m] > 0) {
                assertEquals(Status.NON_FINITE_STATE, one.status(), "member " + m + " blows up: " + one.message());
                assertTrue(Math.abs(one.endTime() - 1 / P[m]) < 1e-3, "member " + m + " ends near its blow-up: " + one.endTime());
                diverged++;
            } else {
                assertEquals(Status.SUCCESS, one.status(), one.message());
                // the rejections, from a run without dense output: each attempt costs perAttempt, each step 1 more for DOP853
                SimulationResult raw = Simulator.solve(SimulationProblem.of(solo, y0[m], 0, 3, channels), spec, Monitor.raw());
                long attempts = (raw.evaluations() - 2 - (method.equals("dop853") ? raw.steps() : 0)) / perAttempt;
                rejections += attempts - raw.steps();
            }
        }
        assertEquals(8, diverged);
        assertTrue(rejections > 5, "the tracking members reject often: " + rejections);
    }
}
