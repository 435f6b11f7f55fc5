package org.vdpnet.sim;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * A right-hand side {@code y' = f(t, y)} that writes into a caller-owned array, so the
 * fixed-step integrators run without allocating. It is also a Hipparchus
 * {@link OrdinaryDifferentialEquation}, so the adaptive integrators can run it directly.
 *
 * <p>Implementations must be stateless (or only read immutable state) so that one instance can
 * be integrated from several threads at once.
 */
public interface VectorField extends OrdinaryDifferentialEquation {

    /** Writes {@code f(t, y)} into {@code yDot}; {@code y} and {@code yDot} never alias. */
    void derivatives(double t, double[] y, double[] yDot);

    @Override
    default double[] computeDerivatives(double t, double[] y) {
        double[] yDot = new double[y.length];
        derivatives(t, y, yDot);
        return yDot;
    }

    /** The in-place form of a right-hand side, for {@link #of}. */
    @FunctionalInterface
    interface InPlace {
        void derivatives(double t, double[] y, double[] yDot);
    }

    /** Wraps a lambda as a vector field of the given dimension. */
    static VectorField of(int dimension, InPlace f) {
        Checks.positive("dimension", dimension);
        return new VectorField() {
            @Override public int getDimension() { return dimension; }
            @Override public void derivatives(double t, double[] y, double[] yDot) { f.derivatives(t, y, yDot); }
        };
    }
}
