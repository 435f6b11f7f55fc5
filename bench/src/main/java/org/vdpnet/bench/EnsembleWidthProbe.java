package org.vdpnet.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.EnsembleNetwork;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;
import org.vdpnet.sim.EnsembleProblem;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.ProgressListener;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.SimulationResult;
import org.vdpnet.sim.Simulator;

/**
 * How wide an ensemble must be to pay (issue 16): the ensemble right-hand side and RK4 run, in ns per member
 * node+nonzero and evaluation (best of several repetitions), for 8 to 200 members of the N = 80 Watts–Strogatz
 * network of {@link EnsembleBench} (its members' draws), against one network alone. Prints one line per width.
 *
 * <p>Usage: {@code java -cp vdpnet-bench.jar org.vdpnet.bench.EnsembleWidthProbe}
 */
public final class EnsembleWidthProbe {
    private EnsembleWidthProbe() {}

    public static void main(String[] args) {
        int N = EnsembleBench.N;
        Topology g = EnsembleBench.graph();
        Random rnd = new Random(1);
        int units = N + g.nonZeros();
        // two passes over the widths: the first warms the JIT up (the narrowest width would otherwise run on colder code), the second prints
        for (int pass = 0; pass < 2; pass++)
        for (int B : new int[] {8, 16, 32, 64, 128, 200}) {
            EnsembleBench.Members members = EnsembleBench.members(g, B, rnd);
            List<NetworkModel> ms = members.models();
            double[][] y0 = members.y0();
            EnsembleNetwork e = EnsembleNetwork.of(ms);
            double[] y = EnsembleProblem.memberMinor(y0);
            double[] dy = new double[B * 2 * N];
            int count = 400000 / B;
            double best = 1e9;
            for (int r = 0; r < 7; r++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < count; k++) {
                    e.derivatives(0, y, dy);
                }
                best = Math.min(best, (System.nanoTime() - t0) / (double) count / B / units);
            }
            EnsembleProblem p = EnsembleProblem.of(e, y0, 0, 2000.0 / B * 2, ms.get(0).channels());
            double bestRk = 1e9;
            long evals = 0;
            for (int r = 0; r < 5; r++) {
                long t0 = System.nanoTime();
                List<SimulationResult> res = Simulator.solveEnsemble(p, IntegratorSpec.rungeKutta4(0.01), Monitor.subsample(p.tEnd()), ProgressListener.NONE);
                evals = res.get(0).evaluations();
                bestRk = Math.min(bestRk, (System.nanoTime() - t0) / (double) evals / B / units);
            }
            if (pass == 1) {
                System.out.printf(java.util.Locale.ROOT, "B=%d rhs %.3f ns/unit, rk4 %.3f ns/unit per eval%n", B, best, bestRk);
            }
        }
        // solo
        NetworkModel one = NetworkModel.of(VanDerPol.uniform(N, 1, 1), Coupling.diffusive(0.1), g);
        double[] y = new double[2 * N];
        double[] dy = new double[2 * N];
        Arrays.fill(y, 0.3);
        double best = 1e9;
        for (int r = 0; r < 7; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 400000; k++) {
                one.derivatives(0, y, dy);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 400000.0 / units);
        }
        double bestRk = 1e9;
        SimulationProblem sp = SimulationProblem.of(one, y, 0, 20, one.channels());
        for (int r = 0; r < 7; r++) {
            long t0 = System.nanoTime();
            SimulationResult res = Simulator.solve(sp, IntegratorSpec.rungeKutta4(0.01), Monitor.subsample(20));
            bestRk = Math.min(bestRk, (System.nanoTime() - t0) / (double) res.evaluations() / units);
        }
        System.out.printf(java.util.Locale.ROOT, "solo rhs %.3f ns/unit, rk4 %.3f ns/unit per eval%n", best, bestRk);
    }
}
