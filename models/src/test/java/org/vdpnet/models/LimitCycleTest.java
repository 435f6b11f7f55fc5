package org.vdpnet.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.SimulationProblem;
import org.vdpnet.sim.Simulator;
import org.vdpnet.sim.TimeSeries;

/**
 * The classic van der Pol limit cycle (omega = 1). Reference periods from independent
 * integration at 1e-13 tolerance (../shared/DESIGN.md section 3.10): 6.66328686 (mu = 1),
 * 7.62987448 (mu = 2), 11.61223067 (mu = 5), 19.07836957 (mu = 10). For small mu the amplitude
 * tends to 2 (Poincaré–Lindstedt: A = 2 + O(mu^2)).
 */
class LimitCycleTest {

    private static final IntegratorSpec TIGHT = IntegratorSpec.dormandPrince853(1e-13, 1e-13);

    @ParameterizedTest(name = "mu = {0}")
    @CsvSource({"1, 6.66328686", "2, 7.62987448", "5, 11.61223067", "10, 19.07836957"})
    void periodMatchesTheReference(double mu, double period) {
        TimeSeries ts = settled(mu, 12 * period, 6 * period, period / 2000);
        List<Double> ups = upwardZeroCrossings(ts);
        assertTrue(ups.size() >= 5, "need several cycles, got " + ups.size());
        double measured = (ups.get(ups.size() - 1) - ups.get(0)) / (ups.size() - 1);
        assertEquals(period, measured, 1e-7 * period);
    }

    @ParameterizedTest(name = "mu = {0}")
    @CsvSource({"0.01, 1e-4", "0.1, 2e-3"})
    void amplitudeTendsToTwo(double mu, double tol) {
        TimeSeries ts = settled(mu, 40 / mu, 4 * 2 * Math.PI, 0.001);
        double max = 0;
        for (int k = 0; k < ts.size(); k++) {
            max = Math.max(max, Math.abs(ts.value(k, 0)));
        }
        assertEquals(2.0, max, tol);
    }

    /** A single uncoupled oscillator run past its warmup, sampled finely over {@code keep}. */
    private static TimeSeries settled(double mu, double warmup, double keep, double dt) {
        Topology one = Topology.fromMatrix("one", new double[1][1], List.of("0"));
        NetworkModel net = NetworkModel.of(VanDerPol.uniform(1, mu, 1.0), Coupling.linear(0.0), one);
        SimulationProblem warm = SimulationProblem.of(net, new double[] {0.5, 0.0}, 0, warmup, net.channels());
        TimeSeries w = Simulator.solve(warm, TIGHT, Monitor.subsample(warmup)).trajectory();
        double[] y0 = w.row(w.size() - 1);
        SimulationProblem p = SimulationProblem.of(net, y0, 0, keep, net.channels());
        return Simulator.solve(p, TIGHT, Monitor.subsample(dt)).trajectory();
    }

    /**
     * Times where x crosses zero upwards, each refined on the cubic Hermite interpolant between
     * samples: in the classic form y = x' exactly, so the interpolant is fourth-order accurate.
     */
    static List<Double> upwardZeroCrossings(TimeSeries ts) {
        List<Double> out = new ArrayList<>();
        for (int k = 0; k + 1 < ts.size(); k++) {
            double x0 = ts.value(k, 0);
            double x1 = ts.value(k + 1, 0);
            if (x0 < 0 && x1 >= 0) {
                double t0 = ts.time(k);
                double h = ts.time(k + 1) - t0;
                double d0 = ts.value(k, 1) * h;
                double d1 = ts.value(k + 1, 1) * h;
                double lo = 0;
                double hi = 1;
                for (int it = 0; it < 100; it++) {
                    double mid = 0.5 * (lo + hi);
                    if (hermite(x0, x1, d0, d1, mid) < 0) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                out.add(t0 + h * 0.5 * (lo + hi));
            }
        }
        return out;
    }

    private static double hermite(double p0, double p1, double m0, double m1, double s) {
        double s2 = s * s;
        double s3 = s2 * s;
        return (2 * s3 - 3 * s2 + 1) * p0 + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * p1 + (s3 - s2) * m1;
    }
}
