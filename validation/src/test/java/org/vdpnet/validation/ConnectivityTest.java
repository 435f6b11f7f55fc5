package org.vdpnet.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * FC, FC similarity, FCD and FCD-KS against numpy's {@code corrcoef} and SciPy's {@code ks_2samp}
 * (stored by {@code validation/fixtures/connectivity_numpy.py}; the test reads only the JSON).
 */
class ConnectivityTest {
    private static JsonNode load() {
        try (InputStream in = ConnectivityTest.class.getResourceAsStream("connectivity_numpy.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            m[i] = new double[n.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = n.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    private static void assertMatrix(double[][] expected, double[][] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + " rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + " columns");
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol, what + "[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void agreesWithNumpyAndScipy() {
        JsonNode root = load();
        assertEquals(3, root.get("cases").size());
        for (JsonNode c : root.get("cases")) {
            double[][] a = matrix(c.get("a"));
            double[][] b = matrix(c.get("b"));
            int window = c.get("window").asInt();
            int step = c.get("step").asInt();
            double[][] fa = Connectivity.fc(a);
            assertMatrix(matrix(c.get("fcA")), fa, 1e-12, "fc a");
            assertMatrix(matrix(c.get("fcB")), Connectivity.fc(b), 1e-12, "fc b");
            Connectivity.Similarity s = Connectivity.matrixCorrelation(fa, Connectivity.fc(b));
            assertEquals(c.get("fcSimilarity").asDouble(), s.value(), 1e-12);
            assertEquals(0, s.left());
            double[][] da = Connectivity.fcd(a, window, step);
            double[][] db = Connectivity.fcd(b, window, step);
            assertEquals(Connectivity.windows(a.length, window, step), da.length);
            assertMatrix(matrix(c.get("fcdA")), da, 1e-12, "fcd a");
            assertMatrix(matrix(c.get("fcdB")), db, 1e-12, "fcd b");
            assertEquals(c.get("fcdKs").asDouble(), Connectivity.fcdKs(da, db).value(), 1e-15);
        }
    }

    /** A constant channel has no correlation: NaN in its row and column, left out (and counted) by the comparisons. */
    @Test
    void aConstantChannelIsNaNAndLeftOut() {
        double[][] x = new double[50][3];
        for (int t = 0; t < 50; t++) {
            x[t][0] = Math.sin(0.3 * t);
            x[t][1] = Math.cos(0.2 * t) + 0.5 * Math.sin(0.3 * t);
            x[t][2] = 4.0;
        }
        double[][] f = Connectivity.fc(x);
        assertTrue(Double.isNaN(f[2][2]) && Double.isNaN(f[0][2]) && Double.isNaN(f[2][1]));
        assertEquals(1.0, f[0][0]);
        Connectivity.Similarity s = Connectivity.matrixCorrelation(f, f);
        assertEquals(1, s.pairs());
        assertEquals(2, s.left());
        assertTrue(Double.isNaN(s.value()), "fewer than 3 pairs: no correlation");
    }

    @Test
    void ksDistanceOfIdenticalAndDisjointFcds() {
        double[][] a = {{1, 0.2, 0.4}, {0.2, 1, 0.6}, {0.4, 0.6, 1}};
        double[][] b = {{1, -0.5, -0.6}, {-0.5, 1, -0.7}, {-0.6, -0.7, 1}};
        assertEquals(0.0, Connectivity.fcdKs(a, a).value());
        assertEquals(1.0, Connectivity.fcdKs(a, b).value());
    }

    @Test
    void badArgumentsAreRefused() {
        double[][] x = new double[20][2];
        assertEquals("fcd window: must be >= 2 frames, got 1", assertThrows(IllegalArgumentException.class, () -> Connectivity.fcd(x, 1, 1)).getMessage());
        assertEquals("fcd step: must be >= 1 frame, got 0", assertThrows(IllegalArgumentException.class, () -> Connectivity.fcd(x, 5, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Connectivity.fcd(x, 20, 5)).getMessage().contains("need at least 2"));
        x[3][1] = Double.NaN;
        assertEquals("fc: frame 3, channel 1 must be finite, got NaN", assertThrows(IllegalArgumentException.class, () -> Connectivity.fc(x)).getMessage());
    }
}
