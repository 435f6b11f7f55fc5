package org.vdpnet.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.sim.TimeSeries;

/**
 * Synchrony metrics of an oscillator network from a trajectory with channels {@code x[label]}
 * and {@code y[label]}. The phase of node {@code i} is {@code theta_i = atan2(-y_i, x_i)}, which
 * increases along the (clockwise) cycles of both van der Pol forms.
 *
 * <ul>
 *   <li>order parameter {@code R = <|mean_i exp(i theta_i)|>_t}: 1 for phase locking, about
 *       {@code 1/sqrt(n)} for independent phases;</li>
 *   <li>two-cluster parameter {@code R2 = <|mean_i exp(2 i theta_i)|>_t}: near 1 when the nodes
 *       split into two anti-phase groups (then R is near 0);</li>
 *   <li>mean frequency and frequency spread: each node's unwrapped phase advance over the
 *       window divided by {@code 2 pi} times its length, averaged and their standard deviation
 *       (0 when all nodes are frequency-locked);</li>
 *   <li>amplitude: the mean over nodes of the largest |x|.</li>
 * </ul>
 */
public final class Synchrony {
    private Synchrony() {}

    /** The metric names, as used in summaries and scenario files. */
    public static final List<String> NAMES = List.of("order-parameter", "two-cluster", "mean-frequency", "frequency-spread", "amplitude");

    /**
     * The metrics over the samples at times {@code >= from}.
     *
     * @return a map from each name in {@link #NAMES} to its value (NaN with fewer than two samples)
     */
    public static Map<String, Double> metrics(TimeSeries ts, List<String> labels, double from) {
        int n = labels.size();
        int[] xi = new int[n];
        int[] yi = new int[n];
        for (int i = 0; i < n; i++) {
            xi[i] = ts.indexOf("x[" + labels.get(i) + "]");
            yi[i] = ts.indexOf("y[" + labels.get(i) + "]");
        }
        int start = 0;
        while (start < ts.size() && ts.time(start) < from) {
            start++;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (ts.size() - start < 2) {
            NAMES.forEach(k -> out.put(k, Double.NaN));
            return out;
        }
        double r1 = 0;
        double r2 = 0;
        double[] prev = new double[n];
        double[] advance = new double[n];
        double[] amp = new double[n];
        for (int k = start; k < ts.size(); k++) {
            double c1 = 0;
            double s1 = 0;
            double c2 = 0;
            double s2 = 0;
            for (int i = 0; i < n; i++) {
                double x = ts.value(k, xi[i]);
                double th = Math.atan2(-ts.value(k, yi[i]), x);
                c1 += Math.cos(th);
                s1 += Math.sin(th);
                c2 += Math.cos(2 * th);
                s2 += Math.sin(2 * th);
                if (k > start) {
                    double d = th - prev[i];
                    advance[i] += d - 2 * Math.PI * Math.rint(d / (2 * Math.PI));
                }
                prev[i] = th;
                amp[i] = Math.max(amp[i], Math.abs(x));
            }
            r1 += Math.hypot(c1, s1) / n;
            r2 += Math.hypot(c2, s2) / n;
        }
        int samples = ts.size() - start;
        double span = ts.time(ts.size() - 1) - ts.time(start);
        double meanF = 0;
        for (int i = 0; i < n; i++) {
            advance[i] /= 2 * Math.PI * span;
            meanF += advance[i];
        }
        meanF /= n;
        double var = 0;
        double meanAmp = 0;
        for (int i = 0; i < n; i++) {
            var += (advance[i] - meanF) * (advance[i] - meanF);
            meanAmp += amp[i];
        }
        out.put("order-parameter", r1 / samples);
        out.put("two-cluster", r2 / samples);
        out.put("mean-frequency", meanF);
        out.put("frequency-spread", Math.sqrt(var / n));
        out.put("amplitude", meanAmp / n);
        return out;
    }

    /** The time-averaged Kuramoto order parameter over the samples at times {@code >= from}. */
    public static double meanOrderParameter(TimeSeries ts, List<String> labels, double from) {
        return metrics(ts, labels, from).get("order-parameter");
    }
}
