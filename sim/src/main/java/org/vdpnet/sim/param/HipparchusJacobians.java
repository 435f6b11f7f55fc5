package org.vdpnet.sim.param;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.ode.ODEJacobiansProvider;

/**
 * A {@link ParametricField} seen as a Hipparchus {@link ODEJacobiansProvider}, so that
 * Hipparchus's {@code VariationalEquation} can integrate its sensitivities with an adaptive
 * integrator (an independent check of {@link FixedStepPath}'s fixed-step sensitivities). It
 * keeps the last state's parameter Jacobian, so it is for one integration at a time (one thread).
 */
public final class HipparchusJacobians implements ODEJacobiansProvider {
    private final ParametricField field;
    private final List<String> names;
    private double[] cached;
    private double cachedT;
    private double[] cachedY;

    HipparchusJacobians(ParametricField field) {
        this.field = field;
        List<String> n = new ArrayList<>();
        field.parameters().forEach(p -> n.add(p.name()));
        this.names = List.copyOf(n);
    }

    @Override public int getDimension() { return field.getDimension(); }

    @Override public double[] computeDerivatives(double t, double[] y) { return field.computeDerivatives(t, y); }

    @Override
    public double[][] computeMainStateJacobian(double t, double[] y, double[] yDot) {
        int d = field.getDimension();
        double[] flat = new double[d * d];
        field.stateJacobian(t, y, flat);
        double[][] j = new double[d][d];
        for (int r = 0; r < d; r++) {
            System.arraycopy(flat, r * d, j[r], 0, d);
        }
        return j;
    }

    @Override public List<String> getParametersNames() { return names; }

    @Override public boolean isSupported(String name) { return names.contains(name); }

    @Override
    public double[] computeParameterJacobian(double t, double[] y, double[] yDot, String name) {
        int q = names.indexOf(name);
        if (q < 0) {
            throw new IllegalArgumentException("parameter: unknown '" + name + "'; allowed: " + names);
        }
        int d = field.getDimension();
        int p = names.size();
        // Hipparchus asks for every parameter in turn at the same (t, y): compute the whole d x P matrix once per state
        if (cached == null || t != cachedT || !java.util.Arrays.equals(y, cachedY)) {
            cached = new double[d * p];
            field.parameterJacobian(t, y, cached);
            cachedT = t;
            cachedY = y.clone();
        }
        double[] flat = cached;
        double[] col = new double[d];
        for (int r = 0; r < d; r++) {
            col[r] = flat[r * p + q];
        }
        return col;
    }
}
