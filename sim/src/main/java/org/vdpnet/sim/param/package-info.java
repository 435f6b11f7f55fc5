/**
 * The parametric model contract: a {@link org.vdpnet.sim.param.ParametricField} is a vector
 * field with named, scaled, bounded {@link org.vdpnet.sim.param.Parameter}s (Orekit's
 * {@code ParameterDriver} style) and analytic Jacobians with respect to its state and its
 * parameters (Hipparchus's {@code ODEJacobiansProvider} is the model, and
 * {@link org.vdpnet.sim.param.ParametricField#asJacobiansProvider()} adapts to it). A
 * {@link org.vdpnet.sim.param.ParametricNetwork} also says which parameters are per node, the
 * gain and edge weights. {@link org.vdpnet.sim.param.FixedStepPath} integrates a trajectory and
 * its forward sensitivities on one fixed RK4 path, so the sensitivities are the exact derivatives
 * of the discrete trajectory. Fitters, state estimators and forecasters use only this contract;
 * {@code models} implements it, so no equation is written twice.
 *
 * <pre>{@code
 * ParametricField f = network;                       // for example a models NetworkModel
 * int[] free = {f.parameterIndex("a1[0]"), f.parameterIndex("g")};
 * FixedStepPath path = new FixedStepPath(f.getDimension(), free, 0.5, 4, 1e3);
 * double[][] x = new double[100][1];
 * double[][] s = new double[100][path.directions()];
 * boolean bounded = path.sensitivities(f, y0, 0, 100, new int[] {0}, x, s, null, null);
 * // s[k][c]: d x_0(t_k) / d (a1[0], g, y0[0], ..., y0[d-1])[c]
 * }</pre>
 */
package org.vdpnet.sim.param;
