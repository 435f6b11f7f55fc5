/**
 * Forecast evaluation: per-horizon, per-channel metrics, baselines (persistence, climatology,
 * VAR with AIC), rolling-origin backtests and the Diebold–Mariano test.
 */
package org.vdpnet.validation;
