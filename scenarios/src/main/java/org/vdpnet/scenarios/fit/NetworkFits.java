package org.vdpnet.scenarios.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vdpnet.fitting.estimate.FitProblem;
import org.vdpnet.models.Coupling;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.models.NodeDynamics;
import org.vdpnet.models.ResearchVanDerPol;
import org.vdpnet.models.Topology;
import org.vdpnet.models.VanDerPol;

/**
 * The networks that {@code vdpnet fit} fits, wired from the concrete models: the research or
 * classic form on a dense coupling (every pair, self-loops included), on a graph's edges only
 * ({@code masked}), or as {@code W = g * SC} with the gain fitted ({@code scaled}). Linear
 * coupling; the starting values are {@code a1 = a2 = 1} (research) or {@code mu = omega = 1}
 * (classic), no coupling; the initialiser replaces them.
 */
public final class NetworkFits {
    private NetworkFits() {}

    /** The model forms {@code --model} accepts. */
    public static final List<String> FORMS = List.of("research", "classic");

    /** The coupling forms {@code --coupling-form} accepts. */
    public static final List<String> COUPLING_FORMS = List.of("masked", "scaled");

    /**
     * A fit of every pair of nodes. The research form keeps the self-loops {@code W_ii} (the
     * cubic term of a1 tells them apart); the classic form coupled through x leaves them out,
     * since {@code W_ii x_i} enters {@code y_i'} exactly as {@code -omega_i^2 x_i} does and the two
     * could not be told apart.
     */
    public static NetworkModel dense(String form, List<String> labels, String couplingVariable) {
        int n = labels.size();
        Topology all = Topology.complete("dense coupling", new double[n][n], labels);
        if (!(form.equalsIgnoreCase("classic") && couplingVariable.equalsIgnoreCase("x"))) {
            return build(form, all, couplingVariable);
        }
        int m = n * (n - 1);
        int[] src = new int[m];
        int[] dst = new int[m];
        double[] zeros = new double[m];
        for (int i = 0, k = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    dst[k] = i;
                    src[k++] = j;
                }
            }
        }
        Topology offDiagonal = Topology.pattern("dense coupling", n, src, dst, zeros, labels);
        return build(form, offDiagonal, couplingVariable);
    }

    /**
     * The dense research form with lower bounds {@code a1 >= a1Min}, {@code a2 >= a2Min} on every
     * node ({@link ResearchVanDerPol#withLowerBounds}): the forecasters' fits, which must stay
     * bounded in free run.
     */
    public static NetworkModel denseResearch(List<String> labels, double a1Min, double a2Min) {
        int n = labels.size();
        Topology all = Topology.complete("dense coupling", new double[n][n], labels);
        return NetworkModel.of(ResearchVanDerPol.uniform(n, 1.0, 1.0).withLowerBounds(a1Min, a2Min), Coupling.linear(1.0), all).withCouplingVariable("x");
    }

    /** A fit on {@code graph}'s edges; with {@code scaled}, its weights are kept. */
    public static NetworkModel onGraph(String form, Topology graph, String couplingVariable) {
        return build(form, graph, couplingVariable);
    }

    private static NetworkModel build(String form, Topology t, String couplingVariable) {
        int n = t.nodes();
        NodeDynamics d;
        switch (form.toLowerCase(Locale.ROOT)) {
            case "research": d = ResearchVanDerPol.uniform(n, 1.0, 1.0); break;
            case "classic":
            case "vdp": d = VanDerPol.uniform(n, 1.0, 1.0); break;
            default: throw new IllegalArgumentException("--model: unknown '" + form + "'; allowed: " + String.join(", ", FORMS));
        }
        return NetworkModel.of(d, Coupling.linear(1.0), t).withCouplingVariable(couplingVariable);
    }

    /**
     * The fit problem: the data observe every node's x. Dense and masked fits leave the gain at
     * 1 and fit the weights; scaled fits keep the weights and fit the gain.
     *
     * @param couplingForm dense, masked or scaled
     */
    public static FitProblem problem(NetworkModel model, double[][] data, double dt, String couplingForm) {
        FitProblem p = FitProblem.ofNetwork(model, data, dt).withCouplingForm(couplingForm);
        int g = model.gainParameter();
        List<Integer> free = new ArrayList<>();
        for (int q = 0; q < model.parameters().size(); q++) {
            boolean edge = q > g;
            boolean keep = switch (couplingForm) {
                case "dense", "masked" -> q != g;
                case "scaled" -> !edge;
                default -> throw new IllegalArgumentException("--coupling-form: unknown '" + couplingForm + "'; allowed: "
                        + String.join(", ", COUPLING_FORMS));
            };
            if (keep) {
                free.add(q);
            }
        }
        return p.withFree(free.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The labels {@code c1 .. cn} of n fitted components. */
    public static List<String> componentLabels(int n) {
        String[] l = new String[n];
        Arrays.setAll(l, i -> "c" + (i + 1));
        return List.of(l);
    }
}
