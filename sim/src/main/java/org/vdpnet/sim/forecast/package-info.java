/** The forecasting contract every model (mechanistic, learned, baseline) implements. */
package org.vdpnet.sim.forecast;
