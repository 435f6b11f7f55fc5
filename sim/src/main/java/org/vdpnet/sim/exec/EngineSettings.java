package org.vdpnet.sim.exec;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which engine runs a command's tasks, and how.
 *
 * @param engine     {@code local} (the thread pool) or the name of an {@link Engine} on the class path, such as {@code spark}
 * @param master     the engine's cluster address (Spark: {@code local[*]}, {@code local[2]}, {@code spark://host:7077},
 *                   {@code yarn}, {@code k8s://...}); null for the local pool, or to take the engine's own default
 * @param threads    threads of the local pool (unused by other engines)
 * @param partitions tasks per input batch: 0 gives one engine task per input (the finest balance, and each result is
 *                   written as soon as it arrives); otherwise the inputs are cut into this many contiguous batches
 * @param conf       further engine settings ({@code spark.executor.memory=2g}, ...), recorded in provenance
 */
public record EngineSettings(String engine, String master, int threads, int partitions, Map<String, String> conf) {
    /** Checks the values; messages name the option. */
    public EngineSettings {
        if (engine == null || !engine.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("--engine: must be local or the name of an installed engine (such as spark), got " + engine);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads: must be >= 1, got " + threads);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions: must be >= 0 (0: one task per input), got " + partitions);
        }
        conf = Map.copyOf(new TreeMap<>(conf == null ? Map.of() : conf));
        if (engine.equals("local") && master != null) {
            throw new IllegalArgumentException("--master: only applies with --engine spark (the local engine runs in this process), got " + master);
        }
    }

    /** The local thread pool on {@code threads} threads. */
    public static EngineSettings local(int threads) {
        return new EngineSettings("local", null, threads, 0, Map.of());
    }

    /** Whether this is the local thread pool. */
    public boolean isLocal() { return engine.equals("local"); }
}
