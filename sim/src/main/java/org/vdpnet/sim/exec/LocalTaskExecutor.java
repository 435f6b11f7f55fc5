package org.vdpnet.sim.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.vdpnet.sim.Checks;

/** {@link TaskExecutor#local}: a fixed pool of daemon threads per call. */
final class LocalTaskExecutor implements TaskExecutor {
    private final int threads;

    LocalTaskExecutor(int threads) {
        this.threads = Checks.positive("threads", threads);
    }

    @Override
    public <I, O> void run(List<I> inputs, Task<I, O> task, Results<? super O> results, IntConsumer progress) throws Exception {
        int n = inputs.size();
        progress.accept(0);
        if (threads == 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                results.accept(i, task.apply(inputs.get(i)));
                progress.accept(i + 1);
            }
            return;
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "vdpnet-task-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), tf);
        try {
            ExecutorCompletionService<Done<O>> ecs = new ExecutorCompletionService<>(pool);
            List<Future<Done<O>>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                final int k = i;
                futures.add(ecs.submit(() -> new Done<>(k, task.apply(inputs.get(k)))));
            }
            for (int i = 0; i < n; i++) {
                try {
                    Done<O> d = ecs.take().get();
                    results.accept(d.index(), d.result()); // on the caller's thread, one at a time
                    progress.accept(i + 1);
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    Throwable c = e.getCause();
                    if (c instanceof Exception ex) {
                        throw ex;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new RuntimeException(c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private record Done<O>(int index, O result) {}

    @Override public int parallelism() { return threads; }

    @Override public String describe() { return "local(threads=" + threads + ")"; }
}
