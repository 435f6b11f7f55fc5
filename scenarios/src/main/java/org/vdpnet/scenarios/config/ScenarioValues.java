package org.vdpnet.scenarios.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The resolved settings of one simulation: every schema key with its typed value (defaults
 * filled in), where each was set, and how to name a setting in messages. Immutable;
 * {@link #with} returns a copy with one setting changed and validated, which is how sweep
 * points are made.
 */
public final class ScenarioValues {
    private final Map<String, Object> values;
    private final Map<String, Integer> lines;
    private final Function<String, String> namer;
    private final Path baseDir;

    private ScenarioValues(Map<String, Object> values, Map<String, Integer> lines, Function<String, String> namer, Path baseDir) {
        this.values = values;
        this.lines = lines;
        this.namer = namer;
        this.baseDir = baseDir;
    }

    /** All defaults. {@code namer} turns a path into the name shown in messages; relative paths resolve against {@code baseDir}. */
    public static ScenarioValues defaults(Function<String, String> namer, Path baseDir) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Key k : Schema.keys()) {
            v.put(k.path(), k.defaultValue());
        }
        return new ScenarioValues(v, Map.of(), namer, baseDir);
    }

    /** The name of a setting for messages: the namer's name, with the line where it was set. */
    public String where(String path) {
        Integer line = lines.get(path);
        return namer.apply(path) + (line != null ? " (line " + line + ")" : "");
    }

    /**
     * A copy with {@code path} set from a raw value (a scalar, or a {@link YNode} mapping for a
     * distribution), validated against the schema.
     *
     * @param line the line it was set on, or null
     * @param where the name to use in messages, or null for {@link #where}
     */
    public ScenarioValues with(String path, Object raw, Integer line, String where) {
        Key k = Schema.key(path);
        if (k == null) {
            throw new ScenarioException(namer.apply(path) + ": no such setting");
        }
        Map<String, Integer> l = new LinkedHashMap<>(lines);
        if (line != null) {
            l.put(path, line);
        }
        ScenarioValues tmp = new ScenarioValues(values, l, namer, baseDir);
        Object typed = tmp.convert(k, raw, where != null ? where : tmp.where(path));
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put(path, typed);
        return new ScenarioValues(v, l, namer, baseDir);
    }

    private Object convert(Key k, Object raw, String where) {
        if (raw instanceof YNode node) {
            if (k.type() == Key.Type.PARAM && node.kind() == YNode.Kind.MAP) {
                return distribution(k, node, where);
            }
            if (node.kind() != YNode.Kind.SCALAR) {
                throw new ScenarioException(where + ": must be " + article(k) + " (" + k.allowed() + "), got " + node.describe());
            }
            raw = node.scalar();
        }
        if (raw instanceof Param p && k.type() == Key.Type.PARAM) {
            return p.isConstant() ? Param.constant(k.rule().check(where, p.a())) : p;
        }
        if (raw == null) {
            if (k.type() == Key.Type.PATH || k.type() == Key.Type.STRING) {
                return k.defaultValue();
            }
            throw new ScenarioException(where + ": must be " + article(k) + " (" + k.allowed() + "), got nothing");
        }
        switch (k.type()) {
            case NUMBER:
                return k.rule().check(where, number(k, raw, where));
            case PARAM:
                return Param.constant(k.rule().check(where, number(k, raw, where)));
            case INTEGER: {
                double d = number(k, raw, where);
                if (d != Math.rint(d)) {
                    throw new ScenarioException(where + ": must be " + k.rule().text() + ", got " + d);
                }
                k.rule().check(where, d);
                return raw instanceof Long l ? l : (long) d;
            }
            case BOOLEAN:
                if (raw instanceof Boolean b) {
                    return b;
                }
                throw new ScenarioException(where + ": must be true or false, got " + quote(raw));
            case CHOICE: {
                String s = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
                if (k.choices().contains(s)) {
                    return s;
                }
                String hint = Schema.suggest(s, k.choices());
                throw new ScenarioException(where + ": must be one of " + String.join(", ", k.choices()) + ", got " + quote(raw)
                        + (hint != null ? "; did you mean '" + hint + "'?" : ""));
            }
            case PATH: {
                Path p = baseDir.resolve(String.valueOf(raw)).normalize();
                if (!Files.exists(p)) {
                    throw new ScenarioException(where + ": file not found: " + p);
                }
                return p;
            }
            default:
                return String.valueOf(raw);
        }
    }

    private static double number(Key k, Object raw, String where) {
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        throw new ScenarioException(where + ": must be " + article(k) + " (" + k.allowed() + "), got " + quote(raw));
    }

    private Param distribution(Key k, YNode node, String where) {
        Map<String, YNode> e = node.entries();
        YNode kind = e.get("distribution");
        if (kind == null || !(kind.scalar() instanceof String s) || !(s.equals("uniform") || s.equals("normal"))) {
            throw new ScenarioException(where + ": a distribution needs 'distribution: uniform' (low, high) or 'distribution: normal' (mean, sd), got "
                    + (kind == null ? "no 'distribution' key" : kind.describe()));
        }
        String d = (String) kind.scalar();
        String first = d.equals("uniform") ? "low" : "mean";
        String second = d.equals("uniform") ? "high" : "sd";
        for (Map.Entry<String, YNode> en : e.entrySet()) {
            if (!java.util.List.of("distribution", first, second, "seed").contains(en.getKey())) {
                throw new ScenarioException(where + "." + en.getKey() + " (line " + en.getValue().line() + "): unknown key for a "
                        + d + " distribution; allowed: distribution, " + first + ", " + second + ", seed");
            }
        }
        double a = field(e, first, where);
        double b = field(e, second, where);
        if (d.equals("uniform") && !(b >= a)) {
            throw new ScenarioException(where + ".high: must be >= low (" + Rule.fmt(a) + "), got " + Rule.fmt(b));
        }
        if (d.equals("normal") && !(b >= 0)) {
            throw new ScenarioException(where + ".sd: must be finite and >= 0, got " + Rule.fmt(b));
        }
        Long seed = null;
        if (e.containsKey("seed")) {
            Object sv = e.get("seed").scalar();
            if (!(sv instanceof Long l)) {
                throw new ScenarioException(where + ".seed (line " + e.get("seed").line() + "): must be an integer, got " + e.get("seed").describe());
            }
            seed = l;
        }
        return new Param(d, a, b, seed);
    }

    private static double field(Map<String, YNode> e, String name, String where) {
        YNode n = e.get(name);
        if (n == null) {
            throw new ScenarioException(where + ": the distribution needs '" + name + "'");
        }
        if (!(n.scalar() instanceof Number num) || !Double.isFinite(num.doubleValue())) {
            throw new ScenarioException(where + "." + name + " (line " + n.line() + "): must be a finite number, got " + n.describe());
        }
        return num.doubleValue();
    }

    private static String article(Key k) {
        return k.type() == Key.Type.INTEGER ? "an integer" : "a " + k.type().label();
    }

    private static String quote(Object raw) {
        return raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
    }

    /** A number setting. */
    public double number(String path) { return (Double) values.get(path); }

    /** An integer setting. */
    public long integer(String path) { return (Long) values.get(path); }

    /** A boolean setting. */
    public boolean bool(String path) { return (Boolean) values.get(path); }

    /** A choice or string setting. */
    public String string(String path) { return (String) values.get(path); }

    /** A per-node parameter. */
    public Param param(String path) { return (Param) values.get(path); }

    /** A path setting, or null when unset. */
    public Path path(String path) { return (Path) values.get(path); }

    /** Whether the setting was given (rather than defaulted). */
    public boolean isSet(String path) { return lines.containsKey(path) || !java.util.Objects.equals(values.get(path), Schema.key(path).defaultValue()); }

    /** All settings as a nested map, as they would be written in YAML (for provenance). */
    public Map<String, Object> describe() {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String[] parts = e.getKey().split("\\.");
            Map<String, Object> m = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) m.computeIfAbsent(parts[i], x -> new LinkedHashMap<String, Object>());
                m = next;
            }
            Object v = e.getValue();
            m.put(parts[parts.length - 1], v instanceof Param p ? p.describe() : v instanceof Path p ? p.toString() : v);
        }
        return root;
    }
}
