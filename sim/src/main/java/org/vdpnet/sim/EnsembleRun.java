package org.vdpnet.sim;

import java.util.List;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A fixed-step run of an ensemble: the members' states side by side (member-minor) stepped by the
 * same {@link FixedStepRun.Stepper} as a single run, with each member's Wiener increments drawn
 * from its own stream in its own order, so that every member's trajectory, status and counts are
 * bit-identical to its solo run. A member whose state stops being finite ends there, with the
 * status its solo run would have; the others go on (its slice is kept at zero so it cannot slow them).
 * A member's state is gathered from the side-by-side arrays only for a step in which its recorder
 * samples ({@link Recorder#idleOver}).
 */
final class EnsembleRun {
    private EnsembleRun() {}

    static List<SimulationResult> run(EnsembleProblem p, IntegratorSpec spec, Monitor monitor, Simulator.Progress progress) {
        EnsembleField field = p.field();
        final int b = field.members();
        final int d = field.memberDimension();
        final int n = b * d;
        VectorField all = VectorField.of(n, field::derivatives);
        double[][] prev = new double[b][d];
        double[][] cur = new double[b][d];
        Recorder[] recorders = new Recorder[b];
        FixedStepRun.Lerp[] lerps = new FixedStepRun.Lerp[b];
        double[][] y0 = new double[b][];
        for (int m = 0; m < b; m++) {
            y0[m] = p.initialState(m);
            recorders[m] = monitor.newRecorder(p.channels());
            lerps[m] = new FixedStepRun.Lerp(d);
        }
        double[] y = EnsembleProblem.memberMinor(y0);
        FixedStepRun.Stepper stepper = stepper(p, spec, all, b, d);
        double t0 = p.t0();
        double tEnd = p.tEnd();
        double h = spec.step();
        long nSteps = Math.max(1L, (long) Math.ceil((tEnd - t0) / h - 1e-9)); // as a single run
        for (int m = 0; m < b; m++) {
            recorders[m].start(t0, y0[m]);
        }
        SimulationResult[] out = new SimulationResult[b];
        int live = b;
        long perStep = stepper.evaluationsPerStep();
        long maxEval = spec.maxEvaluations();
        long evaluations = 0;
        double[] yNew = new double[n];
        double[] finite = new double[b];
        int[] ended = new int[b];
        int endedCount = 0;
        double t = t0;
        for (long k = 0; k < nSteps && live > 0; k++) {
            if (evaluations + perStep > maxEval) {
                for (int m = 0; m < b; m++) {
                    if (out[m] == null) {
                        out[m] = new SimulationResult(recorders[m].result(), Status.MAX_EVALUATIONS, t, evaluations, k,
                                "evaluation budget of " + maxEval + " reached at t=" + t);
                    }
                }
                return List.of(out);
            }
            double tNext = k == nSteps - 1 ? tEnd : t0 + (k + 1) * h;
            double dt = tNext - t;
            stepper.step(t, dt, y, yNew);
            evaluations += perStep;
            for (int e = 0; e < endedCount; e++) { // an ended member stays zero (its noise, or f(0) != 0, would move it again)
                zero(yNew, ended[e], b);
            }
            // every member's finiteness: one pass over the whole state first (x * 0 is NaN for x = NaN or infinite, in any
            // order of the sums), and member by member only in a step where some entry is not finite
            java.util.Arrays.fill(finite, 0.0);
            if (!Simulator.allFinite(yNew)) {
                for (int i = 0, j = 0; i < d; i++) {
                    for (int m = 0; m < b; m++, j++) {
                        finite[m] += yNew[j] * 0.0;
                    }
                }
            }
            for (int m = 0; m < b; m++) {
                if (out[m] != null) {
                    continue;
                }
                if (finite[m] != 0.0) {
                    out[m] = new SimulationResult(recorders[m].result(), Status.NON_FINITE_STATE, t, evaluations, k,
                            "state became non-finite in the step after t=" + t);
                    live--;
                    ended[endedCount++] = m;
                    zero(yNew, m, b);
                    continue;
                }
                if (recorders[m].idleOver(t, tNext)) {
                    continue; // no sample in the step: the member's state is not gathered
                }
                double[] a = prev[m];
                double[] c = cur[m];
                for (int i = 0; i < d; i++) {
                    a[i] = y[i * b + m];
                    c[i] = yNew[i * b + m];
                }
                lerps[m].set(t, a, tNext, c);
                recorders[m].step(t, tNext, c, lerps[m]);
            }
            double[] swap = y;
            y = yNew;
            yNew = swap;
            t = tNext;
            progress.at(t);
        }
        for (int m = 0; m < b; m++) {
            if (out[m] == null) {
                out[m] = new SimulationResult(recorders[m].result(), Status.SUCCESS, t, evaluations, nSteps, "");
            }
        }
        return List.of(out);
    }

    /** Zeroes member {@code m}'s entries of a member-minor state of {@code b} members. */
    static void zero(double[] y, int m, int b) {
        for (int j = m; j < y.length; j += b) {
            y[j] = 0.0;
        }
    }

    /** The stepper over the whole state; each member's increments from its own seed, in its solo run's order. */
    private static FixedStepRun.Stepper stepper(EnsembleProblem p, IntegratorSpec spec, VectorField all, int b, int d) {
        NoiseSpec first = p.noise(0);
        if (!first.isActive()) {
            return new FixedStepRun.Stepper(all, spec.method(), new double[b * d], new int[0], false, null);
        }
        double[][] sigmas = new double[b][];
        int[][] noisy = new int[b][];
        ContinuousSampler[] gauss = new ContinuousSampler[b];
        for (int m = 0; m < b; m++) {
            NoiseSpec s = p.noise(m);
            sigmas[m] = s.sigma();
            noisy[m] = FixedStepRun.Stepper.noisy(sigmas[m]);
            gauss[m] = ZigguratSampler.NormalizedGaussian.of(Seeds.rng(s.seed()));
        }
        double[] sigma = EnsembleProblem.memberMinor(sigmas);
        // member m's noisy components where they sit in the whole state, in the order its solo run draws them
        int[][] at = new int[b][];
        for (int m = 0; m < b; m++) {
            at[m] = new int[noisy[m].length];
            for (int j = 0; j < at[m].length; j++) {
                at[m][j] = noisy[m][j] * b + m;
            }
        }
        return new FixedStepRun.Stepper(all, spec.method(), sigma, FixedStepRun.Stepper.noisy(sigma),
                first.kind() == NoiseSpec.Kind.MULTIPLICATIVE, (sq, dW) -> {
            for (int m = 0; m < b; m++) {
                ContinuousSampler g = gauss[m];
                for (int i : at[m]) {
                    dW[i] = sq * g.sample();
                }
            }
        });
    }
}
