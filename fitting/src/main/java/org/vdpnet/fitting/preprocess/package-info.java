/**
 * Composable, recorded preprocessing: dead-channel removal, polynomial detrending, z-scoring,
 * zero-phase Butterworth band-pass (matching SciPy's sosfiltfilt), block downsampling, windows,
 * and temporal SVD components whose loadings are kept so that component forecasts map back to
 * channels.
 *
 * <pre>{@code
 * Preprocessing.Result r = Preprocessing.of(Steps.dropDeadChannels(), Steps.window(0, 100),
 *         Steps.svdComponents(6)).apply(recording.data());
 * TimeSeries components = r.data();                 // c1..c6, z-scored
 * r.components().get().toChannels(components);      // back to the 67 regions
 * }</pre>
 */
package org.vdpnet.fitting.preprocess;
