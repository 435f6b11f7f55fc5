package org.vdpnet.scenarios.config;

import java.util.List;

/**
 * One setting of the scenario schema: its dotted path, type, default, allowed values and
 * documentation. The schema ({@link Schema}) is the single source of truth for validation,
 * defaults, sweeps, the command-line defaults and {@code docs/scenario-reference.md}.
 *
 * @param path         dotted path, for example {@code coupling.strength}
 * @param type         value type
 * @param defaultValue default (a Double, Long, Boolean, String or Param), or null for "unset"
 * @param rule         range rule for numbers and integers (null otherwise)
 * @param choices      allowed strings for {@link Type#CHOICE} (empty otherwise)
 * @param doc          one-sentence description
 */
public record Key(String path, Type type, Object defaultValue, Rule rule, List<String> choices, String doc) {
    /** Value types. */
    public enum Type {
        NUMBER("number"), INTEGER("integer"), BOOLEAN("boolean"), STRING("string"), CHOICE("choice"), PATH("path"),
        PARAM("number or distribution");

        private final String label;

        Type(String label) { this.label = label; }

        /** The name shown in messages and the reference. */
        public String label() { return label; }
    }

    /** The last path segment. */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The section path (all but the last segment); empty at the top level. */
    public String parent() {
        int i = path.lastIndexOf('.');
        return i < 0 ? "" : path.substring(0, i);
    }

    /** What is allowed, as text. */
    public String allowed() {
        switch (type) {
            case CHOICE: return String.join(", ", choices);
            case BOOLEAN: return "true, false";
            case STRING: return "any text";
            case PATH: return "an existing file or folder";
            case PARAM: return (rule == null ? "finite" : rule.text()) + "; or {distribution: uniform, low, high} / {distribution: normal, mean, sd}";
            default: return rule.text();
        }
    }
}
