package org.vdpnet.models;

import java.util.Map;

/**
 * What the neighbours of a node contribute to it, following the split of The Virtual Brain:
 * a weighted sum over the sources of the coupling variable, then a per-node post step, times a
 * global gain.
 *
 * <ul>
 *   <li>{@link #linear}: {@code input_i = g sum_j W_ij c_j}</li>
 *   <li>{@link #diffusive}: {@code input_i = g sum_j W_ij (c_j - c_i)}</li>
 *   <li>{@link #sigmoidal}: {@code input_i = g (cmin + (cmax - cmin) / (1 + exp(-slope (s_i - midpoint))))}
 *       with {@code s_i = sum_j W_ij c_j}; the defaults (slope 1, midpoint 0, cmin -1, cmax 1)
 *       give {@code g tanh(s_i / 2)}, which is zero for zero input</li>
 * </ul>
 */
public interface Coupling {

    /**
     * Writes {@code input_i} into {@code out[outOff + i]} for every node, from the coupling
     * variable {@code c_j = state[cOff + j]}. Allocation-free and stateless.
     */
    void apply(Topology topology, double[] state, int cOff, double[] out, int outOff);

    /**
     * The delayed form of {@link #apply}: edge {@code k} of the topology (in CSR order) carries the
     * delayed source value {@code past[k] = c_source(k)(t - tau_k)}, and a difference coupling
     * subtracts the target's present value, {@code s_i = sum_j W_ij (c_j(t - tau_ij) - c_i(t))}, as
     * The Virtual Brain does. Allocation-free and stateless.
     */
    void applyDelayed(Topology topology, double[] past, double[] state, int cOff, double[] out, int outOff);

    /** The global gain. */
    double gain();

    /** The same coupling with another gain ({@code >= 0}). */
    Coupling withGain(double gain);

    /**
     * Whether the input is built from differences, {@code s_i = sum_j W_ij (c_j - c_i)}
     * (diffusive), rather than {@code s_i = sum_j W_ij c_j}.
     */
    boolean difference();

    /**
     * The local linearisation at a state, for analytic Jacobians. Writing the input as
     * {@code input_i = G(s_i)}, this writes {@code G'(s_i)} into {@code slope[i]} and
     * {@code dG/dg} at {@code s_i} into {@code gainSlope[i]}. Then
     * {@code d input_i / d c_j = slope_i (W_ij - [difference] delta_ij rowSum_i)} and
     * {@code d input_i / d W_ij = slope_i (c_j - [difference] c_i)}. Allocation-free.
     */
    void linearise(Topology topology, double[] state, int cOff, double[] slope, double[] gainSlope);

    /** A short type id: linear, diffusive or sigmoidal. */
    String type();

    /** The settings, for provenance. */
    Map<String, Object> describe();

    /** Linear coupling with gain {@code g >= 0}. */
    static Coupling linear(double gain) { return new Couplings.Linear(Couplings.gain(gain)); }

    /** Diffusive coupling with gain {@code g >= 0}. */
    static Coupling diffusive(double gain) { return new Couplings.Diffusive(Couplings.gain(gain)); }

    /** Sigmoidal coupling with the default shape (slope 1, midpoint 0, range [-1, 1]). */
    static Coupling sigmoidal(double gain) { return sigmoidal(gain, 1.0, 0.0, -1.0, 1.0); }

    /** Sigmoidal coupling with the given shape. */
    static Coupling sigmoidal(double gain, double slope, double midpoint, double cmin, double cmax) {
        return Couplings.Sigmoidal.of(gain, slope, midpoint, cmin, cmax);
    }

    /** The coupling with short id {@code type} and the default shape. */
    static Coupling of(String name, String type, double gain) {
        switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "linear": return linear(gain);
            case "diffusive": return diffusive(gain);
            case "sigmoidal": return sigmoidal(gain);
            default:
                throw new IllegalArgumentException(name + ": unknown coupling '" + type + "'; allowed: linear, diffusive, sigmoidal");
        }
    }
}
