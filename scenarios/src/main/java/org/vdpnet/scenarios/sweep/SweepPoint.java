package org.vdpnet.scenarios.sweep;

import java.util.Map;
import org.vdpnet.scenarios.config.ScenarioValues;

/**
 * One run of a sweep: a point of the parameter grid or list, one replicate of it.
 *
 * @param index       the point's index in the plan
 * @param replicate   the replicate number, from 0
 * @param id          folder name, for example {@code p0003-r1}
 * @param assignments the swept settings of this point, path to value as written
 * @param seed        the run's master seed (the scenario seed for replicate 0, derived for others)
 * @param values      the complete settings of the run
 */
public record SweepPoint(int index, int replicate, String id, Map<String, Object> assignments, long seed, ScenarioValues values) {}
