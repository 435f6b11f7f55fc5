package org.vdpnet.scenarios.fit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.NodeDynamics;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;

/**
 * A fitted network as JSON, and back: the {@code model} section of fit.json that
 * {@code vdpnet simulate --from-fit} runs, and the vdp part of a saved forecaster. It holds the
 * form, the node labels, every per-node parameter, the coupling (type, gain, shape), the coupling
 * variable, every edge (zero weights kept) and, where given, the initial state. Reading checks
 * every field and names it in a one-line message.
 *
 * @param model        the network
 * @param initialState the state at the fit's first sample, or null
 */
public record FittedNetwork(NetworkModel model, double[] initialState) {

    /** The JSON form (maps and arrays, for Jackson). */
    public static Map<String, Object> describe(NetworkModel m, double[] initialState) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("form", m.form());
        out.put("labels", m.labels());
        out.put("couplingVariable", m.couplingVariable());
        out.put("coupling", m.coupling().describe());
        Map<String, Object> nodes = new LinkedHashMap<>();
        double[] v = m.dynamics().parameterValues();
        int n = m.nodes();
        List<String> kinds = m.nodeParameterKinds();
        for (int q = 0; q < kinds.size(); q++) {
            nodes.put(kinds.get(q), java.util.Arrays.copyOfRange(v, q * n, (q + 1) * n));
        }
        out.put("nodeParameters", nodes);
        int e = m.edgeCount();
        int[] target = new int[e];
        int[] source = new int[e];
        double[] weight = new double[e];
        for (int k = 0; k < e; k++) {
            target[k] = m.edgeTarget(k);
            source[k] = m.edgeSource(k);
            weight[k] = m.topology().edgeWeight(k);
        }
        Map<String, Object> edges = new LinkedHashMap<>();
        edges.put("target", target);
        edges.put("source", source);
        edges.put("weight", weight);
        out.put("edges", edges);
        if (initialState != null) {
            out.put("initialState", initialState.clone());
        }
        return out;
    }

    /**
     * Reads a {@link #describe} section.
     *
     * @param where the file and section, for messages (for example {@code runs/fit1/fit.json: model})
     */
    public static FittedNetwork read(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": missing; expected the fitted network that 'vdpnet fit' writes");
        }
        String form = text(node, "form", where);
        List<String> labels = new ArrayList<>();
        JsonNode l = array(node, "labels", where);
        l.forEach(x -> labels.add(x.asText()));
        int n = labels.size();
        if (n == 0) {
            throw new IllegalArgumentException(where + ".labels: must list at least one node, got none");
        }
        JsonNode np = node.get("nodeParameters");
        if (np == null || !np.isObject()) {
            throw new IllegalArgumentException(where + ".nodeParameters: missing");
        }
        NodeDynamics d;
        try {
            d = dynamics(form, np, n, where);
        } catch (IllegalArgumentException e) {
            throw named(e, where, ".nodeParameters");
        }
        JsonNode c = node.get("coupling");
        if (c == null || !c.isObject()) {
            throw new IllegalArgumentException(where + ".coupling: missing");
        }
        String type = text(c, "type", where + ".coupling");
        double gain = number(c, "strength", where + ".coupling");
        Coupling coupling;
        try {
            coupling = type.equals("sigmoidal")
                    ? Coupling.sigmoidal(gain, number(c, "slope", where + ".coupling"), number(c, "midpoint", where + ".coupling"),
                            number(c, "cmin", where + ".coupling"), number(c, "cmax", where + ".coupling"))
                    : Coupling.of(where + ".coupling.type", type, gain);
        } catch (IllegalArgumentException e) {
            throw named(e, where, ".coupling");
        }
        JsonNode edges = node.get("edges");
        if (edges == null || !edges.isObject()) {
            throw new IllegalArgumentException(where + ".edges: missing");
        }
        int count = array(edges, "weight", where + ".edges").size();
        double[] w = numbers(edges, "weight", count, where + ".edges");
        double[] ts = numbers(edges, "target", count, where + ".edges");
        double[] ss = numbers(edges, "source", count, where + ".edges");
        int[] target = new int[count];
        int[] source = new int[count];
        for (int k = 0; k < count; k++) {
            target[k] = node(ts[k], n, where + ".edges.target[" + k + "]");
            source[k] = node(ss[k], n, where + ".edges.source[" + k + "]");
        }
        Topology t;
        try {
            t = Topology.pattern(where + ".edges", n, source, target, w, labels); // the stored edges, zeros kept, as written
        } catch (IllegalArgumentException e) {
            throw named(e, where, ".edges");
        }
        NetworkModel m;
        try {
            m = NetworkModel.of(d, coupling, t).withCouplingVariable(text(node, "couplingVariable", where));
        } catch (IllegalArgumentException e) {
            throw named(e, where, ".couplingVariable");
        }
        double[] y0 = node.has("initialState") ? numbers(node, "initialState", m.getDimension(), where) : null;
        return new FittedNetwork(m, y0);
    }

    private static NodeDynamics dynamics(String form, JsonNode np, int n, String where) {
        switch (form) {
            case "research": return ResearchVanDerPol.of(numbers(np, "a1", n, where + ".nodeParameters"), numbers(np, "a2", n, where + ".nodeParameters"));
            case "vdp": return VanDerPol.of(numbers(np, "mu", n, where + ".nodeParameters"), numbers(np, "omega", n, where + ".nodeParameters"));
            default: throw new IllegalArgumentException(where + ".form: unknown '" + form + "'; allowed: research, vdp");
        }
    }

    /** A model's refusal with the file and section in front, unless it names them already. */
    private static IllegalArgumentException named(IllegalArgumentException e, String where, String field) {
        String m = e.getMessage() == null ? "holds a value out of range" : e.getMessage();
        return m.startsWith(where) ? e : new IllegalArgumentException(where + field + ": " + m);
    }

    private static int node(double v, int n, String where) {
        if (!(v >= 0 && v < n && v == Math.rint(v))) {
            throw new IllegalArgumentException(where + ": must be a node index in [0, " + (n - 1) + "], got " + v);
        }
        return (int) v;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + ": missing or not text");
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + "." + field + ": missing or not a number");
        }
        return v.asDouble();
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(where + "." + field + ": missing or not a list");
        }
        return v;
    }

    private static double[] numbers(JsonNode node, String field, int count, String where) {
        JsonNode a = array(node, field, where);
        if (a.size() != count) {
            throw new IllegalArgumentException(where + "." + field + ": needs " + count + " values, got " + a.size());
        }
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            if (!a.get(k).isNumber()) {
                throw new IllegalArgumentException(where + "." + field + "[" + k + "]: must be a number, got " + a.get(k));
            }
            out[k] = a.get(k).asDouble();
            if (!Double.isFinite(out[k])) {
                throw new IllegalArgumentException(where + "." + field + "[" + k + "]: must be finite, got " + out[k]);
            }
        }
        return out;
    }
}
