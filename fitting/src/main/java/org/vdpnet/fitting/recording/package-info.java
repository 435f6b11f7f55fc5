/**
 * Recordings: CSV (either orientation), NumPy .npy, MATLAB v5 .mat (mfl-core) and NWB/HDF5
 * (jhdf) read into one {@link org.vdpnet.fitting.recording.Recording}, with an explicit policy for
 * NaN samples.
 *
 * <pre>{@code
 * Recording r = RecordingReader.read(Path.of("timeseries_regions_fish6.csv"),
 *         RecordingOptions.defaults().withLayout(Layout.CHANNELS_BY_TIME).withRate(1.1));
 * }</pre>
 */
package org.vdpnet.fitting.recording;
