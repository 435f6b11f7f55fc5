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
            Exception e = assertThrows(Exception.class, () -> ex.map(List.of(1, 2, 3), x -> {
                if (x == 2) {
                    throw new IllegalStateException("input two is broken");
                }
                return x;
            }, i -> { }));
            assertTrue(String.valueOf(e.getMessage()).contains("input two is broken"), e.getMessage());
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
