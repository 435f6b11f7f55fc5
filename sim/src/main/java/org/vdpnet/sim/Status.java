package org.vdpnet.sim;

/** How a simulation ended. Expected numerical outcomes are statuses, never exceptions. */
public enum Status {
    /** The run reached the requested end time. */
    SUCCESS,
    /** The state became NaN or infinite; the trajectory stops at the last finite sample. */
    NON_FINITE_STATE,
    /** The right-hand-side evaluation budget ran out before the end time. */
    MAX_EVALUATIONS,
    /** The problem's stop condition changed sign. */
    STOPPED_BY_EVENT
}
