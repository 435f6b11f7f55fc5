package org.vdpnet.scenarios.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.fitting.preprocess.ChannelScaling;
import org.vdpnet.fitting.preprocess.Components;
import org.vdpnet.fitting.preprocess.Preprocessing;
import org.vdpnet.fitting.preprocess.Steps;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.sim.TimeSeries;

/**
 * A recording prepared for forecasting without looking ahead: channels constant over the
 * training frames are dropped, every channel is z-scored by the training frames' statistics, the
 * temporal SVD components are learnt from the training frames, and every frame (training and
 * test) is projected onto them. Frame numbers are the recording's.
 */
public final class ForecastData {
    private final int trainStart;
    private final int trainEnd;
    private final double[][] all;
    private final Components components;
    private final List<String> warnings;
    private final Map<String, Object> describe;

    private ForecastData(int trainStart, int trainEnd, double[][] all, Components components, List<String> warnings, Map<String, Object> describe) {
        this.trainStart = trainStart;
        this.trainEnd = trainEnd;
        this.all = all;
        this.components = components;
        this.warnings = warnings;
        this.describe = describe;
    }

    /** Prepares frames {@code [trainStart, end)}, learning everything from {@code [trainStart, trainEnd)}. */
    public static ForecastData prepare(Recording rec, int trainStart, int trainEnd, int end, int k, boolean channelZscore) {
        TimeSeries ts = rec.data();
        List<String> names = ts.channels();
        List<Integer> keep = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            double first = ts.value(trainStart, c);
            boolean constant = true;
            for (int t = trainStart; t < trainEnd && constant; t++) {
                constant = ts.value(t, c) == first;
            }
            if (constant) {
                dead.add(names.get(c));
            } else {
                keep.add(c);
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!dead.isEmpty()) {
            warnings.add("dropped " + dead.size() + " channel(s) constant over the training frames: " + String.join(", ", dead));
        }
        if (k > keep.size()) {
            throw new IllegalArgumentException("--components: " + k + " components need at least as many channels, got " + keep.size());
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
        double[][] all = comps.project(rows);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("droppedChannels", dead);
        d.put("channelZscore", channelZscore ? "training-frame statistics" : "off");
        d.put("components", k);
        d.put("svd", "learnt from the training frames; test frames projected");
        d.put("explainedVariance", comps.explainedVariance());
        d.put("trainFrames", List.of(trainStart, trainEnd));
        d.put("end", end);
        return new ForecastData(trainStart, trainEnd, all, comps, warnings, d);
    }

    /** The training frames' components, {@code [time][component]}. */
    public double[][] train() { return Arrays.copyOf(all, trainEnd - trainStart); }

    /** Every prepared frame's components, {@code [time][component]}, row 0 being frame {@link #trainStart()}; a copy. */
    public double[][] series() {
        double[][] c = new double[all.length][];
        for (int t = 0; t < all.length; t++) {
            c[t] = all[t].clone();
        }
        return c;
    }

    /** Row indices in {@link #series()} of recording frame numbers. */
    public int[] rows(int[] frames) {
        int[] r = new int[frames.length];
        for (int i = 0; i < frames.length; i++) {
            r[i] = frames[i] - trainStart;
        }
        return r;
    }

    /** Components of frame {@code frame} (a recording frame number). */
    public double[] frame(int frame) { return all[frame - trainStart]; }

    public int trainStart() { return trainStart; }

    public int trainEnd() { return trainEnd; }

    /** One past the last prepared frame. */
    public int end() { return trainStart + all.length; }

    public int count() { return all[0].length; }

    public Components components() { return components; }

    public List<String> warnings() { return warnings; }

    public Map<String, Object> describe() { return describe; }
}
