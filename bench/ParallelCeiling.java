/**
 * Calibrates what two threads can gain on this machine: the throughput of a floating-point
 * loop with eight independent multiply-add chains (bound by the FP units, like an ODE
 * right-hand side) run on one thread, then on two at once. On cores that share FP units (SMT
 * siblings) the ratio stays well below 2. Run: java bench/ParallelCeiling.java
 */
public class ParallelCeiling {
    static double work(long n) {
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
        for (long i = 0; i < n; i++) {
            c0 = c0 * 0.999 + 1; c1 = c1 * 0.998 + 1; c2 = c2 * 0.997 + 1; c3 = c3 * 0.996 + 1;
            c4 = c4 * 0.995 + 1; c5 = c5 * 0.994 + 1; c6 = c6 * 0.993 + 1; c7 = c7 * 0.992 + 1;
        }
        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7;
    }

    public static void main(String[] args) throws Exception {
        long n = 200_000_000L;
        for (int w = 0; w < 3; w++) {
            work(n / 4);
        }
        double[] ratios = new double[3];
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            work(n);
            double one = (System.nanoTime() - t0) / 1e9;
            Thread[] ts = new Thread[2];
            t0 = System.nanoTime();
            for (int i = 0; i < 2; i++) {
                ts[i] = new Thread(() -> work(n));
                ts[i].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            double two = (System.nanoTime() - t0) / 1e9;
            ratios[rep] = 2 * one / two;
        }
        java.util.Arrays.sort(ratios);
        System.out.printf(java.util.Locale.ROOT, "%.2f%n", ratios[1]);
    }
}
