package org.vdpnet.hybrid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.outputs.LSTMLayerOutputs;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;

/** The LSTM arithmetic against two independent references: SameDiff's fused lstmLayer op (forward) and finite differences (gradient). */
class LstmMathTest {
    static final int IN = 3;
    static final int H = 5;
    static final int OUT = 4;
    static final int T = 7;

    static float[][] params(long seed) {
        Random r = new Random(seed);
        int[] sizes = LstmMath.sizes(IN, H, OUT);
        float[][] p = new float[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            p[i] = new float[sizes[i]];
            for (int k = 0; k < p[i].length; k++) {
                p[i][k] = (float) (r.nextGaussian() * 0.6);
            }
        }
        return p;
    }

    static double[][][] inputs(int n, long seed) {
        Random r = new Random(seed);
        double[][][] x = new double[n][T][IN];
        for (double[][] e : x) {
            for (double[] s : e) {
                for (int i = 0; i < IN; i++) {
                    s[i] = (float) r.nextGaussian(); // representable in float32, so both sides see the same inputs
                }
            }
        }
        return x;
    }

    @Test
    void forwardEqualsSameDiffsFusedLstmLayer() {
        float[][] p = params(1);
        double[][][] x = inputs(6, 2);
        LstmMath m = new LstmMath(IN, H, OUT, T, p);
        int[] idx = {0, 1, 2, 3, 4, 5};
        m.forward(x, idx, 0, 6);

        SameDiff sd = SameDiff.create();
        float[] flat = new float[6 * T * IN];
        int k = 0;
        for (double[][] e : x) {
            for (double[] s : e) {
                for (double v : s) {
                    flat[k++] = (float) v;
                }
            }
        }
        SDVariable in = sd.constant(Nd4j.create(flat, new long[] {6, T, IN}, 'c'));
        SDVariable w = sd.constant(Nd4j.create(p[0], new long[] {IN, 4 * H}, 'c'));
        SDVariable rw = sd.constant(Nd4j.create(p[1], new long[] {H, 4 * H}, 'c'));
        SDVariable b = sd.constant(Nd4j.create(p[2], new long[] {4 * H}, 'c'));
        LSTMLayerConfig config = LSTMLayerConfig.builder().lstmdataformat(LSTMDataFormat.NTS).directionMode(LSTMDirectionMode.FWD)
                .gateAct(LSTMActivations.SIGMOID).cellAct(LSTMActivations.TANH).outAct(LSTMActivations.TANH)
                .retFullSequence(false).retLastH(true).retLastC(false).build();
        SDVariable last = new LSTMLayerOutputs(sd.rnn().lstmLayer(in, LSTMLayerWeights.builder().weights(w).rWeights(rw).bias(b).build(), config),
                config).getLastOutput();
        SDVariable out = last.mmul(sd.constant(Nd4j.create(p[3], new long[] {H, OUT}, 'c'))).add("y", sd.constant(Nd4j.create(p[4], new long[] {OUT}, 'c')));
        INDArray ref = sd.output(Map.of(), "y").get("y");
        for (int e = 0; e < 6; e++) {
            for (int o = 0; o < OUT; o++) {
                assertEquals(ref.getDouble(e, o), m.output(e, o), 2e-6, "example " + e + ", output " + o);
            }
        }
        assertEquals(DataType.FLOAT, ref.dataType());
    }

    @Test
    void gradientEqualsCentralDifferences() {
        float[][] p = params(3);
        double[][][] x = inputs(4, 4);
        double[][] y = new double[4][OUT];
        Random r = new Random(5);
        for (double[] row : y) {
            for (int o = 0; o < OUT; o++) {
                row[o] = r.nextGaussian();
            }
        }
        int[] idx = {0, 1, 2, 3};
        LstmMath m = new LstmMath(IN, H, OUT, T, p);
        m.forward(x, idx, 0, 4);
        m.backward(y, idx, 0, 4);
        double[][] g = new double[p.length][];
        for (int q = 0; q < p.length; q++) {
            g[q] = m.gradient(q).clone();
        }
        double eps = 1e-3;
        for (int q = 0; q < p.length; q++) {
            for (int i = 0; i < p[q].length; i += 3) {
                float keep = p[q][i];
                p[q][i] = (float) (keep + eps);
                double up = p[q][i];
                m.forward(x, idx, 0, 4);
                double lu = m.backward(y, idx, 0, 4);
                p[q][i] = (float) (keep - eps);
                double down = p[q][i];
                m.forward(x, idx, 0, 4);
                double ld = m.backward(y, idx, 0, 4);
                p[q][i] = keep;
                double numeric = (lu - ld) / (up - down);
                assertEquals(numeric, g[q][i], 1e-5 + 1e-3 * Math.abs(numeric), "parameter array " + q + ", element " + i);
            }
        }
    }
}
