package org.vdpnet.scenarios.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vdpnet.scenarios.config.Schema;
import org.vdpnet.scenarios.config.ScenarioException;
import org.vdpnet.scenarios.config.YNode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns a scenario's {@code recording}, {@code fit}, {@code forecast} and {@code evaluate}
 * sections into the arguments of those commands: a key is an option without its dashes, a list
 * is comma-joined, {@code true}/{@code false} switch a flag, and file paths resolve against the
 * scenario's folder. Keys are checked against the command's own options, so the scenario file
 * and the command line cannot drift apart.
 */
final class PipelineSections {
    private PipelineSections() {}

    /** Keys the shared {@code recording} section may hold. */
    static final List<String> SHARED = List.of("recording", "layout", "rate", "variable", "nan", "components", "channel-zscore");
    /** Options the run sets itself. */
    private static final Set<String> MANAGED = Set.of("out", "overwrite", "quiet", "help", "version");
    private static final Set<String> PATHS = Set.of("recording", "load", "graph");
    /** Options given once per list item rather than as one comma-separated value. */
    private static final Set<String> REPEATABLE = Set.of("fix");

    /** The arguments of {@code section} for {@code target}, writing into {@code out}. */
    static List<String> arguments(String section, Map<String, YNode> pipeline, CommandSpec target, Path baseDir, Path out) {
        Map<String, YNode> merged = new LinkedHashMap<>();
        YNode shared = pipeline.get("recording");
        if (shared != null) {
            for (Map.Entry<String, YNode> e : shared.entries().entrySet()) {
                if (!SHARED.contains(e.getKey())) {
                    String hint = Schema.suggest(e.getKey(), SHARED);
                    throw new ScenarioException("recording." + e.getKey() + " (line " + e.getValue().line() + "): unknown key '" + e.getKey() + "'"
                            + (hint != null ? "; did you mean '" + hint + "'?" : "; allowed keys in recording: " + String.join(", ", SHARED)));
                }
                merged.put(e.getKey(), e.getValue());
            }
        }
        merged.putAll(pipeline.get(section).entries());
        List<String> args = new ArrayList<>();
        List<String> allowed = new ArrayList<>();
        for (OptionSpec o : target.options()) {
            String name = o.longestName().replaceFirst("^--", "");
            if (!MANAGED.contains(name)) {
                allowed.add(name);
            }
        }
        for (Map.Entry<String, YNode> e : merged.entrySet()) {
            String key = e.getKey();
            YNode node = e.getValue();
            String where = section + "." + key + " (line " + node.line() + ")";
            OptionSpec o = target.findOption("--" + key);
            if (o == null || MANAGED.contains(key)) {
                String hint = Schema.suggest(key, allowed);
                throw new ScenarioException(where + ": unknown key '" + key + "' for 'vdpnet " + section + "'"
                        + (hint != null ? "; did you mean '" + hint + "'?" : "; allowed: " + String.join(", ", allowed)));
            }
            boolean flag = o.arity().max() == 0 || o.type() == boolean.class || o.type() == Boolean.class;
            if (flag) {
                if (!(node.scalar() instanceof Boolean b)) {
                    throw new ScenarioException(where + ": must be true or false, got " + node.describe());
                }
                if (b) {
                    args.add("--" + key);
                } else if (o.negatable()) {
                    args.add("--no-" + key);
                }
                continue;
            }
            String value;
            if (node.kind() == YNode.Kind.LIST && REPEATABLE.contains(key)) {
                // a repeatable option (fix: [a2=1, g=0]) is given once per item
                for (YNode item : node.items()) {
                    args.add("--" + key);
                    args.add(scalar(where, item));
                }
                continue;
            }
            if (node.kind() == YNode.Kind.LIST) {
                List<String> items = new ArrayList<>();
                for (YNode item : node.items()) {
                    items.add(scalar(where, item));
                }
                value = String.join(",", items);
            } else {
                value = scalar(where, node);
            }
            if (PATHS.contains(key)) {
                value = baseDir.resolve(value).normalize().toString();
            }
            args.add("--" + key);
            args.add(value);
        }
        args.addAll(List.of("--out", out.toString(), "--overwrite"));
        return args;
    }

    private static String scalar(String where, YNode node) {
        if (node.kind() != YNode.Kind.SCALAR || node.scalar() == null) {
            throw new ScenarioException(where + ": must be a value or a list of values, got " + node.describe());
        }
        return String.valueOf(node.scalar());
    }
}
