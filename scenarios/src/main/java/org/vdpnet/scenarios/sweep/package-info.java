/**
 * Parameter sweeps: a {@link org.vdpnet.scenarios.sweep.SweepPlan} expands a scenario into
 * points and replicates, a {@link org.vdpnet.scenarios.sweep.SweepExecutor} runs them (locally on
 * a thread pool; the interface leaves room for a distributed engine), and
 * {@link org.vdpnet.scenarios.sweep.SweepRunner} writes each point's folder atomically,
 * rebuilds {@code summary.csv} from the completed points and resumes after a crash.
 */
package org.vdpnet.scenarios.sweep;
