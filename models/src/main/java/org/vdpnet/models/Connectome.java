package org.vdpnet.models;

import java.util.Optional;

/**
 * A structural connectome as read from a file: the weights as a {@link Topology} (with region
 * labels), and where the format has them, tract lengths and region centres.
 */
public final class Connectome {
    private final Topology weights;
    private final double[][] tractLengths;
    private final double[][] centres;
    private final String format;

    Connectome(Topology weights, double[][] tractLengths, double[][] centres, String format) {
        this.weights = weights;
        this.tractLengths = tractLengths;
        this.centres = centres;
        this.format = format;
    }

    /** The weights and labels. */
    public Topology topology() { return weights; }

    /** The format it was read from: matrix, tvb, graphml or edgelist. */
    public String format() { return format; }

    /** Tract lengths (mm), where the format has them; a copy. */
    public Optional<double[][]> tractLengths() {
        return Optional.ofNullable(tractLengths).map(Connectome::copy);
    }

    /** Region centres (x, y, z), where the format has them; a copy. */
    public Optional<double[][]> centres() {
        return Optional.ofNullable(centres).map(Connectome::copy);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
