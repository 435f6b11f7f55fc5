package org.vdpnet.scenarios.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the points of a sweep. The local implementation uses a thread pool; the interface is
 * what a distributed engine (for sweeps that outgrow one machine) would implement, without
 * changes to the scenario code. Every point is independent and deterministic, so the order and
 * placement of execution never change the results.
 */
public interface SweepExecutor {

    /** The work for one point; may throw. */
    @FunctionalInterface
    interface PointTask {
        /** Runs one point. */
        void run(SweepPoint point) throws Exception;
    }

    /**
     * Runs {@code task} for every point and calls {@code done} after each one finishes
     * successfully. Returns when all have finished; if any fails, the others are cancelled and
     * the first failure is thrown.
     */
    void execute(List<SweepPoint> points, PointTask task, Consumer<SweepPoint> done) throws Exception;

    /** A description for provenance, for example {@code local(threads=2)}. */
    String describe();

    /** A local executor on {@code threads} threads. */
    static SweepExecutor local(int threads) { return new LocalSweepExecutor(threads); }
}
