package org.vdpnet.scenarios.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Parses YAML with Jackson's streaming YAML parser into a {@link YNode} tree that remembers
 * the line of every node, so that later errors can name {@code path (line N)}. Duplicate keys
 * and syntax errors are reported here.
 */
public final class YamlTree {
    private YamlTree() {}

    /** Parses {@code text}; {@code source} names the file in messages. */
    public static YNode parse(String source, String text) {
        if (text.isBlank()) {
            throw new ScenarioException(source + ": the scenario file is empty; it needs at least a 'network' or 'time' section");
        }
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ScenarioException(source + ": the scenario file is empty (only comments)");
            }
            YNode root = read(p, "");
            if (root.kind() != YNode.Kind.MAP) {
                throw new ScenarioException(source + " (line " + root.line() + "): the top level must be a mapping of sections, got "
                        + root.describe());
            }
            if (p.nextToken() != null) {
                throw new ScenarioException(source + " (line " + line(p.currentTokenLocation())
                        + "): only one YAML document is allowed");
            }
            return root;
        } catch (JsonProcessingException e) {
            String msg = SNIPPET.matcher(e.getOriginalMessage()).replaceAll("").replaceAll("\\s+", " ").trim();
            JsonLocation loc = e.getLocation();
            java.util.regex.Matcher marks = MARK.matcher(e.getOriginalMessage());
            int at = loc != null ? line(loc) : -1;
            while (marks.find()) {
                at = Integer.parseInt(marks.group(1));
            }
            throw new ScenarioException(source + (at > 0 ? " (line " + at + ")" : "") + ": YAML syntax error: " + msg);
        } catch (IOException e) {
            throw new ScenarioException(source + ": cannot read YAML: " + e.getMessage());
        }
    }

    /** SnakeYAML's " in 'reader', line 2, column 13:" followed by a source excerpt and a caret line. */
    private static final java.util.regex.Pattern SNIPPET =
            java.util.regex.Pattern.compile("\\s*in 'reader', line \\d+, column \\d+:.*?\\^", java.util.regex.Pattern.DOTALL);

    /** The line of SnakeYAML's marks; the last one is where the problem is. */
    private static final java.util.regex.Pattern MARK = java.util.regex.Pattern.compile("line (\\d+), column \\d+");

    /** YAML 1.1 floats, including .nan and .inf, which Jackson's number parsing does not take. */
    private static double floatValue(JsonParser p) throws IOException {
        String t = p.getText().trim();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case ".nan": return Double.NaN;
            case ".inf": case "+.inf": return Double.POSITIVE_INFINITY;
            case "-.inf": return Double.NEGATIVE_INFINITY;
            default: return p.getDoubleValue();
        }
    }

    private static int line(JsonLocation loc) {
        return Math.max(1, loc.getLineNr());
    }

    private static YNode read(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        int line = line(p.currentTokenLocation());
        switch (t) {
            case START_OBJECT: {
                LinkedHashMap<String, YNode> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p.currentTokenLocation());
                    String child = path.isEmpty() ? key : path + "." + key;
                    if (entries.containsKey(key)) {
                        throw new ScenarioException(child + " (line " + keyLine + "): duplicate key; it is already set on line "
                                + entries.get(key).line());
                    }
                    p.nextToken();
                    YNode value = read(p, child);
                    entries.put(key, value.atLine(keyLine));
                }
                return YNode.map(entries, line);
            }
            case START_ARRAY: {
                List<YNode> items = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, path + "[" + i++ + "]"));
                }
                return YNode.list(items, line);
            }
            case VALUE_NUMBER_INT:
                return YNode.scalar(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? (Object) p.getBigIntegerValue().doubleValue() : (Object) p.getLongValue(), line);
            case VALUE_NUMBER_FLOAT:
                return YNode.scalar(floatValue(p), line);
            case VALUE_TRUE:
                return YNode.scalar(Boolean.TRUE, line);
            case VALUE_FALSE:
                return YNode.scalar(Boolean.FALSE, line);
            case VALUE_NULL:
                return YNode.scalar(null, line);
            case VALUE_STRING:
                return YNode.scalar(p.getText(), line);
            default:
                throw new ScenarioException(path + " (line " + line + "): unsupported YAML token " + t);
        }
    }
}
