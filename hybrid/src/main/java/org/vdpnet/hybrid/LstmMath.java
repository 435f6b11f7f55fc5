package org.vdpnet.hybrid;

/**
 * The arithmetic of one LSTM layer with a linear read-out on its last hidden state: the forward
 * pass, backpropagation through time of the mean squared error and Adam, on flat arrays.
 * Parameters are float32 (as saved), arithmetic is in double. The layout is that of the fused
 * {@code lstmLayer} op of SameDiff (a test checks the forward pass against it): input weights
 * {@code W[in][4h]}, recurrent weights {@code R[h][4h]}, bias {@code b[4h]}, gates in the order
 * input, forget, cell, output; read-out {@code Wo[h][out]}, {@code bo[out]}; zero initial states.
 * The work arrays are reused from batch to batch, so a training step allocates nothing once the
 * largest batch has been seen. Not thread-safe: one instance per network.
 */
final class LstmMath {
    final int in;
    final int h;
    final int out;
    final int steps;
    /** W, R, b, Wo, bo. */
    final float[][] params;
    private final double[][] grads;
    private final double[][] m;
    private final double[][] v;
    private long adamSteps;

    private int capacity;
    private double[] x; // [B][T][in]
    private double[] hs; // [B][T + 1][h]
    private double[] cs; // [B][T + 1][h]
    private double[] act; // [B][T][4h]: i, f, g, o after their activations
    private double[] tc; // [B][T][h]: tanh(c_t)
    private double[] y; // [B][out]
    private final double[] dz;
    private final double[] dh;
    private final double[] dhNext;
    private final double[] dc;

    LstmMath(int in, int h, int out, int steps, float[][] params) {
        this.in = in;
        this.h = h;
        this.out = out;
        this.steps = steps;
        this.params = params;
        this.grads = new double[params.length][];
        this.m = new double[params.length][];
        this.v = new double[params.length][];
        for (int p = 0; p < params.length; p++) {
            grads[p] = new double[params[p].length];
            m[p] = new double[params[p].length];
            v[p] = new double[params[p].length];
        }
        this.dz = new double[4 * h];
        this.dh = new double[h];
        this.dhNext = new double[h];
        this.dc = new double[h];
    }

    /** The shapes of W, R, b, Wo, bo as flat lengths. */
    static int[] sizes(int in, int h, int out) {
        return new int[] {in * 4 * h, h * 4 * h, 4 * h, h * out, out};
    }

    private void ensure(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = batch;
        x = new double[batch * steps * in];
        hs = new double[batch * (steps + 1) * h];
        cs = new double[batch * (steps + 1) * h];
        act = new double[batch * steps * 4 * h];
        tc = new double[batch * steps * h];
        y = new double[batch * out];
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Forward pass of examples {@code idx[from, to)} of {@code inputs[example][step][in]}; the outputs land in {@link #output}. */
    void forward(double[][][] inputs, int[] idx, int from, int to) {
        int batch = to - from;
        ensure(batch);
        float[] w = params[0];
        float[] r = params[1];
        float[] b = params[2];
        float[] wo = params[3];
        float[] bo = params[4];
        int g4 = 4 * h;
        for (int e = 0; e < batch; e++) {
            double[][] seq = inputs[idx[from + e]];
            for (int t = 0; t < steps; t++) {
                System.arraycopy(seq[t], 0, x, (e * steps + t) * in, in);
            }
            int h0 = e * (steps + 1) * h;
            for (int k = 0; k < h; k++) {
                hs[h0 + k] = 0;
                cs[h0 + k] = 0;
            }
            for (int t = 0; t < steps; t++) {
                int xo = (e * steps + t) * in;
                int ao = (e * steps + t) * g4;
                int hp = h0 + t * h;
                for (int j = 0; j < g4; j++) {
                    act[ao + j] = b[j];
                }
                for (int i = 0; i < in; i++) {
                    double xi = x[xo + i];
                    int wo0 = i * g4;
                    for (int j = 0; j < g4; j++) {
                        act[ao + j] += xi * w[wo0 + j];
                    }
                }
                for (int k = 0; k < h; k++) {
                    double hk = hs[hp + k];
                    int ro = k * g4;
                    for (int j = 0; j < g4; j++) {
                        act[ao + j] += hk * r[ro + j];
                    }
                }
                int hn = hp + h;
                int to0 = (e * steps + t) * h;
                for (int k = 0; k < h; k++) {
                    double ig = sigmoid(act[ao + k]);
                    double fg = sigmoid(act[ao + h + k]);
                    double gg = Math.tanh(act[ao + 2 * h + k]);
                    double og = sigmoid(act[ao + 3 * h + k]);
                    act[ao + k] = ig;
                    act[ao + h + k] = fg;
                    act[ao + 2 * h + k] = gg;
                    act[ao + 3 * h + k] = og;
                    double c = fg * cs[hp + k] + ig * gg;
                    cs[hn + k] = c;
                    double t2 = Math.tanh(c);
                    tc[to0 + k] = t2;
                    hs[hn + k] = og * t2;
                }
            }
            int hl = h0 + steps * h;
            for (int o = 0; o < out; o++) {
                double s = bo[o];
                for (int k = 0; k < h; k++) {
                    s += hs[hl + k] * wo[k * out + o];
                }
                y[e * out + o] = s;
            }
        }
    }

    /** Output {@code o} of batch example {@code e} after {@link #forward}. */
    double output(int e, int o) {
        return y[e * out + o];
    }

    /**
     * The mean squared error of the last forward batch against {@code labels[idx[from + e]]}
     * (mean over the batch and the outputs, as SameDiff's {@code meanSquaredError}) and its
     * gradient with respect to every parameter, by backpropagation through time.
     */
    double backward(double[][] labels, int[] idx, int from, int to) {
        int batch = to - from;
        for (double[] g : grads) {
            java.util.Arrays.fill(g, 0);
        }
        float[] r = params[1];
        float[] wo = params[3];
        double[] gw = grads[0];
        double[] gr = grads[1];
        double[] gb = grads[2];
        double[] gwo = grads[3];
        double[] gbo = grads[4];
        int g4 = 4 * h;
        double loss = 0;
        double scale = 2.0 / ((double) batch * out);
        for (int e = 0; e < batch; e++) {
            double[] lab = labels[idx[from + e]];
            int h0 = e * (steps + 1) * h;
            int hl = h0 + steps * h;
            java.util.Arrays.fill(dh, 0);
            for (int o = 0; o < out; o++) {
                double d = y[e * out + o] - lab[o];
                loss += d * d;
                double dy = scale * d;
                gbo[o] += dy;
                for (int k = 0; k < h; k++) {
                    gwo[k * out + o] += hs[hl + k] * dy;
                    dh[k] += dy * wo[k * out + o];
                }
            }
            java.util.Arrays.fill(dc, 0);
            for (int t = steps - 1; t >= 0; t--) {
                int ao = (e * steps + t) * g4;
                int hp = h0 + t * h;
                int to0 = (e * steps + t) * h;
                for (int k = 0; k < h; k++) {
                    double ig = act[ao + k];
                    double fg = act[ao + h + k];
                    double gg = act[ao + 2 * h + k];
                    double og = act[ao + 3 * h + k];
                    double t2 = tc[to0 + k];
                    double dct = dc[k] + dh[k] * og * (1 - t2 * t2);
                    dz[k] = dct * gg * ig * (1 - ig);
                    dz[h + k] = dct * cs[hp + k] * fg * (1 - fg);
                    dz[2 * h + k] = dct * ig * (1 - gg * gg);
                    dz[3 * h + k] = dh[k] * t2 * og * (1 - og);
                    dc[k] = dct * fg;
                }
                int xo = (e * steps + t) * in;
                for (int i = 0; i < in; i++) {
                    double xi = x[xo + i];
                    int w0 = i * g4;
                    for (int j = 0; j < g4; j++) {
                        gw[w0 + j] += xi * dz[j];
                    }
                }
                for (int j = 0; j < g4; j++) {
                    gb[j] += dz[j];
                }
                for (int k = 0; k < h; k++) {
                    double hk = hs[hp + k];
                    int r0 = k * g4;
                    double s = 0;
                    for (int j = 0; j < g4; j++) {
                        gr[r0 + j] += hk * dz[j];
                        s += dz[j] * r[r0 + j];
                    }
                    dhNext[k] = s;
                }
                System.arraycopy(dhNext, 0, dh, 0, h);
            }
        }
        return loss / ((double) batch * out);
    }

    /** The gradient of parameter {@code p} after {@link #backward} (no copy: for tests). */
    double[] gradient(int p) {
        return grads[p];
    }

    /** One Adam step (PyTorch's form: beta1 0.9, beta2 0.999, eps 1e-8) with the last gradients. */
    void adam(double learningRate) {
        adamSteps++;
        double b1 = 0.9;
        double b2 = 0.999;
        double c1 = 1 - Math.pow(b1, adamSteps);
        double c2 = 1 - Math.pow(b2, adamSteps);
        for (int p = 0; p < params.length; p++) {
            float[] w = params[p];
            double[] g = grads[p];
            double[] mp = m[p];
            double[] vp = v[p];
            for (int i = 0; i < w.length; i++) {
                mp[i] = b1 * mp[i] + (1 - b1) * g[i];
                vp[i] = b2 * vp[i] + (1 - b2) * g[i] * g[i];
                w[i] = (float) (w[i] - learningRate * (mp[i] / c1) / (Math.sqrt(vp[i] / c2) + 1e-8));
            }
        }
    }
}
