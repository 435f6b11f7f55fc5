package org.vdpnet.sim;

/** Receives the fraction of the time span done, from 0 to 1; called at most about 200 times a run. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = fraction -> { };

    /** Called with the fraction done. */
    void progress(double fraction);
}
