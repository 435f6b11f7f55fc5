/**
 * Forecast metrics, rolling-origin backtests, baselines and reports. Filled by later issues: see README.md for the plan. It depends only on
 * {@code sim} interfaces.
 */
package org.vdpnet.validation;
