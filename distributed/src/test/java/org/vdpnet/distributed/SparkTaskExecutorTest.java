package org.vdpnet.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;
import org.vdpnet.sim.exec.EngineSettings;
import org.vdpnet.sim.exec.Engines;
import org.vdpnet.sim.exec.TaskExecutor;

/** The Spark executor's contract: each result exactly once, whatever Spark retries; failures surface; progress reaches the total. */
class SparkTaskExecutorTest {

    static TaskExecutor spark(String master, int partitions) throws Exception {
        return Engines.open(new EngineSettings("spark", master, 1, partitions, Map.of()), "vdpnet test");
    }

    @Test
    void retriedTasksAreDeliveredOnce() throws Exception {
        List<Integer> inputs = IntStream.range(0, 20).boxed().toList();
        // local[2,3]: two threads, three attempts per task; every odd input fails on its first attempt
        try (TaskExecutor ex = spark("local[2,3]", 0)) {
            int[] seen = new int[20];
            long[] got = new long[20];
            List<Integer> progress = new ArrayList<>();
            ex.run(inputs, x -> {
                if (x % 2 == 1 && TaskContext.get().attemptNumber() == 0) {
                    throw new IllegalStateException("first attempt of " + x + " fails");
                }
                return (long) x * x;
            }, (i, v) -> {
                seen[i]++;
                got[i] = v;
            }, k -> {
                synchronized (progress) {
                    progress.add(k);
                }
            });
            for (int i = 0; i < 20; i++) {
                assertEquals(1, seen[i], "input " + i + " delivered once");
                assertEquals((long) i * i, got[i]);
            }
            assertEquals(20, progress.get(progress.size() - 1));
            // the listener itself counted every input before the run returned (and then the run said 20 once more)
            assertEquals(2, progress.stream().filter(k -> k == 20).count(), progress.toString());
            for (int k = 1; k < progress.size(); k++) {
                assertTrue(progress.get(k) >= progress.get(k - 1), "progress never goes back: " + progress);
            }
            assertEquals(10, ex.warnings().size(), ex.warnings().toString());
            assertTrue(ex.warnings().get(0).contains("first attempt of"), ex.warnings().get(0));
        }
    }

    @Test
    void mapKeepsInputOrderForAnyPartitioning() throws Exception {
        List<Integer> inputs = IntStream.range(0, 17).boxed().toList();
        for (int parts : new int[] {0, 1, 4, 17, 40}) {
            try (TaskExecutor ex = spark("local[2]", parts)) {
                List<Integer> out = ex.map(inputs, x -> 3 * x + 1, i -> { });
                assertEquals(inputs.stream().map(x -> 3 * x + 1).toList(), out, "partitions " + parts);
            }
        }
    }

    @Test
    void aTaskThatKeepsFailingFailsTheRun() throws Exception {
        try (TaskExecutor ex = spark("local[2]", 0)) {
            // the task's own exception comes back, as from the local pool: a bad input stays a bad input (exit 2)
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ex.map(List.of(1, 2, 3), x -> {
                if (x == 2) {
                    throw new IllegalArgumentException("input two is broken");
                }
                return x;
            }, i -> { }));
            assertEquals("input two is broken", e.getMessage());
            java.io.IOException io = assertThrows(java.io.IOException.class, () -> ex.map(List.of(1, 2), x -> {
                if (x == 2) {
                    throw new java.io.IOException("input two is unreadable");
                }
                return x;
            }, i -> { }));
            assertEquals("input two is unreadable", io.getMessage());
        }
    }

    @Test
    void aFailingResultHandlerStopsTheRunAndIsRethrown() throws Exception {
        try (TaskExecutor ex = spark("local[1]", 0)) {
            List<Integer> delivered = new ArrayList<>();
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> ex.run(IntStream.range(0, 30).boxed().toList(), x -> x,
                    (i, v) -> {
                        delivered.add(i);
                        if (delivered.size() == 3) {
                            throw new java.io.IOException("disk full");
                        }
                    }, k -> { }));
            assertEquals("disk full", e.getMessage());
            assertEquals(3, delivered.size(), "no result is handed over after the handler failed: " + delivered);
            // the context survives for the next run
            assertEquals(List.of(2, 4), ex.map(List.of(1, 2), x -> 2 * x, i -> { }));
        }
    }

    @Test
    void badMastersAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> spark("local[two]", 0));
        assertTrue(e.getMessage().startsWith("--master: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spark("mesos://x:5050", 0));
        assertTrue(e.getMessage().contains("got mesos://x:5050"), e.getMessage());
        assertFalse(Engines.available().isEmpty());
        assertTrue(Engines.available().contains("spark"));
    }
}
