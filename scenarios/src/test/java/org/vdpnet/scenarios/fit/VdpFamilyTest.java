package org.vdpnet.scenarios.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** fit.json's {@code delaySteps}: how the edges' delays fall on the integration step, in words. */
class VdpFamilyTest {
    @Test
    void delayStepsAreCountedInWords() {
        TreeMap<Long, Integer> lags = new TreeMap<>();
        lags.put(0L, 80);
        lags.put(1L, 40);
        lags.put(3L, 2);
        assertEquals("122 edges: 80 at 0 steps, 40 at 1 step, 2 at 3 steps", VdpFamily.describeLags(lags));
    }
}
