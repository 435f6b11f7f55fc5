package org.vdpnet.scenarios.sweep;

import java.util.List;
import java.util.function.Consumer;
import org.vdpnet.sim.exec.TaskExecutor;

/** Runs sweep points on the local pool of {@link TaskExecutor#local}. */
final class LocalSweepExecutor implements SweepExecutor {
    private final TaskExecutor pool;

    LocalSweepExecutor(int threads) {
        this.pool = TaskExecutor.local(threads);
    }

    @Override
    public void execute(List<SweepPoint> points, PointTask task, Consumer<SweepPoint> done) throws Exception {
        pool.map(points, p -> {
            task.run(p);
            return p;
        }, i -> done.accept(points.get(i)));
    }

    @Override
    public String describe() { return pool.describe(); }
}
