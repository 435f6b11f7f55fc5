package org.vdpnet.scenarios.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vdpnet.scenarios.Synchrony;

/**
 * Reads a scenario file into a {@link Scenario}: every key checked against the {@link Schema}
 * (unknown keys get a "did you mean"), every value typed and range-checked, and every error one
 * line of the form {@code path (line N): what is wrong, got value}.
 */
public final class ScenarioLoader {
    private ScenarioLoader() {}

    /** The name of the engine section ({@link EngineSection}), kept with the pipeline sections. */
    public static final String ENGINE = "engine";

    /** The largest scenario file read. */
    static final long SCENARIO_LIMIT = 16L * 1024 * 1024;

    /** Loads a scenario file. */
    public static Scenario load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ScenarioException(file + ": is a folder, not a scenario file");
        }
        try {
            // a regular, readable file of bounded size: a pipe would block the reader
            org.vdpnet.sim.io.InputFiles.check(null, file, SCENARIO_LIMIT);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(e.getMessage());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ScenarioException(file + ": not UTF-8 text");
        }
        Path abs = file.toAbsolutePath().normalize();
        return parse(abs.toString(), abs.getParent(), text);
    }

    /** Parses scenario text; relative paths resolve against {@code baseDir}. */
    public static Scenario parse(String source, Path baseDir, String text) {
        YNode root = YamlTree.parse(source, text);
        ScenarioValues v = ScenarioValues.defaults(p -> p, baseDir);
        YNode sweepNode = null;
        Map<String, YNode> pipeline = new java.util.LinkedHashMap<>();
        boolean simulates = false;
        for (Map.Entry<String, YNode> e : root.entries().entrySet()) {
            String key = e.getKey();
            YNode node = e.getValue();
            if (key.equals("sweep")) {
                sweepNode = node;
                simulates = true;
            } else if (key.equals(ENGINE)) {
                EngineSection.parse(node); // checked here; the run reads it from the pipeline map
                pipeline.put(key, node);
            } else if (Schema.PIPELINE.contains(key)) {
                if (node.kind() == YNode.Kind.SCALAR && node.scalar() == null) {
                    continue;
                }
                if (node.kind() != YNode.Kind.MAP) {
                    throw new ScenarioException(key + " (line " + node.line() + "): must be a mapping of 'vdpnet " + (key.equals("recording")
                            ? "fit/forecast/evaluate" : key) + "' options without the dashes, got " + node.describe());
                }
                pipeline.put(key, node);
            } else {
                v = bind(v, "", key, node);
                simulates = true;
            }
        }
        if (v.path("network.connectome.path") == null && v.isSet("network.connectome.format")) {
            throw new ScenarioException(v.where("network.connectome.format") + ": only applies with network.connectome.path, which is not set");
        }
        SweepSpec sweep = sweepNode == null ? SweepSpec.single() : sweep(v, sweepNode);
        boolean onlyName = root.entries().keySet().stream().allMatch(k -> k.equals("name") || k.equals(ENGINE) || Schema.PIPELINE.contains(k));
        // an engine section alone is not a pipeline: such a file simulates its defaults on that engine
        boolean noSections = pipeline.keySet().stream().allMatch(ENGINE::equals);
        return new Scenario(source, baseDir, text, sha256(text), v, sweep, pipeline, noSections || (simulates && !onlyName));
    }

    private static ScenarioValues bind(ScenarioValues v, String section, String name, YNode node) {
        String path = section.isEmpty() ? name : section + "." + name;
        Key key = Schema.key(path);
        if (key != null) {
            return v.with(path, node, node.line(), null);
        }
        if (Schema.isSection(path)) {
            if (node.kind() == YNode.Kind.SCALAR && node.scalar() == null) {
                return v;
            }
            if (node.kind() != YNode.Kind.MAP) {
                throw new ScenarioException(path + " (line " + node.line() + "): must be a mapping of settings ("
                        + String.join(", ", Schema.children(path)) + "), got " + node.describe());
            }
            for (Map.Entry<String, YNode> e : node.entries().entrySet()) {
                v = bind(v, path, e.getKey(), e.getValue());
            }
            return v;
        }
        Set<String> allowed = Schema.children(section);
        String hint = Schema.suggest(name, allowed);
        throw new ScenarioException(path + " (line " + node.line() + "): unknown key '" + name + "'"
                + (hint != null ? "; did you mean '" + hint + "'?" : "; allowed " + (section.isEmpty() ? "sections" : "keys in " + section)
                + ": " + String.join(", ", allowed)));
    }

    private static SweepSpec sweep(ScenarioValues v, YNode node) {
        if (node.kind() != YNode.Kind.MAP) {
            throw new ScenarioException("sweep (line " + node.line() + "): must be a mapping with grid or list, replicates, metric; got " + node.describe());
        }
        int replicates = 1;
        String metric = "order-parameter";
        Map<String, List<SweepSpec.Located>> grid = null;
        List<Map<String, SweepSpec.Located>> list = null;
        Set<String> allowed = new LinkedHashSet<>(List.of("grid", "list", "replicates", "metric"));
        for (Map.Entry<String, YNode> e : node.entries().entrySet()) {
            String where = "sweep." + e.getKey() + " (line " + e.getValue().line() + ")";
            YNode n = e.getValue();
            switch (e.getKey()) {
                case "replicates":
                    if (!(n.scalar() instanceof Long r) || r < 1 || r > 100_000) {
                        throw new ScenarioException(where + ": must be an integer in [1, 100000], got " + n.describe());
                    }
                    replicates = (int) (long) (Long) n.scalar();
                    break;
                case "metric":
                    if (!(n.scalar() instanceof String m) || !Synchrony.NAMES.contains(m)) {
                        String hint = n.scalar() instanceof String s ? Schema.suggest(s, Synchrony.NAMES) : null;
                        throw new ScenarioException(where + ": must be one of " + String.join(", ", Synchrony.NAMES) + ", got " + n.describe()
                                + (hint != null ? "; did you mean '" + hint + "'?" : ""));
                    }
                    metric = (String) n.scalar();
                    break;
                case "grid":
                    grid = grid(v, n);
                    break;
                case "list":
                    list = list(v, n);
                    break;
                default: {
                    String hint = Schema.suggest(e.getKey(), allowed);
                    throw new ScenarioException("sweep." + e.getKey() + " (line " + n.line() + "): unknown key '" + e.getKey() + "'"
                            + (hint != null ? "; did you mean '" + hint + "'?" : "; allowed keys in sweep: grid, list, replicates, metric"));
                }
            }
        }
        if (grid != null && list != null) {
            throw new ScenarioException("sweep (line " + node.line() + "): give either grid or list, not both");
        }
        if (grid != null) {
            return SweepSpec.grid(grid, replicates, metric);
        }
        if (list != null) {
            Set<String> paths = new LinkedHashSet<>();
            list.forEach(p -> paths.addAll(p.keySet()));
            return new SweepSpec(List.copyOf(paths), list, replicates, metric, false);
        }
        return new SweepSpec(List.of(), List.of(Map.of()), replicates, metric, false);
    }

    private static Map<String, List<SweepSpec.Located>> grid(ScenarioValues v, YNode n) {
        if (n.kind() != YNode.Kind.MAP || n.entries().isEmpty()) {
            throw new ScenarioException("sweep.grid (line " + n.line() + "): must map at least one parameter path to a list of values, got "
                    + (n.kind() == YNode.Kind.MAP ? "an empty mapping" : n.describe()));
        }
        Map<String, List<SweepSpec.Located>> out = new LinkedHashMap<>();
        for (Map.Entry<String, YNode> e : n.entries().entrySet()) {
            String path = e.getKey();
            YNode values = e.getValue();
            String where = "sweep.grid." + path + " (line " + values.line() + ")";
            checkPath(path, where);
            if (values.kind() != YNode.Kind.LIST || values.items().isEmpty()) {
                throw new ScenarioException(where + ": must be a non-empty list of values, got "
                        + (values.kind() == YNode.Kind.LIST ? "an empty list" : values.describe()));
            }
            List<SweepSpec.Located> vals = new ArrayList<>();
            for (int i = 0; i < values.items().size(); i++) {
                YNode item = values.items().get(i);
                v.with(path, item, item.line(), "sweep.grid." + path + "[" + i + "] (line " + item.line() + ")");
                vals.add(new SweepSpec.Located(item, item.line()));
            }
            out.put(path, vals);
        }
        return out;
    }

    private static List<Map<String, SweepSpec.Located>> list(ScenarioValues v, YNode n) {
        if (n.kind() != YNode.Kind.LIST || n.items().isEmpty()) {
            throw new ScenarioException("sweep.list (line " + n.line() + "): must be a non-empty list of points (mappings of path: value), got "
                    + (n.kind() == YNode.Kind.LIST ? "an empty list" : n.describe()));
        }
        List<Map<String, SweepSpec.Located>> out = new ArrayList<>();
        for (int i = 0; i < n.items().size(); i++) {
            YNode point = n.items().get(i);
            String base = "sweep.list[" + i + "]";
            if (point.kind() != YNode.Kind.MAP || point.entries().isEmpty()) {
                throw new ScenarioException(base + " (line " + point.line() + "): must be a mapping of path: value, got " + point.describe());
            }
            Map<String, SweepSpec.Located> p = new LinkedHashMap<>();
            for (Map.Entry<String, YNode> e : point.entries().entrySet()) {
                String where = base + "." + e.getKey() + " (line " + e.getValue().line() + ")";
                checkPath(e.getKey(), where);
                v.with(e.getKey(), e.getValue(), e.getValue().line(), where);
                p.put(e.getKey(), new SweepSpec.Located(e.getValue(), e.getValue().line()));
            }
            out.add(p);
        }
        return out;
    }

    private static void checkPath(String path, String where) {
        if (Schema.key(path) != null) {
            return;
        }
        List<String> all = Schema.keys().stream().map(Key::path).toList();
        String hint = Schema.suggest(path, all);
        throw new ScenarioException(where + ": '" + path + "' is not a parameter path"
                + (hint != null ? "; did you mean '" + hint + "'?" : "; see docs/scenario-reference.md for the paths"));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
