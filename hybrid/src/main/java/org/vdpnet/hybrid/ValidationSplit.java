package org.vdpnet.hybrid;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one series of {@code T} frames is cut into a training part and a validation tail for
 * early stopping, so that no validation example shares a frame with, or sits next to, a
 * training example.
 *
 * <p>The rule, for an input window of {@code w} frames, a horizon of {@code h} frames and a tail
 * fraction {@code f} ({@link LstmSettings#validationTail()}); an example is {@code w + h}
 * consecutive frames, the first {@code w} its inputs and the last {@code h} its targets:
 * <ul>
 *   <li>validation frames are the contiguous tail {@code [valStart, T)} with
 *       {@code valStart = T - max(round(f T), w + h)}, so the tail holds at least one example;
 *       validation examples lie wholly inside it;</li>
 *   <li>training examples are cut from {@code [0, trainEnd)} with
 *       {@code trainEnd = valStart - (w + h)}: a gap of {@code w + h} unused frames lies between
 *       the last training target frame and the first validation frame, so no validation window
 *       (inputs or targets) is within {@code w + h} frames of any training target;</li>
 *   <li>if {@code f = 0}, or the training part then holds no example ({@code trainEnd < w + h}),
 *       there is no split: training uses all {@code T} frames, nothing is validated, there is no
 *       early stopping, and {@link #reason()} says why.</li>
 * </ul>
 * For example {@code T = 200, w = 20, h = 10, f = 0.15}: the tail is {@code [170, 200)} (one
 * validation example), the gap {@code [140, 170)}, and training uses {@code [0, 140)} (111
 * examples).
 *
 * <p>{@link ResidualForecaster} applies the same rule with {@code w} its longest history
 * ({@code max(window, base.minimumHistory())}). For many independent series (pre-training on
 * synthetic series) whole series are held out instead: see {@link #heldOutSeries(int, double)}.
 */
public final class ValidationSplit {
    private final int frames;
    private final int window;
    private final int horizon;
    private final double tail;
    private final int validationStart;
    private final int trainEnd;
    private final String reason;

    private ValidationSplit(int frames, int window, int horizon, double tail) {
        this.frames = frames;
        this.window = window;
        this.horizon = horizon;
        this.tail = tail;
        int span = window + horizon;
        int tailFrames = Math.max((int) Math.round(tail * frames), span);
        int valStart = frames - tailFrames;
        int end = valStart - span;
        if (tail == 0) {
            reason = "the validation tail fraction is 0";
        } else if (end < span) {
            reason = frames + " frames are too few for a validation tail of " + tailFrames + " frames (at least window+horizon = " + span
                    + ") after a gap of window+horizon = " + span + " frames and a training part of at least " + span + " frames";
        } else {
            reason = null;
        }
        this.validationStart = reason == null ? valStart : frames;
        this.trainEnd = reason == null ? end : frames;
    }

    /**
     * The split of a series of {@code frames} frames for windows of {@code window} inputs and
     * {@code horizon} targets and a tail fraction {@code tail} in [0, 1).
     */
    public static ValidationSplit of(int frames, int window, int horizon, double tail) {
        if (frames < 0) {
            throw new IllegalArgumentException("frames: must be >= 0, got " + frames);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window: must be >= 1, got " + window);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon: must be >= 1, got " + horizon);
        }
        if (!(tail >= 0 && tail < 1)) {
            throw new IllegalArgumentException("validation-tail: must be in [0, 1), got " + tail);
        }
        return new ValidationSplit(frames, window, horizon, tail);
    }

    /**
     * How many of {@code seriesCount} independent series to hold out whole (the last ones) for
     * validation: {@code round(tail * seriesCount)}, at least 1 and at most
     * {@code seriesCount - 1}; 0 when {@code tail} is 0 or there are fewer than 2 series.
     */
    public static int heldOutSeries(int seriesCount, double tail) {
        if (!(tail >= 0 && tail < 1)) {
            throw new IllegalArgumentException("validation-tail: must be in [0, 1), got " + tail);
        }
        if (tail == 0 || seriesCount < 2) {
            return 0;
        }
        return Math.min(seriesCount - 1, Math.max(1, (int) Math.round(tail * seriesCount)));
    }

    /** Whether there is a validation tail (otherwise training uses every frame). */
    public boolean hasValidation() { return reason == null; }

    /** Why there is no validation tail, or {@code null} when there is one. */
    public String reason() { return reason; }

    /** Frames in the series. */
    public int frames() { return frames; }

    /** Input frames per example. */
    public int window() { return window; }

    /** Target frames per example. */
    public int horizon() { return horizon; }

    /** The tail fraction asked for. */
    public double tail() { return tail; }

    /** The first validation frame; {@link #frames()} when there is no split. */
    public int validationStart() { return validationStart; }

    /** The end (exclusive) of the training frames; {@link #frames()} when there is no split. */
    public int trainEnd() { return trainEnd; }

    /** Unused frames between the training part and the validation tail ({@code window + horizon}, or 0 without a split). */
    public int gap() { return validationStart - trainEnd; }

    /** Examples of {@code window + horizon} frames in the training part (0 when even all frames are too few). */
    public int trainingExamples() { return Math.max(0, trainEnd - window - horizon + 1); }

    /** Examples of {@code window + horizon} frames in the validation tail (0 without a split). */
    public int validationExamples() { return hasValidation() ? frames - validationStart - window - horizon + 1 : 0; }

    /** The training frames {@code [0, trainEnd)} of {@code series} (rows shared, not copied). */
    public double[][] trainingPart(double[][] series) {
        checkLength(series);
        return Arrays.copyOfRange(series, 0, trainEnd);
    }

    /** The validation frames {@code [validationStart, frames)} of {@code series}; empty without a split. */
    public double[][] validationPart(double[][] series) {
        checkLength(series);
        return Arrays.copyOfRange(series, validationStart, frames);
    }

    private void checkLength(double[][] series) {
        if (series.length != frames) {
            throw new IllegalArgumentException("validation split: made for " + frames + " frames, got a series of " + series.length);
        }
    }

    /** As a map for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("validationTail", tail);
        m.put("trainFrames", "[0, " + trainEnd + ")");
        m.put("gapFrames", gap());
        m.put("validationFrames", hasValidation() ? "[" + validationStart + ", " + frames + ")" : "none");
        if (reason != null) {
            m.put("noSplitBecause", reason);
        }
        return m;
    }

    @Override
    public String toString() {
        return hasValidation() ? "train [0, " + trainEnd + "), gap " + gap() + ", validate [" + validationStart + ", " + frames + ")"
                : "no split (" + reason + ")";
    }
}
