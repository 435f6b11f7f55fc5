package org.vdpnet.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SimplexLeastSquaresTest {
    /** Random design and target: some problems have interior optima, some on an edge or a vertex. */
    private static double[][] design(Random rnd, int rows, int k) {
        double[][] f = new double[rows][k];
        double[] shift = new double[k];
        for (int j = 0; j < k; j++) {
            shift[j] = rnd.nextGaussian();
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                f[i][j] = shift[j] + rnd.nextGaussian();
            }
        }
        return f;
    }

    private static double[] target(Random rnd, double[][] f) {
        double[] y = new double[f.length];
        for (int i = 0; i < y.length; i++) {
            for (double v : f[i]) {
                y[i] += v / f[i].length;
            }
            y[i] += 0.5 * rnd.nextGaussian();
        }
        return y;
    }

    /** The sum of squares at w, summed directly (independent of the solver). */
    private static double cost(double[][] f, double[] y, double[] w) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double r = y[i];
            for (int j = 0; j < w.length; j++) {
                r -= w[j] * f[i][j];
            }
            s += r * r;
        }
        return s;
    }

    /**
     * The minimum over a fine grid of the 2-simplex (step 1e-5) and the 3-simplex (step 1e-3): the
     * solver is never above it, is below it by no more than the grid's resolution allows, and its
     * weights lie within a few grid steps of the grid's best point. Both interior and boundary
     * optima occur among the seeds.
     */
    @Test
    void matchesABruteForceGrid() {
        int interior = 0;
        int boundary = 0;
        for (int seed = 1; seed <= 12; seed++) {
            Random rnd = new Random(seed);
            for (int k = 2; k <= 3; k++) {
                double[][] f = design(rnd, 25, k);
                double[] y = seed % 3 == 0 ? column(f, 0, 0.3 * rnd.nextGaussian(), rnd) : target(rnd, f);
                SimplexLeastSquares s = SimplexLeastSquares.solve(f, y);
                double[] w = s.weights();
                double[] gridBest = null;
                double gridCost = Double.POSITIVE_INFINITY;
                int steps = k == 2 ? 100_000 : 1_000;
                for (int a = 0; a <= steps; a++) {
                    for (int b = 0; b <= (k == 2 ? 0 : steps - a); b++) {
                        double[] g = k == 2 ? new double[] {(double) a / steps, 1 - (double) a / steps}
                                : new double[] {(double) a / steps, (double) b / steps, (double) (steps - a - b) / steps};
                        double c = cost(f, y, g);
                        if (c < gridCost) {
                            gridCost = c;
                            gridBest = g;
                        }
                    }
                }
                assertEquals(cost(f, y, w), s.residualSumOfSquares(), 1e-12 * gridCost, "reported cost, seed " + seed);
                assertTrue(s.residualSumOfSquares() <= gridCost * (1 + 1e-12), "seed " + seed + " k " + k + ": " + s.residualSumOfSquares() + " > grid " + gridCost);
                assertTrue(gridCost - s.residualSumOfSquares() <= 1e-4 * gridCost, "seed " + seed + " k " + k + ": grid far below the solver");
                for (int j = 0; j < k; j++) {
                    assertEquals(gridBest[j], w[j], 5e-3, "weight " + j + ", seed " + seed + ", k " + k);
                }
                boolean inside = true;
                for (double v : w) {
                    inside &= v > 1e-9;
                }
                interior += inside ? 1 : 0;
                boundary += inside ? 0 : 1;
            }
        }
        assertTrue(interior >= 3 && boundary >= 3, "the seeds cover both kinds of optimum: " + interior + " interior, " + boundary + " boundary");
    }

    /** A target near one column plus noise, so that the optimum is often on the boundary. */
    private static double[] column(double[][] f, int j, double bias, Random rnd) {
        double[] y = new double[f.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = f[i][j] + bias + 0.1 * rnd.nextGaussian();
        }
        return y;
    }

    /**
     * The KKT conditions of {@code min ||y - F w||^2, w >= 0, sum w = 1}: with g = F'(F w - y),
     * there is a mu with g_j = mu where w_j > 0 and g_j >= mu where w_j = 0; and w is feasible.
     */
    @Test
    void satisfiesTheKktConditions() {
        for (int seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(100 + seed);
            int k = 2 + seed % 5;
            double[][] f = design(rnd, 10 + seed, k);
            double[] y = seed % 2 == 0 ? target(rnd, f) : column(f, seed % k, rnd.nextGaussian(), rnd);
            double[] w = SimplexLeastSquares.solve(f, y).weights();
            double sum = 0;
            for (double v : w) {
                assertTrue(v >= 0, "negative weight " + v);
                sum += v;
            }
            assertEquals(1, sum, 1e-14);
            double[] g = new double[k];
            double scale = 0;
            for (int i = 0; i < f.length; i++) {
                double r = -y[i];
                for (int j = 0; j < k; j++) {
                    r += w[j] * f[i][j];
                }
                for (int j = 0; j < k; j++) {
                    g[j] += f[i][j] * r;
                    scale += Math.abs(f[i][j] * r) + f[i][j] * f[i][j];
                }
            }
            double mu = 0;
            int support = 0;
            for (int j = 0; j < k; j++) {
                if (w[j] > 0) {
                    mu += g[j];
                    support++;
                }
            }
            mu /= support;
            for (int j = 0; j < k; j++) {
                if (w[j] > 0) {
                    assertEquals(mu, g[j], 1e-10 * scale, "stationarity on the support, seed " + seed + ", j " + j);
                } else {
                    assertTrue(g[j] >= mu - 1e-10 * scale, "dual feasibility, seed " + seed + ", j " + j + ": " + g[j] + " < " + mu);
                }
            }
        }
    }

    /** y = 0.3 f1 + 0.7 f2 exactly: w = (0.3, 0.7), and a third, unrelated column gets 0. */
    @Test
    void recoversKnownWeights() {
        Random rnd = new Random(5);
        double[][] f = design(rnd, 40, 3);
        double[] y = new double[40];
        double[][] two = new double[40][];
        for (int i = 0; i < 40; i++) {
            y[i] = 0.3 * f[i][0] + 0.7 * f[i][1];
            two[i] = new double[] {f[i][0], f[i][1]};
        }
        assertArrayEquals(new double[] {0.3, 0.7}, SimplexLeastSquares.solve(two, y).weights(), 1e-12);
        assertArrayEquals(new double[] {0.3, 0.7, 0}, SimplexLeastSquares.solve(f, y).weights(), 1e-12);
        assertEquals(0, SimplexLeastSquares.solve(f, y).residualSumOfSquares(), 1e-24);
        // the class documentation's example
        assertArrayEquals(new double[] {0.3, 0.7}, SimplexLeastSquares.solve(new double[][] {{1, 0}, {0, 1}, {2, 1}}, new double[] {0.3, 0.7, 1.3}).weights(), 1e-15);
    }

    /** Identical columns (a rank-deficient face): the cost is the best, ties go to the sparsest, earliest support. */
    @Test
    void handlesDuplicateColumnsAndOneColumn() {
        Random rnd = new Random(9);
        double[][] f = design(rnd, 30, 2);
        double[] y = target(rnd, f);
        double[][] dup = new double[30][];
        for (int i = 0; i < 30; i++) {
            dup[i] = new double[] {f[i][0], f[i][0], f[i][1]};
        }
        double[] w2 = SimplexLeastSquares.solve(f, y).weights();
        SimplexLeastSquares s3 = SimplexLeastSquares.solve(dup, y);
        assertEquals(SimplexLeastSquares.solve(f, y).residualSumOfSquares(), s3.residualSumOfSquares(), 1e-12 * s3.residualSumOfSquares());
        assertArrayEquals(new double[] {w2[0], 0, w2[1]}, s3.weights(), 1e-9);
        assertArrayEquals(new double[] {1}, SimplexLeastSquares.solve(new double[][] {{2}, {3}}, new double[] {0, 0}).weights());
        assertArrayEquals(s3.weights(), SimplexLeastSquares.solve(dup, y).weights(), "bit-identical rerun");
    }

    @Test
    void refusesBadInputWithNamedMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimplexLeastSquares.solve(new double[][] {{1, Double.NaN}}, new double[] {0}));
        assertTrue(e.getMessage().contains("design") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimplexLeastSquares.solve(new double[][] {{1}}, new double[] {0, 1}));
        assertTrue(e.getMessage().contains("rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimplexLeastSquares.solve(new double[][] {new double[13]}, new double[] {0}));
        assertTrue(e.getMessage().contains("12") && e.getMessage().contains("13"), e.getMessage());
    }
}
