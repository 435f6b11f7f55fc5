package org.vdpnet.scenarios.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vdpnet.fitting.preprocess.ChannelScaling;
import org.vdpnet.fitting.preprocess.Components;
import org.vdpnet.fitting.preprocess.Preprocessing;
import org.vdpnet.fitting.preprocess.Steps;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.fitting.recording.RecordingOptions;
import org.vdpnet.fitting.recording.RecordingReader;
import org.vdpnet.sim.TimeSeries;

/**
 * Gaps are filled without looking ahead: the training frames from themselves only, the test frames
 * causally (carried forward), and a recording without gaps is prepared exactly as before gap
 * filling existed.
 */
class ForecastDataTest {
    private static final Path FISH = Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int START = 5;
    private static final int TRAIN_END = 70;
    private static final int END = 110;

    @TempDir
    Path dir;

    /** 4 channels x 110 frames at 2 Hz, smooth plus noise, with gaps at the given {frame, channel}s. */
    private static double[][] values(int[]... gaps) {
        Random rnd = new Random(7);
        double[][] x = new double[END][4];
        for (int t = 0; t < END; t++) {
            for (int c = 0; c < 4; c++) {
                x[t][c] = Math.sin(0.2 * t + c) + 0.4 * Math.cos(0.07 * t * (c + 1)) + 0.05 * rnd.nextGaussian();
            }
        }
        for (int[] g : gaps) {
            x[g[0]][g[1]] = Double.NaN;
        }
        return x;
    }

    private static Recording recording(double[][] x) {
        double[] t = new double[x.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = k / 2.0;
        }
        return new Recording(TimeSeries.of(t, List.of("a", "b", "c", "d"), x), 2.0, "memory", "csv", List.of());
    }

    private static double[][] copy(double[][] x) {
        return Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
    }

    /** Gaps in the training part (interior and at its first frame) and in the test part (its first frame, and a run). */
    private static final int[][] GAPS = {{20, 1}, {START, 2}, {TRAIN_END, 0}, {TRAIN_END + 9, 3}, {TRAIN_END + 10, 3}, {TRAIN_END + 11, 1}};

    private static ForecastData prepare(double[][] x) {
        return ForecastData.prepare(recording(x), START, TRAIN_END, END, 3, true);
    }

    @ParameterizedTest(name = "corrupted to {0}")
    @CsvSource({"1e6", "NaN"})
    void aFrameDependsOnNoLaterFrame(double corrupt) {
        double[][] x = values(GAPS);
        double[][] clean = prepare(x).series();
        for (int t = TRAIN_END - 1; t < END - 1; t++) {
            double[][] dirty = copy(x);
            for (int s = t + 1; s < END; s++) {
                Arrays.fill(dirty[s], corrupt);
            }
            double[][] changed = prepare(dirty).series();
            assertTrue(Arrays.deepEquals(Arrays.copyOf(clean, t - START + 1), Arrays.copyOf(changed, t - START + 1)),
                    "rows up to frame " + t + " changed when frames after it were corrupted");
        }
        // and a single corrupted frame leaves every earlier row alone too
        for (int s = TRAIN_END; s < END; s++) {
            double[][] dirty = copy(x);
            Arrays.fill(dirty[s], corrupt);
            double[][] changed = prepare(dirty).series();
            assertTrue(Arrays.deepEquals(Arrays.copyOf(clean, s - START), Arrays.copyOf(changed, s - START)), "frame " + s);
        }
    }

    @ParameterizedTest(name = "corrupted to {0}")
    @CsvSource({"1e6", "NaN"})
    void theTestPartChangesNothingLearntFromTraining(double corrupt) throws IOException {
        double[][] x = values(GAPS);
        ForecastData clean = prepare(x);
        for (int s = TRAIN_END; s < END; s++) {
            double[][] dirty = copy(x);
            Arrays.fill(dirty[s], corrupt);
            ForecastData changed = prepare(dirty);
            assertTrue(Arrays.deepEquals(clean.train(), changed.train()), "training rows, frame " + s);
            assertTrue(Arrays.deepEquals(clean.components().loadings(), changed.components().loadings()), "loadings, frame " + s);
            assertTrue(Arrays.equals(clean.components().singularValues(), changed.components().singularValues()), "singular values, frame " + s);
            Map<String, Object> a = JSON.readValue(JSON.writeValueAsString(clean.describe()), Map.class);
            Map<String, Object> b = JSON.readValue(JSON.writeValueAsString(changed.describe()), Map.class);
            boolean hadGap = false;
            for (double v : x[s]) {
                hadGap |= Double.isNaN(v);
            }
            if (Double.isNaN(corrupt) || hadGap) {
                // the count of test values carried forward is the one thing describe() says about the test part: it changes
                // when a frame becomes a gap (NaN) or stops being one (1e6 over a gap); nothing learnt from training may
                ((Map<?, ?>) a.get("missingValues")).remove("carriedForwardInTest");
                ((Map<?, ?>) b.get("missingValues")).remove("carriedForwardInTest");
            }
            assertEquals(a, b, "describe(), frame " + s);
        }
    }

    @Test
    void aGapAtTheStartOfTheTestPartIsCarriedForwardNotBackFilled() {
        double[][] x = values(new int[] {TRAIN_END, 0});
        ForecastData d = prepare(x);
        double[][] carried = values();
        carried[TRAIN_END][0] = carried[TRAIN_END - 1][0];
        double[][] backFilled = values();
        backFilled[TRAIN_END][0] = backFilled[TRAIN_END + 1][0];
        int row = TRAIN_END - START;
        assertTrue(Arrays.equals(prepare(carried).series()[row], d.series()[row]), "the last training value, carried forward");
        assertFalse(Arrays.equals(prepare(backFilled).series()[row], d.series()[row]), "not the next value");
        assertTrue(Arrays.deepEquals(prepare(carried).series(), d.series()), "nothing else differs");
        assertEquals(List.of("carried forward 1 missing value(s) in the test frames 70-109 from the latest earlier value (causal)"), d.warnings());
        Map<?, ?> gaps = (Map<?, ?>) d.describe().get("missingValues");
        assertEquals(0, gaps.get("filledInTraining"));
        assertEquals(1, gaps.get("carriedForwardInTest"));

        // the truth for scoring keeps the gap: NaN in every component at that frame, the filled value elsewhere
        double[][] obs = d.observed();
        double[][] series = d.series();
        for (int r = 0; r < obs.length; r++) {
            for (int j = 0; j < obs[r].length; j++) {
                if (r == row) {
                    assertTrue(Double.isNaN(obs[r][j]), "component " + j);
                } else {
                    assertEquals(series[r][j], obs[r][j], 0.0);
                }
            }
        }
    }

    @Test
    void trainingGapsAreInterpolatedWithinTheTrainingFrames() {
        // frame 20 of b halfway between 1.0 and 2.0; frame 5 (the first training frame) of c takes frame 6's value
        double[][] x = values(new int[] {20, 1}, new int[] {START, 2});
        x[19][1] = 1.0;
        x[21][1] = 2.0;
        x[START - 1][2] = 1e6; // before the training frames: must not be used for the edge
        double[][] byHand = copy(x);
        byHand[20][1] = 1.5;
        byHand[START][2] = x[START + 1][2];
        ForecastData d = prepare(x);
        assertTrue(Arrays.deepEquals(prepare(byHand).series(), d.series()));
        assertEquals(List.of("filled 2 missing value(s) in the training frames 5-69 by linear interpolation within them (nearest value at their edges)"),
                d.warnings());
        assertEquals(2, ((Map<?, ?>) d.describe().get("missingValues")).get("filledInTraining"));
    }

    @Test
    void aChannelWithNoTrainingValueIsNamed() {
        double[][] x = values();
        for (int t = START; t < TRAIN_END; t++) {
            x[t][3] = Double.NaN;
        }
        assertEquals("--nan interpolate: channel d has no finite value in the training frames 5-69, so its gaps there cannot be filled",
                assertThrows(IllegalArgumentException.class, () -> prepare(x)).getMessage());
    }

    @Test
    void unevenlySpacedFramesAreRefusedAndEdgeDropsAreFine() throws IOException {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int k = 0; k < 40; k++) {
            boolean gap = k == 0 || k == 12 || k == 13 || k == 25 || k == 39;
            csv.append(gap ? "nan" : String.valueOf(Math.sin(0.3 * k))).append(',').append(Math.cos(0.5 * k)).append('\n');
        }
        Path f = dir.resolve("gaps.csv");
        Files.writeString(f, csv);
        Recording rec = RecordingReader.read(f, RecordingOptions.defaults().withRate(1).withNan(RecordingOptions.NanPolicy.DROP));
        assertEquals(35, rec.data().size());
        assertEquals("--nan drop: dropped 3 interior time point(s), so frames 0-34 are no longer evenly spaced;"
                + " use --nan interpolate (filled per split, causally in the test part) or --nan fail",
                assertThrows(IllegalArgumentException.class, () -> ForecastData.prepare(rec, 0, 20, 35, 2, true)).getMessage());
        // frames 22-33 are samples 26-37: evenly spaced; the leading and trailing drops do not matter
        ForecastData ok = ForecastData.prepare(rec, 22, 30, 34, 2, true);
        assertEquals(12, ok.series().length);
        assertEquals(14.0, rec.data().time(11), 0.0, "frames keep the file's time stamps");
    }

    @ParameterizedTest(name = "frames {0}-{1}-{2}, z-score {3}")
    @CsvSource({"0, 300, 400, true", "100, 400, 892, true", "0, 300, 892, false"})
    void withoutGapsTheSeriesIsBitIdenticalToTheOldPreparation(int trainStart, int trainEnd, int end, boolean zscore) throws IOException {
        Recording rec = RecordingReader.read(FISH, RecordingOptions.defaults().withLayout(RecordingOptions.Layout.CHANNELS_BY_TIME).withRate(1.1));
        ForecastData d = ForecastData.prepare(rec, trainStart, trainEnd, end, 6, zscore);
        assertTrue(Arrays.deepEquals(oldSeries(rec, trainStart, trainEnd, end, 6, zscore), d.series()));
        assertTrue(Arrays.deepEquals(d.series(), d.observed()), "nothing missing, so the truth is the series");
        assertEquals(List.of("dropped 3 channel(s) constant over the training frames: ch17, ch34, ch49"), d.warnings());
    }

    /** A copy of ForecastData.prepare's computation before gap filling (commit 2ec2f6a), for the regression test above. */
    private static double[][] oldSeries(Recording rec, int trainStart, int trainEnd, int end, int k, boolean channelZscore) {
        TimeSeries ts = rec.data();
        List<String> names = ts.channels();
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            double first = ts.value(trainStart, c);
            boolean constant = true;
            for (int t = trainStart; t < trainEnd && constant; t++) {
                constant = ts.value(t, c) == first;
            }
            if (!constant) {
                keep.add(c);
            }
        }
        double[][] rows = new double[end - trainStart][keep.size()];
        List<String> kept = new ArrayList<>();
        for (int c : keep) {
            kept.add(names.get(c));
        }
        for (int t = trainStart; t < end; t++) {
            for (int j = 0; j < keep.size(); j++) {
                rows[t - trainStart][j] = ts.value(t, keep.get(j));
            }
        }
        double[][] trainRows = Arrays.copyOf(rows, trainEnd - trainStart);
        if (channelZscore) {
            ChannelScaling scaling = ChannelScaling.fit(trainRows, kept);
            rows = scaling.apply(rows);
            trainRows = Arrays.copyOf(rows, trainEnd - trainStart);
        }
        double[] times = new double[trainRows.length];
        for (int t = 0; t < times.length; t++) {
            times[t] = (trainStart + t) / rec.rate();
        }
        Preprocessing.Result pre = Preprocessing.of(Steps.svdComponents(k)).apply(TimeSeries.of(times, kept, trainRows));
        Components comps = pre.components().orElseThrow();
        return comps.project(rows);
    }
}
