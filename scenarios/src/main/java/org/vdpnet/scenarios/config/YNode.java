package org.vdpnet.scenarios.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a parsed YAML document with the line it starts on: a mapping, a sequence or a
 * scalar ({@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code null}).
 */
public final class YNode {
    /** A copy that reports {@code newLine} (the line of the key that holds it). */
    YNode atLine(int newLine) {
        return new YNode(kind, scalar, map, list, newLine);
    }

    /** The node kinds. */
    public enum Kind { MAP, LIST, SCALAR }

    private final Kind kind;
    private final Object scalar;
    private final Map<String, YNode> map;
    private final List<YNode> list;
    private final int line;

    private YNode(Kind kind, Object scalar, Map<String, YNode> map, List<YNode> list, int line) {
        this.kind = kind;
        this.scalar = scalar;
        this.map = map;
        this.list = list;
        this.line = line;
    }

    static YNode scalar(Object value, int line) { return new YNode(Kind.SCALAR, value, null, null, line); }

    static YNode map(LinkedHashMap<String, YNode> entries, int line) {
        return new YNode(Kind.MAP, null, Collections.unmodifiableMap(entries), null, line);
    }

    static YNode list(List<YNode> items, int line) { return new YNode(Kind.LIST, null, null, List.copyOf(items), line); }

    /** The kind. */
    public Kind kind() { return kind; }

    /** The scalar value (may be null for a YAML null). */
    public Object scalar() { return scalar; }

    /** The entries of a mapping, in file order. */
    public Map<String, YNode> entries() { return map == null ? Map.of() : map; }

    /** The items of a sequence. */
    public List<YNode> items() { return list == null ? List.of() : list; }

    /** The 1-based line the node starts on. */
    public int line() { return line; }

    /** A short description of the value for messages: the scalar, or "a mapping", "a list". */
    public String describe() {
        switch (kind) {
            case MAP: return "a mapping";
            case LIST: return "a list";
            default:
                if (scalar instanceof String s) {
                    return "'" + s + "'";
                }
                return String.valueOf(scalar);
        }
    }
}
