package org.vdpnet.sim.exec;

import java.io.Serializable;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks (sweep points, the members of a search's population, evaluation cells)
 * and returns their results in input order. A task is a pure function of its input: every seed it
 * needs is in the input, so the results never depend on the executor or its thread count. The
 * local thread pool ({@link #local}) is the default; a distributed engine implements the same
 * interface (which is why a task is {@link Serializable}). Only the caller writes files.
 *
 * <pre>{@code
 * List<Double> costs = TaskExecutor.local(2).map(candidates, c -> objective.cost(c), i -> bar.step());
 * }</pre>
 */
public interface TaskExecutor {

    /** One task: a pure function of its input; may throw. */
    @FunctionalInterface
    interface Task<I, O> extends Serializable {
        /** Runs the task on one input. */
        O apply(I input) throws Exception;
    }

    /**
     * Applies {@code task} to every input and returns the results in input order; {@code done}
     * receives the index of each input as its task finishes (on the caller's thread, in completion
     * order). If a task throws, the others are cancelled and the first failure is rethrown.
     */
    <I, O> List<O> map(List<I> inputs, Task<I, O> task, IntConsumer done) throws Exception;

    /** The number of tasks it runs at once. */
    int parallelism();

    /** A description for provenance, for example {@code local(threads=2)}. */
    String describe();

    /** A pool of {@code threads} daemon threads, made for each call (one thread runs the tasks on the caller's thread). */
    static TaskExecutor local(int threads) { return new LocalTaskExecutor(threads); }
}
