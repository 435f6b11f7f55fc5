package org.vdpnet.sim;

/**
 * A switching function: the run stops, with {@link Status#STOPPED_BY_EVENT}, at the first time
 * after the start where {@code g} changes sign. For example {@code (t, y) -> 10 - Math.abs(y[0])}
 * stops when the first component first reaches magnitude 10.
 */
@FunctionalInterface
public interface StopCondition {
    /** The switching function. */
    double g(double t, double[] y);
}
