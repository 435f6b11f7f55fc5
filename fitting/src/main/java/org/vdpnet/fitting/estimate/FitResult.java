package org.vdpnet.fitting.estimate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a fit: the best parameters found, the latent initial state, their standard
 * errors, the cost, the per-component Pearson r of the simulated model against the data,
 * and how the optimisation ended. Numerical failures are statuses, never exceptions.
 *
 * @param params     the parameters
 * @param x0         the fitted initial observed state
 * @param y0         the fitted initial latent state
 * @param stdErrors  standard errors in packed order (a1, a2, W, x0, y0); NaN where not estimable
 * @param rms        root-mean-square residual of the simulated trajectory against the data
 * @param r          Pearson r per component between data and the model simulated from (x0, y0)
 * @param simulated  the simulated x at every sample ({@code samples x n}); NaN when the fit has no bounded trajectory
 * @param iterations LM iterations over all stages
 * @param status     how it ended
 * @param message    a note on the ending
 * @param initialR   per-component r of the regression initialiser alone
 * @param warnings   what the fit changed on its own: floors, halvings, smoothing switched off (with the values)
 */
public record FitResult(ResearchParameters params, double[] x0, double[] y0, double[] stdErrors, double rms, double[] r,
                        double[][] simulated, int iterations, Status status, String message, double[] initialR, java.util.List<String> warnings) {
    /** Copies the list. */
    public FitResult {
        warnings = java.util.List.copyOf(warnings);
    }

    /** How a fit ended. */
    public enum Status {
        /** Converged. */
        SUCCESS,
        /** The iteration budget ran out; the best parameters so far are reported. */
        MAX_ITERATIONS,
        /** The simulated model left the data's range (blew up) at the best parameters. */
        DIVERGED,
        /** A non-finite value appeared; the best finite parameters are reported. */
        NON_FINITE
    }

    /** Mean of the per-component r. */
    public double meanR() {
        double s = 0;
        for (double v : r) {
            s += v;
        }
        return s / r.length;
    }

    /** For fit.json. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("message", message);
        m.put("fitWarnings", warnings);
        m.put("meanPearsonR", meanR());
        m.put("pearsonR", r.clone());
        m.put("initialiserPearsonR", initialR.clone());
        m.put("rms", rms);
        m.put("iterations", iterations);
        m.putAll(params.describe());
        m.put("x0", x0.clone());
        m.put("y0", y0.clone());
        int n = params.components();
        Map<String, Object> se = new LinkedHashMap<>();
        double[] a1 = new double[n];
        double[] a2 = new double[n];
        double[][] w = new double[n][n];
        double[] sx = new double[n];
        double[] sy = new double[n];
        for (int i = 0; i < n; i++) {
            a1[i] = stdErrors[i];
            a2[i] = stdErrors[n + i];
            for (int j = 0; j < n; j++) {
                w[i][j] = stdErrors[2 * n + i * n + j];
            }
            sx[i] = stdErrors[2 * n + n * n + i];
            sy[i] = stdErrors[3 * n + n * n + i];
        }
        se.put("a1", a1);
        se.put("a2", a2);
        se.put("W", w);
        se.put("x0", sx);
        se.put("y0", sy);
        m.put("standardErrors", se);
        return m;
    }
}
