package org.vdpnet.sim;

/**
 * Fixed-arity linear combinations {@code out = y + h * (c0 k0 + ... )} over the first {@code n}
 * entries of flat arrays: each is one loop with a straight-line body, which C2 compiles to vector
 * instructions, so the stage sums of an embedded Runge–Kutta step cost one pass over the state per
 * stage (not one per term, nor strided reads across the stage arrays). The sum is formed left to
 * right, then scaled by {@code h} and added to {@code y}, as Hipparchus forms it. With {@code hv}
 * non-null each entry has its own step {@code hv[i]} (an ensemble whose members step on their own,
 * {@link EmbeddedRk}); the arithmetic of an entry is the same either way. The two cases are two loops,
 * not one loop on {@code hv == null ? h : hv[i]}: the single loop ran 200-member DOP853 ensembles
 * about 8 % slower (best of 20 alternating runs, 0.69-0.70 s against 0.64-0.66 s).
 */
final class Lin {
    private Lin() {}

    static void comb1(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i]);
            }
        }
    }

    static void comb2(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i] + c1 * k1[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i] + c1 * k1[i]);
            }
        }
    }

    static void comb3(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, double c2, double[] k2, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i]);
            }
        }
    }

    static void comb4(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, double c2, double[] k2, double c3, double[] k3, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i]);
            }
        }
    }

    static void comb5(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, double c2, double[] k2, double c3, double[] k3, double c4, double[] k4, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i]);
            }
        }
    }

    static void comb6(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, double c2, double[] k2, double c3, double[] k3, double c4, double[] k4, double c5, double[] k5, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i]);
            }
        }
    }

    static void comb7(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, double c2, double[] k2, double c3, double[] k3, double c4, double[] k4, double c5, double[] k5, double c6, double[] k6, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i] + c6 * k6[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i] + c6 * k6[i]);
            }
        }
    }

    static void comb8(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, double c2, double[] k2, double c3, double[] k3, double c4, double[] k4, double c5, double[] k5, double c6, double[] k6, double c7, double[] k7, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i] + c6 * k6[i] + c7 * k7[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i] + c6 * k6[i] + c7 * k7[i]);
            }
        }
    }

    static void comb9(double[] out, double[] y, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, double c2, double[] k2, double c3, double[] k3, double c4, double[] k4, double c5, double[] k5, double c6, double[] k6, double c7, double[] k7, double c8, double[] k8, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + h * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i] + c6 * k6[i] + c7 * k7[i] + c8 * k8[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = y[i] + hv[i] * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i] + c6 * k6[i] + c7 * k7[i] + c8 * k8[i]);
            }
        }
    }

    /** {@code out = h * (c0 k0 + ... + c5 k5)} (dense-output coefficients). */
    static void scaled6(double[] out, double h, double[] hv, double c0, double[] k0, double c1, double[] k1, double c2, double[] k2, double c3, double[] k3, double c4, double[] k4, double c5, double[] k5, int n) {
        if (hv == null) {
            for (int i = 0; i < n; i++) {
                out[i] = h * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = hv[i] * (c0 * k0[i] + c1 * k1[i] + c2 * k2[i] + c3 * k3[i] + c4 * k4[i] + c5 * k5[i]);
            }
        }
    }
}
