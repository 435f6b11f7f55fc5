package org.vdpnet.fitting.estimate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;

/** What a fit problem accepts, with messages that name the field, the value and what is allowed; and what a result describes. */
class FitProblemTest {
    /** Research form, 2 nodes, dense coupling: a1[0], a1[1], a2[0], a2[1], g, W[0<-0], W[0<-1], W[1<-0], W[1<-1]; state x0, x1, y0, y1. */
    static NetworkModel research() {
        return NetworkModel.of(ResearchVanDerPol.uniform(2, 1, 1), Coupling.linear(1.0), Topology.complete("dense", new double[2][2], null));
    }

    static NetworkModel classic() {
        return NetworkModel.of(VanDerPol.uniform(2, 1, 1), Coupling.linear(1.0), Topology.complete("dense", new double[2][2], null));
    }

    static double[][] data(int t, int columns) {
        double[][] x = new double[t][columns];
        for (int k = 0; k < t; k++) {
            for (int i = 0; i < columns; i++) {
                x[k][i] = Math.sin(0.3 * k + i);
            }
        }
        return x;
    }

    static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void observedIndicesMustBeStateVariablesListedOnce() {
        NetworkModel m = research();
        refused("observed: state index must be in [0, 3], got 4", () -> FitProblem.of(m, new int[] {0, 4}, data(10, 2), 0.1));
        refused("observed: state index must be in [0, 3], got -1", () -> FitProblem.of(m, new int[] {-1}, data(10, 1), 0.1));
        refused("observed: state index 1 is listed twice", () -> FitProblem.of(m, new int[] {1, 0, 1}, data(10, 3), 0.1));
        refused("observed: need at least one observed state variable", () -> FitProblem.of(m, new int[0], data(10, 0), 0.1));
    }

    @Test
    void dataMustBeRectangularFiniteAndLongEnough() {
        NetworkModel m = research();
        double[][] ragged = data(10, 2);
        ragged[3] = new double[] {1.0};
        refused("data: sample 3 has 1 values; need one per observed variable (2)", () -> FitProblem.ofNetwork(m, ragged, 0.1));
        refused("data: sample 0 has 3 values; need one per observed variable (2)", () -> FitProblem.ofNetwork(m, data(10, 3), 0.1));
        double[][] nan = data(10, 2);
        nan[5][1] = Double.NaN;
        refused("data: sample 5, column 1 must be finite, got NaN", () -> FitProblem.ofNetwork(m, nan, 0.1));
        double[][] inf = data(10, 2);
        inf[0][0] = Double.NEGATIVE_INFINITY;
        refused("data: sample 0, column 0 must be finite, got -Infinity", () -> FitProblem.ofNetwork(m, inf, 0.1));
        refused("fit: needs at least 4 samples, got 3", () -> FitProblem.ofNetwork(m, data(3, 2), 0.1));
        FitProblem four = FitProblem.ofNetwork(m, data(4, 2), 0.1);
        assertEquals(4, four.samples());
        refused("data: need 4 samples, got 5", () -> four.withData(data(5, 2)));
        double[][] bad = data(4, 2);
        bad[2][0] = Double.POSITIVE_INFINITY;
        refused("data: sample 2, column 0 must be finite, got Infinity", () -> four.withData(bad));
    }

    @Test
    void theSampleSpacingMustBeFiniteAndPositive() {
        NetworkModel m = research();
        for (double dt : new double[] {0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            refused("dt: must be finite and > 0, got " + dt, () -> FitProblem.ofNetwork(m, data(10, 2), dt));
        }
    }

    @Test
    void fixingNeedsAKnownNameAndAValueWithinTheBounds() {
        FitProblem p = FitProblem.ofNetwork(research(), data(10, 2), 0.1);
        refused("fixed parameter: unknown 'a3[0]'", () -> p.withFixed("a3[0]", 1.0));
        refused("fixed parameter: unknown 'W[0<-2]'", () -> p.withFixed("W[0<-2]", 0.0));
        refused("a1[0]: must be a finite number, got NaN", () -> p.withFixed("a1[0]", Double.NaN));
        refused("g: must be finite and >= 0.0, got -0.5", () -> p.withFixed("g", -0.5));
        FitProblem c = FitProblem.ofNetwork(classic(), data(10, 2), 0.1);
        refused("omega[1]: must be finite and > 0, got -1.0", () -> c.withFixed("omega[1]", -1.0));
        refused("mu[0]: must be finite and >= 0.0, got -0.1", () -> c.withFixed("mu[0]", -0.1));
    }

    @Test
    void freeIndicesMustBeParametersListedOnce() {
        FitProblem p = FitProblem.ofNetwork(research(), data(10, 2), 0.1);
        refused("free parameter: a2[0] is listed twice", () -> p.withFree(new int[] {0, 2, 5, 2}));
        refused("free parameter: index must be in [0, 8], got 9", () -> p.withFree(new int[] {0, 9}));
        refused("free parameter: index must be in [0, 8], got -1", () -> p.withFree(new int[] {-1}));
        assertArrayEquals(new int[] {1, 4, 7}, p.withFree(new int[] {7, 1, 4}).free(), "sorted");
    }

    @Test
    void fixingRemovesTheParameterKeepsTheRestAndCopiesArrays() {
        double[][] x = data(10, 2);
        int[] free = {0, 1, 2, 3, 5, 6, 7, 8};
        FitProblem p = FitProblem.ofNetwork(research(), x, 0.1).withFree(free).withFixed("a2[1]", 0.7).withCouplingForm("dense");
        assertEquals(List.of("a1[0]", "a1[1]", "a2[0]", "W[0<-0]", "W[0<-1]", "W[1<-0]", "W[1<-1]"), p.freeNames());
        assertEquals(0.7, p.model().parameterValues()[3], 0.0);
        assertEquals("dense", p.couplingForm());
        x[0][0] = 99;
        free[0] = 4;
        assertTrue(p.data()[0][0] != 99, "the data were copied in");
        p.data()[1][1] = 99;
        assertTrue(p.data()[1][1] != 99, "the data are copied out");
        assertArrayEquals(new int[] {0, 1}, p.observed());
        assertEquals(10, p.samples());
        assertEquals(0.1, p.dt(), 0.0);
    }

    /** fit.json's parameter section: every value by name, the fixed ones listed, a standard error per free parameter and per state variable. */
    @Test
    void aResultDescribesFixedParametersAndStandardErrorsByName() {
        FitProblem p = FitProblem.ofNetwork(research(), CoverageTest.simulate(3), CoverageTest.DT).withFixed("g", 1.0).withFixed("a2[0]", 1.0)
                .withCouplingForm("dense");
        FitResult r = Fitter.fit(p, FitOptions.defaults().withRestarts(0, 1));
        assertTrue(r.status().bounded(), r.message());
        Map<String, Object> d = r.describe();
        assertEquals(List.of("a2[0]", "g"), d.get("fixedParameters"));
        @SuppressWarnings("unchecked")
        Map<String, Object> se = (Map<String, Object>) d.get("standardErrors");
        assertEquals(List.of("a1[0]", "a1[1]", "a2[1]", "W[0<-0]", "W[0<-1]", "W[1<-0]", "W[1<-1]"), List.copyOf(se.keySet()));
        for (Map.Entry<String, Object> e : se.entrySet()) {
            assertEquals(r.standardError(e.getKey()), (double) e.getValue(), 0.0, e.getKey());
            assertTrue((double) e.getValue() > 0 && Double.isFinite((double) e.getValue()), e.getKey() + " " + e.getValue());
        }
        assertTrue(Double.isNaN(r.standardError("g")) && Double.isNaN(r.standardError("a2[0]")) && Double.isNaN(r.standardError("nope")));
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) d.get("parameters");
        assertEquals(r.model().parameters().stream().map(q -> q.name()).toList(), List.copyOf(values.keySet()));
        assertEquals(1.0, (double) values.get("a2[0]"), 0.0);
        assertEquals(1.0, (double) values.get("g"), 0.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> stateSe = (Map<String, Object>) d.get("initialStateStandardErrors");
        assertEquals(r.model().stateNames(), List.copyOf(stateSe.keySet()));
        assertEquals("dense", d.get("couplingForm"));
        assertEquals(r.status().name(), d.get("status"));
        assertArrayEquals(r.nodeValues("a1"), (double[]) d.get("a1"), 0.0);
    }
}
