package org.vdpnet.scenarios.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vdpnet.scenarios.RunWriter;
import org.vdpnet.scenarios.Synchrony;
import org.vdpnet.sim.Provenance;
import org.vdpnet.sim.io.AtomicFiles;

/**
 * {@code summary.csv}: one row per completed run, rebuilt from the points' own
 * {@code provenance.json} files, in plan order, so it never holds a row twice and never depends
 * on the order or thread in which points finished.
 */
public final class SweepSummary {
    private SweepSummary() {}

    /**
     * One completed run: its point, swept values, status, end time, metrics, and how many values of its
     * observations (bold.csv / calcium.csv) are NaN or infinite (0 when it has none or no observation).
     */
    public record Row(SweepPoint point, String status, double endTime, Map<String, Double> metrics, int observationNonFinite) {}

    /** The completed runs of the plan found under {@code pointsDir}, in plan order. */
    public static List<Row> collect(SweepPlan plan, Path pointsDir) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            Path prov = pointsDir.resolve(p.id()).resolve(RunWriter.PROVENANCE);
            if (!Files.isRegularFile(prov)) {
                continue;
            }
            Map<String, Object> m = Provenance.read(prov);
            @SuppressWarnings("unchecked")
            Map<String, Object> outcome = (Map<String, Object>) m.get("outcome");
            @SuppressWarnings("unchecked")
            Map<String, Object> metrics = (Map<String, Object>) outcome.get("metrics");
            Map<String, Double> met = new LinkedHashMap<>();
            for (String name : Synchrony.NAMES) {
                met.put(name, number(metrics.get(name)));
            }
            int bad = 0;
            if (outcome.get("observations") instanceof Map<?, ?> obs) {
                for (Object o : obs.values()) {
                    if (o instanceof Map<?, ?> om && om.get("nonFinite") instanceof Number n) {
                        bad += n.intValue();
                    }
                }
            }
            rows.add(new Row(p, (String) outcome.get("status"), number(outcome.get("endTime")), met, bad));
        }
        return rows;
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return o == null ? Double.NaN : Double.parseDouble(o.toString());
    }

    /** Writes summary.csv atomically. */
    public static void write(SweepPlan plan, List<Row> rows, Path target) throws IOException {
        List<String> swept = plan.scenario().sweep().paths();
        StringBuilder sb = new StringBuilder("id,point,replicate,seed");
        swept.forEach(p -> sb.append(',').append(p));
        sb.append(",status,end_time");
        Synchrony.NAMES.forEach(n -> sb.append(',').append(n));
        sb.append(",observation_non_finite\n");
        for (Row r : rows) {
            SweepPoint p = r.point();
            sb.append(p.id()).append(',').append(p.index()).append(',').append(p.replicate()).append(',').append(p.seed());
            for (String path : swept) {
                Object v = p.assignments().get(path);
                sb.append(',').append(v == null ? "" : csv(String.valueOf(v)));
            }
            sb.append(',').append(r.status()).append(',').append(r.endTime());
            for (String n : Synchrony.NAMES) {
                sb.append(',').append(r.metrics().get(n));
            }
            sb.append(',').append(r.observationNonFinite()).append('\n');
        }
        AtomicFiles.write(target, out -> out.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
