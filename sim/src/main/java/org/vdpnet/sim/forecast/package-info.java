/**
 * The forecasting contracts every model (mechanistic, learned, baseline) implements: a
 * {@link org.vdpnet.sim.forecast.Forecaster} maps history to the future, a
 * {@link org.vdpnet.sim.forecast.ForecasterTrainer} turns training frames into one, and a
 * {@link org.vdpnet.sim.forecast.Forecast} carries each forecast's status.
 *
 * <pre>{@code
 * ForecasterTrainer persistence = new ForecasterTrainer() {
 *     public String name() { return "persistence"; }
 *     public boolean seeded() { return false; }
 *     public Training train(double[][] frames, long seed) {
 *         return Training.of(myPersistence(frames[0].length), Map.of(), List.of());
 *     }
 * };
 * Forecaster f = persistence.train(trainFrames, 1).forecaster().orElseThrow();
 * List<Forecast> fc = f.forecastAll(List.of(history), 20);   // status OK, FALLBACK or FAILED
 * }</pre>
 */
package org.vdpnet.sim.forecast;
