package org.vdpnet.fitting.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.fitting.recording.RecordingOptions;
import org.vdpnet.fitting.recording.RecordingReader;
import org.vdpnet.sim.TimeSeries;

class PreprocessingTest {

    private static TimeSeries series(double[][] rows) {
        double[] t = new double[rows.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = k;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < rows[0].length; c++) {
            names.add("ch" + c);
        }
        return TimeSeries.of(t, names, rows);
    }

    /** Reference output from SciPy (header of the fixture gives the call and the input). */
    @ParameterizedTest(name = "order {0}")
    @ValueSource(ints = {2, 3})
    void butterworthBandPassMatchesScipy(int order) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src", "test", "resources", "butter_bp" + order + "_scipy.txt"));
        double[] expected = lines.stream().filter(l -> !l.startsWith("#")).mapToDouble(Double::parseDouble).toArray();
        double[] x = new double[300];
        for (int k = 0; k < 300; k++) {
            double t = k / 10.0;
            x[k] = Math.sin(2 * Math.PI * 0.2 * t) + 0.5 * Math.sin(2 * Math.PI * t) + 0.3 * Math.sin(2 * Math.PI * 3.5 * t) + 0.05 * t;
        }
        double[] y = Butterworth.bandPass(order, 0.5, 2.0, 10.0).filtFilt(x);
        assertArrayEquals(expected, y, 1e-10);
    }

    @Test
    void detrendRemovesPolynomialsExactly() {
        double[][] r = new double[50][2];
        for (int k = 0; k < 50; k++) {
            r[k][0] = 3 + 0.2 * k;
            r[k][1] = 1 - 0.01 * k + 0.003 * k * k;
        }
        TimeSeries lin = Steps.detrend(1).apply(series(r), new PreprocessLog());
        TimeSeries quad = Steps.detrend(2).apply(series(r), new PreprocessLog());
        for (int k = 0; k < 50; k++) {
            assertEquals(0, lin.value(k, 0), 1e-12);
            assertEquals(0, quad.value(k, 1), 1e-12);
        }
    }

    @Test
    void svdComponentsReconstructTheData() {
        Random rnd = new Random(3);
        double[][] r = new double[40][5];
        for (int k = 0; k < 40; k++) {
            double a = Math.sin(0.3 * k);
            double b = Math.cos(0.11 * k) + 0.1 * k;
            for (int c = 0; c < 5; c++) {
                r[k][c] = (c + 1) * a + (c - 2) * b + 7 * c + 1e-3 * rnd.nextGaussian();
            }
        }
        Preprocessing.Result res = Preprocessing.of(Steps.svdComponents(5)).apply(series(r));
        Components comp = res.components().orElseThrow();
        TimeSeries back = comp.toChannels(res.data());
        for (int k = 0; k < 40; k++) {
            for (int c = 0; c < 5; c++) {
                assertEquals(r[k][c], back.value(k, c), 1e-9);
            }
        }
        double[] ev = comp.explainedVariance();
        assertEquals(1.0, java.util.Arrays.stream(ev).sum(), 1e-12);
        assertTrue(ev[0] + ev[1] > 0.9999, "two latent signals carry the data");
        double[] c1 = res.data().column(0);
        assertEquals(0, java.util.Arrays.stream(c1).average().orElseThrow(), 1e-12);
        assertEquals(1, java.util.Arrays.stream(c1).map(v -> v * v).average().orElseThrow(), 1e-12);
    }

    @Test
    void bundledZebrafishHasThreeDeadRegions() throws IOException {
        Recording rec = RecordingReader.read(Path.of("..", "data", "zebrafish", "timeseries_regions_fish6.csv"),
                RecordingOptions.defaults().withLayout(RecordingOptions.Layout.CHANNELS_BY_TIME).withRate(1.1));
        assertEquals(70, rec.data().channelCount());
        assertEquals(892, rec.data().size());
        Preprocessing.Result res = Preprocessing.of(Steps.dropDeadChannels(), Steps.window(0, 100), Steps.svdComponents(6))
                .apply(rec.data());
        assertEquals(List.of("dropped 3 dead (constant) channel(s): ch17, ch34, ch49"), res.warnings());
        assertEquals(100, res.data().size());
        assertEquals(6, res.data().channelCount());
        assertEquals(67, res.components().orElseThrow().channels().size());
    }

    @Test
    void badSettingsAreNamed() {
        TimeSeries ts = series(new double[][] {{1, 2}, {2, 3}, {3, 5}});
        assertEquals("--components: 3 components need at least as many channels, got 2",
                assertThrows(IllegalArgumentException.class, () -> Steps.svdComponents(3).apply(ts, new PreprocessLog())).getMessage());
        assertEquals("--window: 1:11 runs past the end of the recording (3 frames)",
                assertThrows(IllegalArgumentException.class, () -> Steps.window(1, 10).apply(ts, new PreprocessLog())).getMessage());
        assertEquals("band-pass: need 0 < low < high < Nyquist (0.5 Hz), got [0.1, 0.6]",
                assertThrows(IllegalArgumentException.class, () -> Steps.bandPass(2, 0.1, 0.6, 1.0)).getMessage());
    }
}
