package org.vdpnet.sim;

/** The state over one integration step, as a recorder sees it. */
public interface Interpolant {
    /** Writes the state at time {@code t}, inside the current step, into {@code out}. */
    void stateAt(double t, double[] out);
}
