/**
 * Fitting any parametric model to recordings: a {@link org.vdpnet.fitting.estimate.FitProblem}
 * (the model from the {@code sim.param} contract, the observed variables, the data and their
 * spacing, the free parameters; a graph mask is the model's own edge pattern), the
 * {@link org.vdpnet.fitting.estimate.Fitter} (the integral regression initialiser for both van der
 * Pol forms; Levenberg–Marquardt by multiple shooting with sensitivity Jacobians; RK4 sub-steps raised to the initial model's fastest mode; single shooting
 * from several starts as a race, the global option) and the
 * {@link org.vdpnet.fitting.estimate.FitResult} (status, the fitted model, standard errors at
 * the best point, cost, r, the trajectory, and every clamp, bound or fallback in its warnings).
 * {@link org.vdpnet.fitting.estimate.MechanisticForecaster} turns a fit into a forecaster.
 *
 * <pre>{@code
 * FitProblem p = FitProblem.ofNetwork(network, samplesByNode, dt).withFree(free);
 * FitResult r = Fitter.fit(p, FitOptions.defaults());
 * r.status();  r.meanR();  r.nodeValues("a1");  r.couplingMatrix();  r.standardError("a2[c1]");
 * }</pre>
 *
 * <p>On the zebrafish windows (6 SVD components x 100 frames) the median in-sample mean r is
 * 0.767 at a median 0.74–0.90 s per window on 2 cores (bench/RESULTS.md). Levenberg–Marquardt runs on
 * the normal equations ({@code Marquardt}); Hipparchus's QR-based optimiser cost twice the time.
 */
package org.vdpnet.fitting.estimate;
