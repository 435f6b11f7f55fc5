package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyTest {

    /** The CSR and dense paths against a plain double loop over the matrix. */
    @ParameterizedTest(name = "fill {0}")
    @ValueSource(doubles = {0.05, 0.5, 1.0})
    void weightedSumMatchesTheMatrixProduct(double fill) {
        Random rnd = new Random(42);
        int n = 37;
        double[][] w = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = rnd.nextDouble() < fill ? rnd.nextGaussian() : 0.0;
            }
        }
        Topology t = Topology.fromMatrix("random", w, null);
        assertEquals(fill >= Topology.DENSE_FILL, t.isDense());
        double[] src = new double[n + 3];
        for (int j = 0; j < src.length; j++) {
            src[j] = rnd.nextGaussian();
        }
        double[] out = new double[n + 5];
        t.weightedSum(src, 3, out, 5);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += w[i][j] * src[3 + j];
            }
            assertEquals(s, out[5 + i], 1e-12);
        }
    }

    @Test
    void diffusiveCouplingIsTheSumOfDifferences() {
        double[][] w = {{0, 2, 0}, {0.5, 0, 1}, {0, 3, 0}};
        Topology t = Topology.fromMatrix("w", w, null);
        double[] x = {0.3, -1.2, 2.5};
        double[] out = new double[3];
        Coupling.diffusive(0.7).apply(t, x, 0, out, 0);
        for (int i = 0; i < 3; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += w[i][j] * (x[j] - x[i]);
            }
            assertEquals(0.7 * s, out[i], 1e-14);
        }
        Coupling.sigmoidal(2.0).apply(t, new double[3], 0, out, 0);
        assertArrayEquals(new double[3], out, 0.0, "default sigmoid is 2 tanh(s/2): zero for zero input");
        Coupling.sigmoidal(1.0).apply(t, x, 0, out, 0);
        assertEquals(Math.tanh((2 * -1.2) / 2), out[0], 1e-14);
    }

    @Test
    void directedEdgesDriveTheirTarget() {
        Topology t = Topology.fromEdges("e", 3, new int[] {0, 0}, new int[] {1, 1}, new double[] {2, 3}, null);
        assertEquals(5.0, t.weight(1, 0), "parallel edges add; source 0 drives target 1");
        assertEquals(0.0, t.weight(0, 1));
        assertFalse(t.isSymmetric());
        assertEquals(5.0, t.transposed().weight(0, 1));
    }

    @ParameterizedTest
    @EnumSource(Topologies.Type.class)
    void generatorsAreSeededAndUndirected(Topologies.Type type) {
        Topologies.Spec s = Topologies.Spec.of(type, 24, 11).withShape(4, 0.3, 2, 0);
        Topology a = s.build();
        Topology b = s.build();
        assertEquals(24, a.nodes());
        assertArrayEquals(flat(a), flat(b), "same seed, same graph");
        assertTrue(a.isSymmetric());
        switch (type) {
            case RING: assertEquals(2 * 24, a.nonZeros()); break;
            case COMPLETE: assertEquals(24 * 23, a.nonZeros()); break;
            case WATTS_STROGATZ: assertEquals(24 * 4, a.nonZeros(), "rewiring keeps n k / 2 edges"); break;
            case LATTICE: assertEquals(2 * (4 * 5 + 6 * 3), a.nonZeros(), "4x6 grid has 38 edges"); break;
            default: break;
        }
    }

    @Test
    void randomGeneratorsDependOnTheSeed() {
        Topology a = Topologies.Spec.of(Topologies.Type.ERDOS_RENYI, 40, 1).withShape(4, 0.2, 2, 0).build();
        Topology b = Topologies.Spec.of(Topologies.Type.ERDOS_RENYI, 40, 2).withShape(4, 0.2, 2, 0).build();
        assertFalse(java.util.Arrays.equals(flat(a), flat(b)));
        Topology d = Topologies.Spec.of(Topologies.Type.ERDOS_RENYI, 40, 1).withShape(4, 0.2, 2, 0).withDirected(true).build();
        assertFalse(d.isSymmetric());
    }

    @Test
    void badShapesAreRejectedWithNameValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Topologies.Spec.of(Topologies.Type.WATTS_STROGATZ, 10, 1).withShape(3, 0.1, 2, 0));
        assertEquals("k: must be even, >= 2 and < nodes (10), got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Topologies.Type.fromId("--topology", "smallworld"));
        assertTrue(e.getMessage().startsWith("--topology: unknown topology 'smallworld'; allowed: ring, lattice"));
        e = assertThrows(IllegalArgumentException.class, () -> Topology.fromMatrix("m", new double[][] {{0, Double.NaN}, {0, 0}}, null));
        assertEquals("m: entry (1, 2) must be finite, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Topology.fromMatrix("m", new double[0][], null));
        assertEquals("m: the graph is empty (0 nodes); need at least 1", e.getMessage());
    }

    @Test
    void normalisationScalesRowsOrTheMaximum() {
        Topology t = Topology.fromMatrix("w", new double[][] {{0, 2, 2}, {4, 0, 0}, {1, 1, 0}}, null);
        Topology row = t.normalized(Topology.Normalization.ROW);
        for (int i = 0; i < 3; i++) {
            assertEquals(1.0, row.rowSum(i), 1e-15);
        }
        assertEquals(1.0, t.normalized(Topology.Normalization.MAX).maxAbsWeight(), 0.0);
    }

    /** The right-hand side reads flat arrays only: no allocation per evaluation. */
    @Test
    void networkEvaluationDoesNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (Topology t : List.of(Topologies.Spec.of(Topologies.Type.WATTS_STROGATZ, 500, 3).withShape(10, 0.1, 2, 0).build(),
                Topologies.Spec.of(Topologies.Type.COMPLETE, 80, 3).build())) {
            NetworkModel net = NetworkModel.of(VanDerPol.uniform(t.nodes(), 1, 1), Coupling.sigmoidal(0.3), t);
            double[] y = new double[net.getDimension()];
            double[] dy = new double[y.length];
            for (int k = 0; k < 20_000; k++) {
                net.derivatives(0, y, dy);
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < 10_000; k++) {
                net.derivatives(0, y, dy);
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < 1024, t + ": allocated " + allocated + " bytes in 10000 evaluations");
        }
    }

    private static double[] flat(Topology t) {
        double[][] m = t.toMatrix();
        double[] f = new double[m.length * m.length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, f, i * m.length, m.length);
        }
        return f;
    }

    @Test
    void aPatternKeepsZeroWeightsInRowOrderAndRefusesAnEdgeListedTwice() {
        // edges given out of order, one with weight 0: stored by target, then source, the zero kept
        Topology p = Topology.pattern("p", 3, new int[] {2, 0, 1}, new int[] {1, 2, 1}, new double[] {0.5, 0.0, -1.5}, null);
        assertEquals(3, p.nonZeros());
        assertEquals(1, p.edgeTarget(0));
        assertEquals(1, p.edgeSource(0));
        assertEquals(-1.5, p.edgeWeight(0));
        assertEquals(2, p.edgeSource(1));
        assertEquals(0.5, p.weight(1, 2));
        assertEquals(2, p.edgeTarget(2));
        assertEquals(0.0, p.edgeWeight(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Topology.pattern("p", 3, new int[] {0, 0}, new int[] {1, 1}, new double[] {1, 2}, null));
        assertEquals("p: edge 0->1 is listed twice", e.getMessage());
    }
}
