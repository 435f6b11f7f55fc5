/**
 * Fitting whole-brain networks on a structural graph to a recording's FC and FCD: a
 * {@link org.vdpnet.fitting.network.NetworkFamily} (parameters to network, implemented by the
 * composition root), its {@link org.vdpnet.fitting.network.NetworkSimulation} (noise, delays,
 * BOLD / calcium / direct observation, the recording's band-pass), and the
 * {@link org.vdpnet.fitting.network.NetworkSearch} over a {@link org.vdpnet.fitting.network.SearchSpace}
 * with an ask/tell {@link org.vdpnet.fitting.network.Cmaes}, each generation evaluated behind a
 * {@link org.vdpnet.sim.exec.TaskExecutor}.
 *
 * <pre>{@code
 * NetworkSimulation sim = new NetworkSimulation(family, IntegratorSpec.eulerMaruyama(0.1), 1.0,
 *         new NetworkSimulation.Observer(NetworkSimulation.Observation.BOLD, 0.72, 1200, 84, 0.05, 0, 0), band, seed, 0.1);
 * NetworkSearch.Result r = NetworkSearch.run(space, values -> score(sim.observe(values)), TaskExecutor.local(2),
 *         NetworkSearch.Settings.defaults(seed), (gen, done, budget, best) -> { });
 * }</pre>
 */
package org.vdpnet.fitting.network;
