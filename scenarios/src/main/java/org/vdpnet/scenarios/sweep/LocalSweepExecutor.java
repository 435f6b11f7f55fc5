package org.vdpnet.scenarios.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.vdpnet.sim.Checks;

/** Runs sweep points on a fixed pool of daemon threads. */
final class LocalSweepExecutor implements SweepExecutor {
    private final int threads;

    LocalSweepExecutor(int threads) {
        this.threads = Checks.positive("threads", threads);
    }

    @Override
    public void execute(List<SweepPoint> points, PointTask task, Consumer<SweepPoint> done) throws Exception {
        if (points.isEmpty()) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "vdpnet-sweep-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, points.size()), tf);
        try {
            ExecutorCompletionService<SweepPoint> ecs = new ExecutorCompletionService<>(pool);
            List<Future<SweepPoint>> futures = new ArrayList<>();
            for (SweepPoint p : points) {
                futures.add(ecs.submit(() -> {
                    task.run(p);
                    return p;
                }));
            }
            for (int i = 0; i < points.size(); i++) {
                try {
                    done.accept(ecs.take().get());
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    Throwable c = e.getCause();
                    throw c instanceof Exception ex ? ex : new RuntimeException(c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String describe() { return "local(threads=" + threads + ")"; }
}
