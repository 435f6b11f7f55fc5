package org.vdpnet.sim.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskExecutorTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void resultsComeInInputOrderWhateverTheThreadCount(int threads) throws Exception {
        List<Integer> in = IntStream.range(0, 50).boxed().toList();
        List<Integer> done = new ArrayList<>();
        List<Long> out = TaskExecutor.local(threads).map(in, x -> {
            Thread.sleep((x * 7) % 5); // finish out of order
            return (long) x * x;
        }, done::add);
        assertEquals(IntStream.range(0, 50).mapToObj(x -> (long) x * x).toList(), out);
        assertEquals(50, done.size());
        assertEquals(IntStream.range(0, 50).boxed().toList(), done.stream().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void theFirstFailureIsRethrown(int threads) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskExecutor.local(threads)
                .map(List.of(1, 2, 3), x -> {
                    if (x == 2) {
                        throw new IllegalStateException("two");
                    }
                    return x;
                }, i -> { }));
        assertEquals("two", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TaskExecutor.local(0));
    }
}
