package org.vdpnet.sim.exec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks (sweep points, the members of a search's population, evaluation cells)
 * and hands their results back to the caller. A task is a pure function of its input: every seed it
 * needs is in the input, so the results never depend on the executor, its thread count or its
 * partitioning. The local thread pool ({@link #local}) is the default; a distributed engine
 * ({@link Engines}) implements the same interface, which is why a task is {@link Serializable}
 * (and so must be everything it captures). Only the caller writes files: tasks return values.
 *
 * <pre>{@code
 * try (TaskExecutor ex = TaskExecutor.local(2)) {
 *     List<Double> costs = ex.map(candidates, c -> objective.cost(c), i -> bar.step());
 * }
 * }</pre>
 */
public interface TaskExecutor extends AutoCloseable {

    /** One task: a pure function of its input; may throw. */
    @FunctionalInterface
    interface Task<I, O> extends Serializable {
        /** Runs the task on one input. */
        O apply(I input) throws Exception;
    }

    /** Receives results on the caller's side. */
    @FunctionalInterface
    interface Results<O> {
        /** The result of input {@code index}; may throw, which fails the run. */
        void accept(int index, O result) throws Exception;
    }

    /**
     * Applies {@code task} to every input. {@code results} receives each input's result exactly once
     * (a task that the engine retries or runs twice is still delivered once), in completion order,
     * one call at a time, in the caller's process. {@code progress} hears the number of inputs whose
     * tasks have finished, from 0 up to the number of inputs; it may be called from another thread.
     * If a task (or {@code results}) throws, the run stops and the first failure is rethrown.
     */
    <I, O> void run(List<I> inputs, Task<I, O> task, Results<? super O> results, IntConsumer progress) throws Exception;

    /**
     * Applies {@code task} to every input and returns the results in input order; {@code done}
     * receives the index of each input as its result arrives (in the caller's process, in completion
     * order). If a task throws, the run stops and the first failure is rethrown.
     */
    default <I, O> List<O> map(List<I> inputs, Task<I, O> task, IntConsumer done) throws Exception {
        List<O> out = new ArrayList<>(Collections.nCopies(inputs.size(), null));
        run(inputs, task, (i, o) -> {
            out.set(i, o);
            done.accept(i);
        }, k -> { });
        return out;
    }

    /** The number of tasks it runs at once. */
    int parallelism();

    /** A description for provenance, for example {@code local(threads=2)}. */
    String describe();

    /**
     * What the engine saw that the results do not show, such as tasks it retried or workers it lost,
     * in order; empty for the local pool.
     */
    default List<String> warnings() { return List.of(); }

    /** Releases the engine (a distributed engine stops its context); the local pool holds nothing. */
    @Override
    default void close() { }

    /** A pool of {@code threads} daemon threads, made for each call (one thread runs the tasks on the caller's thread). */
    static TaskExecutor local(int threads) { return new LocalTaskExecutor(threads); }
}
