package org.vdpnet.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topologies;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;

/** The benchmark systems, built once and exported so the Python peers integrate exactly the same ones. */
final class BenchSystems {
    private BenchSystems() {}

    /** A named system: the model, its initial state, and how its right-hand side counts work. */
    record System(String name, NetworkModel model, double[] y0, long workUnits, String unit) {}

    static List<System> all() {
        return List.of(dense(80), wattsStrogatz(1_000), wattsStrogatz(10_000));
    }

    /** The research form with a full random W (N(0, 0.5 / sqrt(n)) off the diagonal): n^2 entries. */
    static System dense(int n) {
        Random rnd = new Random(2021);
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = i == j ? 0.0 : 0.5 / Math.sqrt(n) * rnd.nextGaussian();
            }
        }
        Topology t = Topology.fromMatrix("dense", w, null);
        double[] a1 = new double[n];
        double[] a2 = new double[n];
        for (int i = 0; i < n; i++) {
            a1[i] = 0.5 + 0.5 * rnd.nextDouble();
            a2[i] = 1.0 + 0.5 * rnd.nextDouble();
        }
        NetworkModel net = NetworkModel.of(ResearchVanDerPol.of(a1, a2), Coupling.linear(1.0), t);
        return new System("dense" + n, net, initial(2 * n, 7), (long) n * n, "entry");
    }

    /** Classic van der Pol (mu 1, omega 1) on Watts–Strogatz k = 10, p = 0.1, diffusive coupling 0.1. */
    static System wattsStrogatz(int n) {
        Topology t = Topologies.Spec.of(Topologies.Type.WATTS_STROGATZ, n, 42).withShape(10, 0.1, 2, 0).build();
        NetworkModel net = NetworkModel.of(VanDerPol.uniform(n, 1.0, 1.0), Coupling.diffusive(0.1), t);
        return new System("ws" + n, net, initial(2 * n, 11), n + (long) t.nonZeros(), "node+nonzero");
    }

    private static double[] initial(int dim, long seed) {
        Random rnd = new Random(seed);
        double[] y = new double[dim];
        for (int i = 0; i < dim; i++) {
            y[i] = 2 * rnd.nextDouble() - 1;
        }
        return y;
    }

    /** Writes the CSR matrix, parameters and initial state as raw little-endian arrays for bench/peers.py. */
    static void export(System s, Path dir) throws IOException {
        exportGraph(dir, s.name(), s.model().topology());
        double[] p1;
        double[] p2;
        if (s.model().dynamics() instanceof ResearchVanDerPol r) {
            p1 = r.a1();
            p2 = r.a2();
        } else {
            VanDerPol v = (VanDerPol) s.model().dynamics();
            p1 = v.mu();
            p2 = v.omega();
        }
        doubles(dir.resolve(s.name() + ".p1.f64"), p1);
        doubles(dir.resolve(s.name() + ".p2.f64"), p2);
        doubles(dir.resolve(s.name() + ".y0.f64"), s.y0());
        doubles(dir.resolve(s.name() + ".gain.f64"), new double[] {s.model().coupling().gain()});
    }

    /** Writes a graph as CSR arrays (NAME.rowptr.i32, NAME.cols.i32, NAME.w.f64), raw little-endian, creating {@code dir}. */
    static void exportGraph(Path dir, String name, Topology t) throws IOException {
        Files.createDirectories(dir);
        int n = t.nodes();
        int[] rowPtr = new int[n + 1];
        int[] cols = new int[t.nonZeros()];
        double[] w = new double[t.nonZeros()];
        for (int i = 0, k = 0; i < n; i++) {
            for (int j : t.neighbours(i)) {
                cols[k] = j;
                w[k++] = t.weight(i, j);
            }
            rowPtr[i + 1] = k;
        }
        ints(dir.resolve(name + ".rowptr.i32"), rowPtr);
        ints(dir.resolve(name + ".cols.i32"), cols);
        doubles(dir.resolve(name + ".w.f64"), w);
    }

    static void ints(Path p, int[] a) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(p)))) {
            for (int v : a) {
                o.writeInt(Integer.reverseBytes(v));
            }
        }
    }

    static void doubles(Path p, double[] a) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(p)))) {
            for (double v : a) {
                o.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(v)));
            }
        }
    }
}
