package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Topology#weightedRowMembers} (a row's weighted sum for every member of a member-minor state)
 * against {@link Topology#weightedSum} of each member alone: the same bits, on dense storage with an
 * odd and an even node count (the dense sum pairs columns) and on CSR storage, reading either variable.
 */
class TopologyMembersTest {
    @ParameterizedTest(name = "{0} n = {1}, {2} members, variable {3}")
    @CsvSource({"dense, 7, 1, 0", "dense, 7, 5, 1", "dense, 8, 16, 0", "dense, 9, 3, 1", "sparse, 9, 1, 0", "sparse, 11, 7, 1",
            "sparse, 12, 16, 0"})
    void everyMemberGetsItsOwnWeightedSum(String storage, int n, int b, int variable) {
        Topology g = storage.equals("dense") ? EnsembleNetworkTest.dense(n) : EnsembleNetworkTest.sparse(n);
        assertEquals(storage.equals("dense"), g.nonZeros() == n * (n - 1), "the storage under test");
        SplittableRandom r = new SplittableRandom(n * 31L + b);
        double[] src = new double[2 * n * b]; // member-minor: component c of member m at c * b + m
        for (int k = 0; k < src.length; k++) {
            src[k] = r.nextDouble(-2, 2);
        }
        double[] acc = new double[b];
        double[] row = new double[b];
        double[] row2 = new double[b];
        for (int m = 0; m < b; m++) {
            double[] solo = new double[2 * n];
            for (int c = 0; c < 2 * n; c++) {
                solo[c] = src[c * b + m];
            }
            double[] out = new double[n];
            g.weightedSum(solo, variable * n, out, 0);
            for (int i = 0; i < n; i++) {
                g.weightedRowMembers(i, src, variable * n, b, acc, row, row2);
                assertEquals(Double.doubleToLongBits(out[i]), Double.doubleToLongBits(acc[m]), "member " + m + ", row " + i);
            }
        }
    }
}
