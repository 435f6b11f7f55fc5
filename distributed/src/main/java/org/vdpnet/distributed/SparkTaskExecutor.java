package org.vdpnet.distributed;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.spark.Success$;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.vdpnet.sim.exec.TaskExecutor;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A {@link TaskExecutor} on a Spark context. The inputs are cut into contiguous batches, one Spark
 * partition each (one input per partition by default); every run is one Spark job. Each batch's
 * results reach the caller through the job's result handler, on the driver, exactly once per
 * partition however often Spark ran it (a retried task, a lost executor, a speculative copy), and as
 * soon as that partition is done, so the driver can write them before the job ends. Progress (inputs
 * done out of inputs) comes from a {@link SparkListener} that counts the first successful task of each
 * partition; the same listener records failed task attempts and lost executors as warnings.
 */
final class SparkTaskExecutor implements TaskExecutor {
    private final JavaSparkContext jsc;
    private final int partitions;
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger jobs = new AtomicInteger();

    private final double startSeconds;
    private final java.util.SortedMap<String, String> conf;

    SparkTaskExecutor(JavaSparkContext jsc, int partitions, double startSeconds, java.util.Map<String, String> conf) {
        this.jsc = jsc;
        this.partitions = partitions;
        this.startSeconds = startSeconds;
        this.conf = new java.util.TreeMap<>(conf);
    }

    /** How long {@link #run} waits for Spark's listener bus to deliver the end of its job (its last task events). */
    private static final long LISTENER_DRAIN_SECONDS = 10;

    /** One partition's inputs: those from {@code start} on. */
    record Batch<I>(int start, ArrayList<I> inputs) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public <I, O> void run(List<I> inputs, Task<I, O> task, Results<? super O> results, IntConsumer progress) throws Exception {
        int n = inputs.size();
        progress.accept(0);
        if (n == 0) {
            return;
        }
        int parts = partitions == 0 ? n : Math.min(partitions, n);
        List<Batch<I>> batches = new ArrayList<>(parts);
        int[] sizes = new int[parts];
        for (int b = 0; b < parts; b++) {
            int from = (int) ((long) b * n / parts);
            int to = (int) ((long) (b + 1) * n / parts);
            batches.add(new Batch<>(from, new ArrayList<>(inputs.subList(from, to))));
            sizes[b] = to - from;
        }
        String group = "vdpnet-" + jobs.incrementAndGet();
        Listener listener = new Listener(group, sizes, progress);
        jsc.sc().addSparkListener(listener);
        jsc.setJobGroup(group, "vdpnet: " + n + " tasks in " + parts + " partitions", false);
        Exception[] handlerFailure = {null};
        boolean finished = false;
        try {
            // one batch per partition: Spark slices k elements into k slices of one
            JavaRDD<Batch<I>> rdd = jsc.parallelize(batches, parts);
            jsc.sc().runJob(rdd.rdd(), new RunBatch<>(task), new AbstractFunction2<Object, ArrayList<O>, BoxedUnit>() {
                @Override
                public BoxedUnit apply(Object partition, ArrayList<O> out) {
                    int start = batches.get((Integer) partition).start();
                    if (handlerFailure[0] != null) {
                        return BoxedUnit.UNIT; // the run has failed: no more results are written
                    }
                    try {
                        for (int j = 0; j < out.size(); j++) {
                            results.accept(start + j, out.get(j));
                        }
                    } catch (Exception e) {
                        handlerFailure[0] = e;
                        jsc.cancelJobGroup(group);
                        throw new IllegalStateException(e);
                    }
                    return BoxedUnit.UNIT;
                }
            }, ClassTag$.MODULE$.apply(ArrayList.class));
            finished = true;
        } catch (Exception e) { // Spark's SparkException is checked
            if (handlerFailure[0] != null) {
                throw handlerFailure[0];
            }
            throw taskFailure(e);
        } finally {
            // the listener bus is asynchronous: let it deliver the job's last task events (failed attempts, progress) first
            listener.awaitJobEnd(LISTENER_DRAIN_SECONDS);
            jsc.sc().removeSparkListener(listener);
            jsc.clearJobGroup();
        }
        if (finished) {
            progress.accept(n);
        }
    }

    /**
     * What a failed job rethrows: the task's own exception where Spark kept it (as the local executor
     * rethrows it, so a bad input is still a bad input), else a failure with the first line of Spark's
     * message.
     */
    static Exception taskFailure(Exception e) {
        Throwable c = e.getCause();
        if (c instanceof IllegalStateException ise && ise.getCause() instanceof Exception inner && inner.getMessage() != null
                && inner.getMessage().equals(ise.getMessage())) {
            c = inner; // RunBatch's wrapper of a checked exception
        }
        if (c instanceof Exception task && !(c instanceof org.apache.spark.SparkException)) {
            return task;
        }
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return new SparkTaskFailure(nl < 0 ? m : m.substring(0, nl), e);
    }

    /** The function that Spark runs on a partition: the task on each input of the batch, in order. */
    private static final class RunBatch<I, O> extends AbstractFunction2<TaskContext, Iterator<Batch<I>>, ArrayList<O>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Task<I, O> task;

        RunBatch(Task<I, O> task) {
            this.task = task;
        }

        @Override
        public ArrayList<O> apply(TaskContext ctx, Iterator<Batch<I>> it) {
            ArrayList<O> out = new ArrayList<>();
            while (it.hasNext()) {
                for (I input : it.next().inputs()) {
                    try {
                        out.add(task.apply(input));
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
            }
            return out;
        }
    }

    /** Counts the partitions of one job group as their first task succeeds; notes failures. */
    private final class Listener extends SparkListener {
        private final String group;
        private final int[] sizes;
        private final IntConsumer progress;
        private final Set<Integer> stages = Collections.synchronizedSet(new HashSet<>());
        private final Set<Integer> done = new HashSet<>();
        private final Set<Integer> jobIds = Collections.synchronizedSet(new HashSet<>());
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        private int inputsDone;

        Listener(String group, int[] sizes, IntConsumer progress) {
            this.group = group;
            this.sizes = sizes;
            this.progress = progress;
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            String g = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
            if (group.equals(g)) {
                scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds()).forEach(id -> stages.add((Integer) id));
                jobIds.add(start.jobId());
            }
        }

        @Override
        public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd end) {
            if (jobIds.contains(end.jobId())) {
                ended.countDown();
            }
        }

        /** Waits (at most {@code seconds}) until the bus has delivered the job's end, and so every task event before it. */
        void awaitJobEnd(long seconds) {
            // a job whose start the bus has not delivered yet may never have been submitted (a failure before): wait briefly
            try {
                ended.await(jobIds.isEmpty() ? Math.min(seconds, 1) : seconds, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!stages.contains(end.stageId())) {
                return;
            }
            int partition = end.taskInfo().partitionId();
            if (end.reason() == Success$.MODULE$) {
                int now;
                synchronized (done) {
                    if (!done.add(partition)) {
                        return;
                    }
                    inputsDone += sizes[partition];
                    now = inputsDone;
                }
                progress.accept(now);
            } else {
                warnings.add("Spark task for partition " + partition + " (attempt " + end.taskInfo().attemptNumber() + ", executor "
                        + end.taskInfo().executorId() + " on " + end.taskInfo().host() + ") did not finish: " + end.reason().toString()
                        .replaceAll("\\s+", " "));
            }
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
            warnings.add("Spark lost executor " + removed.executorId() + ": " + removed.reason());
        }
    }

    @Override public int parallelism() { return jsc.defaultParallelism(); }

    @Override
    public String describe() {
        return "spark(version=" + jsc.version() + ", master=" + jsc.master() + ", defaultParallelism=" + jsc.defaultParallelism()
                + ", partitions=" + (partitions == 0 ? "one per task" : partitions) + (conf.isEmpty() ? "" : ", conf=" + conf)
                + String.format(java.util.Locale.ROOT, ", contextStartSeconds=%.2f)", startSeconds);
    }

    @Override
    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    @Override
    public void close() {
        jsc.stop();
    }

    /** A task that failed on Spark (after Spark's own retries); the message is Spark's, with the task's exception. */
    static final class SparkTaskFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SparkTaskFailure(String sparkMessage, Exception e) {
            super("the Spark job failed: " + sparkMessage, e);
        }
    }
}
