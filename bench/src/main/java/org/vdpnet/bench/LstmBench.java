package org.vdpnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.vdpnet.hybrid.LstmNetwork;
import org.vdpnet.hybrid.LstmSettings;

/**
 * Issue 5's LSTM training benchmark: one LSTM layer of 32 units and a linear read-out, 1,951
 * windows of 50 steps of 10 features, batches of 32, Adam, float32; the same network and data as
 * {@code bench/lstm_peer.py} (PyTorch). Writes the data to {@code bench/results/lstm-data.csv}
 * for the peer, then prints the seconds per epoch (median of the timed epochs after one warm-up
 * epoch) and the process's peak resident memory. Usage:
 * {@code java -cp bench/target/vdpnet-bench.jar org.vdpnet.bench.LstmBench [epochs [batch]]}.
 */
public final class LstmBench {
    private LstmBench() {}

    static final int FEATURES = 10;
    static final int STEPS = 50;
    static final int EXAMPLES = 1951;

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        double[][] series = series(EXAMPLES + STEPS);
        Path csv = Path.of("bench", "results", "lstm-data.csv");
        Files.createDirectories(csv.getParent());
        StringBuilder sb = new StringBuilder();
        for (double[] row : series) {
            for (int c = 0; c < FEATURES; c++) {
                sb.append(c == 0 ? "" : ",").append(row[c]);
            }
            sb.append('\n');
        }
        Files.writeString(csv, sb.toString());
        double[][][] x = new double[EXAMPLES][STEPS][];
        double[][] y = new double[EXAMPLES][];
        for (int i = 0; i < EXAMPLES; i++) {
            for (int s = 0; s < STEPS; s++) {
                x[i][s] = series[i + s];
            }
            y[i] = series[i + STEPS];
        }
        LstmSettings settings = new LstmSettings(32, STEPS, 3e-3, 1, batch, 1_000_000, 0.0, 1L);
        LstmNetwork net = LstmNetwork.create(FEATURES, FEATURES, settings);
        net.fit(x, y, null); // warm-up epoch
        double[] times = new double[epochs];
        double loss = Double.NaN;
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            LstmNetwork.TrainingLog log = net.fit(x, y, null);
            times[e] = (System.nanoTime() - t0) / 1e9;
            loss = log.trainLoss().get(0);
        }
        java.util.Arrays.sort(times);
        System.out.printf(Locale.ROOT, "vdpnet-lstmmath\tbatch %d\tepoch_s %.3f\tloss %.5f\tpeak_rss_mb %d\tomp %s%n", batch, times[epochs / 2], loss,
                peakRssMb(), System.getenv().getOrDefault("OMP_NUM_THREADS", "default"));
    }

    /** Ten noisy sines of different frequencies, seeded. */
    static double[][] series(int length) {
        Random rnd = new Random(11);
        double[][] s = new double[length][FEATURES];
        for (int c = 0; c < FEATURES; c++) {
            double w = 0.05 + 0.03 * c;
            double phase = rnd.nextDouble() * 2 * Math.PI;
            for (int k = 0; k < length; k++) {
                s[k][c] = Math.sin(w * k + phase) + 0.1 * rnd.nextGaussian();
            }
        }
        return s;
    }

    static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
