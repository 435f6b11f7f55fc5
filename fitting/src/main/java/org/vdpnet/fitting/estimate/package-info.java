/**
 * Estimating the research form {@code x' = a1 x (1 - x^2) + a2 y + W x}, {@code y' = -x} from
 * observed components: an integral-form regression initialiser (milliseconds), then
 * Levenberg–Marquardt on the simulated trajectory (multiple shooting for long windows, single
 * shooting from several starts), standard errors from the Jacobian, and a status instead of an
 * exception on numerical failure.
 *
 * <pre>{@code
 * FitResult r = ResearchFitter.fit(samplesByComponent, dt, FitOptions.defaults());
 * r.params().w();  r.r();  r.status();
 * }</pre>
 *
 * <p>Work in progress (issue 4): on the zebrafish windows the median mean in-sample r is about
 * 0.55; the acceptance target is 0.80. See bench/RESULTS.md.
 */
package org.vdpnet.fitting.estimate;
