package org.vdpnet.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.forecast.Forecast;
import org.vdpnet.sim.forecast.Forecaster;
import org.vdpnet.sim.forecast.ForecasterTrainer;
import org.vdpnet.sim.forecast.Training;

class StackingTest {
    /** A seeded 3-channel series: coupled AR(1) plus a slow sine. */
    static double[][] series(long seed, int length) {
        Random rnd = new Random(seed);
        double[][] x = new double[length][3];
        double phase = rnd.nextDouble() * 2 * Math.PI;
        for (int t = 1; t < length; t++) {
            for (int i = 0; i < 3; i++) {
                x[t][i] = 0.7 * x[t - 1][i] + 0.15 * x[t - 1][(i + 1) % 3] + Math.sin(0.2 * t + phase + i) + 0.5 * rnd.nextGaussian();
            }
        }
        return x;
    }

    /** Seeded noise {@code [origin history length][horizon][channel]}. */
    static double[][][] noise(long seed, int length, int horizon, double sd) {
        Random rnd = new Random(seed);
        double[][][] e = new double[length + 1][horizon][3];
        for (double[][] a : e) {
            for (double[] b : a) {
                for (int c = 0; c < 3; c++) {
                    b[c] = sd * rnd.nextGaussian();
                }
            }
        }
        return e;
    }

    /**
     * A synthetic forecaster that knows the whole series: the truth plus {@code scale} times a fixed
     * noise pattern. It peeks by construction, so it is only for tests of the weights.
     */
    static Forecaster oracle(String name, double[][] truth, double[][][] pattern, double scale, int horizon) {
        return new Forecaster() {
            @Override public String name() { return name; }
            @Override public int channels() { return 3; }
            @Override public int minimumHistory() { return 1; }
            @Override public int maximumHorizon() { return horizon; }
            @Override public double[][] forecast(double[][] history, int h) {
                Forecaster.check(this, history, h);
                int t = history.length;
                double[][] f = new double[h][3];
                for (int s = 0; s < h; s++) {
                    for (int c = 0; c < 3; c++) {
                        f[s][c] = truth[t + s][c] + scale * pattern[t][s][c];
                    }
                }
                return f;
            }
        };
    }

    static ForecasterTrainer trainer(String name, boolean seeded, Function<double[][], Training> fit) {
        return new ForecasterTrainer() {
            @Override public String name() { return name; }
            @Override public boolean seeded() { return seeded; }
            @Override public Training train(double[][] frames, long seed) { return fit.apply(frames); }
        };
    }

    static ForecasterTrainer fixed(Forecaster f) {
        return trainer(f.name(), false, frames -> Training.of(f, Map.of(), List.of()));
    }

    private static double[][] weights(Training t) { return (double[][]) t.details().get("weights"); }

    /** Component MSE per horizon, computed here: train on [0, T - V), forecast from every t in [T - V, T - H]. */
    private static double[][][][] validationForecasts(List<ForecasterTrainer> comps, double[][] frames, int tail, int h) {
        int cut = frames.length - tail;
        int origins = tail - h + 1;
        double[][][][] out = new double[comps.size()][origins][][];
        for (int k = 0; k < comps.size(); k++) {
            Forecaster f = comps.get(k).train(Arrays.copyOf(frames, cut), 1).forecaster().orElseThrow();
            for (int i = 0; i < origins; i++) {
                out[k][i] = f.forecast(Arrays.copyOf(frames, cut + i), h);
            }
        }
        return out;
    }

    private static double mse(double[][][] forecasts, double[][] frames, int cut, int step) {
        double s = 0;
        int count = 0;
        for (int i = 0; i < forecasts.length; i++) {
            for (int c = 0; c < 3; c++) {
                double e = forecasts[i][step][c] - frames[cut + i + step][c];
                s += e * e;
                count++;
            }
        }
        return s / count;
    }

    /**
     * The stack is not worse than its best part on validation data: on seeded random problems with
     * persistence, climatology, VAR and an oracle-plus-noise component, the stacked validation MSE at
     * every horizon (recomputed here from the components' own forecasts and the reported weights) is
     * at most the best single component's. The reported MSEs agree with the ones computed here.
     */
    @Test
    void theStackIsNotWorseThanItsBestPartOnValidationData() {
        int strictlyBetter = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Random rnd = new Random(seed * 31);
            int length = 150 + rnd.nextInt(150);
            int h = 3 + rnd.nextInt(6);
            double[][] x = series(seed, length);
            double[][][] e = noise(seed + 1000, length, h, 0.5 + rnd.nextDouble());
            List<ForecasterTrainer> comps = new ArrayList<>(BaselineTrainers.all(h, 0.0));
            comps.add(fixed(oracle("oracle", x, e, 1, h)));
            Stacking stack = Stacking.of(comps, h);
            Training t = stack.train(x, 7);
            assertFalse(t.isSkipped(), t.skipReason());
            int tail = stack.validationFrames(length);
            assertEquals(tail, t.details().get("validationFrames"));
            assertEquals(Math.max((int) Math.ceil(0.25 * length), h + 4), tail);
            assertEquals(tail - h + 1, t.details().get("validationOrigins"));
            double[][][][] fc = validationForecasts(comps, x, tail, h);
            double[][] w = weights(t);
            @SuppressWarnings("unchecked") Map<String, double[]> reported = (Map<String, double[]>) t.details().get("validationMse");
            double[] stackedReported = (double[]) t.details().get("stackedValidationMse");
            int cut = length - tail;
            for (int s = 0; s < h; s++) {
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < comps.size(); k++) {
                    double m = mse(fc[k], x, cut, s);
                    assertEquals(m, reported.get(comps.get(k).name())[s], 1e-12 * m, comps.get(k).name() + " h=" + (s + 1));
                    best = Math.min(best, m);
                }
                double[][][] combined = new double[fc[0].length][h][3];
                double sum = 0;
                for (int k = 0; k < comps.size(); k++) {
                    assertTrue(w[s][k] >= 0);
                    sum += w[s][k];
                    for (int i = 0; i < fc[0].length; i++) {
                        for (int c = 0; c < 3; c++) {
                            combined[i][s][c] += w[s][k] * fc[k][i][s][c];
                        }
                    }
                }
                assertEquals(1, sum, 1e-14);
                double stacked = mse(combined, x, cut, s);
                assertEquals(stacked, stackedReported[s], 1e-12 * stacked);
                assertTrue(stacked <= best + 1e-12, "seed " + seed + " h=" + (s + 1) + ": stacked " + stacked + " > best part " + best);
                strictlyBetter += stacked < best * (1 - 1e-6) ? 1 : 0;
            }
        }
        assertTrue(strictlyBetter > 0, "some horizon where combining helps");
    }

    /** truth = 0.3 f1 + 0.7 f2 exactly (f1 = truth + d, f2 = truth - 3/7 d): w = (0.3, 0.7, 0) at every horizon. */
    @Test
    void recoversKnownWeights() {
        int h = 6;
        double[][] x = series(3, 220);
        double[][][] d = noise(4, 220, h, 1);
        List<ForecasterTrainer> comps = List.of(fixed(oracle("f1", x, d, 1, h)), fixed(oracle("f2", x, d, -3.0 / 7, h)),
                BaselineTrainers.of("persistence", h, 0));
        Training t = Stacking.of(comps, h).train(x, 1);
        for (double[] row : weights(t)) {
            assertArrayEquals(new double[] {0.3, 0.7, 0}, row, 1e-9);
        }
        for (double m : (double[]) t.details().get("stackedValidationMse")) {
            assertEquals(0, m, 1e-24);
        }
        // persistence has weight 0 everywhere, so the forecaster does not hold it
        assertEquals(List.of("f1", "f2"), ((StackedForecaster) t.forecaster().orElseThrow()).componentNames());
    }

    /** The series a peeking component reads, set by {@link #leaks} (to show the detector works). */
    private static final double[][][] CURRENT = new double[1][][];

    private static boolean leaks(Forecaster m, double[][] x, int[] origins, int h) {
        for (int o : origins) {
            CURRENT[0] = x;
            List<Forecast> clean = Backtest.run(m, x, new int[] {o}, h);
            double[][] corrupted = Backtest.corruptAfter(x, o, 1e6);
            CURRENT[0] = corrupted;
            List<Forecast> dirty = Backtest.run(m, corrupted, new int[] {o}, h);
            CURRENT[0] = null;
            if (!Arrays.deepEquals(clean.get(0).values(), dirty.get(0).values()) || clean.get(0).status() != dirty.get(0).status()) {
                return true;
            }
        }
        return false;
    }

    /** Corrupting every frame after an origin leaves the stacked forecast from it bit-identical; a stack with a peeking part is caught. */
    @Test
    void noLookAhead() {
        int h = 8;
        double[][] x = series(11, 320);
        List<ForecasterTrainer> comps = BaselineTrainers.all(h, 1e-6);
        Training t = Stacking.of(comps, h).train(Arrays.copyOf(x, 220), 1);
        Forecaster stacked = t.forecaster().orElseThrow();
        int[] origins = Backtest.origins(219, 300, 12);
        assertFalse(leaks(stacked, x, origins, h));
        Forecaster peeking = new Forecaster() {
            @Override public String name() { return "peeking"; }
            @Override public int channels() { return 3; }
            @Override public int minimumHistory() { return 1; }
            @Override public int maximumHorizon() { return h; }
            @Override public double[][] forecast(double[][] history, int horizon) {
                return Arrays.copyOfRange(CURRENT[0] == null ? x : CURRENT[0], history.length, history.length + horizon);
            }
        };
        List<ForecasterTrainer> withPeek = new ArrayList<>(comps);
        withPeek.add(fixed(peeking));
        Forecaster leaky = Stacking.of(withPeek, h).train(Arrays.copyOf(x, 220), 1).forecaster().orElseThrow();
        assertTrue(leaks(leaky, x, origins, h));
    }

    /** Same frames and seed: the same weights, details and forecasts, bit for bit; seeded when a part is. */
    @Test
    void rerunsAreBitIdentical() {
        int h = 5;
        double[][] x = series(21, 200);
        Stacking stack = Stacking.of(BaselineTrainers.all(h, 0.0), h);
        Training a = stack.train(x, 3);
        Training b = stack.train(x, 3);
        assertTrue(Arrays.deepEquals(weights(a), weights(b)));
        assertArrayEquals((double[]) a.details().get("stackedValidationMse"), (double[]) b.details().get("stackedValidationMse"));
        double[][] history = Arrays.copyOf(x, 190);
        assertTrue(Arrays.deepEquals(a.forecaster().orElseThrow().forecast(history, h), b.forecaster().orElseThrow().forecast(history, h)));
        assertFalse(stack.seeded());
        List<ForecasterTrainer> seeded = new ArrayList<>(BaselineTrainers.all(h, 0.0));
        seeded.add(trainer("lstm-like", true, f -> Training.of(Baselines.persistence(3, h), Map.of(), List.of())));
        assertTrue(Stacking.of(seeded, h).seeded());
    }

    /**
     * A component that fails at some origins: it is kept (it failed at a third of the validation
     * origins, fewer than half), those origins are left out of the fit (counted); at forecast time
     * the stacked forecast there renormalises the other weights and is FALLBACK with a note; where
     * the component fell back, its forecast is used (in the fit too) and the stack says so; elsewhere
     * the stacked forecast is OK, with no members although the component's forecasts carry them.
     */
    @Test
    void aComponentFailingAtSomeOriginsIsHandledExplicitly() {
        int h = 4;
        double[][] x = series(5, 300);
        double[][][] e = noise(6, 300, h, 1.5);
        Forecaster oracle = oracle("flaky", x, e, 1, h);
        Forecaster flaky = new Forecaster() {
            @Override public String name() { return "flaky"; }
            @Override public int channels() { return 3; }
            @Override public int minimumHistory() { return 1; }
            @Override public int maximumHorizon() { return h; }
            @Override public double[][] forecast(double[][] history, int horizon) { return forecastAll(List.<double[][]>of(history), horizon).get(0).values(); }
            @Override public List<Forecast> forecastAll(List<double[][]> histories, int horizon) {
                List<Forecast> out = new ArrayList<>();
                for (double[][] hist : histories) {
                    if (hist.length % 3 == 0) {
                        out.add(Forecast.failed(horizon, 3, "diverged"));
                    } else if (hist.length % 5 == 0) {
                        out.add(Forecast.fallback(oracle.forecast(hist, horizon), "used its simpler model"));
                    } else {
                        double[][] v = oracle.forecast(hist, horizon);
                        double[][][] members = {v, v};
                        out.add(Forecast.of(v).withMembers(members));
                    }
                }
                return out;
            }
        };
        List<ForecasterTrainer> comps = List.of(BaselineTrainers.of("persistence", h, 0), BaselineTrainers.of("climatology", h, 0), fixed(flaky));
        double[][] train = Arrays.copyOf(x, 200);
        Training t = Stacking.of(comps, h).train(train, 1);
        assertFalse(t.isSkipped(), t.skipReason());
        int tail = 50; // 0.25 of 200
        int origins = tail - h + 1;
        int failed = (int) java.util.stream.IntStream.rangeClosed(200 - tail, 200 - h).filter(s -> s % 3 == 0).count();
        assertEquals(failed, ((Map<?, ?>) t.details().get("failedOrigins")).get("flaky"));
        int fellBack = (int) java.util.stream.IntStream.rangeClosed(200 - tail, 200 - h).filter(s -> s % 3 != 0 && s % 5 == 0).count();
        assertEquals(fellBack, ((Map<?, ?>) t.details().get("fallbackOrigins")).get("flaky"));
        assertEquals(origins - failed, t.details().get("fitOrigins")); // fallbacks count as the component's forecasts
        assertEquals(failed, t.details().get("leftOutOrigins"));
        assertTrue(t.warnings().stream().anyMatch(w -> w.contains(failed + " of " + origins)), t.warnings().toString());
        double[][] w = weights(t);
        for (double[] row : w) {
            assertTrue(row[2] > 0 && row[0] + row[1] > 0, "every part weighted: " + Arrays.toString(row));
        }
        Forecaster stacked = t.forecaster().orElseThrow();
        double[] mean = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = org.vdpnet.sim.Statistics.mean(org.vdpnet.sim.Statistics.column(train, c));
        }
        int fallbacks = 0;
        for (int o = 205; o < 240; o++) {
            double[][] history = Arrays.copyOf(x, o + 1);
            Forecast f = stacked.forecastAll(List.<double[][]>of(history), h).get(0);
            assertFalse(f.hasMembers());
            double[][] v = f.values();
            double[][] or = oracle.forecast(history, h);
            for (int s = 0; s < h; s++) {
                for (int c = 0; c < 3; c++) {
                    double expected;
                    if (history.length % 3 == 0) {
                        expected = (w[s][0] * x[o][c] + w[s][1] * mean[c]) / (w[s][0] + w[s][1]);
                    } else {
                        expected = w[s][0] * x[o][c] + w[s][1] * mean[c] + w[s][2] * or[s][c];
                    }
                    assertEquals(expected, v[s][c], 1e-12, "origin " + o + " h " + (s + 1));
                }
            }
            if (history.length % 3 == 0) {
                fallbacks++;
                assertEquals(Forecast.Status.FALLBACK, f.status());
                assertTrue(f.note().contains("flaky") && f.note().contains("diverged") && f.note().contains("renormalised"), f.note());
            } else if (history.length % 5 == 0) {
                assertEquals(Forecast.Status.FALLBACK, f.status());
                assertTrue(f.note().contains("flaky fell back (used its simpler model)") && !f.note().contains("renormalised"), f.note());
            } else {
                assertEquals(Forecast.Status.OK, f.status());
            }
        }
        assertTrue(fallbacks > 5);
    }

    /** Every weighted component failing at an origin: the stacked forecast is FAILED there, with a note. */
    @Test
    void failsWhenEveryWeightedComponentFails() {
        int h = 3;
        double[][] x = series(8, 200);
        double[][][] d = noise(9, 200, h, 1);
        Forecaster f1 = oracle("f1", x, d, 1, h);
        Forecaster f2 = oracle("f2", x, d, -3.0 / 7, h);
        Forecaster stacked = new StackedForecaster("stacked", List.of(f1, f2), new double[][] {{0.3, 0.7}, {0.3, 0.7}, {1, 0}});
        Forecaster dead = new Forecaster() {
            @Override public String name() { return "f2"; }
            @Override public int channels() { return 3; }
            @Override public int minimumHistory() { return 1; }
            @Override public int maximumHorizon() { return h; }
            @Override public double[][] forecast(double[][] history, int horizon) { throw new ArithmeticException("singular"); }
        };
        Forecaster partly = new StackedForecaster("stacked", List.of(f1, dead), new double[][] {{0.3, 0.7}, {0, 1}, {1, 0}});
        Forecast f = partly.forecastAll(List.<double[][]>of(Arrays.copyOf(x, 100)), h).get(0);
        assertEquals(Forecast.Status.FAILED, f.status());
        assertTrue(f.note().contains("horizon 2") && f.note().contains("singular"), f.note());
        // horizon 1 alone: f1 carries weight, so it renormalises to f1
        Forecast one = partly.forecastAll(List.<double[][]>of(Arrays.copyOf(x, 100)), 1).get(0);
        assertEquals(Forecast.Status.FALLBACK, one.status());
        assertArrayEquals(f1.forecast(Arrays.copyOf(x, 100), 1)[0], one.values()[0], 1e-15);
        assertEquals(Forecast.Status.OK, stacked.forecastAll(List.<double[][]>of(Arrays.copyOf(x, 100)), h).get(0).status());
    }

    /** A component skipped on the tail, or on the retraining, is dropped with a warning; the weights are those of the stack without it. */
    @Test
    void skippedComponentsAreDroppedWithAWarning() {
        int h = 5;
        double[][] x = series(13, 240);
        List<ForecasterTrainer> base = BaselineTrainers.all(h, 0.0);
        Training reference = Stacking.of(base, h).train(x, 1);
        ForecasterTrainer never = trainer("never", false, f -> Training.skipped("never", "unstable network", Map.of(), List.of()));
        ForecasterTrainer lateFail = trainer("late", false, f -> f.length == x.length ? Training.skipped("late", "no convergence", Map.of(), List.of())
                : Training.of(Baselines.persistence(3, h), Map.of(), List.of()));
        ForecasterTrainer throwing = trainer("throws", false, f -> {
            throw new IllegalStateException("Cholesky failed");
        });
        for (ForecasterTrainer extra : List.of(never, lateFail, throwing)) {
            List<ForecasterTrainer> comps = new ArrayList<>(base);
            comps.add(1, extra);
            Training t = Stacking.of(comps, h).train(x, 1);
            assertFalse(t.isSkipped(), t.skipReason());
            assertTrue(t.warnings().stream().anyMatch(w -> w.startsWith(extra.name() + " dropped")), t.warnings().toString());
            assertTrue(((Map<?, ?>) t.details().get("dropped")).containsKey(extra.name()));
            double[][] w = weights(t);
            double[][] r = weights(reference);
            for (int s = 0; s < h; s++) {
                assertEquals(0, w[s][1]);
                assertArrayEquals(r[s], new double[] {w[s][0], w[s][2], w[s][3]}, extra.name());
            }
        }
    }

    /** A component failing at most validation origins is dropped (weight 0, warning); origins where others fail are not lost to it. */
    @Test
    void aComponentFailingAtMostOriginsIsDropped() {
        int h = 4;
        double[][] x = series(17, 200);
        Forecaster mostlyFailing = new Forecaster() {
            @Override public String name() { return "bad"; }
            @Override public int channels() { return 3; }
            @Override public int minimumHistory() { return 1; }
            @Override public int maximumHorizon() { return h; }
            @Override public double[][] forecast(double[][] history, int horizon) {
                double[][] f = new double[horizon][3];
                if (history.length % 4 != 0) {
                    f[0][0] = Double.NaN;
                }
                return f;
            }
        };
        List<ForecasterTrainer> comps = new ArrayList<>(BaselineTrainers.all(h, 0.0));
        comps.add(fixed(mostlyFailing));
        Training t = Stacking.of(comps, h).train(x, 1);
        assertFalse(t.isSkipped());
        assertTrue(t.warnings().stream().anyMatch(w -> w.startsWith("bad dropped") && w.contains("failed at")), t.warnings().toString());
        assertEquals(t.details().get("validationOrigins"), t.details().get("fitOrigins"));
        for (double[] row : weights(t)) {
            assertEquals(0, row[3]);
        }
    }

    /**
     * Too few frames for a tail and a component set before it: skipped with the reason. With the
     * defaults (fraction 0.25, 5 origins) and horizon 5 the tail is max(ceil(T / 4), 9) frames, so
     * T = 17 is refused (8 frames before a 9-frame tail) and T = 18 trains.
     */
    @Test
    void tooFewFramesIsASkipWithAReason() {
        int h = 5;
        Stacking stack = Stacking.of(List.of(BaselineTrainers.of("persistence", h, 0), BaselineTrainers.of("climatology", h, 0)), h);
        Training t = stack.train(series(1, 17), 1);
        assertTrue(t.isSkipped());
        assertTrue(t.skipReason().contains("17 training frames are too few") && t.skipReason().contains("9 frames"), t.skipReason());
        assertEquals(9, t.details().get("validationFrames"));
        Training ok = stack.train(series(1, 18), 1);
        assertFalse(ok.isSkipped(), ok.skipReason());
        assertEquals(5, ok.details().get("validationOrigins"));
        // every component dropped: skipped, naming them
        ForecasterTrainer never = trainer("never", false, f -> Training.skipped("never", "unstable", Map.of(), List.of()));
        Training none = Stacking.of(List.of(never), h).train(series(1, 100), 1);
        assertTrue(none.isSkipped() && none.skipReason().contains("never"), none.skipReason());
    }

    @Test
    void settingsAreValidatedWithNamedMessages() {
        List<ForecasterTrainer> comps = BaselineTrainers.all(5, 0.0);
        Stacking s = Stacking.of(comps, 5);
        assertEquals(0.25, s.validationFraction());
        assertEquals(5, s.minimumOrigins());
        assertEquals(0.5, s.maximumFailedFraction());
        assertEquals("stacked", s.name());
        assertEquals(List.of("persistence", "climatology", "var"), s.settings().get("components"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.withValidationFraction(Double.NaN));
        assertTrue(e.getMessage().startsWith("validationFraction") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.withMinimumOrigins(0));
        assertTrue(e.getMessage().startsWith("minimumOrigins") && e.getMessage().contains("got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.withMaximumFailedFraction(1));
        assertTrue(e.getMessage().startsWith("maximumFailedFraction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stacking.of(List.of(), 5));
        assertTrue(e.getMessage().startsWith("components"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stacking.of(List.of(comps.get(0), comps.get(0)), 5));
        assertTrue(e.getMessage().contains("'persistence' appears twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stacking.of(comps, 0));
        assertTrue(e.getMessage().startsWith("horizon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Stacking.of(BaselineTrainers.all(3, 0.0), 5).train(series(1, 100), 1));
        assertTrue(e.getMessage().contains("horizon 5"), e.getMessage());
        double[][] bad = series(1, 100);
        bad[40][1] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> s.train(bad, 1));
        assertTrue(e.getMessage().contains("[40][1]"), e.getMessage());
        assertEquals(0.3, s.withValidationFraction(0.3).validationFraction());
        assertEquals(40, s.withValidationFraction(0.4).validationFrames(100));
        assertEquals("stack2", s.withName("stack2").name());
    }
}
