/**
 * The simulation engine: a {@link org.vdpnet.sim.SimulationProblem} (what to integrate), an
 * {@link org.vdpnet.sim.IntegratorSpec} (how), a {@link org.vdpnet.sim.Monitor} (what to keep)
 * and {@link org.vdpnet.sim.Simulator#solve} which returns a {@link org.vdpnet.sim.SimulationResult}.
 *
 * <p>The model never knows which integrator runs it, and each run builds a fresh integrator, so
 * runs are safe in parallel. Expected numerical outcomes (a blow-up, the evaluation budget, a
 * stop event) are reported as a {@link org.vdpnet.sim.Status}, not thrown.
 *
 * <p>{@link org.vdpnet.sim.Simulator#solveEnsemble} integrates the members of an
 * {@link org.vdpnet.sim.EnsembleProblem} (one structure, many parameter sets, states and noise
 * seeds) side by side, member-minor, each member's result bit-identical to its own
 * {@code solve}: fixed-step methods step all members together, DOP853 and DOPRI5 give each member
 * its own step control. The adaptive methods run on vdpnet's own Dormand–Prince path
 * ({@code EmbeddedRk}), or on Hipparchus's integrators where a stop condition needs their event
 * handling.
 *
 * <pre>{@code
 * VectorField ou = VectorField.of(1, (t, y, dy) -> dy[0] = -y[0]);
 * SimulationProblem p = SimulationProblem.of(ou, new double[] {1}, 0, 10, List.of("x"));
 * SimulationResult r = Simulator.solve(p, IntegratorSpec.dormandPrince853(1e-10, 1e-12),
 *                                      Monitor.subsample(0.5));
 * double x10 = r.trajectory().value(r.trajectory().size() - 1, 0);   // about exp(-10)
 * }</pre>
 */
package org.vdpnet.sim;
