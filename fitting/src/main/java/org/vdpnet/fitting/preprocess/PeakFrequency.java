package org.vdpnet.fitting.preprocess;

import org.vdpnet.sim.Checks;

/**
 * The frequency of a channel's largest spectral power within a band, from Welch's averaged
 * periodogram (Hann-windowed segments of a quarter of the series, half overlapping, each
 * demeaned), evaluated by a direct Fourier sum on a fine grid of the band. Whole-brain models at
 * the data's time scale give each region an oscillator at this frequency (Deco et al. 2017).
 */
public final class PeakFrequency {
    /** Frequencies evaluated across the band. */
    public static final int GRID = 400;

    private PeakFrequency() {}

    /** The peak frequency (Hz) of {@code x}, sampled at {@code rate} Hz, within {@code [low, high]} Hz. */
    public static double of(double[] x, double rate, double low, double high) {
        Checks.positive("rate", rate);
        if (!(low > 0 && low < high && high <= rate / 2)) {
            throw new IllegalArgumentException("peak band: need 0 < low < high <= Nyquist (" + rate / 2 + " Hz), got [" + low + ", " + high + "]");
        }
        int n = x.length;
        if (n < 16) {
            throw new IllegalArgumentException("peak frequency: needs at least 16 samples, got " + n);
        }
        int seg = Math.max(16, n / 4);
        int hop = seg / 2;
        double[] window = new double[seg];
        for (int k = 0; k < seg; k++) {
            window[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / seg);
        }
        double[] power = new double[GRID];
        double[] buf = new double[seg];
        for (int start = 0; start + seg <= n; start += hop) {
            double mean = 0;
            for (int k = 0; k < seg; k++) {
                mean += x[start + k];
            }
            mean /= seg;
            for (int k = 0; k < seg; k++) {
                buf[k] = (x[start + k] - mean) * window[k];
            }
            for (int g = 0; g < GRID; g++) {
                double w = 2 * Math.PI * frequency(g, low, high) / rate;
                double re = 0;
                double im = 0;
                for (int k = 0; k < seg; k++) {
                    re += buf[k] * Math.cos(w * k);
                    im -= buf[k] * Math.sin(w * k);
                }
                power[g] += re * re + im * im;
            }
        }
        int best = 0;
        for (int g = 1; g < GRID; g++) {
            if (power[g] > power[best]) {
                best = g;
            }
        }
        return frequency(best, low, high);
    }

    private static double frequency(int g, double low, double high) {
        return low + (high - low) * g / (GRID - 1);
    }
}
