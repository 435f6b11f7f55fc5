package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidationSplitTest {
    /**
     * Over many series lengths, windows, horizons and tail fractions: every training example
     * (frames {@code [t - w, t + h)} with {@code t + h <= trainEnd}) and every validation example
     * (wholly inside the tail) are enumerated, and no frame is shared and no validation frame is
     * within {@code w + h} frames of a training target frame.
     */
    @Test
    void noSharedFrameAndAGapOfAtLeastWindowPlusHorizon() {
        double[] tails = {0, 0.01, 0.05, 0.15, 0.3, 0.5, 0.9};
        int splits = 0;
        for (int frames = 0; frames <= 260; frames += 7) {
            for (int w = 1; w <= 25; w += 3) {
                for (int h = 1; h <= 12; h += 2) {
                    for (double f : tails) {
                        ValidationSplit s = ValidationSplit.of(frames, w, h, f);
                        String at = "T=" + frames + " w=" + w + " h=" + h + " f=" + f + ": " + s;
                        if (!s.hasValidation()) {
                            assertNotNull(s.reason(), at);
                            assertEquals(frames, s.trainEnd(), at);
                            assertEquals(frames, s.validationStart(), at);
                            assertEquals(0, s.validationExamples(), at);
                            // no split only when asked for none or when the training part would hold no example
                            long tail = Math.max(Math.round(f * frames), w + h);
                            assertTrue(f == 0 || frames - tail - (w + h) < w + h, at);
                            continue;
                        }
                        splits++;
                        assertNull(s.reason(), at);
                        // the tail is contiguous, ends the series, and holds round(f T) frames or at least one example
                        int tailLength = frames - s.validationStart();
                        assertEquals(Math.max(Math.round(f * frames), w + h), tailLength, at);
                        int lastTrainTarget = -1;
                        int trainCount = 0;
                        boolean[] trainFrame = new boolean[frames];
                        for (int t = w; t + h <= s.trainEnd(); t++) {
                            trainCount++;
                            for (int k = t - w; k < t + h; k++) {
                                trainFrame[k] = true;
                            }
                            lastTrainTarget = Math.max(lastTrainTarget, t + h - 1);
                        }
                        int valCount = 0;
                        int firstValFrame = Integer.MAX_VALUE;
                        for (int t = s.validationStart() + w; t + h <= frames; t++) {
                            valCount++;
                            for (int k = t - w; k < t + h; k++) {
                                assertFalse(trainFrame[k], at + ": frame " + k + " is shared");
                                firstValFrame = Math.min(firstValFrame, k);
                            }
                        }
                        assertTrue(trainCount >= 1 && valCount >= 1, at);
                        assertEquals(trainCount, s.trainingExamples(), at);
                        assertEquals(valCount, s.validationExamples(), at);
                        assertTrue(firstValFrame - lastTrainTarget > w + h, at + ": validation frame " + firstValFrame
                                + " is within w + h of training target " + lastTrainTarget);
                        assertEquals(w + h, firstValFrame - lastTrainTarget - 1, at + ": the gap holds w + h frames");
                        assertEquals(w + h, s.gap(), at);
                    }
                }
            }
        }
        assertTrue(splits > 500, "only " + splits + " cases had a split");
    }

    @Test
    void theJavadocExampleAndTheBoundaryOfNoSplit() {
        ValidationSplit s = ValidationSplit.of(200, 20, 10, 0.15);
        assertEquals(170, s.validationStart());
        assertEquals(140, s.trainEnd());
        assertEquals(111, s.trainingExamples());
        assertEquals(1, s.validationExamples());
        // 90 frames: tail 30, gap 30, training 30 frames = one example; 89 frames leave 29
        ValidationSplit edge = ValidationSplit.of(90, 20, 10, 0.15);
        assertTrue(edge.hasValidation());
        assertEquals(1, edge.trainingExamples());
        ValidationSplit none = ValidationSplit.of(89, 20, 10, 0.15);
        assertFalse(none.hasValidation());
        assertEquals(89, none.trainEnd());
        assertEquals(60, none.trainingExamples());
        assertTrue(none.reason().startsWith("89 frames are too few"), none.reason());
        assertEquals("the validation tail fraction is 0", ValidationSplit.of(1000, 20, 10, 0).reason());
        double[][] series = new double[200][1];
        assertEquals(140, s.trainingPart(series).length);
        assertEquals(30, s.validationPart(series).length);
        assertEquals(0, none.validationPart(new double[89][1]).length);
    }

    @Test
    void wholeSeriesHeldOut() {
        assertEquals(0, ValidationSplit.heldOutSeries(1, 0.15));
        assertEquals(0, ValidationSplit.heldOutSeries(8, 0));
        assertEquals(1, ValidationSplit.heldOutSeries(2, 0.15));
        assertEquals(1, ValidationSplit.heldOutSeries(6, 0.15));
        assertEquals(2, ValidationSplit.heldOutSeries(10, 0.15));
        assertEquals(3, ValidationSplit.heldOutSeries(20, 0.15));
        assertEquals(2, ValidationSplit.heldOutSeries(3, 0.9));
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        assertEquals("validation-tail: must be in [0, 1), got NaN",
                assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(10, 2, 1, Double.NaN)).getMessage());
        assertEquals("window: must be >= 1, got 0", assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(10, 0, 1, 0.1)).getMessage());
        assertEquals("horizon: must be >= 1, got 0", assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(10, 1, 0, 0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(10, 2, 1, 0.1).trainingPart(new double[9][1]));
    }
}
