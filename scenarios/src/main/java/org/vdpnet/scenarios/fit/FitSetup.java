package org.vdpnet.scenarios.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vdpnet.fitting.estimate.FitProblem;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.Topology;

/**
 * The fit options that are about the model, checked before any work: the form
 * ({@code --model}), the coupling variable, the graph constraint ({@code --graph},
 * {@code --coupling-form}) and the fixed parameters ({@code --fix NAME=VALUE}). Every refusal is one
 * line naming the option, the value and what is allowed.
 *
 * @param form             research or classic
 * @param couplingVariable x or y
 * @param graph            the graph's weights restricted to the fitted channels, or null for a dense fit
 * @param couplingForm     dense (no graph), masked or scaled
 * @param fixed            parameter name or per-node kind to value, in the order given
 */
public record FitSetup(String form, String couplingVariable, Topology graph, String couplingForm, Map<String, Double> fixed) {

    /** Checks the options that need no data. */
    public static FitSetup parse(String model, String couplingVariable, boolean hasGraph, String couplingForm, List<String> fixes) {
        String form = model.toLowerCase(Locale.ROOT);
        if (form.equals("vdp")) {
            form = "classic"; // simulate's and fit.json's name for the same form
        }
        if (!NetworkFits.FORMS.contains(form)) {
            throw new IllegalArgumentException("--model: unknown '" + model + "'; allowed: " + String.join(", ", NetworkFits.FORMS));
        }
        String cv = couplingVariable.toLowerCase(Locale.ROOT);
        if (!cv.equals("x") && !cv.equals("y")) {
            throw new IllegalArgumentException("--coupling-variable: must be x or y, got '" + couplingVariable + "'");
        }
        if (form.equals("research") && cv.equals("y")) {
            throw new IllegalArgumentException("--coupling-variable: the research form couples through x (its equation is x' = a1 x (1 - x^2) + a2 y + W x),"
                    + " got 'y'; y coupling is for --model classic");
        }
        String cf = couplingForm == null ? (hasGraph ? "masked" : "dense") : couplingForm.toLowerCase(Locale.ROOT);
        if (couplingForm != null && !hasGraph) {
            throw new IllegalArgumentException("--coupling-form: needs --graph FILE (the graph whose edges it constrains), got '" + couplingForm + "' alone");
        }
        if (hasGraph && !NetworkFits.COUPLING_FORMS.contains(cf)) {
            throw new IllegalArgumentException("--coupling-form: unknown '" + couplingForm + "'; allowed: " + String.join(", ", NetworkFits.COUPLING_FORMS));
        }
        Map<String, Double> fixed = new LinkedHashMap<>();
        for (String f : fixes) {
            int eq = f.indexOf('=');
            String name = (eq < 0 ? f : f.substring(0, eq)).trim();
            String value = eq < 0 ? "" : f.substring(eq + 1).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--fix: '" + f + "' names no parameter; write NAME=VALUE, for example a2=1");
            }
            if (value.isEmpty()) {
                throw new IllegalArgumentException("--fix: '" + name + "' has no value; write NAME=VALUE, for example " + name + "=1");
            }
            double v;
            try {
                v = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--fix: the value of '" + name + "' must be a number, got '" + value + "'");
            }
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("--fix: the value of '" + name + "' must be finite, got " + value);
            }
            fixed.put(name, v);
        }
        return new FitSetup(form, cv, null, cf, java.util.Collections.unmodifiableMap(fixed));
    }

    /** The same setup on a graph. */
    public FitSetup withGraph(Topology g) {
        return new FitSetup(form, couplingVariable, g, couplingForm, fixed);
    }

    /**
     * The graph restricted to channels {@code [from, to)} of a recording with {@code channels}
     * channels, relabelled with the fitted channels' names. A graph with as many nodes as the
     * recording has channels is cut to the same channels; one with as many nodes as are fitted is
     * used as it is; any other size is refused.
     */
    public static Topology subgraph(Topology g, String file, int channels, int from, int to, List<String> labels) {
        int fitted = to - from;
        int offset;
        if (g.nodes() == channels) {
            offset = from;
        } else if (g.nodes() == fitted) {
            offset = 0;
        } else {
            throw new IllegalArgumentException("--graph: " + file + " has " + g.nodes() + " nodes, but the recording has " + channels
                    + " channels and the fit uses " + fitted + " (--channels " + from + ":" + to + "); the sizes must match");
        }
        double[][] w = g.toMatrix();
        double[][] sub = new double[fitted][fitted];
        for (int i = 0; i < fitted; i++) {
            for (int j = 0; j < fitted; j++) {
                sub[i][j] = w[offset + i][offset + j];
            }
        }
        Topology t = Topology.fromMatrix(file, sub, labels);
        if (t.nonZeros() == 0) {
            throw new IllegalArgumentException("--graph: " + file + " has no edges among the fitted channels " + from + ":" + to
                    + "; a masked or scaled fit needs at least one");
        }
        return t;
    }

    /** The model to fit, on the fitted channels' labels. */
    public NetworkModel model(List<String> labels) {
        return graph == null ? NetworkFits.dense(form, labels, couplingVariable) : NetworkFits.onGraph(form, graph, couplingVariable);
    }

    /** The problem, with the fixed parameters applied; an unknown name is refused with what is allowed. */
    public FitProblem problem(NetworkModel m, double[][] data, double dt) {
        FitProblem p = NetworkFits.problem(m, data, dt, couplingForm);
        for (Map.Entry<String, Double> f : fixed.entrySet()) {
            String name = f.getKey();
            List<String> names = new ArrayList<>();
            if (m.nodeParameterKinds().contains(name)) {
                for (int i = 0; i < m.nodes(); i++) {
                    names.add(m.parameters().get(m.nodeParameter(name, i)).name());
                }
            } else if (m.parameterIndex(name) >= 0) {
                names.add(name);
            } else {
                throw new IllegalArgumentException("--fix: unknown parameter '" + name + "'; allowed: " + String.join(", ", m.nodeParameterKinds())
                        + ", g, or one parameter by its name in fit.json, such as " + m.parameters().get(0).name()
                        + (m.edgeCount() > 0 ? " or " + m.parameters().get(m.edgeParameter(0)).name() : ""));
            }
            for (String one : names) {
                try {
                    p = p.withFixed(one, f.getValue());
                } catch (IllegalArgumentException outOfBounds) {
                    throw new IllegalArgumentException("--fix: " + outOfBounds.getMessage());
                }
            }
        }
        return p;
    }

    /** For provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", form);
        m.put("couplingVariable", couplingVariable);
        m.put("couplingForm", couplingForm);
        m.put("fixed", fixed);
        if (graph != null) {
            m.put("graphNodes", graph.nodes());
            m.put("graphEdges", graph.nonZeros());
            m.put("graphLabels", graph.labels());
        }
        return m;
    }
}
