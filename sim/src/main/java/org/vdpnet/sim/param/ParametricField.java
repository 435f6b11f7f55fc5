package org.vdpnet.sim.param;

import java.util.List;
import org.vdpnet.sim.VectorField;

/**
 * A vector field {@code y' = f(t, y; p)} with named, scaled, bounded parameters and analytic
 * Jacobians with respect to the state and to the parameters: the contract that fitters, state
 * estimators and forecasters use, so that no model equation is written twice. Hipparchus's
 * {@code ODEJacobiansProvider} is the model ({@link #asJacobiansProvider()} adapts to it).
 * Implementations are immutable and stateless, like every {@link VectorField}.
 *
 * <p>All matrices are flat and row-major; the hot methods write into caller-owned arrays and
 * allocate nothing. {@link #derivatives}, the Jacobians and the sensitivity product read only
 * the first {@code getDimension()} entries of the state and write only their own outputs, so a
 * state may be the head of a longer array (as in {@link FixedStepPath}'s augmented system).
 */
public interface ParametricField extends VectorField {

    /** The parameters in their fixed order, with their current values. */
    List<Parameter> parameters();

    /** The current parameter values, in order (a fresh array). */
    default double[] parameterValues() {
        List<Parameter> ps = parameters();
        double[] v = new double[ps.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ps.get(i).value();
        }
        return v;
    }

    /**
     * The same model with other values of every parameter, in order; each is checked against its
     * bounds (an {@link IllegalArgumentException} names the parameter, the value and the bounds).
     */
    ParametricField withParameterValues(double[] values);

    /** Names of the state variables, in state order. */
    List<String> stateNames();

    /** Writes {@code df/dy} at {@code (t, y)} into {@code dfdy} ({@code d x d}, row-major). */
    void stateJacobian(double t, double[] y, double[] dfdy);

    /** Writes {@code df/dp} at {@code (t, y)} into {@code dfdp} ({@code d x P}, row-major, every parameter). */
    void parameterJacobian(double t, double[] y, double[] dfdp);

    /**
     * The right-hand side of the forward sensitivity equations: for each of {@code cols}
     * directions {@code c},
     * <pre>out[sOut + r * cols + c] = sum_k (df_r/dy_k) s[sOff + k * cols + c] + (free[c] >= 0 ? df_r/dp_free[c] : 0)</pre>
     * ({@code s} and {@code out} are {@code d x cols} blocks, row-major). Directions with
     * {@code free[c] = -1} are derivatives with respect to the initial state. The default builds
     * the dense Jacobians each call (and so allocates); network models override it with a sparse,
     * allocation-free product.
     */
    default void sensitivityDerivatives(double t, double[] y, double[] s, int sOff, int cols, int[] free, double[] out, int outOff) {
        int d = getDimension();
        int p = parameters().size();
        double[] jy = new double[d * d];
        double[] jp = new double[d * p];
        stateJacobian(t, y, jy);
        parameterJacobian(t, y, jp);
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < cols; c++) {
                double v = free[c] >= 0 ? jp[r * p + free[c]] : 0.0;
                for (int k = 0; k < d; k++) {
                    v += jy[r * d + k] * s[sOff + k * cols + c];
                }
                out[outOff + r * cols + c] = v;
            }
        }
    }

    /** The index of the parameter with this name, or -1. */
    default int parameterIndex(String name) {
        List<Parameter> ps = parameters();
        for (int i = 0; i < ps.size(); i++) {
            if (ps.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** This field as a Hipparchus {@code ODEJacobiansProvider}, for {@code VariationalEquation}. */
    default HipparchusJacobians asJacobiansProvider() {
        return new HipparchusJacobians(this);
    }
}
