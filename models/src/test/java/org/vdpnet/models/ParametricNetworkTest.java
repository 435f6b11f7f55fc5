package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.VariationalEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.param.FixedStepPath;
import org.vdpnet.sim.param.HipparchusJacobians;
import org.vdpnet.sim.param.Parameter;

/**
 * {@link NetworkModel} as a {@link org.vdpnet.sim.param.ParametricNetwork}, over every node form
 * (vdp, research) x coupling (linear, diffusive, non-default sigmoidal) x topology (a complete
 * 5-node pattern with zeros, negative weights and self-loops; a sparse directed 7-node graph with
 * an empty row) x coupling variable (x, y), at seeded random parameters and states:
 * <ul>
 *   <li>the analytic {@code stateJacobian} against central differences of {@code derivatives};</li>
 *   <li>the analytic {@code parameterJacobian} against central differences over {@code withParameterValues};</li>
 *   <li>the sparse {@code sensitivityDerivatives} against the dense {@code J S + df/dp[:, free]} built
 *       here from those two Jacobians;</li>
 *   <li>{@link FixedStepPath#sensitivities} against central differences of {@link FixedStepPath#simulate}
 *       trajectories, for each free parameter and each initial value (the acceptance: 1e-6 relative);</li>
 * </ul>
 * and, once, the fixed-step sensitivities against Hipparchus's own {@link VariationalEquation} integrated
 * with Dormand–Prince 8(5,3) at 1e-12; plus the parameter names, the round trip and the refusals of
 * {@code withParameterValues}. Relative errors use {@code max(|expected|, |actual|, 1)} as the scale.
 */
class ParametricNetworkTest {
    private static final long SEED = 20240611L;

    /** One model at one random state; the name says which. */
    record Case(String name, NetworkModel model, double[] state) {
        @Override public String toString() { return name; }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String form : List.of("vdp", "research")) {
            for (String coupling : List.of("linear", "diffusive", "sigmoidal")) {
                for (String topo : List.of("complete5", "sparse7")) {
                    for (String var : List.of("x", "y")) {
                        String name = form + "/" + coupling + "/" + topo + "/" + var;
                        UniformRandomProvider rng = Seeds.rng(Seeds.derive(SEED, name));
                        Topology t = topo.equals("complete5") ? complete5(rng) : sparse7(rng);
                        NetworkModel m = NetworkModel.of(dynamics(form, t.nodes(), rng), coupling(coupling), t).withCouplingVariable(var);
                        out.add(Arguments.of(new Case(name, m, uniform(rng, m.getDimension(), -2, 2))));
                    }
                }
            }
        }
        return out.stream();
    }

    static NodeDynamics dynamics(String form, int n, UniformRandomProvider rng) {
        double[] p = new double[n];
        double[] q = new double[n];
        boolean vdp = form.equals("vdp");
        for (int i = 0; i < n; i++) {
            p[i] = vdp ? rng.nextDouble(0.3, 2.0) : rng.nextDouble(-0.5, 1.0);
            q[i] = vdp ? rng.nextDouble(0.7, 1.5) : rng.nextDouble(0.5, 1.5);
        }
        return vdp ? VanDerPol.of(p, q) : ResearchVanDerPol.of(p, q);
    }

    static Coupling coupling(String type) {
        switch (type) {
            case "linear": return Coupling.linear(0.7);
            case "diffusive": return Coupling.diffusive(0.6);
            default: return Coupling.sigmoidal(0.8, 1.5, 0.2, -0.5, 1.0);
        }
    }

    /** Every entry stored; exact zeros at (0,1), (2,2), (3,0) and (4,3); weights in [-1, 1]. */
    static Topology complete5(UniformRandomProvider rng) {
        double[][] w = new double[5][];
        Arrays.setAll(w, i -> uniform(rng, 5, -1, 1));
        w[0][1] = 0;
        w[2][2] = 0;
        w[3][0] = 0;
        w[4][3] = 0;
        return Topology.complete("complete5", w, null);
    }

    /** Directed, with a self-loop (3), a parallel pair (1->2 twice) and a node nothing drives (5). */
    static Topology sparse7(UniformRandomProvider rng) {
        int[] src = {0, 1, 1, 2, 3, 3, 4, 5, 6, 0, 6};
        int[] dst = {1, 2, 2, 3, 3, 4, 0, 6, 0, 4, 2};
        double[] w = new double[src.length];
        for (int e = 0; e < w.length; e++) {
            w[e] = (rng.nextBoolean() ? 1 : -1) * rng.nextDouble(0.2, 1.0);
        }
        return Topology.fromEdges("sparse7", 7, src, dst, w, List.of("a", "b", "c", "d", "e", "f", "g"));
    }

    private static void assertRel(String what, double expected, double actual, double rel) {
        double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        if (!(Math.abs(expected - actual) <= rel * scale)) {
            fail(what + ": expected " + expected + ", got " + actual + " (difference " + (actual - expected) + ")");
        }
    }

    static double[] uniform(UniformRandomProvider rng, int size, double lo, double hi) {
        double[] v = new double[size];
        Arrays.setAll(v, i -> rng.nextDouble(lo, hi));
        return v;
    }

    /** A copy of {@code v} with {@code v[k] + h}. */
    private static double[] moved(double[] v, int k, double h) {
        double[] c = v.clone();
        c[k] += h;
        return c;
    }

    private static double[] rhs(NetworkModel m, double[] y) {
        double[] f = new double[m.getDimension()];
        m.derivatives(0.0, y, f);
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stateJacobianMatchesCentralDifferences(Case c) {
        NetworkModel m = c.model();
        int d = m.getDimension();
        double[] j = new double[d * d];
        m.stateJacobian(0.0, c.state(), j);
        for (int k = 0; k < d; k++) {
            double h = 1e-6 * Math.max(1.0, Math.abs(c.state()[k]));
            double[] fp = rhs(m, moved(c.state(), k, h));
            double[] fm = rhs(m, moved(c.state(), k, -h));
            for (int r = 0; r < d; r++) {
                assertRel(c + ": df" + r + "/dy" + k, (fp[r] - fm[r]) / (2 * h), j[r * d + k], 1e-6);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parameterJacobianMatchesCentralDifferences(Case c) {
        NetworkModel m = c.model();
        int d = m.getDimension();
        int p = m.parameters().size();
        double[] jp = new double[d * p];
        m.parameterJacobian(0.0, c.state(), jp);
        double[] v = m.parameterValues();
        for (int q = 0; q < p; q++) {
            double h = 1e-6 * Math.max(1.0, Math.abs(v[q]));
            double[] fp = rhs(m.withParameterValues(moved(v, q, h)), c.state());
            double[] fm = rhs(m.withParameterValues(moved(v, q, -h)), c.state());
            for (int r = 0; r < d; r++) {
                assertRel(c + ": df" + r + "/d" + m.parameters().get(q).name(), (fp[r] - fm[r]) / (2 * h), jp[r * p + q], 1e-6);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sparseSensitivityProductMatchesTheDenseOne(Case c) {
        NetworkModel m = c.model();
        int d = m.getDimension();
        int p = m.parameters().size();
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(SEED, "S " + c));
        List<String> kinds = m.nodeParameterKinds();
        int[] free = {m.gainParameter(), m.edgeParameter(m.edgeCount() - 1), -1, m.nodeParameter(kinds.get(1), m.nodes() - 1),
            m.edgeParameter(0), m.nodeParameter(kinds.get(0), 1), 0, 0, 0, 0, 0};
        int cols = free.length;
        for (int k = 6; k < cols; k++) {
            free[k] = rng.nextInt(p + 1) - 1; // a parameter or an initial value (-1)
        }
        int sOff = 3;
        int outOff = 5;
        double[] s = uniform(rng, sOff + d * cols + 2, -1, 1);
        double[] y = Arrays.copyOf(c.state(), d + 4);
        Arrays.fill(y, d, y.length, Double.NaN); // the state may be the head of a longer array
        double[] out = new double[outOff + d * cols + 3];
        Arrays.fill(out, Double.NaN); // every entry of the block must be written, not accumulated
        m.sensitivityDerivatives(0.0, y, s, sOff, cols, free, out, outOff);

        double[] jy = new double[d * d];
        double[] jp = new double[d * p];
        m.stateJacobian(0.0, c.state(), jy);
        m.parameterJacobian(0.0, c.state(), jp);
        for (int r = 0; r < d; r++) {
            for (int k = 0; k < cols; k++) {
                double v = free[k] >= 0 ? jp[r * p + free[k]] : 0.0;
                for (int q = 0; q < d; q++) {
                    v += jy[r * d + q] * s[sOff + q * cols + k];
                }
                assertRel(c + ": row " + r + ", column " + k + " (free " + free[k] + ")", v, out[outOff + r * cols + k], 1e-12);
            }
        }
        assertTrue(Double.isNaN(out[outOff - 1]) && Double.isNaN(out[outOff + d * cols]), c + ": wrote outside its block");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trajectorySensitivitiesMatchCentralDifferences(Case c) {
        NetworkModel m = c.model();
        int d = m.getDimension();
        int n = m.nodes();
        int p = m.parameters().size();
        int[] free;
        if (m.topology().nodes() == 5) {
            free = new int[p];
            Arrays.setAll(free, q -> p - 1 - q); // all, reversed
        } else {
            List<String> kinds = m.nodeParameterKinds(); // a subset, in no particular order
            free = new int[] {m.gainParameter(), m.edgeParameter(2), m.nodeParameter(kinds.get(0), 0), m.nodeParameter(kinds.get(1), 6),
                m.edgeParameter(m.edgeCount() - 1), m.nodeParameter(kinds.get(0), 4)};
        }
        // smaller than the Jacobian checks' state: with a1 < 0, x' = a1 x (1 - x^2) grows without bound once |x| > 1
        double[] y0 = new double[d + 2];
        Arrays.setAll(y0, i -> i < 2 ? 9.0 : 0.4 * c.state()[i - 2]);
        int samples = 20;
        int[] obs = IntStream.range(0, n).toArray();
        FixedStepPath path = new FixedStepPath(d, free, 0.1, 4, 1e3);
        int cols = path.directions();
        assertEquals(free.length + d, cols);
        double[][] x = new double[samples][n];
        double[][] sens = new double[samples][n * cols];
        double[] end = new double[d];
        double[] endSens = new double[d * cols];
        assertTrue(path.sensitivities(m, y0, 2, samples, obs, x, sens, end, endSens), c + ": diverged");
        double[] plainEnd = new double[d];
        assertTrue(path.simulate(m, y0, 2, samples, obs, null, plainEnd));
        assertArrayEquals(plainEnd, end, 0.0, c + ": the augmented run's state is the plain run's");
        double[] v = m.parameterValues();
        double[][] xp = new double[samples][n];
        double[][] xm = new double[samples][n];
        double[] ep = new double[d];
        double[] em = new double[d];
        for (int k = 0; k < cols; k++) {
            double h;
            String dir;
            if (k < free.length) {
                h = 1e-6 * Math.max(1.0, Math.abs(v[free[k]]));
                dir = m.parameters().get(free[k]).name();
                assertTrue(path.simulate(m.withParameterValues(moved(v, free[k], h)), y0, 2, samples, obs, xp, ep));
                assertTrue(path.simulate(m.withParameterValues(moved(v, free[k], -h)), y0, 2, samples, obs, xm, em));
            } else {
                int i = 2 + k - free.length;
                h = 1e-6 * Math.max(1.0, Math.abs(y0[i]));
                dir = m.channels().get(k - free.length) + "(0)";
                assertTrue(path.simulate(m, moved(y0, i, h), 2, samples, obs, xp, ep));
                assertTrue(path.simulate(m, moved(y0, i, -h), 2, samples, obs, xm, em));
            }
            for (int t = 0; t < samples; t++) {
                for (int o = 0; o < n; o++) {
                    assertRel(c + ": dx" + o + "(t" + t + ")/d" + dir, (xp[t][o] - xm[t][o]) / (2 * h), sens[t][o * cols + k], 1e-6);
                }
            }
            for (int r = 0; r < d; r++) {
                assertRel(c + ": d" + m.channels().get(r) + "(end)/d" + dir, (ep[r] - em[r]) / (2 * h), endSens[r * cols + k], 1e-6);
            }
        }
    }

    /** Fixed-step RK4 sensitivities against Hipparchus's variational equations with an adaptive 8th-order method. */
    @Test
    void fixedStepSensitivitiesAgreeWithHipparchusVariationalEquations() {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(SEED, "hipparchus"));
        NetworkModel m = NetworkModel.of(dynamics("research", 5, rng), Coupling.linear(0.5), complete5(rng));
        int d = m.getDimension();
        int p = m.parameters().size();
        double[] y0 = uniform(rng, d, -0.8, 0.8);
        HipparchusJacobians provider = m.asJacobiansProvider();
        ExpandableODE expandable = new ExpandableODE(provider);
        VariationalEquation ve = new VariationalEquation(expandable, provider);
        ve.setInitialMainStateJacobian(org.hipparchus.linear.MatrixUtils.createRealIdentityMatrix(d).getData());
        for (Parameter q : m.parameters()) {
            ve.setInitialParameterJacobian(q.name(), new double[d]);
        }
        ODEState start = ve.setUpInitialState(new ODEState(0.0, y0));
        ODEStateAndDerivative fin = new DormandPrince853Integrator(1e-8, 1.0, 1e-12, 1e-12).integrate(expandable, start, 2.0);
        assertEquals(2.0, fin.getTime(), 1e-12);
        double[][] dyDy0 = ve.extractMainSetJacobian(fin);
        FixedStepPath path = new FixedStepPath(d, IntStream.range(0, p).toArray(), 0.01, 10, 1e3);
        int cols = path.directions();
        double[] end = new double[d];
        double[] endSens = new double[d * cols];
        assertTrue(path.sensitivities(m, y0, 0, 201, new int[0], null, null, end, endSens));
        for (int r = 0; r < d; r++) {
            assertRel("y" + r + "(2)", fin.getPrimaryState()[r], end[r], 1e-7);
            for (int k = 0; k < d; k++) {
                assertRel("dy" + r + "(2)/dy" + k + "(0)", dyDy0[r][k], endSens[r * cols + p + k], 1e-7);
            }
        }
        double largest = 0;
        for (int q = 0; q < p; q++) {
            String name = m.parameters().get(q).name();
            double[] col = ve.extractParameterJacobian(fin, name);
            for (int r = 0; r < d; r++) {
                assertRel("dy" + r + "(2)/d" + name, col[r], endSens[r * cols + q], 1e-7);
                largest = Math.max(largest, Math.abs(col[r]));
            }
        }
        assertTrue(largest > 0.1, "the parameter sensitivities are not all near zero: " + largest);
    }

    @Test
    void parameterNamesValuesAndRoundTrip() {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(SEED, "names"));
        Topology t = complete5(rng);
        VanDerPol vdp = (VanDerPol) dynamics("vdp", 5, rng);
        NetworkModel m = NetworkModel.of(vdp, Coupling.diffusive(0.6), t);
        List<Parameter> ps = m.parameters();
        assertEquals(2 * 5 + 1 + 25, ps.size());
        assertEquals(25, m.edgeCount(), "Topology.complete keeps its zeros");
        assertEquals("mu[0]", ps.get(0).name());
        assertEquals("omega[0]", ps.get(5).name());
        assertEquals(10, m.gainParameter());
        assertEquals("g", ps.get(10).name());
        assertEquals(5 * 2 + 3 + 11, m.edgeParameter(2 * 5 + 3));
        assertEquals("W[2<-3]", ps.get(m.edgeParameter(2 * 5 + 3)).name());
        assertEquals(3, m.nodeParameter("mu", 3));
        assertEquals(8, m.nodeParameter("omega", 3));
        assertEquals(-1, m.nodeParameter("a1", 3));
        assertEquals(m.parameterIndex("W[4<-1]"), m.edgeParameter(21));
        double[] v = m.parameterValues();
        assertArrayEquals(vdp.mu(), Arrays.copyOfRange(v, 0, 5), 0.0);
        assertArrayEquals(vdp.omega(), Arrays.copyOfRange(v, 5, 10), 0.0);
        assertEquals(0.6, v[10], 0.0);
        double[][] w = t.toMatrix();
        for (int e = 0; e < 25; e++) {
            assertEquals(e / 5, m.edgeTarget(e));
            assertEquals(e % 5, m.edgeSource(e));
            assertEquals(w[e / 5][e % 5], v[11 + e], 0.0);
        }
        assertArrayEquals(v, m.withParameterValues(v).parameterValues(), 0.0);

        double[] changed = v.clone();
        changed[2] = 1.25;
        changed[10] = 0.0; // gain 0 is admitted
        Arrays.fill(changed, 11, 16, 0.0); // a whole row of zero weights
        changed[30] = -3.5;
        NetworkModel mm = m.withParameterValues(changed);
        assertArrayEquals(changed, mm.parameterValues(), 0.0);
        assertEquals(25, mm.edgeCount(), "zero weights stay edges");
        assertEquals(-3.5, mm.topology().weight(3, 4), 0.0);

        assertMessage(() -> m.withParameterValues(moved(v, 0, -0.5 - v[0])), "mu[0]", "-0.5");
        assertMessage(() -> m.withParameterValues(moved(v, 6, -v[6])), "omega[1]", "0.0");
        assertMessage(() -> m.withParameterValues(moved(v, 10, -1.0 - v[10])), "g", "-1.0");
        assertMessage(() -> m.withParameterValues(moved(v, 20, Double.NaN)), ps.get(20).name(), "NaN");
        assertMessage(() -> m.withParameterValues(Arrays.copyOf(v, 35)), "parameters", "36", "35");
        assertMessage(() -> m.withParameterValues(Arrays.copyOf(v, 37)), "parameters", "36", "37");
    }

    @Test
    void sparseNamesFollowTheStoredEdges() {
        UniformRandomProvider rng = Seeds.rng(Seeds.derive(SEED, "sparse names"));
        Topology t = sparse7(rng);
        NetworkModel m = NetworkModel.of(dynamics("research", 7, rng), Coupling.linear(0.3), t);
        List<Parameter> ps = m.parameters();
        assertEquals(10, m.edgeCount(), "11 edges, the parallel pair 1->2 merged");
        assertEquals(2 * 7 + 1 + 10, ps.size());
        assertEquals("a1[a]", ps.get(0).name());
        assertEquals("a2[g]", ps.get(13).name());
        for (int e = 0; e < m.edgeCount(); e++) {
            int i = m.edgeTarget(e);
            int j = m.edgeSource(e);
            assertEquals(t.edgeTarget(e), i, "edge " + e);
            assertEquals("W[" + t.labels().get(i) + "<-" + t.labels().get(j) + "]", ps.get(m.edgeParameter(e)).name());
            assertEquals(t.weight(i, j), ps.get(m.edgeParameter(e)).value(), 0.0);
        }
        assertTrue(m.parameterIndex("W[c<-b]") > 0, "the merged parallel pair");
        assertTrue(m.parameterIndex("W[d<-d]") > 0, "the self-loop");
        assertEquals(-1, m.parameterIndex("W[f<-e]"), "nothing drives f");
        assertThrows(IllegalArgumentException.class, () -> m.edgeParameter(10));
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String... parts) {
        String msg = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String part : parts) {
            assertTrue(msg.contains(part), "message '" + msg + "' should contain '" + part + "'");
        }
    }
}
