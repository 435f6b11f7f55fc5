package org.vdpnet.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks DieboldMariano, Metrics and VarModel against values computed by R's forecast package
 * ({@code dm.test}, {@code accuracy}) and by statsmodels ({@code VAR}). The values are stored JSON
 * fixtures next to this class; the scripts that made them are in {@code validation/fixtures/}
 * (see its README). This test never calls R or Python.
 */
class ReferenceFixturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode FORECAST = load("dm_mase_forecast.json");
    private static final JsonNode STATSMODELS = load("var_statsmodels.json");

    private static JsonNode load(String name) {
        try (InputStream in = ReferenceFixturesTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] vector(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).doubleValue();
        }
        return v;
    }

    private static double[][] matrix(JsonNode a) {
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(a.get(i));
        }
        return m;
    }

    private static Stream<Arguments> cases(JsonNode list) {
        List<Arguments> out = new ArrayList<>();
        list.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
        return out.stream();
    }

    private static double[] squares(double[] e) {
        double[] s = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            s[i] = e[i] * e[i];
        }
        return s;
    }

    /** |actual - expected| <= tol max(1, |expected|): absolute for small values, relative for large. */
    private static void assertClose(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual + " (tolerance " + tol + ")");
    }

    private static void assertRelative(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(actual - expected) <= tol * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual + " (relative tolerance " + tol + ")");
    }

    // ---- Diebold-Mariano against forecast::dm.test(e1, e2, h = h, power = 2) ---------------------

    static Stream<Arguments> dmCases() { return cases(FORECAST.at("/dieboldMariano/cases")); }

    /**
     * Overlapping (h = 1, 5, 20), non-overlapping (tested with h = 1) and partially overlapping
     * origins (5 and 7 frames apart at horizon 20: h = 4 and 3): statistic and p to 1e-6.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dmCases")
    void dieboldMarianoMatchesR(String name, JsonNode c) {
        double[] e1 = vector(c.get("e1"));
        double[] e2 = vector(c.get("e2"));
        int h = c.get("h").asInt();
        assertEquals(c.get("n").asInt(), e1.length, name + ": stored n");
        DieboldMariano.Result r = DieboldMariano.test(squares(e1), squares(e2), h);
        assertEquals(e1.length, r.n(), name + ": n");
        assertClose(c.get("statistic").doubleValue(), r.statistic(), 1e-6, name + ": statistic");
        assertClose(c.get("pValue").doubleValue(), r.pValue(), 1e-6, name + ": p-value");
    }

    /**
     * The dependence order we would choose for the case's origins (evenly spaced by
     * {@code originSpacing}, {@code n} of them) at its {@code forecastHorizon} is the h the fixture
     * passed to dm.test: {@link DieboldMariano#overlapOrder} agrees with R's h.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dmCases")
    void overlapOrderOfTheOriginsIsTheHGivenToR(String name, JsonNode c) {
        int spacing = c.get("originSpacing").asInt();
        int horizon = c.get("forecastHorizon").asInt();
        int[] origins = new int[c.get("n").asInt()];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = 200 + i * spacing;
        }
        assertEquals(c.get("h").asInt(), DieboldMariano.overlapOrder(origins, horizon),
                name + ": overlap order of origins " + spacing + " apart at horizon " + horizon);
    }

    /**
     * R's variance estimate is negative here: dm.test warns and falls back to h = 1. We do not
     * fall back silently; the statistic and p-value are NaN.
     */
    @Test
    void dieboldMarianoGivesNaNWhereRsVarianceIsNegative() {
        JsonNode c = FORECAST.at("/dieboldMariano/negativeVariance");
        assertTrue(c.get("rVariance").doubleValue() < 0, "fixture: R's variance estimate should be negative");
        assertTrue(c.get("rWarning").asText().startsWith("Variance is negative"), "fixture: R's warning");
        DieboldMariano.Result r = DieboldMariano.test(squares(vector(c.get("e1"))), squares(vector(c.get("e2"))), c.get("h").asInt());
        assertTrue(Double.isNaN(r.statistic()), "statistic should be NaN, got " + r.statistic());
        assertTrue(Double.isNaN(r.pValue()), "p-value should be NaN, got " + r.pValue());
    }

    /** The same losses at h = 1 (what R falls back to) agree with R's fallback result to 1e-6. */
    @Test
    void dieboldMarianoAtHOneMatchesRsFallbackInTheNegativeVarianceCase() {
        JsonNode c = FORECAST.at("/dieboldMariano/negativeVariance");
        assertEquals(1, c.get("rFellBackToH").asInt());
        DieboldMariano.Result r = DieboldMariano.test(squares(vector(c.get("e1"))), squares(vector(c.get("e2"))), 1);
        assertClose(c.get("rStatistic").doubleValue(), r.statistic(), 1e-6, "statistic at h = 1");
        assertClose(c.get("rPValue").doubleValue(), r.pValue(), 1e-6, "p-value at h = 1");
    }

    // ---- MASE, RMSE, MAE against forecast::accuracy(fc, test) ------------------------------------

    static Stream<Arguments> maseCases() { return cases(FORECAST.at("/mase/cases")); }

    /**
     * One origin, one channel: the mean over horizons of our per-horizon MASE and MAE, and the root
     * of the mean over horizons of our squared per-horizon RMSE, equal accuracy()'s test-set
     * MASE, MAE and RMSE to 1e-10 (relative).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("maseCases")
    void maseRmseMaeMatchAccuracy(String name, JsonNode c) {
        double[] train = vector(c.get("train"));
        double[] mean = vector(c.get("forecastMean"));
        double[] test = vector(c.get("test"));
        int hz = test.length;
        double[][][] f = new double[1][hz][1];
        double[][][] y = new double[1][hz][1];
        for (int h = 0; h < hz; h++) {
            f[0][h][0] = mean[h];
            y[0][h][0] = test[h];
        }
        double[][] tr = new double[train.length][1];
        for (int t = 0; t < train.length; t++) {
            tr[t][0] = train[t];
        }
        double[][] mase = Metrics.mase(f, y, tr);
        double[][] mae = Metrics.mae(f, y);
        double[][] rmse = Metrics.rmse(f, y);
        double maseMean = 0;
        double maeMean = 0;
        double mse = 0;
        for (int h = 0; h < hz; h++) {
            maseMean += mase[h][0] / hz;
            maeMean += mae[h][0] / hz;
            mse += rmse[h][0] * rmse[h][0] / hz;
        }
        assertRelative(c.get("MASE").doubleValue(), maseMean, 1e-10, name + ": MASE");
        assertRelative(c.get("MAE").doubleValue(), maeMean, 1e-10, name + ": MAE");
        assertRelative(c.get("RMSE").doubleValue(), Math.sqrt(mse), 1e-10, name + ": RMSE");
    }

    // ---- VAR against statsmodels VAR(data).fit(maxlags, ic="aic", trend="c") ---------------------

    static Stream<Arguments> varCases() { return cases(STATSMODELS.get("cases")); }

    /** Each order's AIC on the common sample (rows after maxOrder) equals select_order's to 1e-8. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("varCases")
    void varPerOrderAicMatchesSelectOrder(String name, JsonNode c) {
        double[][] data = matrix(c.get("data"));
        int maxOrder = c.get("maxOrder").asInt();
        JsonNode orders = c.get("selectOrderAicOrders");
        JsonNode aics = c.get("selectOrderAic");
        for (int i = 0; i < orders.size(); i++) {
            int q = orders.get(i).asInt();
            if (q >= 1) { // statsmodels also lists order 0 (intercept only); ours starts at 1
                double ours = VarModel.fit(data, q, maxOrder, 0, 5).aic();
                assertEquals(aics.get(i).doubleValue(), ours, 1e-8, name + ": AIC of order " + q);
            }
        }
    }

    /** fitByAic picks statsmodels' order and returns the refit: intercept, lags, AIC and 5-step forecast to 1e-8. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("varCases")
    void varFitByAicMatchesStatsmodels(String name, JsonNode c) {
        double[][] data = matrix(c.get("data"));
        int maxOrder = c.get("maxOrder").asInt();
        int steps = c.get("forecastSteps").asInt();
        int p = c.get("selectedOrder").asInt();
        assertTrue(p >= 1, name + ": fixture should have statsmodels pick an order >= 1");
        VarModel m = VarModel.fitByAic(data, maxOrder, 0, steps);
        assertEquals(p, m.order(), name + ": selected order");

        double[] c0 = vector(c.get("intercept"));
        double[] ours = m.intercept();
        for (int i = 0; i < c0.length; i++) {
            assertEquals(c0[i], ours[i], 1e-8, name + ": intercept[" + i + "]");
        }
        JsonNode coefs = c.get("coefs");
        assertEquals(p, coefs.size());
        for (int k = 1; k <= p; k++) {
            double[][] a = matrix(coefs.get(k - 1));
            double[][] b = m.lag(k);
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    assertEquals(a[i][j], b[i][j], 1e-8, name + ": A_" + k + "[" + i + "][" + j + "]");
                }
            }
        }
        assertEquals(c.get("aic").doubleValue(), m.aic(), 1e-8, name + ": AIC of the refit");

        double[][] expected = matrix(c.get("forecast"));
        double[][] f = m.forecast(data, steps);
        for (int h = 0; h < steps; h++) {
            for (int i = 0; i < expected[h].length; i++) {
                assertEquals(expected[h][i], f[h][i], 1e-8, name + ": forecast step " + (h + 1) + ", channel " + i);
            }
        }
    }
}
