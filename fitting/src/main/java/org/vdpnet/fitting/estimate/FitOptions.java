package org.vdpnet.fitting.estimate;

import org.vdpnet.sim.Checks;

/**
 * Settings of a {@link Fitter} fit.
 *
 * @param substeps      RK4 sub-steps per sample interval
 * @param segment       multiple-shooting segment length in samples (>= 2; the window length for single shooting)
 * @param continuity    the continuity-penalty weights, one LM stage each, increasing
 * @param maxIterations LM iterations per stage
 * @param ridge         ridge penalty of the regression initialiser (relative to unit-norm columns)
 * @param smoothing     Savitzky–Golay window of the initialiser (odd), 1 for none
 * @param polish        finish with a single-shooting LM stage on the whole window
 * @param restarts      seeded random restarts (perturbed initialiser) on top of the deterministic starts; the global option
 * @param seed          seed of the restarts
 * @param tolerance     relative cost and parameter tolerance of Levenberg–Marquardt
 * @param parallelism   threads that run the starts side by side (results do not depend on it)
 * @param screenIterations LM iterations every start gets before the race keeps the best (0: every start gets the whole budget)
 * @param finalists     starts that continue after the screen
 * @param freeRun       frames of free run a fit must stay bounded over (0: no check): the finalists are ranked bounded first
 */
public record FitOptions(int substeps, int segment, double[] continuity, int maxIterations, double ridge, int smoothing,
                         boolean polish, int restarts, long seed, double tolerance, int parallelism, int screenIterations, int finalists, int freeRun)
        implements java.io.Serializable {
    /** Checks the values. */
    public FitOptions {
        Checks.inRange("substeps", substeps, 1, 1000);
        Checks.inRange("segment", segment, 2, 1_000_000);
        Checks.inRange("max-iterations", maxIterations, 1, 1_000_000);
        Checks.nonNegative("ridge", ridge);
        if (!(smoothing == 1 || (smoothing >= 3 && smoothing % 2 == 1 && smoothing <= 1001))) {
            throw new IllegalArgumentException("smoothing: must be 1 (none) or an odd window in [3, 1001], got " + smoothing);
        }
        Checks.inRange("restarts", restarts, 0, 100_000);
        Checks.positive("tolerance", tolerance);
        Checks.inRange("threads", parallelism, 1, 4096);
        Checks.inRange("screen-iterations", screenIterations, 0, 1_000_000);
        Checks.inRange("finalists", finalists, 1, 100_000);
        Checks.inRange("free-run", freeRun, 0, 1_000_000);
        continuity = continuity.clone();
        for (double c : continuity) {
            Checks.positive("continuity", c);
        }
    }

    /**
     * 2 RK4 sub-steps per sample (raised by the fitter where the initial model is faster), segments
     * of 50 samples (a 100-sample window is one segment: on the zebrafish windows, shorter segments
     * cost 3x the time for a median r within 0.01), continuity 1, 10, 100, 200 iterations a stage,
     * ridge 1e-8, smoothing 7, polish, 3 restarts with seed 1, tolerance 1e-5, one thread, and a
     * start race of 20 screening iterations with 2 finalists (bench/RESULTS.md, issue 12).
     */
    public static FitOptions defaults() {
        return new FitOptions(2, 50, new double[] {1, 10, 100}, 200, 1e-8, 7, true, 3, 1L, 1e-5, 1, 20, 2, 0);
    }

    /** A copy with another segment length. */
    public FitOptions withSegment(int s) {
        return new FitOptions(substeps, s, continuity, maxIterations, ridge, smoothing, polish, restarts, seed, tolerance, parallelism, screenIterations, finalists, freeRun);
    }

    /** A copy with another smoothing window. */
    public FitOptions withSmoothing(int w) {
        return new FitOptions(substeps, segment, continuity, maxIterations, ridge, w, polish, restarts, seed, tolerance, parallelism, screenIterations, finalists, freeRun);
    }

    /** A copy with another iteration budget per stage. */
    public FitOptions withMaxIterations(int m) {
        return new FitOptions(substeps, segment, continuity, m, ridge, smoothing, polish, restarts, seed, tolerance, parallelism, screenIterations, finalists, freeRun);
    }

    /** A copy with another number of RK4 sub-steps per sample. */
    public FitOptions withSubsteps(int s) {
        return new FitOptions(s, segment, continuity, maxIterations, ridge, smoothing, polish, restarts, seed, tolerance, parallelism, screenIterations, finalists, freeRun);
    }

    /** A copy with other random restarts. */
    public FitOptions withRestarts(int count, long restartSeed) {
        return new FitOptions(substeps, segment, continuity, maxIterations, ridge, smoothing, polish, count, restartSeed, tolerance,
                parallelism, screenIterations, finalists, freeRun);
    }

    /** A copy with another LM tolerance. */
    public FitOptions withTolerance(double tol) {
        return new FitOptions(substeps, segment, continuity, maxIterations, ridge, smoothing, polish, restarts, seed, tol, parallelism, screenIterations, finalists, freeRun);
    }

    /** A copy that runs the starts on this many threads. */
    public FitOptions withParallelism(int threads) {
        return new FitOptions(substeps, segment, continuity, maxIterations, ridge, smoothing, polish, restarts, seed, tolerance, threads, screenIterations, finalists, freeRun);
    }

    /** A copy with another race: {@code screen} iterations for every start, then {@code count} finalists (screen 0: no race). */
    public FitOptions withRace(int screen, int count) {
        return new FitOptions(substeps, segment, continuity, maxIterations, ridge, smoothing, polish, restarts, seed, tolerance, parallelism, screen,
                count, freeRun);
    }

    /**
     * A copy that checks every polished start for {@code frames} frames of free run (from its
     * fitted initial state over the window and beyond, and from the fitted trajectory's state at
     * nine evenly spaced frames inside the window): the best start is the lowest-cost one that
     * stays bounded, among every start of the race (a start that lost the race after its screening
     * iterations counts too, with its screened cost), and a
     * fit with none says so ({@link FitResult#freeRunBounded()}). 0 switches the check off.
     */
    public FitOptions withFreeRun(int frames) {
        return new FitOptions(substeps, segment, continuity, maxIterations, ridge, smoothing, polish, restarts, seed, tolerance, parallelism,
                screenIterations, finalists, frames);
    }

    /** Every setting, for provenance. */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("substeps", substeps);
        m.put("segment", segment);
        m.put("continuity", continuity.clone());
        m.put("maxIterations", maxIterations);
        m.put("ridge", ridge);
        m.put("smoothing", smoothing);
        m.put("polish", polish);
        m.put("restarts", restarts);
        m.put("seed", seed);
        m.put("tolerance", tolerance);
        m.put("parallelism", parallelism);
        m.put("screenIterations", screenIterations);
        m.put("finalists", finalists);
        m.put("freeRun", freeRun);
        m.put("fixedConstants", Fitter.constants());
        return m;
    }
}
