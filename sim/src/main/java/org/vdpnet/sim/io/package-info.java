/**
 * Files: atomic writes, time series as CSV and NPY, hashing of inputs.
 *
 * <p>Every writer goes through {@link org.vdpnet.sim.io.AtomicFiles}: the bytes go to a
 * temporary file in the target's folder, which is then renamed over the target, so a reader
 * (or a crash) never sees a half-written file under the final name.
 *
 * <pre>{@code
 * TimeSeriesCsv.write(result.trajectory(), Path.of("runs/a/trajectory.csv"));
 * Npy.write(result.trajectory(), Path.of("runs/a/trajectory.npy"));   // t in column 0
 * }</pre>
 */
package org.vdpnet.sim.io;
