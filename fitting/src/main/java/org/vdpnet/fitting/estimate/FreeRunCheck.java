package org.vdpnet.fitting.estimate;

import java.util.Arrays;
import org.vdpnet.sim.param.FixedStepPath;
import org.vdpnet.sim.param.ParametricField;

/** The fitter's free-run check ({@link FitOptions#withFreeRun}): whether a fitted model stays bounded when run on its own. */
final class FreeRunCheck {
    private FreeRunCheck() {}

    /** Start points of the check: the initial state (run over the window and beyond) and {@code POINTS - 1} evenly spaced frames inside the window. */
    static final int POINTS = 10;

    private static final int[] NONE = new int[0];

    /**
     * Whether the model at {@code q} stays bounded over {@code frames} frames of free run: from its
     * fitted initial state over the window and {@code frames} beyond, and from the fitted
     * trajectory's state at {@code POINTS - 1} evenly spaced frames inside the window (one pass
     * along the trajectory, each point's state carried to the next).
     */
    static boolean bounded(FitProblem p, Shooting single, double[] q, int frames, int substeps) {
        int pf = p.freeView().length;
        int d = p.model().getDimension();
        int t = p.samples();
        ParametricField m = single.modelAt(q);
        FixedStepPath path = new FixedStepPath(d, NONE, p.dt(), substeps, Shooting.LIMIT);
        double[] at = Arrays.copyOfRange(q, pf, pf + d);
        if (!path.simulate(m, at, 0, t + frames, NONE, null, null)) {
            return false;
        }
        int previous = 0;
        for (int j = 1; j < POINTS; j++) {
            int k = (int) ((long) j * (t - 1) / POINTS);
            // carry the trajectory from the previous point to frame k, then run free from there
            if (!path.simulate(m, at, 0, k - previous + 1, NONE, null, at) || !path.simulate(m, at, 0, frames + 1, NONE, null, null)) {
                return false;
            }
            previous = k;
        }
        return true;
    }
}
