package org.vdpnet.scenarios.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vdpnet.fitting.preprocess.Butterworth;
import org.vdpnet.models.DelayedNetwork;
import org.vdpnet.scenarios.config.LengthsFile;

/** The value parsers and checks of {@code vdpnet fit-network}: each message names the option, the value and what is allowed. */
final class FitNetworkChecks {
    private FitNetworkChecks() {}

    /** The tract lengths of {@code --lengths} (the one lengths reader, {@link LengthsFile}), checked against the SC's size. */
    static double[][] readLengths(Path file, int n) throws IOException {
        double[][] m = LengthsFile.read("--lengths", "--lengths " + file, file);
        try {
            DelayedNetwork.checkLengths("lengths", m, n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--lengths " + file + ": " + e.getMessage());
        }
        return m;
    }

    static Butterworth bandPass(String text, double rate) {
        double[] b = parsePair("--band", text);
        try {
            return Butterworth.bandPass(2, b[0], b[1], rate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--band: " + e.getMessage());
        }
    }

    static int[] gridSize(String text) {
        String[] p = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                return new int[] {OptionChecks.count("--grid", Integer.parseInt(p[0].strip()), 1, 1000),
                    OptionChecks.count("--grid", Integer.parseInt(p[1].strip()), 1, 1000)};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--grid: must be G_COUNTxSPEED_COUNT, for example 16x4, got '" + text + "'");
    }

    static double[] parsePair(String name, String text) {
        String[] p = text.split(",");
        if (p.length != 2) {
            throw new IllegalArgumentException(name + ": must be LOW,HIGH, got '" + text + "'");
        }
        double lo = parse(name, p[0].strip());
        double hi = parse(name, p[1].strip());
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo >= 0 && hi > lo)) {
            throw new IllegalArgumentException(name + ": need finite 0 <= LOW < HIGH, got '" + text + "'");
        }
        return new double[] {lo, hi};
    }

    static double parse(String name, String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": must be a number, got '" + s + "'");
        }
    }

    static int positiveInt(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + ": must be >= 1, got " + v);
        }
        return v;
    }

    /** A map in the given key order (provenance and fit.json list their keys the same way on every run). */
    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
