package org.vdpnet.scenarios;

import java.util.List;
import org.vdpnet.sim.TimeSeries;

/**
 * Synchrony of oscillator networks from a trajectory with channels {@code x[label]} and
 * {@code y[label]}: the phase of node {@code i} is {@code atan2(y_i, x_i)}, and the Kuramoto
 * order parameter is {@code R(t) = |mean_i exp(i theta_i)|}, 1 for perfect phase locking and
 * about {@code 1/sqrt(n)} for independent phases.
 */
public final class Synchrony {
    private Synchrony() {}

    /** The time average of R over the samples from {@code fromFraction} of the series to its end. */
    public static double meanOrderParameter(TimeSeries ts, List<String> labels, double fromFraction) {
        int n = labels.size();
        int[] xi = new int[n];
        int[] yi = new int[n];
        for (int i = 0; i < n; i++) {
            xi[i] = ts.indexOf("x[" + labels.get(i) + "]");
            yi[i] = ts.indexOf("y[" + labels.get(i) + "]");
        }
        int start = (int) Math.floor(fromFraction * ts.size());
        double sum = 0;
        int count = 0;
        for (int k = Math.min(start, ts.size() - 1); k < ts.size(); k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                double th = Math.atan2(ts.value(k, yi[i]), ts.value(k, xi[i]));
                re += Math.cos(th);
                im += Math.sin(th);
            }
            sum += Math.hypot(re, im) / n;
            count++;
        }
        return sum / count;
    }
}
