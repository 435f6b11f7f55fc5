package org.vdpnet.fitting.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gap filling against answers worked out by hand. */
class GapFillingTest {
    private static final double NAN = Double.NaN;

    private static double[] column(double[][] rows, int c) {
        return Arrays.stream(rows).mapToDouble(r -> r[c]).toArray();
    }

    @Test
    void interpolateWithinIsLinearInsideAndNearestAtTheEdges() {
        // a: NaN 1 NaN NaN 7 NaN -> 1 (nearest) 1 3 5 (1 + 6 * 1/3, 1 + 6 * 2/3) 7 7 (nearest): 4 filled
        // b: 2 NaN 6 8 +inf 10   -> 2 4 6 8 9 10: 2 filled (infinity counts as a gap)
        double[][] rows = {{NAN, 2}, {1, NAN}, {NAN, 6}, {NAN, 8}, {7, Double.POSITIVE_INFINITY}, {NAN, 10}};
        double[][] before = Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
        GapFilling.Filled f = GapFilling.interpolateWithin(rows, List.of("a", "b"), "frames 0-5");
        assertArrayEquals(new double[] {1, 1, 3, 5, 7, 7}, column(f.rows(), 0), 0.0);
        assertArrayEquals(new double[] {2, 4, 6, 8, 9, 10}, column(f.rows(), 1), 0.0);
        assertEquals(6, f.count());
        assertTrue(Arrays.deepEquals(before, rows), "the input is not changed");
    }

    @Test
    void interpolateWithinWithoutGapsChangesNothing() {
        double[][] rows = {{0.1, -3}, {0.2, 5e-300}};
        GapFilling.Filled f = GapFilling.interpolateWithin(rows, List.of("a", "b"), "frames 0-1");
        assertTrue(Arrays.deepEquals(rows, f.rows()));
        assertEquals(0, f.count());
    }

    @Test
    void interpolateWithinNamesAChannelWithNothingToFillFrom() {
        double[][] rows = {{1, NAN}, {2, NAN}};
        assertEquals("--nan interpolate: channel b has no finite value in the training frames 3-4, so its gaps there cannot be filled",
                assertThrows(IllegalArgumentException.class,
                        () -> GapFilling.interpolateWithin(rows, List.of("a", "b"), "the training frames 3-4")).getMessage());
    }

    @Test
    void carryForwardUsesTheLatestEarlierValueOnly() {
        // a: NaN 2 NaN   from 5  -> 5 2 2
        // b: NaN NaN 3   from -1 -> -1 -1 3: 4 filled
        double[][] rows = {{NAN, NAN}, {2, NAN}, {NAN, 3}};
        GapFilling.Filled f = GapFilling.carryForward(rows, new double[] {5, -1});
        assertArrayEquals(new double[] {5, 2, 2}, column(f.rows(), 0), 0.0);
        assertArrayEquals(new double[] {-1, -1, 3}, column(f.rows(), 1), 0.0);
        assertEquals(4, f.count());
        assertTrue(Double.isNaN(rows[0][0]), "the input is not changed");

        // a later frame never changes an earlier filled one
        double[][] longer = {{NAN, NAN}, {2, NAN}, {NAN, 3}, {1e6, 1e6}};
        double[][] g = GapFilling.carryForward(longer, new double[] {5, -1}).rows();
        assertTrue(Arrays.deepEquals(f.rows(), Arrays.copyOf(g, 3)));
    }

    @Test
    void carryForwardNeedsAFiniteStart() {
        assertEquals("lastFinite[1]: must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> GapFilling.carryForward(new double[][] {{1, 2}}, new double[] {0, NAN})).getMessage());
        assertEquals("rows[0]: must have 2 values, got 1", assertThrows(IllegalArgumentException.class,
                () -> GapFilling.carryForward(new double[][] {{1}}, new double[] {0, 0})).getMessage());
    }
}
