package org.vdpnet.scenarios.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vdpnet.models.DelayedNetwork;
import org.vdpnet.models.NetworkModel;
import org.vdpnet.sim.IntegratorSpec;
import org.vdpnet.sim.VectorField;

/**
 * The conduction delays of a scenario, built and checked from {@code delays.speed} ({@code v} mm/ms),
 * {@code delays.lengths} (a matrix file, mm, oriented like the weights) or else a TVB connectome's own
 * tract lengths, and {@code time.unit-seconds} ({@code u} s per model time unit): every edge gets the
 * delay {@code len / (v * 1000 * u)} model units ({@link DelayedNetwork#fromLengths} with the speed
 * {@code v * 1000 * u} mm per model unit). {@code network.connectome.transpose} transposes the lengths
 * with the weights. Speed 0, or no lengths, means no delays, and the provenance says why.
 *
 * <p>Refused up front, naming the setting: lengths whose shape differs from the network's or with a
 * negative or non-finite entry, a speed of 0 with an explicit lengths file, delays with an adaptive
 * method, and a longest delay beyond the run.
 */
public final class DelaySetup {
    private final DelayedNetwork network;
    private final String reason;
    private final String source;
    private final double speed;
    private final double unitSeconds;
    private final boolean transposed;

    private DelaySetup(DelayedNetwork network, String reason, String source, double speed, double unitSeconds, boolean transposed) {
        this.network = network;
        this.reason = reason;
        this.source = source;
        this.speed = speed;
        this.unitSeconds = unitSeconds;
        this.transposed = transposed;
    }

    /** No delays, for {@code reason}. */
    static DelaySetup none(String reason) {
        return new DelaySetup(null, reason, null, 0, 1, false);
    }

    /**
     * The delays of {@code net} under the settings {@code v}.
     *
     * @param tractLengths the connectome's own tract lengths (mm, as read, before any transposition), or null
     * @param span         the run's length in model units
     */
    static DelaySetup build(ScenarioValues v, NetworkModel net, double[][] tractLengths, IntegratorSpec spec, double span) {
        double speed = v.number("delays.speed");
        Path file = v.path("delays.lengths");
        double[][] lengths;
        String source;
        if (file != null) {
            if (!(speed > 0)) {
                throw new ScenarioException(v.where("delays.speed") + ": must be finite and > 0 with " + name(v, "delays.lengths") + " " + file
                        + " (the conduction speed in mm/ms), got " + Rule.fmt(speed));
            }
            String at = at(v, "delays.lengths", file.toString());
            try {
                lengths = LengthsFile.read(v.where("delays.lengths"), at, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            checked(at, lengths, net.nodes());
            source = file.toString();
        } else if (tractLengths != null) {
            if (!(speed > 0)) {
                return none(name(v, "delays.speed") + " is 0: the connectome's tract lengths are not used");
            }
            lengths = tractLengths;
            checked(at(v, "network.connectome.path", "tract lengths"), lengths, net.nodes());
            source = "the connectome's tract lengths";
        } else {
            return none(speed > 0 ? "no tract lengths: " + name(v, "delays.speed") + " needs " + name(v, "delays.lengths")
                    + " or a TVB connectome with tract_lengths.txt" : name(v, "delays.speed") + " is 0");
        }
        boolean transpose = v.path("network.connectome.path") != null && v.bool("network.connectome.transpose");
        if (transpose) {
            lengths = transpose(lengths);
        }
        double u = v.number("time.unit-seconds");
        DelayedNetwork d = DelayedNetwork.fromLengths(net, lengths, speed * 1000 * u);
        if (d.delayedReads() > 0 && spec.method().adaptive()) {
            throw new ScenarioException(v.where("integrator.type") + ": conduction delays need a fixed-step method (euler, rk4, euler-maruyama, heun), got "
                    + spec.method().id());
        }
        double longest = d.maxDelay();
        if (longest > span) {
            throw new ScenarioException(v.where("delays.speed") + ": the longest delay, " + Rule.fmt(longestEdge(net, lengths)) + " mm at "
                    + Rule.fmt(speed) + " mm/ms = " + Rule.fmt(longest) + " model units, is longer than the run (" + name(v, "time.t-end") + " "
                    + Rule.fmt(span) + "); lengthen the run or raise the speed");
        }
        return new DelaySetup(d, null, source, speed, u, transpose);
    }

    /** Whether the network runs with delays. */
    public boolean active() { return network != null; }

    /** The delayed network, or null without delays. */
    public DelayedNetwork network() { return network; }

    /** What is integrated: the delayed network, or {@code net} itself without delays. */
    VectorField field(NetworkModel net) { return network != null ? network : net; }

    /** The delays in words, for summaries and plans. */
    public String summary() {
        if (network == null) {
            return "none (" + reason + ")";
        }
        Map<String, Object> d = range();
        return String.format(Locale.ROOT, "%s at %s mm/ms (%s s per model time unit): %d edges, %.4g to %.4g model units (mean %.4g)",
                source, Rule.fmt(speed), Rule.fmt(unitSeconds), (Integer) d.get("edges"), (Double) d.get("min"), (Double) d.get("max"),
                (Double) d.get("mean"));
    }

    /** The delays for provenance: their source, speed, units and range (in model units), or none and why. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (network == null) {
            m.put("type", "none");
            m.put("reason", reason);
            return m;
        }
        m.put("type", "tract-lengths");
        m.put("lengths", source);
        m.put("transposed", transposed);
        m.put("speedMmPerMs", speed);
        m.put("unitSeconds", unitSeconds);
        m.put("lengthPerModelUnit", speed * 1000 * unitSeconds);
        m.put("units", "model time units: delay = length / (speed * 1000 * unitSeconds)");
        m.putAll(range());
        return m;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> range() {
        return (Map<String, Object>) network.describe().get("delays");
    }

    private static void checked(String at, double[][] lengths, int n) {
        try {
            DelayedNetwork.checkLengths("lengths", lengths, n);
        } catch (IllegalArgumentException e) {
            String msg = String.valueOf(e.getMessage());
            throw new ScenarioException(at + ": " + (msg.startsWith("lengths: ") ? msg.substring("lengths: ".length()) : msg));
        }
    }

    /** The longest length on an edge of the network. */
    private static double longestEdge(NetworkModel net, double[][] lengths) {
        org.vdpnet.models.Topology t = net.topology();
        double max = 0;
        for (int k = 0; k < t.nonZeros(); k++) {
            max = Math.max(max, lengths[t.edgeTarget(k)][t.edgeSource(k)]);
        }
        return max;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The setting with {@code what} inside its parentheses: {@code delays.lengths (line 9, FILE)} or {@code --lengths (FILE)}. */
    private static String at(ScenarioValues v, String path, String what) {
        String w = v.where(path);
        return w.endsWith(")") ? w.substring(0, w.length() - 1) + ", " + what + ")" : w + " (" + what + ")";
    }

    /** The name of a setting in messages, without its line. */
    private static String name(ScenarioValues v, String path) {
        return v.where(path).replaceFirst(" \\(line \\d+\\)$", "");
    }
}
