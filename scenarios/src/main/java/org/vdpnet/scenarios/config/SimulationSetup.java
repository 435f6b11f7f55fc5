package org.vdpnet.scenarios.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vdpnet.models.Connectome;
import org.vdpnet.models.ConnectomeReader;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.NodeDynamics;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topologies;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;
import org.vdpnet.scenarios.NetworkSetup;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.Monitor;
import org.vdpnet.sim.NoiseSpec;
import org.vdpnet.sim.Seeds;
import org.vdpnet.sim.SimulationProblem;

/**
 * Everything one simulation needs, built and cross-checked from {@link ScenarioValues} before
 * any file is written. Shared by {@code vdpnet simulate} (values from options) and
 * {@code vdpnet run} (values from a scenario file, one per sweep point).
 *
 * @param values   the settings it was built from
 * @param topology the (normalised) topology
 * @param model    the network (without its delays)
 * @param problem  the initial-value problem: its field is {@code delays.network()} where there are delays, else {@code model}
 * @param spec     the integrator
 * @param monitor  the monitor of the trajectory
 * @param observations the observation monitors by name ({@code bold} or {@code calcium}, from {@code monitors.type}), recorded in
 *                 the same integration and written to {@code <name>.csv}; empty for the other monitor types
 * @param connectome the connectome file, or null for a generated topology
 * @param fit      the fit.json whose network this runs ({@code simulate --from-fit}), or null
 * @param delays   the conduction delays ({@code delays.*}), or none and why
 */
public record SimulationSetup(ScenarioValues values, Topology topology, NetworkModel model, SimulationProblem problem,
                              IntegratorSpec spec, Monitor monitor, Map<String, Monitor> observations, Path connectome, Path fit,
                              DelaySetup delays) {

    /** Keeps the observations unmodifiable, in their order. */
    public SimulationSetup {
        observations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(observations));
    }

    private static final Pattern NAMED = Pattern.compile("^([a-z-]+): (.*)$", Pattern.DOTALL);

    /** Builds and checks a simulation; errors name the setting through {@link ScenarioValues#where}. */
    public static SimulationSetup build(ScenarioValues v) {
        long seed = v.integer("seed");
        Connectome con = connectome(v);
        Topology topo = con != null ? con.topology() : topology(v, seed);
        if (con != null && v.bool("network.connectome.transpose")) {
            topo = topo.transposed();
        }
        topo = topo.normalized(Topology.Normalization.fromId(v.where("network.normalize"), v.string("network.normalize")));
        int n = topo.nodes();
        NodeDynamics dyn;
        if (v.string("network.nodes.model").equals("vdp")) {
            dyn = VanDerPol.of(draw(v, "network.nodes.mu", n, seed), draw(v, "network.nodes.omega", n, seed));
        } else {
            dyn = ResearchVanDerPol.of(draw(v, "network.nodes.a1", n, seed), draw(v, "network.nodes.a2", n, seed));
        }
        NetworkModel net = NetworkModel.of(dyn, coupling(v), topo).withCouplingVariable(v.string("coupling.variable"));

        double tEnd = v.number("time.t-end");
        if (!(v.number("time.transient") < tEnd)) {
            throw new ScenarioException(v.where("time.transient") + ": must be < time.t-end (" + tEnd + "), got " + v.number("time.transient"));
        }
        double[] y0 = v.string("initial.type").equals("random")
                ? NetworkSetup.randomState(net, v.number("initial.amplitude"), seed)
                : NetworkSetup.uniformState(net, v.number("initial.x"), v.number("initial.y"));
        IntegratorSpec.Method method = IntegratorSpec.Method.fromId(v.where("integrator.type"), v.string("integrator.type"));
        IntegratorSpec spec = IntegratorSpec.of(method, v.number("integrator.dt"), v.number("integrator.rtol"), v.number("integrator.atol"))
                .withDelayRule(IntegratorSpec.DelayRule.fromId(v.where("delays.rule"), v.string("delays.rule")));
        DelaySetup delays = DelaySetup.build(v, net, con != null ? con.tractLengths().orElse(null) : null, spec, tEnd);
        SimulationProblem problem = SimulationProblem.of(delays.field(net), y0, 0.0, tEnd, net.channels()).withNoise(noise(v, net, seed));
        if (v.integer("integrator.max-evaluations") > 0) {
            spec = spec.withMaxEvaluations((int) Math.min(Integer.MAX_VALUE, v.integer("integrator.max-evaluations")));
        }
        if (problem.noise().isActive() && !method.stochastic()) {
            throw new ScenarioException(v.where("integrator.type") + ": noise (noise.kind " + v.string("noise.kind")
                    + ") needs euler-maruyama or heun, got " + method.id());
        }
        double period = v.number("monitors.period");
        Monitor monitor;
        switch (v.string("monitors.type")) {
            case "raw": monitor = Monitor.raw(); break;
            case "average": monitor = Monitor.temporalAverage(period); break;
            default: monitor = Monitor.subsample(period); break;
        }
        Map<String, Monitor> observations = ObservationSetup.build(v, net, spec, tEnd);
        return new SimulationSetup(v, topo, net, problem, spec, monitor, observations, v.path("network.connectome.path"), null, delays);
    }

    /**
     * The same time span, integrator, monitor and noise settings for another network, from
     * {@code y0} (a fitted network and its fitted initial state, for {@code simulate --from-fit}), without delays.
     */
    public SimulationSetup withModel(NetworkModel m, double[] y0, Path fitFile) {
        long seed = values.integer("seed");
        SimulationProblem p = SimulationProblem.of(m, y0, 0.0, problem.tEnd(), m.channels()).withNoise(noise(values, m, seed));
        return new SimulationSetup(values, m.topology(), m, p, spec, monitor, ObservationSetup.build(values, m, spec, problem.tEnd()), null, fitFile,
                DelaySetup.none("the network comes from the fit " + fitFile + ", which has no delays"));
    }

    /** The connectome file's contents (weights untransposed), or null for a generated topology. */
    private static Connectome connectome(ScenarioValues v) {
        Path file = v.path("network.connectome.path");
        if (file == null) {
            return null;
        }
        try {
            return ConnectomeReader.read(file, ConnectomeReader.Format.fromId(v.where("network.connectome.format"),
                    v.string("network.connectome.format")), v.bool("network.connectome.directed"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(v.where("network.connectome.path") + ": " + e.getMessage());
        }
    }

    private static Topology topology(ScenarioValues v, long seed) {
        try {
            return Topologies.Spec.of(Topologies.Type.fromId(v.where("network.topology.type"), v.string("network.topology.type")),
                            (int) v.integer("network.topology.nodes"), seed)
                    .withShape((int) Math.min(Integer.MAX_VALUE, v.integer("network.topology.k")), v.number("network.topology.p"),
                            (int) Math.min(Integer.MAX_VALUE, v.integer("network.topology.m")),
                            (int) Math.min(Integer.MAX_VALUE, v.integer("network.topology.rows")))
                    .withDirected(v.bool("network.topology.directed"))
                    .withWeights(v.number("network.topology.weight-min"), v.number("network.topology.weight-max"))
                    .build();
        } catch (ScenarioException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw renamed(v, "network.topology", e);
        }
    }

    /** Rewrites "k: must be ..." from a library check into "network.topology.k (line 7): must be ...". */
    private static IllegalArgumentException renamed(ScenarioValues v, String section, IllegalArgumentException e) {
        Matcher m = NAMED.matcher(String.valueOf(e.getMessage()));
        if (m.matches() && Schema.key(section + "." + m.group(1)) != null) {
            return new ScenarioException(v.where(section + "." + m.group(1)) + ": " + m.group(2));
        }
        return e;
    }

    private static double[] draw(ScenarioValues v, String path, int n, long seed) {
        Param p = v.param(path);
        double[] x = p.draw(n, seed, path);
        if (!p.isConstant()) {
            Rule rule = Schema.key(path).rule();
            for (int i = 0; i < n; i++) {
                if (!rule.test().test(x[i])) {
                    throw new ScenarioException(v.where(path) + ": drawn value " + x[i] + " for node " + i + " must be " + rule.text()
                            + "; narrow the distribution");
                }
            }
        }
        return x;
    }

    private static Coupling coupling(ScenarioValues v) {
        double g = v.number("coupling.strength");
        String type = v.string("coupling.type");
        if (type.equals("sigmoidal")) {
            if (!(v.number("coupling.max") > v.number("coupling.min"))) {
                throw new ScenarioException(v.where("coupling.max") + ": must be > coupling.min (" + v.number("coupling.min")
                        + "), got " + v.number("coupling.max"));
            }
            return Coupling.sigmoidal(g, v.number("coupling.slope"), v.number("coupling.midpoint"), v.number("coupling.min"), v.number("coupling.max"));
        }
        return Coupling.of(v.where("coupling.type"), type, g);
    }

    private static NoiseSpec noise(ScenarioValues v, NetworkModel net, long seed) {
        String kind = v.string("noise.kind");
        double sigma = v.number("noise.sigma");
        if (kind.equals("none") || sigma == 0) {
            return NoiseSpec.none();
        }
        int n = net.nodes();
        String on = v.string("noise.on");
        if (on.equals("input")) {
            on = net.dynamics().variables().get(net.dynamics().inputVariable());
        }
        double[] s = new double[net.getDimension()];
        switch (on) {
            case "x": java.util.Arrays.fill(s, 0, n, sigma); break;
            case "y": java.util.Arrays.fill(s, n, 2 * n, sigma); break;
            default: java.util.Arrays.fill(s, sigma); break;
        }
        long ns = Seeds.derive(seed, "noise");
        return kind.equals("additive") ? NoiseSpec.additive(s, ns) : NoiseSpec.multiplicative(s, ns);
    }

    /** The settings for provenance: everything the values say, plus what was derived from them. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> scenario = values.describe();
        if (fit != null) {
            // the network and its initial state are the fit's, not the scenario defaults' (which never ran)
            scenario.remove("network");
            scenario.remove("coupling");
            scenario.remove("initial");
            m.put("fittedNetwork", org.vdpnet.scenarios.fit.FittedNetwork.describe(model, problem.initialState()));
        }
        m.put("scenario", scenario);
        m.put("model", model.describe());
        m.put("integrator", spec.describe());
        m.put("integratorImplementation", org.vdpnet.sim.Simulator.implementation(problem, spec));
        m.put("delays", delays.describe());
        m.put("monitor", monitor.describe());
        if (!observations.isEmpty()) {
            m.put("observations", ObservationSetup.describe(values, observations));
        }
        m.put("noise", problem.noise().describe());
        return m;
    }
}
