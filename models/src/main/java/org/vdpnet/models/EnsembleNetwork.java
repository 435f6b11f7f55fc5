package org.vdpnet.models;

import java.util.List;
import org.vdpnet.sim.EnsembleField;

/**
 * Networks that share one graph, node form, coupling type and coupling variable, side by side as an
 * {@link EnsembleField} (member-minor state): each member keeps its own node parameters and coupling
 * parameters. The equations are the members' own ({@link VanDerPol#accel}, {@link ResearchVanDerPol#drive},
 * the couplings' {@code output} formulas, {@link Topology#weightedSumMembers}), in the same order, so
 * each member's derivative is bit-identical to its {@link NetworkModel}'s, and the loops run over the
 * members innermost. Immutable; allocation-free.
 */
public final class EnsembleNetwork implements EnsembleField {
    private final Topology topology;
    private final int n;
    private final int b;
    private final int vars;
    private final int cOff;
    private final int inOff;
    private final boolean research;
    /** Node parameters member-minor ({@code [i * b + m]}): mu and omega^2, or a1 and a2. */
    private final double[] p1;
    private final double[] p2;
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
        this.inOff = first.inputVariableIndex() * n;
        NodeDynamics d0 = first.dynamics();
        if (!(d0 instanceof VanDerPol) && !(d0 instanceof ResearchVanDerPol)) {
            throw new IllegalArgumentException("ensemble: node form '" + d0.type() + "' has no ensemble form (vdp and research do)");
        }
        this.research = d0 instanceof ResearchVanDerPol;
        Coupling c0 = first.coupling();
        this.couplingKind = c0 instanceof Couplings.Linear ? 0 : c0 instanceof Couplings.Diffusive ? 1 : 2;
        this.p1 = new double[n * b];
        this.p2 = new double[n * b];
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
                p1[i * b + m] = a[i];
                p2[i * b + m] = c[i];
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

    @Override
    public void derivatives(double t, double[] y, double[] dy) {
        final int b = this.b;
        final int n = this.n;
        topology.weightedSumMembers(y, cOff, dy, inOff, b);
        final double[] g = gain;
        for (int i = 0; i < n; i++) {
            final int o = (inOff + i) * b;
            final int c = (cOff + i) * b;
            final double rs = rowSums[i];
            switch (couplingKind) {
                case 0:
                    for (int m = 0; m < b; m++) {
                        dy[o + m] = Couplings.Linear.output(g[m], dy[o + m]);
                    }
                    break;
                case 1:
                    for (int m = 0; m < b; m++) {
                        dy[o + m] = Couplings.Diffusive.output(g[m], dy[o + m], rs, y[c + m]);
                    }
                    break;
                default:
                    for (int m = 0; m < b; m++) {
                        dy[o + m] = Couplings.Sigmoidal.output(g[m], slope[m], midpoint[m], cmin[m], cmax[m], dy[o + m]);
                    }
            }
        }
        final double[] p1 = this.p1;
        final double[] p2 = this.p2;
        for (int i = 0; i < n; i++) {
            final int xo = i * b;
            final int vo = (n + i) * b;
            if (research) {
                for (int m = 0; m < b; m++) {
                    final double x = y[xo + m];
                    dy[xo + m] += ResearchVanDerPol.drive(p1[xo + m], p2[xo + m], x, y[vo + m]);
                    dy[vo + m] = -x;
                }
            } else {
                for (int m = 0; m < b; m++) {
                    final double x = y[xo + m];
                    final double v = y[vo + m];
                    dy[xo + m] = v;
                    dy[vo + m] += VanDerPol.accel(p1[xo + m], p2[xo + m], x, v);
                }
            }
        }
    }
}
