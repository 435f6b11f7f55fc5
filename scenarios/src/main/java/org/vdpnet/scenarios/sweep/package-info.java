/**
 * Parameter sweeps: a {@link org.vdpnet.scenarios.sweep.SweepPlan} expands a scenario into
 * points and replicates, an {@link org.vdpnet.sim.exec.TaskExecutor} runs them (the local thread
 * pool or a distributed engine; each task returns its point's files as bytes), and
 * {@link org.vdpnet.scenarios.sweep.SweepRunner} writes each point's folder atomically,
 * rebuilds {@code summary.csv} from the completed points and resumes after a crash.
 */
package org.vdpnet.scenarios.sweep;
