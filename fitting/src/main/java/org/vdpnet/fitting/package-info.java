/**
 * Recordings ({@code recording}: CSV, NPY, MAT, NWB readers and gap handling), preprocessing
 * ({@code preprocess}: detrend, band-pass, z-score, SVD components) and estimators
 * ({@code estimate}: fitting any model of the {@code sim.param} contract, and the fitted model as
 * a forecaster). It depends only on {@code sim}; the concrete van der Pol networks reach it through
 * {@code scenarios}, or in tests.
 */
package org.vdpnet.fitting;
