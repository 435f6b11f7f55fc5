/**
 * Executors for independent tasks: {@link org.vdpnet.sim.exec.TaskExecutor} runs pure, seeded
 * tasks and hands their results to the caller, on the local thread pool
 * ({@link org.vdpnet.sim.exec.TaskExecutor#local}) or on a distributed engine found on the class
 * path ({@link org.vdpnet.sim.exec.Engines#open}: the {@code distributed} module's Apache Spark
 * engine). The results never depend on which.
 *
 * <pre>{@code
 * try (TaskExecutor ex = Engines.open(EngineSettings.local(2), "my study")) {
 *     List<Integer> squares = ex.map(List.of(1, 2, 3), x -> x * x, i -> { });
 * }
 * }</pre>
 */
package org.vdpnet.sim.exec;
