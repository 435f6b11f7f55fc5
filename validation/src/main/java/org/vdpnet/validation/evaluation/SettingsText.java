package org.vdpnet.validation.evaluation;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** Renders nested settings (maps, lists, arrays, numbers) as indented text for a report. */
public final class SettingsText {
    private SettingsText() {}

    /** One {@code key: value} line per entry, nested maps indented by two spaces. */
    public static String render(Map<String, Object> settings) {
        StringBuilder sb = new StringBuilder();
        render(settings, "", sb);
        return sb.toString();
    }

    private static void render(Map<?, ?> m, String indent, StringBuilder sb) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> inner && !inner.isEmpty()) {
                sb.append(indent).append(e.getKey()).append(":\n");
                render(inner, indent + "  ", sb);
            } else {
                sb.append(indent).append(e.getKey()).append(": ").append(value(e.getValue())).append('\n');
            }
        }
    }

    /** A value as text: arrays and collections in brackets, doubles with up to 6 significant digits. */
    public static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            if (!Double.isFinite(d)) {
                return String.valueOf(d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf(d.longValue());
            }
            // six significant digits, without trailing zeros (0.003, 1e-06, 0.909091)
            return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", d)).stripTrailingZeros().toString().replace("E-", "e-").replace("E+", "e");
        }
        if (v instanceof Float f) {
            return value(f.doubleValue());
        }
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(v); i++) {
                sb.append(i == 0 ? "" : ", ").append(value(Array.get(v, i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Collection<?> c) {
            StringBuilder sb = new StringBuilder("[");
            int i = 0;
            for (Object o : c) {
                sb.append(i++ == 0 ? "" : ", ").append(value(o));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(": ").append(value(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }
}
