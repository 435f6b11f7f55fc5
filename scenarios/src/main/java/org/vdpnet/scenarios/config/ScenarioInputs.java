package org.vdpnet.scenarios.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The input files a scenario reads: its connectome, its tract lengths ({@code delays.lengths}) and
 * the recordings and saved models of its {@code recording}, {@code fit}, {@code forecast} and
 * {@code evaluate} sections, each resolved against the scenario's folder. Their SHA-256 goes into the study's provenance, so a rerun can
 * tell when an input changed.
 */
public final class ScenarioInputs {
    private ScenarioInputs() {}

    private static final String[] SECTIONS = {"recording", "fit", "forecast", "evaluate"};
    private static final String[] FILE_KEYS = {"recording", "load", "graph"};

    /** Role (for example {@code connectome} or {@code fit.recording}) to file, in a fixed order. */
    public static Map<String, Path> of(Scenario scenario) {
        Map<String, Path> m = new LinkedHashMap<>();
        Path connectome = scenario.base().path("network.connectome.path");
        if (connectome != null) {
            m.put("connectome", connectome);
        }
        Path lengths = scenario.base().path("delays.lengths");
        if (lengths != null) {
            m.put("lengths", lengths);
        }
        for (String section : SECTIONS) {
            YNode node = scenario.pipeline().get(section);
            if (node == null) {
                continue;
            }
            for (String key : FILE_KEYS) {
                YNode v = node.entries().get(key);
                if (v != null && v.kind() == YNode.Kind.SCALAR && v.scalar() != null) {
                    m.put(section + "." + key, scenario.baseDir().resolve(String.valueOf(v.scalar())).normalize());
                }
            }
        }
        return m;
    }
}
