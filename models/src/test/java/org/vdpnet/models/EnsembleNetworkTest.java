package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vdpnet.sim.EnsembleField;
import org.vdpnet.sim.EnsembleProblem;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.NoiseSpec;
import org.vdpnet.sim.ProgressListener;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.Status;

/**
 * {@link Simulator#solveEnsemble} over {@link EnsembleNetwork}: every member's result is bit-identical
 * to its solo {@link Simulator#solve} (samples, status, end time, evaluations, steps), for both node
 * forms, the three couplings, sparse and dense graphs, the four fixed-step methods, with additive and
 * multiplicative noise from each member's own seed; a member that diverges ends as it does alone.
 * The same for DOP853 and DOPRI5, where each member keeps its own step-size control.
 */
class EnsembleNetworkTest {
    static final int B = 5;

    static Topology sparse(int n) {
        // a ring with two extra chords: CSR storage
        List<int[]> e = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.add(new int[] {i, (i + 1) % n});
            e.add(new int[] {(i + 1) % n, i});
        }
        e.add(new int[] {0, n / 2});
        e.add(new int[] {3, n - 2});
        int[] s = e.stream().mapToInt(a -> a[0]).toArray();
        int[] t = e.stream().mapToInt(a -> a[1]).toArray();
        double[] w = new double[s.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.5 + 0.1 * (k % 7);
        }
        return Topology.fromEdges("ring", n, s, t, w, labels(n));
    }

    static Topology dense(int n) {
        double[][] w = new double[n][n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = i == j ? 0 : r.nextDouble(-0.3, 0.5);
            }
        }
        return Topology.fromMatrix("dense", w, labels(n));
    }

    static List<String> labels(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("n" + i);
        }
        return l;
    }

    static List<NetworkModel> members(Topology g, String form, String coupling, long seed) {
        return members(g, form, coupling, seed, null);
    }

    static List<NetworkModel> members(Topology g, String form, String coupling, long seed, String through) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = g.nodes();
        List<NetworkModel> out = new ArrayList<>();
        for (int m = 0; m < B; m++) {
            double[] p = new double[n];
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = r.nextDouble(0.5, 1.5);
                q[i] = r.nextDouble(0.8, 1.2);
            }
            NodeDynamics d = form.equals("vdp") ? VanDerPol.of(p, q) : ResearchVanDerPol.of(p, q);
            double gain = r.nextDouble(0.05, 0.3);
            Coupling c = switch (coupling) {
                case "linear" -> Coupling.linear(gain);
                case "diffusive" -> Coupling.diffusive(gain);
                default -> Coupling.sigmoidal(gain, 1.5, 0.1, -1, 1);
            };
            NetworkModel nm = NetworkModel.of(d, c, g);
            out.add(through == null ? nm : nm.withCouplingVariable(through));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (String graph : List.of("sparse", "dense")) {
            for (String form : List.of("vdp", "research")) {
                for (String coupling : List.of("linear", "diffusive", "sigmoidal")) {
                    for (String method : List.of("rk4", "euler", "euler-maruyama", "heun")) {
                        a.add(Arguments.of(graph, form, coupling, method, "x"));
                    }
                }
                // coupled through the second variable (the diffusive term then reads it), and a stochastic method without noise
                a.add(Arguments.of(graph, form, "diffusive", "heun", "y"));
                a.add(Arguments.of(graph, form, "linear", "rk4", "y"));
                a.add(Arguments.of(graph, form, "diffusive", "euler-maruyama", "none"));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} through {4}")
    @MethodSource("cases")
    void everyMemberIsBitIdenticalToItsSoloRun(String graph, String form, String coupling, String method, String through) {
        Topology g = graph.equals("sparse") ? sparse(9) : dense(7);
        assertEquals(graph.equals("dense"), g.nonZeros() == g.nodes() * (g.nodes() - 1), "the storage under test");
        boolean noNoise = through.equals("none");
        List<NetworkModel> ms = members(g, form, coupling, 11, through.equals("y") ? "y" : null);
        IntegratorSpec spec = IntegratorSpec.of(IntegratorSpec.Method.fromId("method", method), 0.01, Double.NaN, Double.NaN);
        int d = ms.get(0).getDimension();
        double[][] y0 = new double[B][d];
        List<NoiseSpec> noise = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(5);
        for (int m = 0; m < B; m++) {
            for (int i = 0; i < d; i++) {
                y0[m][i] = r.nextDouble(-1, 1);
            }
            double[] sigma = new double[d];
            for (int i = d / 2; i < d; i++) {
                sigma[i] = 0.05 + 0.01 * m;
            }
            sigma[d / 2 + 1 + m % 2] = 0; // one node without noise, not the same one in every member
            // additive noise for Euler–Maruyama, multiplicative for Heun, each member from its own seed
            noise.add(!spec.method().stochastic() || noNoise ? NoiseSpec.none()
                    : method.equals("heun") ? NoiseSpec.multiplicative(sigma, 200 + m) : NoiseSpec.additive(sigma, 100 + m));
        }
        Monitor monitor = Monitor.subsample(0.25);
        EnsembleProblem p = EnsembleProblem.of(EnsembleNetwork.of(ms), y0, 0, 8, ms.get(0).channels()).withNoise(noise);
        List<SimulationResult> all = Simulator.solveEnsemble(p, spec, monitor, ProgressListener.NONE);
        assertEquals(B, all.size());
        for (int m = 0; m < B; m++) {
            SimulationProblem solo = SimulationProblem.of(ms.get(m), y0[m], 0, 8, ms.get(m).channels()).withNoise(noise.get(m));
            SimulationResult one = Simulator.solve(solo, spec, monitor);
            assertEquals(Status.SUCCESS, one.status(), one.message());
            assertSameAsSolo(one, all.get(m), m);
        }
        // the members differ from each other (the test would pass trivially otherwise)
        assertTrue(all.get(0).trajectory().value(10, 0) != all.get(1).trajectory().value(10, 0));
    }

    @Test
    void aDivergingMemberEndsAsItsSoloRunAndTheOthersGoOn() {
        List<NetworkModel> ms = withADivergingMember();
        double[][] y0 = new double[B][12];
        for (int m = 0; m < B; m++) {
            java.util.Arrays.fill(y0[m], 0, 6, m == 2 ? 2.0 : 0.5);
        }
        IntegratorSpec spec = IntegratorSpec.rungeKutta4(0.01);
        List<SimulationResult> all = Simulator.solveEnsemble(EnsembleProblem.of(EnsembleNetwork.of(ms), y0, 0, 5, ms.get(0).channels()), spec,
                Monitor.subsample(0.1), ProgressListener.NONE);
        for (int m = 0; m < B; m++) {
            SimulationResult one = Simulator.solve(SimulationProblem.of(ms.get(m), y0[m], 0, 5, ms.get(m).channels()), spec, Monitor.subsample(0.1));
            assertEquals(m == 2 ? Status.NON_FINITE_STATE : Status.SUCCESS, one.status());
            assertSameAsSolo(one, all.get(m), m);
        }
    }

    @Test
    void aNoisyDivergingMemberEndsAsItsSoloRun() {
        Topology g = sparse(6);
        List<NetworkModel> ms = new ArrayList<>(members(g, "vdp", "diffusive", 4));
        double[] mu = new double[6];
        java.util.Arrays.fill(mu, 1.0);
        // a strong coupling with a large step: member 1's explicit Euler–Maruyama run is unstable
        ms.set(1, NetworkModel.of(VanDerPol.of(mu, mu), Coupling.diffusive(400), g));
        double[][] y0 = new double[B][12];
        List<NoiseSpec> noise = new ArrayList<>();
        for (int m = 0; m < B; m++) {
            for (int i = 0; i < 6; i++) {
                y0[m][i] = 0.1 * (i + 1) - 0.3 + 0.01 * m;
            }
            double[] sigma = new double[12];
            java.util.Arrays.fill(sigma, 6, 12, 0.1);
            noise.add(NoiseSpec.additive(sigma, 7 + m));
        }
        IntegratorSpec spec = IntegratorSpec.eulerMaruyama(0.02);
        List<SimulationResult> all = Simulator.solveEnsemble(EnsembleProblem.of(EnsembleNetwork.of(ms), y0, 0, 20, ms.get(0).channels())
                .withNoise(noise), spec, Monitor.subsample(0.1), ProgressListener.NONE);
        for (int m = 0; m < B; m++) {
            SimulationResult one = Simulator.solve(SimulationProblem.of(ms.get(m), y0[m], 0, 20, ms.get(m).channels()).withNoise(noise.get(m)),
                    spec, Monitor.subsample(0.1));
            assertEquals(m == 1 ? Status.NON_FINITE_STATE : Status.SUCCESS, one.status(), "member " + m + ": " + one.message());
            assertSameAsSolo(one, all.get(m), m);
        }
    }

    @Test
    void theBudgetEndsEveryMemberAsItEndsItsSoloRun() {
        Topology g = sparse(6);
        List<NetworkModel> ms = members(g, "research", "linear", 9);
        double[][] y0 = new double[B][12];
        for (int m = 0; m < B; m++) {
            java.util.Arrays.fill(y0[m], 0.2 + 0.05 * m);
        }
        IntegratorSpec spec = IntegratorSpec.rungeKutta4(0.01).withMaxEvaluations(1002);
        List<SimulationResult> all = Simulator.solveEnsemble(EnsembleProblem.of(EnsembleNetwork.of(ms), y0, 0, 10, ms.get(0).channels()), spec,
                Monitor.subsample(0.05), ProgressListener.NONE);
        for (int m = 0; m < B; m++) {
            SimulationResult one = Simulator.solve(SimulationProblem.of(ms.get(m), y0[m], 0, 10, ms.get(m).channels()), spec, Monitor.subsample(0.05));
            assertEquals(Status.MAX_EVALUATIONS, one.status());
            assertSameAsSolo(one, all.get(m), m);
        }
    }

    /** Research-form members on a 6-node ring; member 2 has {@code x' = -5 x (1 - x^2)}, which blows up from {@code |x| > 1}. */
    private static List<NetworkModel> withADivergingMember() {
        Topology g = sparse(6);
        List<NetworkModel> ms = new ArrayList<>(members(g, "research", "linear", 2));
        double[] a1 = new double[6];
        java.util.Arrays.fill(a1, -5.0);
        ms.set(2, NetworkModel.of(ResearchVanDerPol.of(a1, new double[6]), Coupling.linear(0.1), g));
        return ms;
    }

    /** Member {@code m} of an ensemble ended as its solo run: status, message, end, counts and every sample, bit for bit. */
    private static void assertSameAsSolo(SimulationResult one, SimulationResult member, int m) {
        assertEquals(one.status(), member.status(), "member " + m);
        assertEquals(one.message(), member.message(), "member " + m);
        assertEquals(one.endTime(), member.endTime(), "member " + m);
        assertEquals(one.evaluations(), member.evaluations(), "member " + m);
        assertEquals(one.steps(), member.steps(), "member " + m);
        assertArrayEquals(one.trajectory().times(), member.trajectory().times(), "member " + m);
        assertArrayEquals(one.trajectory().flatValues(), member.trajectory().flatValues(), "member " + m + ": bit-identical samples");
    }

    @Test
    void membersMustShareTheirForm() {
        Topology g = sparse(6);
        List<NetworkModel> ms = new ArrayList<>(members(g, "vdp", "linear", 1));
        ms.set(1, members(g, "vdp", "diffusive", 1).get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnsembleNetwork.of(ms));
        assertTrue(e.getMessage().contains("member 1"), e.getMessage());
        List<NetworkModel> other = new ArrayList<>(members(g, "vdp", "linear", 1));
        other.set(3, members(sparse(7), "vdp", "linear", 1).get(3));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnsembleNetwork.of(other)).getMessage().contains("another graph"));
        EnsembleField timed = new EnsembleField() { // a field that does not say it is autonomous
            @Override public int memberDimension() { return 1; }
            @Override public int members() { return 2; }
            @Override public void derivatives(double t, double[] y, double[] dy) { dy[0] = Math.sin(t); dy[1] = Math.sin(t); }
        };
        IllegalArgumentException adaptive = assertThrows(IllegalArgumentException.class, () -> Simulator.solveEnsemble(
                EnsembleProblem.of(timed, new double[2][1], 0, 1, List.of("x")), IntegratorSpec.dormandPrince853(1e-8, 1e-8),
                Monitor.subsample(0.1), ProgressListener.NONE));
        assertTrue(adaptive.getMessage().contains("autonomous"), adaptive.getMessage());
    }

    static Stream<Arguments> adaptiveCases() {
        List<Arguments> a = new ArrayList<>();
        for (String method : List.of("dop853", "dopri5")) {
            for (String monitor : List.of("subsample", "raw", "average", "bold")) {
                a.add(Arguments.of(method, monitor));
            }
        }
        return a.stream();
    }

    static Monitor monitor(String kind) {
        return switch (kind) {
            case "subsample" -> Monitor.subsample(0.05); // several samples inside most steps: dense output
            case "raw" -> Monitor.raw(); // the steps' ends only
            case "average" -> Monitor.temporalAverage(0.5);
            default -> Monitor.bold(0.8, new int[] {0, 2, 4}, 1.0, 1.0);
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adaptiveCases")
    void adaptiveMembersTakeTheirSoloSteps(String method, String monitorKind) {
        Topology g = sparse(9);
        List<NetworkModel> ms = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(21);
        for (int m = 0; m < B; m++) { // from mild to stiff-ish: the members need different steps
            double[] mu = new double[9];
            double[] w2 = new double[9];
            for (int i = 0; i < 9; i++) {
                mu[i] = (0.3 + 1.5 * m) * r.nextDouble(0.8, 1.2);
                w2[i] = r.nextDouble(0.8, 1.2);
            }
            ms.add(NetworkModel.of(VanDerPol.of(mu, w2), Coupling.diffusive(0.1 + 0.05 * m), g));
        }
        double[][] y0 = new double[B][18];
        for (int m = 0; m < B; m++) {
            for (int i = 0; i < 18; i++) {
                y0[m][i] = r.nextDouble(-1, 1);
            }
        }
        IntegratorSpec spec = IntegratorSpec.of(IntegratorSpec.Method.fromId("method", method), Double.NaN, 1e-7, 1e-9);
        Monitor monitor = monitor(monitorKind);
        List<SimulationResult> all = Simulator.solveEnsemble(EnsembleProblem.of(EnsembleNetwork.of(ms), y0, 0, 12, ms.get(0).channels()),
                spec, monitor, ProgressListener.NONE);
        java.util.Set<Long> steps = new java.util.HashSet<>();
        for (int m = 0; m < B; m++) {
            SimulationResult one = Simulator.solve(SimulationProblem.of(ms.get(m), y0[m], 0, 12, ms.get(m).channels()), spec, monitor);
            assertEquals(Status.SUCCESS, one.status(), one.message());
            assertSameAsSolo(one, all.get(m), m);
            steps.add(one.steps());
        }
        assertEquals(B, steps.size(), "every member takes its own number of steps: " + steps);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dop853", "dopri5"})
    void adaptiveMembersEndAsTheirSoloRunsDoWhenOneDivergesOrTheBudgetRunsOut(String method) {
        List<NetworkModel> ms = withADivergingMember();
        double[][] y0 = new double[B][12];
        for (int m = 0; m < B; m++) {
            java.util.Arrays.fill(y0[m], 0, 6, m == 2 ? 2.0 : 0.3 + 0.2 * m);
        }
        IntegratorSpec.Method mt = IntegratorSpec.Method.fromId("method", method);
        for (IntegratorSpec spec : List.of(IntegratorSpec.of(mt, Double.NaN, 1e-8, 1e-10),
                // a budget between the members' needs: some end on it, the others as before
                IntegratorSpec.of(mt, Double.NaN, 1e-8, 1e-10).withMaxEvaluations(method.equals("dop853") ? 3000 : 3700))) {
            List<SimulationResult> all = Simulator.solveEnsemble(EnsembleProblem.of(EnsembleNetwork.of(ms), y0, 0, 30, ms.get(0).channels()),
                    spec, Monitor.subsample(0.1), ProgressListener.NONE);
            java.util.Set<Status> seen = java.util.EnumSet.noneOf(Status.class);
            for (int m = 0; m < B; m++) {
                SimulationResult one = Simulator.solve(SimulationProblem.of(ms.get(m), y0[m], 0, 30, ms.get(m).channels()), spec,
                        Monitor.subsample(0.1));
                assertSameAsSolo(one, all.get(m), m);
                seen.add(one.status());
            }
            assertEquals(Status.NON_FINITE_STATE, all.get(2).status(), "member 2 diverges");
            assertTrue(seen.contains(Status.SUCCESS), "the others do not: " + seen);
            assertEquals(spec.maxEvaluations() < Integer.MAX_VALUE, seen.contains(Status.MAX_EVALUATIONS), "the budget ends some: " + seen);
        }
    }

    /**
     * Members that reject often (relaxation oscillations) beside members that blow up at staggered
     * times, so that members end, retry and step in the same rounds; with and without step bounds
     * (the min-step endings and max-step clipping).
     */
    @ParameterizedTest(name = "{0} bounded {1}")
    @org.junit.jupiter.params.provider.CsvSource({"dop853, false", "dop853, true", "dopri5, false", "dopri5, true"})
    void membersThatRetryEndAndStepInOneRoundEachFollowTheirSoloRun(String method, boolean bounded) {
        Topology g = sparse(6);
        List<NetworkModel> ms = new ArrayList<>();
        List<double[]> y0 = new ArrayList<>();
        double[] start = {2.0, 1.6, 3.0, 1.3, 2.4, 1.1};
        for (int m = 0; m < 12; m++) {
            double[] a1 = new double[6];
            double[] a2 = new double[6];
            double[] s = new double[12];
            boolean blowUp = m % 2 == 1;
            for (int i = 0; i < 6; i++) {
                a1[i] = blowUp ? -5.0 : 8.0 + 6.0 * m + i;
                a2[i] = 1.0 + 0.1 * i;
                s[i] = blowUp ? start[m / 2] : 0.5 - 0.1 * i;
            }
            ms.add(NetworkModel.of(ResearchVanDerPol.of(a1, a2), Coupling.linear(0.05), g));
            y0.add(s);
        }
        IntegratorSpec spec = IntegratorSpec.of(IntegratorSpec.Method.fromId("method", method), Double.NaN, 1e-6, 1e-8);
        if (bounded) {
            spec = spec.withStepBounds(1e-5, 0.05);
        }
        double[][] init = y0.toArray(new double[0][]);
        List<SimulationResult> all = Simulator.solveEnsemble(EnsembleProblem.of(EnsembleNetwork.of(ms), init, 0, 6, ms.get(0).channels()),
                spec, Monitor.raw(), ProgressListener.NONE);
        int perAttempt = method.equals("dop853") ? 11 : 6;
        int perStep = method.equals("dop853") ? 1 : 0;
        long rejections = 0;
        java.util.Set<String> endings = new java.util.TreeSet<>();
        for (int m = 0; m < ms.size(); m++) {
            SimulationResult one = Simulator.solve(SimulationProblem.of(ms.get(m), init[m], 0, 6, ms.get(m).channels()), spec, Monitor.raw());
            assertSameAsSolo(one, all.get(m), m);
            assertEquals(m % 2 == 1, one.status() == Status.NON_FINITE_STATE, "member " + m + ": " + one.message());
            endings.add(one.message().replaceAll("[0-9.eE+-]+", "#"));
            if (m % 2 == 0) {
                rejections += (one.evaluations() - 2 - (perAttempt + perStep) * one.steps()) / perAttempt; // the raw monitor samples no dense output
            }
        }
        assertTrue(rejections > 20, "the oscillating members reject steps: " + rejections);
        assertTrue(endings.size() >= 2, "the members end in more than one way: " + endings);
    }
}
