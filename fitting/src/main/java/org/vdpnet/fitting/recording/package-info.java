/**
 * Recordings: CSV (either orientation), NumPy .npy, MATLAB v5 .mat (mfl-core) and NWB/HDF5
 * (jhdf) read into one {@link org.vdpnet.fitting.recording.Recording}, with an explicit policy for
 * NaN samples. The reader fills nothing: {@code --nan interpolate} keeps the gaps, and the
 * consumer fills them per split with {@link org.vdpnet.fitting.recording.GapFilling}, so that the
 * training frames are filled from themselves only and the test frames causally.
 *
 * <pre>{@code
 * Recording r = RecordingReader.read(Path.of("timeseries_regions_fish6.csv"),
 *         RecordingOptions.defaults().withLayout(Layout.CHANNELS_BY_TIME).withRate(1.1)
 *                 .withNan(NanPolicy.INTERPOLATE));
 * double[][] train = ...;   // frames 0-299 of r.data(), [time][channel], with NaN
 * double[][] filled = GapFilling.interpolateWithin(train, r.data().channels(), "the training frames 0-299").rows();
 * }</pre>
 */
package org.vdpnet.fitting.recording;
