package org.vdpnet.scenarios.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vdpnet.scenarios.config.Scenario;
import org.vdpnet.scenarios.config.ScenarioValues;
import org.vdpnet.scenarios.config.SimulationSetup;
import org.vdpnet.scenarios.config.SweepSpec;
import org.vdpnet.scenarios.config.YNode;
import org.vdpnet.sim.Seeds;

/**
 * A scenario expanded into runs: every point times every replicate, each with its complete,
 * validated settings. Building a plan builds (and discards) every run's simulation once, so any
 * error surfaces before a file is written.
 *
 * @param scenario the scenario
 * @param points   the runs, in order
 */
public record SweepPlan(Scenario scenario, List<SweepPoint> points) {

    /** Expands and validates the scenario. */
    public static SweepPlan of(Scenario scenario) {
        SweepSpec sweep = scenario.sweep();
        long master = scenario.base().integer("seed");
        List<SweepPoint> runs = new ArrayList<>();
        String width = "%0" + Math.max(4, Integer.toString(sweep.size() - 1).length()) + "d";
        for (int i = 0; i < sweep.size(); i++) {
            ScenarioValues v = scenario.base();
            Map<String, Object> assigned = new LinkedHashMap<>();
            for (Map.Entry<String, SweepSpec.Located> e : sweep.points().get(i).entrySet()) {
                Object raw = e.getValue().value();
                v = v.with(e.getKey(), raw, e.getValue().line(), null);
                assigned.put(e.getKey(), raw instanceof YNode n ? n.scalar() : raw);
            }
            for (int r = 0; r < sweep.replicates(); r++) {
                long seed = r == 0 ? master : Seeds.derive(master, "replicate", r);
                ScenarioValues run = v.with("seed", seed, null, "seed (replicate " + r + ")");
                String id = "p" + String.format(Locale.ROOT, width, i) + (sweep.replicates() > 1 ? "-r" + r : "");
                SimulationSetup.build(run);
                runs.add(new SweepPoint(i, r, id, assigned, seed, run));
            }
        }
        return new SweepPlan(scenario, List.copyOf(runs));
    }

    /** The plan as data, for plan.json and provenance. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", scenario.sweep().size());
        m.put("replicates", scenario.sweep().replicates());
        m.put("runs", points.size());
        m.put("sweptPaths", scenario.sweep().paths());
        m.put("grid", scenario.sweep().grid());
        m.put("metric", scenario.sweep().metric());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SweepPoint p : points) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.id());
            row.put("point", p.index());
            row.put("replicate", p.replicate());
            row.put("seed", p.seed());
            row.put("set", p.assignments());
            rows.add(row);
        }
        m.put("runList", rows);
        return m;
    }
}
