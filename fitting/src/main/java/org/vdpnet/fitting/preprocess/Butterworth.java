package org.vdpnet.fitting.preprocess;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.complex.Complex;
import org.vdpnet.sim.Checks;

/**
 * Digital Butterworth band-pass filters as second-order sections, designed as SciPy's
 * {@code butter(order, [low, high], 'bandpass', fs=rate, output='sos')} does (analog prototype,
 * band-pass transform, bilinear transform with pre-warping), and zero-phase filtering as
 * {@code sosfiltfilt} does (odd extension of {@code 3 (2 sections + 1)} samples at each end,
 * steady-state initial conditions), so results match SciPy to rounding.
 */
public final class Butterworth implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[][] sos; // rows b0 b1 b2 a0 a1 a2

    private Butterworth(double[][] sos) {
        this.sos = sos;
    }

    /** A band-pass of the given order between {@code low} and {@code high} Hz at sampling {@code rate} Hz. */
    public static Butterworth bandPass(int order, double low, double high, double rate) {
        Checks.inRange("band-pass order", order, 1, 10);
        Checks.positive("--rate", rate);
        double nyquist = rate / 2;
        if (!(low > 0 && low < high && high < nyquist)) {
            throw new IllegalArgumentException("band-pass: need 0 < low < high < Nyquist (" + nyquist + " Hz), got [" + low + ", " + high + "]");
        }
        double fs = 2.0;
        double w1 = 2 * fs * Math.tan(Math.PI * (low / nyquist) / fs);
        double w2 = 2 * fs * Math.tan(Math.PI * (high / nyquist) / fs);
        double bw = w2 - w1;
        double wo = Math.sqrt(w1 * w2);
        List<Complex> poles = new ArrayList<>();
        for (int m = -order + 1; m < order; m += 2) {
            Complex p = new Complex(0, Math.PI * m / (2.0 * order)).exp().negate();
            Complex lp = p.multiply(bw / 2);
            Complex root = lp.multiply(lp).subtract(wo * wo).sqrt();
            poles.add(lp.add(root));
            poles.add(lp.subtract(root));
        }
        double fs2 = 2 * fs;
        double gain = Math.pow(bw, order);
        // bilinear: zeros at the origin map to z = 1 (order of them), and order more zeros at z = -1
        Complex num = Complex.ONE;
        Complex den = Complex.ONE;
        List<Complex> zPoles = new ArrayList<>();
        for (Complex p : poles) {
            den = den.multiply(new Complex(fs2).subtract(p));
            zPoles.add(new Complex(fs2).add(p).divide(new Complex(fs2).subtract(p)));
        }
        for (int i = 0; i < order; i++) {
            num = num.multiply(fs2);
        }
        double k = gain * num.divide(den).getReal();
        return new Butterworth(sections(zPoles, order, k));
    }

    private static double[][] sections(List<Complex> poles, int order, double k) {
        List<double[]> secs = new ArrayList<>();
        List<Double> reals = new ArrayList<>();
        for (Complex p : poles) {
            if (Math.abs(p.getImaginary()) < 1e-12) {
                reals.add(p.getReal());
            } else if (p.getImaginary() > 0) {
                secs.add(new double[] {1, 0, -1, 1, -2 * p.getReal(), p.getReal() * p.getReal() + p.getImaginary() * p.getImaginary()});
            }
        }
        reals.sort(Double::compare);
        for (int i = 0; i + 1 < reals.size(); i += 2) {
            double r1 = reals.get(i);
            double r2 = reals.get(i + 1);
            secs.add(new double[] {1, 0, -1, 1, -(r1 + r2), r1 * r2});
        }
        if (secs.size() != order) {
            throw new IllegalStateException("band-pass design produced " + secs.size() + " sections for order " + order);
        }
        double[][] out = secs.toArray(new double[0][]);
        for (int j = 0; j < 3; j++) {
            out[0][j] *= k;
        }
        return out;
    }

    /** The second-order sections, rows (b0, b1, b2, a0, a1, a2); a copy. */
    public double[][] sos() {
        double[][] c = new double[sos.length][];
        for (int i = 0; i < sos.length; i++) {
            c[i] = sos[i].clone();
        }
        return c;
    }

    /** Samples of odd extension at each end, as SciPy's sosfiltfilt. */
    public int padLength() {
        return 3 * (2 * sos.length + 1);
    }

    /** Zero-phase filtering of one signal (forward, then backward). */
    public double[] filtFilt(double[] x) {
        int edge = padLength();
        if (x.length <= edge) {
            throw new IllegalArgumentException("band-pass: the signal needs more than " + edge + " samples for this order, got " + x.length);
        }
        int n = x.length;
        double[] ext = new double[n + 2 * edge];
        for (int i = 0; i < edge; i++) {
            ext[i] = 2 * x[0] - x[edge - i];
            ext[n + edge + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, edge, n);
        double[][] zi = steadyState();
        double[] y = filter(ext, zi, ext[0]);
        reverse(y);
        y = filter(y, zi, y[0]);
        reverse(y);
        double[] out = new double[n];
        System.arraycopy(y, edge, out, 0, n);
        return out;
    }

    private double[] filter(double[] x, double[][] zi, double scale) {
        double[] y = x.clone();
        for (int s = 0; s < sos.length; s++) {
            double b0 = sos[s][0];
            double b1 = sos[s][1];
            double b2 = sos[s][2];
            double a1 = sos[s][4];
            double a2 = sos[s][5];
            double z0 = zi[s][0] * scale;
            double z1 = zi[s][1] * scale;
            for (int i = 0; i < y.length; i++) {
                double in = y[i];
                double out = b0 * in + z0;
                z0 = b1 * in - a1 * out + z1;
                z1 = b2 * in - a2 * out;
                y[i] = out;
            }
        }
        return y;
    }

    /** SciPy's sosfilt_zi: the state of each section for a unit step, scaled by the DC gain of the sections before it. */
    private double[][] steadyState() {
        double[][] zi = new double[sos.length][2];
        double scale = 1.0;
        for (int s = 0; s < sos.length; s++) {
            double[] c = sos[s];
            double y = (c[0] + c[1] + c[2]) / (1 + c[4] + c[5]);
            double z1 = c[2] - c[5] * y;
            double z0 = c[1] - c[4] * y + z1;
            zi[s][0] = scale * z0;
            zi[s][1] = scale * z1;
            scale *= y;
        }
        return zi;
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
