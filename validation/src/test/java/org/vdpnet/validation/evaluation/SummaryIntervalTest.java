package org.vdpnet.validation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vdpnet.validation.DieboldMariano;

/**
 * Checks the interval of {@link Summary#estimate} and its Newey–West variance
 * {@link Summary#longRunVariance} against R: {@code sandwich::NeweyWest(lm(x ~ 1), lag = L,
 * prewhite = FALSE, adjust = TRUE)} for the variance of the mean, {@code qt(0.975, n - 1)} and the
 * seed term {@code var(per-seed means) / S}; for one seed without overlap also against
 * {@code t.test(x)$conf.int}. The values are the stored fixture {@code summary_interval.json}
 * next to this class, made by {@code validation/fixtures/summary_interval.R} (see its README);
 * this test never calls R.
 */
class SummaryIntervalTest {
    private static final double TOL = 1e-10;
    private static final JsonNode FIXTURE = load("summary_interval.json");

    private static JsonNode load(String name) {
        try (InputStream in = SummaryIntervalTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        FIXTURE.get("cases").forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
        return out.stream();
    }

    private static int[] frames(JsonNode c) {
        JsonNode a = c.get("originFrames");
        int[] f = new int[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = a.get(i).asInt();
        }
        return f;
    }

    /**
     * {@code perSeed[seed][origin][horizon index]} with the fixture's values at horizon index
     * {@code horizon - 1} (as Summary calls it) and NaN at every other index, which estimate must
     * not read.
     */
    private static double[][][] perSeed(JsonNode c) {
        JsonNode seeds = c.get("perSeed");
        int horizon = c.get("horizon").asInt();
        int n = c.get("n").asInt();
        double[][][] p = new double[seeds.size()][n][horizon];
        for (int s = 0; s < p.length; s++) {
            assertEquals(n, seeds.get(s).size(), "values of seed " + s);
            for (int o = 0; o < n; o++) {
                Arrays.fill(p[s][o], Double.NaN);
                p[s][o][horizon - 1] = seeds.get(s).get(o).doubleValue();
            }
        }
        return p;
    }

    /** The per-origin values averaged over seeds, as estimate forms them. */
    private static double[] averaged(double[][][] p, int h) {
        double[] x = new double[p[0].length];
        for (int o = 0; o < x.length; o++) {
            for (double[][] seed : p) {
                x[o] += seed[o][h] / p.length;
            }
        }
        return x;
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= TOL * Math.abs(expected),
                what + ": expected " + expected + ", got " + actual + " (relative tolerance " + TOL + ")");
    }

    @Test
    void fixtureCoversTheCases() {
        List<String> shapes = new ArrayList<>();
        FIXTURE.get("cases").forEach(c -> shapes.add(c.get("seeds").asInt() + " seeds, L = " + c.get("lags").asInt()));
        for (String s : List.of("1 seeds, L = 0", "1 seeds, L = 1", "1 seeds, L = 3")) {
            assertTrue(shapes.contains(s), "fixture should have a case with " + s + ", has " + shapes);
        }
        assertTrue(shapes.stream().anyMatch(s -> s.startsWith("3 seeds")), "fixture should have a 3-seed case, has " + shapes);
    }

    /** The lags R was given are the overlap order of the stored origin frames at the horizon, minus one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lagsAreTheOverlapOrderMinusOne(String name, JsonNode c) {
        assertEquals(c.get("lags").asInt(), DieboldMariano.overlapOrder(frames(c), c.get("horizon").asInt()) - 1, name + ": lags");
    }

    /** longRunVariance(x, L) / n is sandwich's NeweyWest variance of the intercept to 1e-10 (relative). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void longRunVarianceOverNIsNeweyWest(String name, JsonNode c) {
        double[] x = averaged(perSeed(c), c.get("horizon").asInt() - 1);
        assertRelative(c.get("nwVariance").doubleValue(), Summary.longRunVariance(x, c.get("lags").asInt()) / x.length, name + ": NW variance");
    }

    /** estimate's mean, low and high agree with R's to 1e-10 (relative), over all n origins. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void estimateMatchesR(String name, JsonNode c) {
        int horizon = c.get("horizon").asInt();
        double[] est = Summary.estimate(perSeed(c), horizon - 1, frames(c), horizon);
        assertEquals(c.get("n").asInt(), (int) est[3], name + ": origins used");
        assertRelative(c.get("mean").doubleValue(), est[0], name + ": mean");
        assertRelative(c.get("low").doubleValue(), est[1], name + ": low");
        assertRelative(c.get("high").doubleValue(), est[2], name + ": high");
        if (c.has("tTestLow")) { // one seed, no overlap: the t interval
            assertRelative(c.get("tTestLow").doubleValue(), est[1], name + ": low against t.test");
            assertRelative(c.get("tTestHigh").doubleValue(), est[2], name + ": high against t.test");
        }
    }
}
