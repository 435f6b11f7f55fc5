package org.vdpnet.sim;

import java.util.Objects;

/**
 * The outcome of one run: the recorded trajectory, how the run ended and at what time, and
 * its cost. The trajectory never contains non-finite rows: a run that blows up stops at the
 * last finite step.
 *
 * @param trajectory  the recorded samples
 * @param status      how the run ended
 * @param endTime     the time the run reached
 * @param evaluations right-hand-side evaluations used
 * @param steps       accepted steps
 * @param message     a human-readable note on the ending (empty on success)
 */
public record SimulationResult(TimeSeries trajectory, Status status, double endTime,
                               long evaluations, long steps, String message) {
    /** Checks the fields. */
    public SimulationResult {
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the run reached its end time. */
    public boolean isSuccess() { return status == Status.SUCCESS; }
}
