package org.greendl.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a Jackson tree in the layout greendl's JSON documents (profiles, model.json) have always had, so
 * files stay byte for byte the same: two-space indent, {@code "name": value}, one array element per line,
 * {@code []} and {@code {}} when empty, members whose value is null left out, numbers as Java prints them,
 * and only quotes, backslashes, control characters and U+2028/U+2029 escaped.
 */
public final class PrettyJson {
    /** The one mapper for trees: converting values (maps, lists, numbers) and reading documents. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private PrettyJson() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        write(node, 0, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, int depth, StringBuilder sb) {
        if (node.isObject()) {
            writeObject(node, depth, sb);
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (JsonNode element : node) {
                sb.append(first ? "" : ",");
                newline(depth + 1, sb);
                write(element, depth + 1, sb);
                first = false;
            }
            newline(depth, sb);
            sb.append(']');
        } else if (node.isTextual()) {
            quote(node.textValue(), sb);
        } else if (node.isNumber()) {
            sb.append(node.numberValue().toString());
        } else {
            sb.append(node.asText()); // true, false, null
        }
    }

    private static void writeObject(JsonNode node, int depth, StringBuilder sb) {
        sb.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() == null || e.getValue().isNull()) {
                continue;
            }
            sb.append(first ? "" : ",");
            newline(depth + 1, sb);
            quote(e.getKey(), sb);
            sb.append(": ");
            write(e.getValue(), depth + 1, sb);
            first = false;
        }
        if (!first) {
            newline(depth, sb);
        }
        sb.append('}');
    }

    private static void newline(int depth, StringBuilder sb) {
        sb.append('\n');
        sb.append("  ".repeat(depth));
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                case '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
