/**
 * Executors for independent tasks: {@link org.vdpnet.sim.exec.TaskExecutor} maps pure, seeded
 * tasks to results in input order, on the local thread pool or (later) a distributed engine.
 *
 * <pre>{@code
 * TaskExecutor ex = TaskExecutor.local(2);
 * List<Integer> squares = ex.map(List.of(1, 2, 3), x -> x * x, i -> { });
 * }</pre>
 */
package org.vdpnet.sim.exec;
