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
import org.vdpnet.fitting.recording.GapFilling;
import org.vdpnet.fitting.recording.Recording;
import org.vdpnet.sim.TimeSeries;

/**
 * A recording prepared for forecasting without looking ahead: gaps (NaN kept by
 * {@code --nan interpolate}) in the training frames are filled by linear interpolation within
 * those frames only and gaps in the test frames are carried forward from the latest earlier value,
 * so a test frame's filled value depends on it and earlier frames only; channels constant over
 * the (filled) training frames are dropped, every channel is z-scored by the training frames'
 * statistics, the temporal SVD components are learnt from the training frames, and every frame
 * (training and test) is projected onto them. {@link #series()} is what the models see (filled);
 * {@link #observed()} is the same projection of the unfilled frames, NaN where a value was missing,
 * for scoring. Frame numbers are the recording's.
 */
public final class ForecastData {
    /** What {@code --nan drop} users may use instead when it leaves the frames unevenly spaced. */
    static final String INSTEAD_OF_DROP = "--nan interpolate (filled per split, causally in the test part) or --nan fail";

    private final int trainStart;
    private final int trainEnd;
    private final double[][] all;
    private final double[][] observed;
    private final Components components;
    private final List<String> warnings;
    private final Map<String, Object> describe;

    private ForecastData(int trainStart, int trainEnd, double[][] all, double[][] observed, Components components, List<String> warnings,
            Map<String, Object> describe) {
        this.trainStart = trainStart;
        this.trainEnd = trainEnd;
        this.all = all;
        this.observed = observed;
        this.components = components;
        this.warnings = List.copyOf(warnings);
        this.describe = java.util.Collections.unmodifiableMap(describe);
    }

    /**
     * Prepares frames {@code [trainStart, end)}, learning everything from {@code [trainStart, trainEnd)}.
     *
     * @throws IllegalArgumentException when {@code --nan drop} removed time points inside {@code [trainStart, end)},
     *     so the frames are not evenly spaced, or when a channel has no finite value in the training frames
     */
    public static ForecastData prepare(Recording rec, int trainStart, int trainEnd, int end, int k, boolean channelZscore) {
        TimeSeries ts = rec.data();
        if (!(0 <= trainStart && trainStart < trainEnd && trainEnd <= end && end <= ts.size())) {
            throw new IllegalArgumentException("frames: need 0 <= trainStart < trainEnd <= end <= " + ts.size() + ", got " + trainStart + ", "
                    + trainEnd + ", " + end);
        }
        rec.requireEvenlySpaced(trainStart, end, INSTEAD_OF_DROP);
        List<String> names = ts.channels();
        int nTrain = trainEnd - trainStart;
        double[][] rawTrain = new double[nTrain][];
        for (int t = 0; t < nTrain; t++) {
            rawTrain[t] = ts.row(trainStart + t);
        }
        String trainLabel = "the training frames " + trainStart + "-" + (trainEnd - 1);
        double[][] filledTrain = GapFilling.interpolateWithin(rawTrain, names, trainLabel).rows();
        List<Integer> keep = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            double first = filledTrain[0][c];
            boolean constant = true;
            for (int t = 0; t < nTrain && constant; t++) {
                constant = filledTrain[t][c] == first;
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
        List<String> kept = new ArrayList<>();
        for (int c : keep) {
            kept.add(names.get(c));
        }
        // rows: filled (what the models see); raw: as recorded, NaN where a value is missing
        double[][] rows = new double[end - trainStart][keep.size()];
        double[][] raw = new double[end - trainStart][keep.size()];
        boolean[] missing = new boolean[end - trainStart];
        int filledInTraining = 0;
        for (int t = trainStart; t < end; t++) {
            int r = t - trainStart;
            for (int j = 0; j < keep.size(); j++) {
                double v = ts.value(t, keep.get(j));
                boolean gap = !Double.isFinite(v);
                raw[r][j] = gap ? Double.NaN : v;
                missing[r] |= gap;
                if (r < nTrain) {
                    rows[r][j] = filledTrain[r][keep.get(j)];
                    filledInTraining += gap ? 1 : 0;
                }
            }
        }
        GapFilling.Filled test = GapFilling.carryForward(Arrays.copyOfRange(raw, nTrain, raw.length), rows[nTrain - 1]);
        double[][] filledTest = test.rows();
        System.arraycopy(filledTest, 0, rows, nTrain, filledTest.length);
        int carriedForward = test.count();
        if (filledInTraining > 0) {
            warnings.add("filled " + filledInTraining + " missing value(s) in " + trainLabel + " by linear interpolation within them"
                    + " (nearest value at their edges)");
        }
        if (carriedForward > 0) {
            warnings.add("carried forward " + carriedForward + " missing value(s) in the test frames " + trainEnd + "-" + (end - 1)
                    + " from the latest earlier value (causal)");
        }
        double[][] trainRows = Arrays.copyOf(rows, nTrain);
        if (channelZscore) {
            ChannelScaling scaling = ChannelScaling.fit(trainRows, kept);
            rows = scaling.apply(rows);
            raw = scaling.apply(raw);
            trainRows = Arrays.copyOf(rows, nTrain);
        }
        double[] times = new double[trainRows.length];
        for (int t = 0; t < times.length; t++) {
            times[t] = (trainStart + t) / rec.rate();
        }
        Preprocessing.Result pre = Preprocessing.of(Steps.svdComponents(k)).apply(TimeSeries.of(times, kept, trainRows));
        Components comps = pre.components().orElseThrow();
        double[][] all = comps.project(rows);
        double[][] obs = comps.project(raw);
        for (int r = 0; r < obs.length; r++) {
            if (missing[r]) {
                Arrays.fill(obs[r], Double.NaN);
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("droppedChannels", dead);
        d.put("channelZscore", channelZscore ? "training-frame statistics" : "off");
        d.put("components", k);
        d.put("svd", "learnt from the training frames; test frames projected");
        d.put("explainedVariance", comps.explainedVariance());
        d.put("trainFrames", List.of(trainStart, trainEnd));
        d.put("end", end);
        Map<String, Object> gaps = new LinkedHashMap<>();
        gaps.put("filledInTraining", filledInTraining);
        gaps.put("training", "linear interpolation within the training frames, nearest value at their edges");
        gaps.put("carriedForwardInTest", carriedForward);
        gaps.put("test", "latest earlier value carried forward (causal)");
        d.put("missingValues", gaps);
        return new ForecastData(trainStart, trainEnd, all, obs, comps, warnings, d);
    }

    /** The training frames' components, {@code [time][component]}. */
    public double[][] train() { return Arrays.copyOf(all, trainEnd - trainStart); }

    /** Every prepared frame's components, {@code [time][component]}, row 0 being frame {@link #trainStart()}; filled, what models see; a copy. */
    public double[][] series() { return copy(all); }

    /**
     * As {@link #series()}, but projected from the unfilled frames: every component is NaN at a
     * frame where any kept channel was missing. The truth to score forecasts against (skipping NaN); a copy.
     */
    public double[][] observed() { return copy(observed); }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int t = 0; t < a.length; t++) {
            c[t] = a[t].clone();
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
    public double[] frame(int frame) { return all[frame - trainStart].clone(); }

    public int trainStart() { return trainStart; }

    public int trainEnd() { return trainEnd; }

    /** One past the last prepared frame. */
    public int end() { return trainStart + all.length; }

    public int count() { return all[0].length; }

    public Components components() { return components; }

    public List<String> warnings() { return warnings; }

    public Map<String, Object> describe() { return describe; }
}
