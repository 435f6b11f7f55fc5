package org.vdpnet.scenarios.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.vdpnet.sim.ProgressListener;

/**
 * A one-line progress bar on stderr with an ETA. It stays silent when stderr is not a
 * terminal and for work that finishes within about a second.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(String label, boolean enabled) {
        this.out = System.err;
        this.label = label;
        this.enabled = enabled && System.console() != null;
    }

    /**
     * Progress as a count ("12/200"). The first call sets the baseline, so work found done
     * before (a resumed study) does not distort the ETA.
     */
    synchronized void count(int done, int total) {
        if (base < 0) {
            base = done;
        }
        detail = " " + done + "/" + total;
        fractionOfNewWork = total == base ? 1.0 : (done - base) / (double) (total - base);
        progress(total == 0 ? 1.0 : done / (double) total);
    }

    private String detail = "";
    private int base = -1;
    private double fractionOfNewWork = Double.NaN;

    @Override
    public synchronized void progress(double fraction) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < DELAY_NANOS || now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double elapsed = (now - start) / 1e9;
        double f = Double.isNaN(fractionOfNewWork) ? fraction : fractionOfNewWork;
        double eta = f > 0 ? elapsed * (1 - f) / f : Double.NaN;
        int fill = (int) Math.round(fraction * WIDTH);
        out.printf(Locale.ROOT, "\r%s [%s%s] %5.1f%%%s  elapsed %s  ETA %s ", label, "#".repeat(fill),
                "-".repeat(WIDTH - fill), 100 * fraction, detail, time(elapsed), time(eta));
        out.flush();
    }

    private static String time(double s) {
        if (!Double.isFinite(s)) {
            return "--";
        }
        return s < 60 ? String.format(Locale.ROOT, "%.0fs", s) : String.format(Locale.ROOT, "%dm%02ds", (int) s / 60, (int) s % 60);
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 60) + "\r");
            out.flush();
        }
    }
}
