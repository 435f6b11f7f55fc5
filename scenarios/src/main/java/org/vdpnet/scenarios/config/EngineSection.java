package org.vdpnet.scenarios.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code engine} section of a scenario file: which engine runs the study's tasks. The
 * command line's {@code --engine}, {@code --master}, {@code --partitions} and {@code --engine-conf}
 * override it. It is not a simulation setting: the same study gives the same files on every engine.
 * <pre>
 * engine:
 *   name: spark            # local (default) or spark
 *   master: local[*]       # Spark's master URL: local[N], spark://HOST:7077, yarn, k8s://...
 *   partitions: 0          # 0: one task per point
 *   conf:                  # Spark settings
 *     spark.executor.memory: 2g
 * </pre>
 *
 * @param name       the engine, or null where the file does not say
 * @param master     the master URL, or null
 * @param partitions the partitions, or null
 * @param conf       further settings (empty where none)
 */
public record EngineSection(String name, String master, Integer partitions, Map<String, String> conf) {
    /** The keys of the section. */
    public static final List<String> KEYS = List.of("name", "master", "partitions", "conf");

    /** Copies the map. */
    public EngineSection {
        conf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(conf));
    }

    /** A file without an engine section. */
    public static EngineSection none() {
        return new EngineSection(null, null, null, Map.of());
    }

    /** Parses and checks the section; errors name the key, its line, the value and what is allowed. */
    public static EngineSection parse(YNode node) {
        if (node == null || (node.kind() == YNode.Kind.SCALAR && node.scalar() == null)) {
            return none();
        }
        if (node.kind() != YNode.Kind.MAP) {
            throw new ScenarioException("engine (line " + node.line() + "): must be a mapping of " + String.join(", ", KEYS) + ", got " + node.describe());
        }
        String name = null;
        String master = null;
        Integer partitions = null;
        Map<String, String> conf = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : node.entries().entrySet()) {
            YNode n = e.getValue();
            String where = "engine." + e.getKey() + " (line " + n.line() + ")";
            switch (e.getKey()) {
                case "name" -> {
                    if (!(n.scalar() instanceof String s) || !s.matches("[a-z][a-z0-9-]*")) {
                        throw new ScenarioException(where + ": must be local or spark, got " + n.describe());
                    }
                    name = s;
                }
                case "master" -> {
                    if (!(n.scalar() instanceof String s) || s.isBlank()) {
                        throw new ScenarioException(where + ": must be a master URL such as local[*] or spark://host:7077, got " + n.describe());
                    }
                    master = s;
                }
                case "partitions" -> {
                    if (!(n.scalar() instanceof Long p) || p < 0 || p > 1_000_000) {
                        throw new ScenarioException(where + ": must be an integer in [0, 1000000] (0: one task per point), got " + n.describe());
                    }
                    partitions = (int) (long) p;
                }
                case "conf" -> {
                    if (n.kind() != YNode.Kind.MAP) {
                        throw new ScenarioException(where + ": must be a mapping of engine settings (spark.executor.memory: 2g), got " + n.describe());
                    }
                    for (Map.Entry<String, YNode> c : n.entries().entrySet()) {
                        Object v = c.getValue().scalar();
                        if (c.getValue().kind() != YNode.Kind.SCALAR || v == null) {
                            throw new ScenarioException("engine.conf." + c.getKey() + " (line " + c.getValue().line() + "): must be a value, got "
                                    + c.getValue().describe());
                        }
                        conf.put(c.getKey(), String.valueOf(v));
                    }
                }
                default -> {
                    String hint = Schema.suggest(e.getKey(), KEYS);
                    throw new ScenarioException(where + ": unknown key '" + e.getKey() + "'" + (hint != null ? "; did you mean '" + hint + "'?"
                            : "; allowed keys in engine: " + String.join(", ", KEYS)));
                }
            }
        }
        if (name != null && name.equals("local") && master != null) {
            throw new ScenarioException("engine.master: only applies with name: spark (the local engine runs in this process), got " + master);
        }
        return new EngineSection(name, master, partitions, conf);
    }
}
