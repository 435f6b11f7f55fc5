package org.vdpnet.models;

import java.util.List;
import org.vdpnet.sim.EnsembleField;

/**
 * Networks that share one graph, node form, coupling type and coupling variable, side by side as an
 * {@link EnsembleField} (member-minor state): each member keeps its own node parameters and coupling
 * parameters. The equations are the members' own ({@link VanDerPol#rate}, {@link VanDerPol#accel},
 * {@link ResearchVanDerPol#drive}, {@link ResearchVanDerPol#latent},
 * the couplings' {@code output} formulas, {@link Topology#weightedRowMembers}), in the same order, so
 * each member's derivative is bit-identical to its {@link NetworkModel}'s, and the loops run over the
 * members innermost. Immutable; allocation-free.
 */
public final class EnsembleNetwork implements EnsembleField {
    private final Topology topology;
    private final int n;
    private final int b;
    private final int vars;
    private final int cOff;
    private final boolean research;
    /** Node parameters by node, then member ({@code [i][m]}): mu and omega^2, or a1 and a2. */
    private final double[][] p1;
    private final double[][] p2;
    private final int couplingKind; // 0 linear, 1 diffusive, 2 sigmoidal
    private final double[] gain;
    private final double[] slope;
    private final double[] midpoint;
    private final double[] cmin;
    private final double[] cmax;
    private final double[] rowSums;

    private EnsembleNetwork(List<NetworkModel> members) {
        NetworkModel first = members.get(0);
        this.topology = first.topology();
        this.n = topology.nodes();
        this.b = members.size();
        this.vars = first.dynamics().variables().size();
        this.cOff = first.couplingVariableIndex() * n;
        NodeDynamics d0 = first.dynamics();
        if (!(d0 instanceof VanDerPol) && !(d0 instanceof ResearchVanDerPol)) {
            throw new IllegalArgumentException("ensemble: node form '" + d0.type() + "' has no ensemble form (vdp and research do)");
        }
        this.research = d0 instanceof ResearchVanDerPol;
        if (d0.inputVariable() != (research ? 0 : 1)) { // the layout below: the coupling enters x' (research) or v' (vdp)
            throw new IllegalStateException("ensemble: node form '" + d0.type() + "' takes its input in variable " + d0.inputVariable());
        }
        Coupling c0 = first.coupling();
        if (!(c0 instanceof Couplings.Linear) && !(c0 instanceof Couplings.Diffusive) && !(c0 instanceof Couplings.Sigmoidal)) {
            throw new IllegalArgumentException("ensemble: coupling '" + c0.type() + "' has no ensemble form (linear, diffusive and "
                    + "sigmoidal do)");
        }
        this.couplingKind = c0 instanceof Couplings.Linear ? 0 : c0 instanceof Couplings.Diffusive ? 1 : 2;
        this.p1 = new double[n][b];
        this.p2 = new double[n][b];
        this.gain = new double[b];
        this.slope = new double[b];
        this.midpoint = new double[b];
        this.cmin = new double[b];
        this.cmax = new double[b];
        for (int m = 0; m < b; m++) {
            NetworkModel nm = members.get(m);
            if (!nm.topology().sameGraph(topology)) {
                throw new IllegalArgumentException("ensemble: member " + m + " has another graph; the members must share one");
            }
            if (nm.dynamics().getClass() != d0.getClass() || nm.coupling().getClass() != c0.getClass()
                    || nm.couplingVariableIndex() != first.couplingVariableIndex()) {
                throw new IllegalArgumentException("ensemble: member " + m + " (" + nm.dynamics().type() + ", " + nm.coupling().type()
                        + " coupling through " + nm.couplingVariable() + ") differs in form from member 0 (" + d0.type() + ", "
                        + c0.type() + " through " + first.couplingVariable() + ")");
            }
            double[] a = research ? ((ResearchVanDerPol) nm.dynamics()).a1Array() : ((VanDerPol) nm.dynamics()).muArray();
            double[] c = research ? ((ResearchVanDerPol) nm.dynamics()).a2Array() : ((VanDerPol) nm.dynamics()).omegaSqArray();
            for (int i = 0; i < n; i++) {
                p1[i][m] = a[i];
                p2[i][m] = c[i];
            }
            gain[m] = nm.coupling().gain();
            if (nm.coupling() instanceof Couplings.Sigmoidal s) {
                slope[m] = s.slope();
                midpoint[m] = s.midpoint();
                cmin[m] = s.cmin();
                cmax[m] = s.cmax();
            }
        }
        this.rowSums = topology.rowSumsArray();
        final int width = b;
        this.rows = ThreadLocal.withInitial(() -> new double[6][width]);
    }

    /** The members side by side (at least one). */
    public static EnsembleNetwork of(List<NetworkModel> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("ensemble: need at least one member");
        }
        return new EnsembleNetwork(List.copyOf(members));
    }

    @Override public int memberDimension() { return vars * n; }

    @Override public int members() { return b; }

    /** Per-thread rows of {@code members} values (the loops below read and write them at one index, so they vectorise). */
    private final ThreadLocal<double[][]> rows;

    /** The node forms and couplings it supports do not depend on time. */
    @Override public boolean autonomous() { return true; }

    @Override
    public void derivatives(double t, double[] y, double[] dy) {
        final int b = this.b;
        final int n = this.n;
        final double[][] r = rows.get();
        final double[] acc = r[0];
        final double[] own = r[1];
        final double[] x = r[2];
        final double[] v = r[3];
        final double[] s1 = r[4];
        final double[] s2 = r[5];
        final double[] g = gain;
        for (int i = 0; i < n; i++) {
            // the coupling: the weighted sum, then the coupling's formula per member (as Coupling.apply does)
            topology.weightedRowMembers(i, y, cOff, b, acc, s1, s2);
            switch (couplingKind) {
                case 0:
                    for (int m = 0; m < b; m++) {
                        acc[m] = Couplings.Linear.output(g[m], acc[m]);
                    }
                    break;
                case 1:
                    System.arraycopy(y, (cOff + i) * b, own, 0, b);
                    final double rs = rowSums[i];
                    for (int m = 0; m < b; m++) {
                        acc[m] = Couplings.Diffusive.output(g[m], acc[m], rs, own[m]);
                    }
                    break;
                default:
                    for (int m = 0; m < b; m++) {
                        acc[m] = Couplings.Sigmoidal.output(g[m], slope[m], midpoint[m], cmin[m], cmax[m], acc[m]);
                    }
            }
            // the node (as NodeDynamics.evaluate does: the input variable's derivative adds the node term to the coupling)
            System.arraycopy(y, i * b, x, 0, b);
            System.arraycopy(y, (n + i) * b, v, 0, b);
            final double[] a1 = p1[i];
            final double[] a2 = p2[i];
            if (research) {
                for (int m = 0; m < b; m++) {
                    acc[m] += ResearchVanDerPol.drive(a1[m], a2[m], x[m], v[m]);
                    own[m] = ResearchVanDerPol.latent(x[m]);
                }
                System.arraycopy(acc, 0, dy, i * b, b);
                System.arraycopy(own, 0, dy, (n + i) * b, b);
            } else {
                for (int m = 0; m < b; m++) {
                    acc[m] += VanDerPol.accel(a1[m], a2[m], x[m], v[m]);
                    own[m] = VanDerPol.rate(v[m]);
                }
                System.arraycopy(own, 0, dy, i * b, b);
                System.arraycopy(acc, 0, dy, (n + i) * b, b);
            }
        }
    }
}
