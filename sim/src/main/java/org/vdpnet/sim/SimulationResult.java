package org.vdpnet.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one run: the recorded trajectory, the observations recorded alongside it, how
 * the run ended and at what time, and its cost. The trajectory never contains non-finite rows:
 * a run that blows up stops at the last finite step, and its observations stop there too.
 *
 * @param trajectory   the recorded samples of the main monitor
 * @param status       how the run ended
 * @param endTime      the time the run reached
 * @param evaluations  right-hand-side evaluations used
 * @param steps        accepted steps
 * @param message      a human-readable note on the ending (empty on success)
 * @param observations the series of each observation monitor, by the name it was given to
 *                     {@link Simulator#solve(SimulationProblem, IntegratorSpec, Monitor, Map, ProgressListener)}
 *                     (empty when none was asked for); an unmodifiable copy in the order given
 */
public record SimulationResult(TimeSeries trajectory, Status status, double endTime,
                               long evaluations, long steps, String message, Map<String, TimeSeries> observations) {
    /** Checks the fields and copies the observations. */
    public SimulationResult {
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        observations = copy(observations);
    }

    /** A result without observations. */
    public SimulationResult(TimeSeries trajectory, Status status, double endTime, long evaluations, long steps, String message) {
        this(trajectory, status, endTime, evaluations, steps, message, Map.of());
    }

    /** Whether the run reached its end time. */
    public boolean isSuccess() { return status == Status.SUCCESS; }

    /** A copy with these observations in place of the present ones. */
    public SimulationResult withObservations(Map<String, TimeSeries> obs) {
        return new SimulationResult(trajectory, status, endTime, evaluations, steps, message, obs);
    }

    /** An unmodifiable copy that keeps the order given (unlike {@code Map.copyOf}), so files and records list them stably. */
    private static Map<String, TimeSeries> copy(Map<String, TimeSeries> obs) {
        Objects.requireNonNull(obs, "observations");
        if (obs.isEmpty()) {
            return Map.of();
        }
        Map<String, TimeSeries> m = new LinkedHashMap<>();
        obs.forEach((k, v) -> m.put(Objects.requireNonNull(k, "observation name"), Objects.requireNonNull(v, "observation " + k)));
        return Collections.unmodifiableMap(m);
    }
}
