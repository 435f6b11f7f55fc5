package org.vdpnet.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;

/**
 * The simulator benchmark (a plain harness, not JMH): for each system, the time of one
 * right-hand-side evaluation per work unit, and the wall time of DOP853 (rtol 1e-8) and RK4
 * (h = 0.01) over t in [0, 100]. Each figure is the median of several repetitions after
 * warm-up. Prints one tab-separated line per measurement; bench/run.sh joins them with the
 * Python peers' lines.
 *
 * <p>Usage: {@code java -jar vdpnet-bench.jar EXPORT_DIR [reps]}
 */
public final class SimBench {
    private SimBench() {}

    public static void main(String[] args) throws IOException {
        Path export = Path.of(args.length > 0 ? args[0] : "bench/results/systems");
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.println("impl\tsystem\tmethod\tseconds\tevaluations\tns_per_unit\tunit\tfinal_x0");
        for (BenchSystems.System s : BenchSystems.all()) {
            BenchSystems.export(s, export);
            rhs(s, reps);
            solve(s, "dop853", IntegratorSpec.dormandPrince853(1e-8, 1e-8), reps);
            solve(s, "rk4", IntegratorSpec.rungeKutta4(0.01), reps);
        }
    }

    /** Time per right-hand-side evaluation, divided by the work units (n^2 entries, or nodes + non-zeros). */
    private static void rhs(BenchSystems.System s, int reps) {
        double[] y = s.y0();
        double[] dy = new double[y.length];
        long target = Math.max(200, 400_000_000L / s.workUnits());
        double[] times = new double[reps];
        for (int warm = 0; warm < 3; warm++) {
            loop(s, y, dy, target);
        }
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            loop(s, y, dy, target);
            times[r] = (System.nanoTime() - t0) / (double) target;
        }
        double ns = median(times);
        print("java", s.name(), "rhs", ns * 1e-9, 1, ns / s.workUnits(), s.unit(), dy[0]);
    }

    private static void loop(BenchSystems.System s, double[] y, double[] dy, long count) {
        for (long k = 0; k < count; k++) {
            s.model().derivatives(0, y, dy);
            y[0] += 1e-300 * dy[0]; // keep the result live
        }
    }

    private static void solve(BenchSystems.System s, String name, IntegratorSpec spec, int reps) {
        SimulationProblem p = SimulationProblem.of(s.model(), s.y0(), 0, 100, s.model().channels());
        Monitor endOnly = Monitor.subsample(100);
        int r = s.workUnits() > 500_000 ? Math.max(2, reps / 2) : reps;
        double[] times = new double[r];
        SimulationResult res = null;
        // warm-up: at least three runs and half a second, so that the timed runs see compiled code (a small system's run
        // takes milliseconds; SciPy's peer needs no warm-up)
        long warmStart = System.nanoTime();
        for (int w = 0; w < 3 || System.nanoTime() - warmStart < 500_000_000L; w++) {
            Simulator.solve(p, spec, endOnly);
        }
        for (int k = 0; k < r; k++) {
            long t0 = System.nanoTime();
            res = Simulator.solve(p, spec, endOnly);
            times[k] = (System.nanoTime() - t0) / 1e9;
        }
        double sec = median(times);
        print("java", s.name(), name, sec, res.evaluations(), sec * 1e9 / res.evaluations() / s.workUnits(), s.unit(),
                res.trajectory().value(res.trajectory().size() - 1, 0));
    }

    private static void print(String impl, String sys, String method, double sec, long evals, double nsPerUnit,
                              String unit, double x0) {
        System.out.printf(Locale.ROOT, "%s\t%s\t%s\t%.6g\t%d\t%.4g\t%s\t%.10g%n", impl, sys, method, sec, evals, nsPerUnit, unit, x0);
        System.out.flush();
    }

    /** The median of an odd number of timings (the middle one; the benchmarks take 3 or 5, as numpy's median would). */
    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
