package org.vdpnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.EnsembleNetwork;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.Topologies;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;
import org.vdpnet.sim.EnsembleProblem;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.ProgressListener;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;

/**
 * The ensemble benchmark (issue 16): 200 members of one N = 80 Watts–Strogatz graph (k = 6, p = 0.1),
 * classic van der Pol with diffusive coupling, each member with its own mu, omega, gain and initial
 * state; RK4 at h = 0.01 over t in [0, 200]. vdpnet member by member ({@link Simulator#solve} in a
 * loop) against {@link Simulator#solveEnsemble}, medians of several repetitions after warm-up; checks
 * that both give bit-identical final states. Exports the system for {@code bench/peers_ensemble.py}
 * (raw little-endian arrays, member-major parameters and states) with the final states, and prints
 * SimBench's columns.
 *
 * <p>Usage: {@code java -cp vdpnet-bench.jar org.vdpnet.bench.EnsembleBench EXPORT_DIR [reps]}
 */
public final class EnsembleBench {
    private EnsembleBench() {}

    static final int B = 200;
    static final int N = 80;
    static final double T_END = 200;
    static final double H = 0.01;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/results/systems");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Topology g = graph();
        Members ms = members(g, B, new Random(2026));
        List<NetworkModel> members = ms.models();
        double[][] y0 = ms.y0();
        rhs(members, y0, reps);
        long units = N + g.nonZeros(); // per member: evaluations count member evaluations
        Race rk4 = race(members, y0, T_END, IntegratorSpec.rungeKutta4(H), reps);
        System.err.println("# ensemble and member loop final states bit-identical: " + rk4.identical());
        export(dir, g, members, y0, rk4.ensembleFinal());
        line("rk4-member-loop", rk4.loopSeconds(), rk4.evaluations(), units, rk4.loopFinal()[0]);
        line("rk4-ensemble", rk4.ensembleSeconds(), rk4.evaluations(), units, rk4.ensembleFinal()[0]);
        // DOP853 at rtol = atol = 1e-8 (as the single-network benchmark) over t in [0, T_ADAPTIVE], each member with its own step
        // control: the same steps, bit for bit; the evaluations are the members' own (their sum), and the rounds' cost shows in the time
        Race dop = race(members, y0, T_ADAPTIVE, IntegratorSpec.dormandPrince853(1e-8, 1e-8), reps);
        System.err.println("# adaptive (DOP853) ensemble and member loop final states bit-identical: " + dop.identical()
                + "; steps per member " + dop.fewestSteps() + " to " + dop.mostSteps());
        BenchSystems.doubles(dir.resolve("ens200.java-dop853.f64"), dop.ensembleFinal());
        Files.writeString(dir.resolve("ens200.adaptive.txt"), T_ADAPTIVE + " 1e-8 1e-8\n");
        line("dop853-member-loop", dop.loopSeconds(), dop.evaluations(), units, dop.loopFinal()[0]);
        line("dop853-ensemble", dop.ensembleSeconds(), dop.evaluations(), units, dop.ensembleFinal()[0]);
    }

    /** The adaptive span: t in [0, T_ADAPTIVE]. */
    static final double T_ADAPTIVE = 50;

    /** Medians of the two ways, both ways' final states (member-major), the members' evaluations and their step counts. */
    record Race(double loopSeconds, double ensembleSeconds, double[] loopFinal, double[] ensembleFinal, long evaluations,
                long fewestSteps, long mostSteps) {
        boolean identical() { return Arrays.equals(loopFinal, ensembleFinal); }
    }

    /**
     * The members over [0, tEnd] with {@code spec}, recorded at the end only: {@link Simulator#solve} member by member,
     * then {@link Simulator#solveEnsemble}, once to warm up and {@code reps} times timed.
     */
    static Race race(List<NetworkModel> members, double[][] y0, double tEnd, IntegratorSpec spec, int reps) {
        Monitor end = Monitor.subsample(tEnd);
        List<String> channels = members.get(0).channels();
        EnsembleProblem ens = EnsembleProblem.of(EnsembleNetwork.of(members), y0, 0, tEnd, channels);
        double[] loopFinal = new double[B * 2 * N];
        double[] ensFinal = new double[B * 2 * N];
        double[] tl = new double[reps];
        double[] te = new double[reps];
        long evaluations = 0;
        long fewest = Long.MAX_VALUE;
        long most = 0;
        for (int r = -1; r < reps; r++) { // r = -1: warm-up
            long t0 = System.nanoTime();
            List<SimulationResult> loop = new ArrayList<>();
            for (int m = 0; m < B; m++) {
                loop.add(Simulator.solve(SimulationProblem.of(members.get(m), y0[m], 0, tEnd, channels), spec, end));
            }
            long t1 = System.nanoTime();
            List<SimulationResult> all = Simulator.solveEnsemble(ens, spec, end, ProgressListener.NONE);
            long t2 = System.nanoTime();
            finals(loop, loopFinal);
            finals(all, ensFinal);
            evaluations = loop.stream().mapToLong(SimulationResult::evaluations).sum();
            fewest = loop.stream().mapToLong(SimulationResult::steps).min().orElseThrow();
            most = loop.stream().mapToLong(SimulationResult::steps).max().orElseThrow();
            if (r >= 0) {
                tl[r] = (t1 - t0) / 1e9;
                te[r] = (t2 - t1) / 1e9;
            }
        }
        return new Race(SimBench.median(tl), SimBench.median(te), loopFinal, ensFinal, evaluations, fewest, most);
    }

    /** Each result's last sample, member after member. */
    private static void finals(List<SimulationResult> results, double[] out) {
        for (int m = 0; m < results.size(); m++) {
            TimeSeries ts = results.get(m).trajectory();
            System.arraycopy(ts.row(ts.size() - 1), 0, out, m * 2 * N, 2 * N);
        }
    }

    /** The right-hand side alone: every member's derivative, member by member and side by side (ns per member-unit). */
    private static void rhs(List<NetworkModel> members, double[][] y0, int reps) {
        EnsembleNetwork ens = EnsembleNetwork.of(members);
        int d = 2 * N;
        double[] y = EnsembleProblem.memberMinor(y0);
        double[] dy = new double[B * d];
        double[] dm = new double[d];
        long units = N + members.get(0).topology().nonZeros();
        int count = 2000;
        double[] ts = new double[reps];
        double[] te = new double[reps];
        for (int r = -1; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < count; k++) {
                for (int m = 0; m < B; m++) {
                    members.get(m).derivatives(0, y0[m], dm);
                }
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < count; k++) {
                ens.derivatives(0, y, dy);
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                ts[r] = (t1 - t0) / 1e9;
                te[r] = (t2 - t1) / 1e9;
            }
        }
        line("rhs-member-loop", SimBench.median(ts), (long) count * B, units, dm[0]);
        line("rhs-ensemble", SimBench.median(te), (long) count * B, units, dy[0]);
    }

    /** The benchmark's graph: N = 80 Watts–Strogatz, k = 6, p = 0.1, seed 42. */
    static Topology graph() {
        return Topologies.Spec.of(Topologies.Type.WATTS_STROGATZ, N, 42).withShape(6, 0.1, 2, 0).build();
    }

    /** The members and their initial states. */
    record Members(List<NetworkModel> models, double[][] y0) {}

    /** {@code b} members on {@code g}: per node mu in [0.8, 1.2] and omega in [0.9, 1.1], a diffusive gain in [0.05, 0.2], x and y in [-1, 1]. */
    static Members members(Topology g, int b, Random rnd) {
        int n = g.nodes();
        List<NetworkModel> models = new ArrayList<>();
        double[][] y0 = new double[b][2 * n];
        for (int m = 0; m < b; m++) {
            double[] mu = new double[n];
            double[] om = new double[n];
            for (int i = 0; i < n; i++) {
                mu[i] = 0.8 + 0.4 * rnd.nextDouble();
                om[i] = 0.9 + 0.2 * rnd.nextDouble();
            }
            double gain = 0.05 + 0.15 * rnd.nextDouble();
            for (int i = 0; i < 2 * n; i++) {
                y0[m][i] = 2 * rnd.nextDouble() - 1;
            }
            models.add(NetworkModel.of(VanDerPol.of(mu, om), Coupling.diffusive(gain), g));
        }
        return new Members(models, y0);
    }

    private static void line(String method, double sec, long evals, long units, double x0) {
        System.out.printf(Locale.ROOT, "java\tens200\t%s\t%.6g\t%d\t%.4g\tmember-node+nonzero\t%.10g%n", method, sec, evals,
                sec * 1e9 / evals / units, x0);
        System.out.flush();
    }

    private static void export(Path dir, Topology g, List<NetworkModel> members, double[][] y0, double[] fin) throws IOException {
        BenchSystems.exportGraph(dir, "ens200", g);
        double[] p1 = new double[B * N];
        double[] p2 = new double[B * N];
        double[] gains = new double[B];
        for (int m = 0; m < B; m++) {
            VanDerPol v = (VanDerPol) members.get(m).dynamics();
            System.arraycopy(v.mu(), 0, p1, m * N, N);
            System.arraycopy(v.omega(), 0, p2, m * N, N);
            gains[m] = members.get(m).coupling().gain();
        }
        double[] flat = new double[B * 2 * N];
        for (int m = 0; m < B; m++) {
            System.arraycopy(y0[m], 0, flat, m * 2 * N, 2 * N);
        }
        BenchSystems.doubles(dir.resolve("ens200.p1.f64"), p1);
        BenchSystems.doubles(dir.resolve("ens200.p2.f64"), p2);
        BenchSystems.doubles(dir.resolve("ens200.gain.f64"), gains);
        BenchSystems.doubles(dir.resolve("ens200.y0.f64"), flat);
        BenchSystems.doubles(dir.resolve("ens200.java-rk4.f64"), fin);
        Files.writeString(dir.resolve("ens200.meta.txt"), B + " " + N + " " + T_END + " " + H + "\n");
    }
}
