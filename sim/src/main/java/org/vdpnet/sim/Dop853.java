package org.vdpnet.sim;

/** DOP853: 12 stages, the 13th (the end derivative) first same as last, 3 more for dense output. */
final class Dop853 extends EmbeddedRk.Scheme {
    // Hairer's DOP853 (Dormand & Prince 1980; Hairer, Norsett & Wanner, Solving ODEs I, 2nd ed.): nodes, stage weights by stage
    private static final double C1 = 0.05260015195876773;
    private static final double C2 = 0.0789002279381516;
    private static final double C3 = 0.1183503419072274;
    private static final double C4 = 0.2816496580927726;
    private static final double C5 = 0.3333333333333333;
    private static final double C6 = 0.25;
    private static final double C7 = 0.3076923076923077;
    private static final double C8 = 0.6512820512820513;
    private static final double C9 = 0.6;
    private static final double C10 = 0.8571428571428571;
    private static final double C11 = 1.0;
    private static final double C12 = 1.0;
    private static final double C13 = 0.1;
    private static final double C14 = 0.2;
    private static final double C15 = 0.7777777777777778;
    private static final double A1_0 = 0.05260015195876773;
    private static final double A2_0 = 0.0197250569845379;
    private static final double A2_1 = 0.0591751709536137;
    private static final double A3_0 = 0.02958758547680685;
    private static final double A3_2 = 0.08876275643042054;
    private static final double A4_0 = 0.2413651341592667;
    private static final double A4_2 = -0.8845494793282861;
    private static final double A4_3 = 0.924834003261792;
    private static final double A5_0 = 0.037037037037037035;
    private static final double A5_3 = 0.17082860872947386;
    private static final double A5_4 = 0.12546768756682242;
    private static final double A6_0 = 0.037109375;
    private static final double A6_3 = 0.17025221101954405;
    private static final double A6_4 = 0.06021653898045596;
    private static final double A6_5 = -0.017578125;
    private static final double A7_0 = 0.03709200011850479;
    private static final double A7_3 = 0.17038392571223998;
    private static final double A7_4 = 0.10726203044637328;
    private static final double A7_5 = -0.015319437748624402;
    private static final double A7_6 = 0.008273789163814023;
    private static final double A8_0 = 0.6241109587160757;
    private static final double A8_3 = -3.3608926294469414;
    private static final double A8_4 = -0.868219346841726;
    private static final double A8_5 = 27.59209969944671;
    private static final double A8_6 = 20.154067550477894;
    private static final double A8_7 = -43.48988418106996;
    private static final double A9_0 = 0.47766253643826434;
    private static final double A9_3 = -2.4881146199716677;
    private static final double A9_4 = -0.590290826836843;
    private static final double A9_5 = 21.230051448181193;
    private static final double A9_6 = 15.279233632882423;
    private static final double A9_7 = -33.28821096898486;
    private static final double A9_8 = -0.020331201708508627;
    private static final double A10_0 = -0.9371424300859873;
    private static final double A10_3 = 5.186372428844064;
    private static final double A10_4 = 1.0914373489967295;
    private static final double A10_5 = -8.149787010746927;
    private static final double A10_6 = -18.52006565999696;
    private static final double A10_7 = 22.739487099350505;
    private static final double A10_8 = 2.4936055526796523;
    private static final double A10_9 = -3.0467644718982196;
    private static final double A11_0 = 2.273310147516538;
    private static final double A11_3 = -10.53449546673725;
    private static final double A11_4 = -2.0008720582248625;
    private static final double A11_5 = -17.9589318631188;
    private static final double A11_6 = 27.94888452941996;
    private static final double A11_7 = -2.8589982771350235;
    private static final double A11_8 = -8.87285693353063;
    private static final double A11_9 = 12.360567175794303;
    private static final double A11_10 = 0.6433927460157636;
    private static final double A12_0 = 0.054293734116568765;
    private static final double A12_5 = 4.450312892752409;
    private static final double A12_6 = 1.8915178993145003;
    private static final double A12_7 = -5.801203960010585;
    private static final double A12_8 = 0.3111643669578199;
    private static final double A12_9 = -0.1521609496625161;
    private static final double A12_10 = 0.20136540080403034;
    private static final double A12_11 = 0.04471061572777259;
    private static final double A13_0 = 0.056167502283047954;
    private static final double A13_6 = 0.25350021021662483;
    private static final double A13_7 = -0.2462390374708025;
    private static final double A13_8 = -0.12419142326381637;
    private static final double A13_9 = 0.15329179827876568;
    private static final double A13_10 = 0.00820105229563469;
    private static final double A13_11 = 0.007567897660545699;
    private static final double A13_12 = -0.008298;
    private static final double A14_0 = 0.03183464816350214;
    private static final double A14_5 = 0.028300909672366776;
    private static final double A14_6 = 0.053541988307438566;
    private static final double A14_7 = -0.05492374857139099;
    private static final double A14_10 = -0.00010834732869724932;
    private static final double A14_11 = 0.0003825710908356584;
    private static final double A14_12 = -0.00034046500868740456;
    private static final double A14_13 = 0.1413124436746325;
    private static final double A15_0 = -0.42889630158379194;
    private static final double A15_5 = -4.697621415361164;
    private static final double A15_6 = 7.683421196062599;
    private static final double A15_7 = 4.06898981839711;
    private static final double A15_8 = 0.3567271874552811;
    private static final double A15_12 = -0.0013990241651590145;
    private static final double A15_13 = 2.9475147891527724;
    private static final double A15_14 = -9.15095847217987;
    private static final double B0 = 0.054293734116568765;
    private static final double B5 = 4.450312892752409;
    private static final double B6 = 1.8915178993145003;
    private static final double B7 = -5.801203960010585;
    private static final double B8 = 0.3111643669578199;
    private static final double B9 = -0.1521609496625161;
    private static final double B10 = 0.20136540080403034;
    private static final double B11 = 0.04471061572777259;
    private static final double E5_0 = 0.01312004499419488;
    private static final double E5_5 = -1.2251564463762044;
    private static final double E5_6 = -0.4957589496572502;
    private static final double E5_7 = 1.6643771824549864;
    private static final double E5_8 = -0.35032884874997366;
    private static final double E5_9 = 0.3341791187130175;
    private static final double E5_10 = 0.08192320648511571;
    private static final double E5_11 = -0.022355307863886294;
    private static final double E3_0 = -0.18980075407240762;
    private static final double E3_5 = 4.450312892752409;
    private static final double E3_6 = 1.8915178993145003;
    private static final double E3_7 = -5.801203960010585;
    private static final double E3_8 = -0.4226823213237919;
    private static final double E3_9 = -0.1521609496625161;
    private static final double E3_10 = 0.20136540080403034;
    private static final double E3_11 = 0.02265179219836082;
    private static final double D0_0 = -8.428938276109013;
    private static final double D0_5 = 0.5667149535193777;
    private static final double D0_6 = -3.0689499459498917;
    private static final double D0_7 = 2.38466765651207;
    private static final double D0_8 = 2.117034582445028;
    private static final double D0_9 = -0.871391583777973;
    private static final double D0_10 = 2.2404374302607883;
    private static final double D0_11 = 0.6315787787694688;
    private static final double D0_12 = -0.08899033645133331;
    private static final double D0_13 = 18.148505520854727;
    private static final double D0_14 = -9.194632392478356;
    private static final double D0_15 = -4.436036387594894;
    private static final double D1_0 = 10.427508642579134;
    private static final double D1_5 = 242.28349177525817;
    private static final double D1_6 = 165.20045171727028;
    private static final double D1_7 = -374.5467547226902;
    private static final double D1_8 = -22.113666853125306;
    private static final double D1_9 = 7.733432668472264;
    private static final double D1_10 = -30.674084731089398;
    private static final double D1_11 = -9.332130526430229;
    private static final double D1_12 = 15.697238121770845;
    private static final double D1_13 = -31.139403219565178;
    private static final double D1_14 = -9.35292435884448;
    private static final double D1_15 = 35.81684148639408;
    private static final double D2_0 = 19.985053242002433;
    private static final double D2_5 = -387.0373087493518;
    private static final double D2_6 = -189.17813819516758;
    private static final double D2_7 = 527.8081592054236;
    private static final double D2_8 = -11.57390253995963;
    private static final double D2_9 = 6.8812326946963;
    private static final double D2_10 = -1.0006050966910838;
    private static final double D2_11 = 0.7777137798053443;
    private static final double D2_12 = -2.778205752353508;
    private static final double D2_13 = -60.19669523126412;
    private static final double D2_14 = 84.32040550667716;
    private static final double D2_15 = 11.99229113618279;
    private static final double D3_0 = -25.69393346270375;
    private static final double D3_5 = -154.18974869023643;
    private static final double D3_6 = -231.5293791760455;
    private static final double D3_7 = 357.6391179106141;
    private static final double D3_8 = 93.40532418362432;
    private static final double D3_9 = -37.45832313645163;
    private static final double D3_10 = 104.0996495089623;
    private static final double D3_11 = 29.8402934266605;
    private static final double D3_12 = -43.53345659001114;
    private static final double D3_13 = 96.32455395918828;
    private static final double D3_14 = -39.17726167561544;
    private static final double D3_15 = -149.72683625798564;

    private final double[][] cont = new double[7][];


    Dop853(VectorField f, int b, int d) {
        super(f, b, d, 16);
        for (int r = 0; r < 7; r++) {
            cont[r] = new double[n];
        }
    }

    @Override int order() { return 8; }

    @Override int attemptEvaluations() { return 11; }

    @Override int worstCaseStepEvaluations() { return 11 + 1 + 3; }

    @Override int endStage() { return 12; }

    @Override
    void attempt(double t, double[] y, double[] yNew, double rtol, double atol, double[] error) {
        expandSteps();
        final double h = hm[0];
        final double[] hv = this.hv;
        final double[][] k = this.k;
        final double[] ytmp = this.ytmp;
        final int n = this.n;
        Lin.comb1(ytmp, y, h, hv, A1_0, k[0], n);
        f.derivatives(t + C1 * h, ytmp, k[1]);
        Lin.comb2(ytmp, y, h, hv, A2_0, k[0], A2_1, k[1], n);
        f.derivatives(t + C2 * h, ytmp, k[2]);
        Lin.comb2(ytmp, y, h, hv, A3_0, k[0], A3_2, k[2], n);
        f.derivatives(t + C3 * h, ytmp, k[3]);
        Lin.comb3(ytmp, y, h, hv, A4_0, k[0], A4_2, k[2], A4_3, k[3], n);
        f.derivatives(t + C4 * h, ytmp, k[4]);
        Lin.comb3(ytmp, y, h, hv, A5_0, k[0], A5_3, k[3], A5_4, k[4], n);
        f.derivatives(t + C5 * h, ytmp, k[5]);
        Lin.comb4(ytmp, y, h, hv, A6_0, k[0], A6_3, k[3], A6_4, k[4], A6_5, k[5], n);
        f.derivatives(t + C6 * h, ytmp, k[6]);
        Lin.comb5(ytmp, y, h, hv, A7_0, k[0], A7_3, k[3], A7_4, k[4], A7_5, k[5], A7_6, k[6], n);
        f.derivatives(t + C7 * h, ytmp, k[7]);
        Lin.comb6(ytmp, y, h, hv, A8_0, k[0], A8_3, k[3], A8_4, k[4], A8_5, k[5], A8_6, k[6], A8_7, k[7], n);
        f.derivatives(t + C8 * h, ytmp, k[8]);
        Lin.comb7(ytmp, y, h, hv, A9_0, k[0], A9_3, k[3], A9_4, k[4], A9_5, k[5], A9_6, k[6], A9_7, k[7], A9_8, k[8], n);
        f.derivatives(t + C9 * h, ytmp, k[9]);
        Lin.comb8(ytmp, y, h, hv, A10_0, k[0], A10_3, k[3], A10_4, k[4], A10_5, k[5], A10_6, k[6], A10_7, k[7], A10_8, k[8], A10_9, k[9], n);
        f.derivatives(t + C10 * h, ytmp, k[10]);
        Lin.comb9(ytmp, y, h, hv, A11_0, k[0], A11_3, k[3], A11_4, k[4], A11_5, k[5], A11_6, k[6], A11_7, k[7], A11_8, k[8], A11_9, k[9], A11_10, k[10], n);
        f.derivatives(t + C11 * h, ytmp, k[11]);
        Lin.comb8(yNew, y, h, hv, B0, k[0], B5, k[5], B6, k[6], B7, k[7], B8, k[8], B9, k[9], B10, k[10], B11, k[11], n);
        // Hipparchus's sums, term for term (an error that differs in its last bits can flip a step's acceptance); each
        // member sums its own components in its solo order (the literal stride 1 lets a solo run's loop compile as before)
        for (int m = 0; m < b; m++) {
            if (b == 1) {
                sums(0, 1, y, yNew, rtol, atol);
            } else {
                sums(m, b, y, yNew, rtol, atol);
            }
            error[m] = norm(hm[m], error1, error2, finiteSum, d);
        }
    }

    /** The last {@link #sums}: the two error sums and the finiteness sum (0 while the trial state is finite). */
    private double error1;
    private double error2;
    private double finiteSum;

    /** One member's error sums over its entries {@code m, m + stride, ...}. */
    private void sums(int m, int stride, double[] y, double[] yNew, double rtol, double atol) {
        final double[][] k = this.k;
        final double[] k0 = k[0];
        final double[] k5 = k[5];
        final double[] k6 = k[6];
        final double[] k7 = k[7];
        final double[] k8 = k[8];
        final double[] k9 = k[9];
        final double[] k10 = k[10];
        final double[] k11 = k[11];
        double s1 = 0;
        double s2 = 0;
        double fin = 0; // x * 0 is NaN for x = NaN or infinite
        for (int j = m; j < n; j += stride) {
            double yn = yNew[j];
            fin += yn * 0.0;
            double tol = EmbeddedRk.tolerance(atol, rtol, y[j], yn);
            double r1 = e5(k0, k5, k6, k7, k8, k9, k10, k11, j) / tol;
            s1 += r1 * r1;
            double r2 = e3(k0, k5, k6, k7, k8, k9, k10, k11, j) / tol;
            s2 += r2 * r2;
        }
        error1 = s1;
        error2 = s2;
        finiteSum = fin;
    }

    private static double e5(double[] k0, double[] k5, double[] k6, double[] k7, double[] k8, double[] k9, double[] k10, double[] k11, int j) {
        return E5_0 * k0[j] + E5_5 * k5[j] + E5_6 * k6[j] + E5_7 * k7[j] + E5_8 * k8[j] + E5_9 * k9[j] + E5_10 * k10[j] + E5_11 * k11[j];
    }

    private static double e3(double[] k0, double[] k5, double[] k6, double[] k7, double[] k8, double[] k9, double[] k10, double[] k11, int j) {
        return E3_0 * k0[j] + E3_5 * k5[j] + E3_6 * k6[j] + E3_7 * k7[j] + E3_8 * k8[j] + E3_9 * k9[j] + E3_10 * k10[j] + E3_11 * k11[j];
    }

    /** The scaled error norm of one member from its sums (NaN for a non-finite trial state: the run ends as non-finite). */
    private static double norm(double h, double error1, double error2, double finite, int components) {
        if (finite != 0.0) { // (true for NaN too)
            return Double.NaN;
        }
        if (error1 == Double.POSITIVE_INFINITY || error2 == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY; // a finite trial state whose error overflows: rejected, the step shrinks (inf / inf would read as non-finite)
        }
        double den = error1 + 0.01 * error2;
        if (den <= 0.0) {
            den = 1.0;
        }
        return Math.abs(h) * error1 / Math.sqrt(components * den);
    }

    @Override
    int accepted(double tNew, double[] yNew) {
        f.derivatives(tNew, yNew, k[12]);
        return 1;
    }

    @Override
    void prepareDense() {
        final double[][] k = this.k;
        final double[] y = yStart;
        final double[] ytmp = this.ytmp;
        final double h = hm[0];
        final double[] hv = this.hv;
        final double t = tStep;
        final int n = this.n;
        Lin.comb8(ytmp, y, h, hv, A13_0, k[0], A13_6, k[6], A13_7, k[7], A13_8, k[8], A13_9, k[9], A13_10, k[10], A13_11, k[11], A13_12, k[12], n);
        f.derivatives(t + C13 * h, ytmp, k[13]);
        Lin.comb8(ytmp, y, h, hv, A14_0, k[0], A14_5, k[5], A14_6, k[6], A14_7, k[7], A14_10, k[10], A14_11, k[11], A14_12, k[12], A14_13, k[13], n);
        f.derivatives(t + C14 * h, ytmp, k[14]);
        Lin.comb8(ytmp, y, h, hv, A15_0, k[0], A15_5, k[5], A15_6, k[6], A15_7, k[7], A15_8, k[8], A15_12, k[12], A15_13, k[13], A15_14, k[14], n);
        f.derivatives(t + C15 * h, ytmp, k[15]);
        denseEvaluations = 3;
        final double[] y1 = yEnd;
        final double[] k0 = k[0];
        final double[] k5 = k[5];
        final double[] k6 = k[6];
        final double[] k7 = k[7];
        final double[] k8 = k[8];
        final double[] k9 = k[9];
        final double[] k10 = k[10];
        final double[] k11 = k[11];
        final double[] k12 = k[12];
        final double[] k13 = k[13];
        final double[] k14 = k[14];
        final double[] k15 = k[15];
        final double[] c0 = cont[0];
        final double[] c1 = cont[1];
        final double[] c2 = cont[2];
        final double[] c3 = cont[3];
        final double[] c4 = cont[4];
        final double[] c5 = cont[5];
        final double[] c6 = cont[6];
        // the seven coefficient rows in one pass over the stages (each entry's sums as Hipparchus forms them)
        for (int i = 0; i < n; i++) {
            double hi = hv == null ? h : hv[i];
            double dy = y1[i] - y[i];
            c0[i] = dy;
            c1[i] = hi * k0[i] - dy;
            c2[i] = 2 * dy - hi * (k12[i] + k0[i]);
            c3[i] = hi * (D0_0 * k0[i] + D0_5 * k5[i] + D0_6 * k6[i] + D0_7 * k7[i] + D0_8 * k8[i] + D0_9 * k9[i] + D0_10 * k10[i]
                    + D0_11 * k11[i] + D0_12 * k12[i] + D0_13 * k13[i] + D0_14 * k14[i] + D0_15 * k15[i]);
            c4[i] = hi * (D1_0 * k0[i] + D1_5 * k5[i] + D1_6 * k6[i] + D1_7 * k7[i] + D1_8 * k8[i] + D1_9 * k9[i] + D1_10 * k10[i]
                    + D1_11 * k11[i] + D1_12 * k12[i] + D1_13 * k13[i] + D1_14 * k14[i] + D1_15 * k15[i]);
            c5[i] = hi * (D2_0 * k0[i] + D2_5 * k5[i] + D2_6 * k6[i] + D2_7 * k7[i] + D2_8 * k8[i] + D2_9 * k9[i] + D2_10 * k10[i]
                    + D2_11 * k11[i] + D2_12 * k12[i] + D2_13 * k13[i] + D2_14 * k14[i] + D2_15 * k15[i]);
            c6[i] = hi * (D3_0 * k0[i] + D3_5 * k5[i] + D3_6 * k6[i] + D3_7 * k7[i] + D3_8 * k8[i] + D3_9 * k9[i] + D3_10 * k10[i]
                    + D3_11 * k11[i] + D3_12 * k12[i] + D3_13 * k13[i] + D3_14 * k14[i] + D3_15 * k15[i]);
        }
    }

    @Override
    void denseAt(int m, double x, double[] out) {
        final double s1 = 1 - x;
        final double[] y = yStart;
        final double[] c0 = cont[0];
        final double[] c1 = cont[1];
        final double[] c2 = cont[2];
        final double[] c3 = cont[3];
        final double[] c4 = cont[4];
        final double[] c5 = cont[5];
        final double[] c6 = cont[6];
        if (b == 1) {
            for (int i = 0; i < n; i++) {
                out[i] = dense(x, s1, y[i], c0[i], c1[i], c2[i], c3[i], c4[i], c5[i], c6[i]);
            }
        } else {
            for (int i = 0, j = m; i < d; i++, j += b) {
                out[i] = dense(x, s1, y[j], c0[j], c1[j], c2[j], c3[j], c4[j], c5[j], c6[j]);
            }
        }
    }

    private static double dense(double x, double s1, double y, double c0, double c1, double c2, double c3, double c4, double c5, double c6) {
        return y + x * (c0 + s1 * (c1 + x * (c2 + s1 * (c3 + x * (c4 + s1 * (c5 + x * c6))))));
    }
}
