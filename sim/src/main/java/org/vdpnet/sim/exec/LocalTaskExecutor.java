package org.vdpnet.sim.exec;

import java.util.ArrayList;
import java.util.Collections;
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
    public <I, O> List<O> map(List<I> inputs, Task<I, O> task, IntConsumer done) throws Exception {
        int n = inputs.size();
        List<O> out = new ArrayList<>(Collections.nCopies(n, null));
        if (threads == 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                out.set(i, task.apply(inputs.get(i)));
                done.accept(i);
            }
            return out;
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "vdpnet-task-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), tf);
        try {
            ExecutorCompletionService<Integer> ecs = new ExecutorCompletionService<>(pool);
            List<Future<Integer>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                final int k = i;
                futures.add(ecs.submit(() -> {
                    out.set(k, task.apply(inputs.get(k))); // distinct slots: no two tasks write the same index
                    return k;
                }));
            }
            for (int i = 0; i < n; i++) {
                try {
                    done.accept(ecs.take().get());
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
        return out;
    }

    @Override public int parallelism() { return threads; }

    @Override public String describe() { return "local(threads=" + threads + ")"; }
}
