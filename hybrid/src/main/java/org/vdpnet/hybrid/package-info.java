/**
 * LSTM forecasters and correctors on ND4J/SameDiff; the only module that sees ND4J. It depends
 * only on {@code sim} interfaces.
 *
 * <p>Early stopping never validates on frames the training examples touch.
 * {@link org.vdpnet.hybrid.ValidationSplit} cuts a real series into a training head and a
 * validation tail with a gap of {@code window + horizon} frames between them (or, with too few
 * frames, no split and no early stopping, said in the warnings); pre-training on synthetic series
 * holds out whole series. {@link org.vdpnet.hybrid.LstmNetwork.TrainingLog} says how each phase
 * ended ({@code EARLY_STOPPED}, {@code BUDGET}, {@code NON_FINITE_LOSS}) and which epoch's weights
 * it kept.
 *
 * <pre>{@code
 * double[][] real = ...;                               // [time][channel], 200 frames
 * LstmSettings s = LstmSettings.defaults();            // window 20, validation tail 0.15
 * ValidationSplit split = ValidationSplit.of(real.length, s.window(), 10, s.validationTail());
 * // train [0, 140), gap [140, 170), validate [170, 200)
 * LstmForecaster f = LstmForecaster.trainOnReal("lstm", real, 10, s, ProgressListener.NONE);
 * f.logs().get(0).status();                            // EARLY_STOPPED or BUDGET
 * f.warnings();                                        // empty, or what training could not do as asked
 * double[][] next = f.forecast(real, 10);
 * }</pre>
 */
package org.vdpnet.hybrid;
