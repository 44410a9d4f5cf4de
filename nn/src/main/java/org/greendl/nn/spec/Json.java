package org.greendl.nn.spec;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.greendl.profile.PrettyJson;

/** Small helpers for writing and reading spec nodes; missing required settings fail with their name. */
public final class Json {
    private Json() {}

    public static ObjectNode object() {
        return PrettyJson.object();
    }

    public static ArrayNode array() {
        return PrettyJson.MAPPER.createArrayNode();
    }

    public static ArrayNode longs(long... values) {
        ArrayNode a = PrettyJson.MAPPER.createArrayNode();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }

    public static ArrayNode ints(int... values) {
        ArrayNode a = PrettyJson.MAPPER.createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    public static long[] longs(JsonNode node, String name) {
        JsonNode a = array(node, name);
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i), name).longValue();
        }
        return out;
    }

    public static int[] ints(JsonNode node, String name) {
        JsonNode a = array(node, name);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i), name).intValue();
        }
        return out;
    }

    public static Shape shape(JsonNode node, String name) {
        return new Shape(longs(node, name));
    }

    public static long getLong(JsonNode node, String name) {
        return number(required(node, name), name).longValue();
    }

    public static int getInt(JsonNode node, String name) {
        return number(required(node, name), name).intValue();
    }

    public static float getFloat(JsonNode node, String name) {
        return number(required(node, name), name).floatValue();
    }

    public static boolean getBool(JsonNode node, String name) {
        return bool(required(node, name));
    }

    public static String getString(JsonNode node, String name) {
        return required(node, name).asText();
    }

    public static boolean optBool(JsonNode node, String name, boolean fallback) {
        return node.hasNonNull(name) ? bool(node.get(name)) : fallback;
    }

    public static ObjectNode child(JsonNode node, String name) {
        JsonNode c = required(node, name);
        if (!c.isObject()) {
            throw new IllegalStateException("\"" + name + "\" is not a JSON object");
        }
        return (ObjectNode) c;
    }

    /** Elements of a required array, each one a node object. */
    public static Iterable<ObjectNode> objects(JsonNode node, String name) {
        JsonNode a = array(node, name);
        java.util.List<ObjectNode> out = new java.util.ArrayList<>();
        for (JsonNode e : a) {
            if (!e.isObject()) {
                throw new IllegalStateException("an element of \"" + name + "\" is not a JSON object");
            }
            out.add((ObjectNode) e);
        }
        return out;
    }

    public static <T> ArrayNode array(Iterable<T> items, Function<T, ? extends JsonNode> f) {
        ArrayNode a = PrettyJson.MAPPER.createArrayNode();
        for (T t : items) {
            a.add(f.apply(t));
        }
        return a;
    }

    public static JsonNode required(JsonNode node, String name) {
        JsonNode e = node.get(name);
        if (e == null || e.isNull()) {
            throw new IllegalArgumentException("block spec node of type '"
                    + (node.has("type") ? node.get("type").asText() : "?") + "' lacks \"" + name + "\"");
        }
        return e;
    }

    private static JsonNode array(JsonNode node, String name) {
        JsonNode a = required(node, name);
        if (!a.isArray()) {
            throw new IllegalStateException("\"" + name + "\" is not a JSON array");
        }
        return a;
    }

    /** A number, or a string that holds one (as the spec reader has always accepted). */
    private static Number number(JsonNode e, String name) {
        if (e.isNumber()) {
            return e.numberValue();
        }
        if (e.isTextual()) {
            return new java.math.BigDecimal(e.textValue().trim());
        }
        throw new IllegalStateException("\"" + name + "\" is not a number");
    }

    private static boolean bool(JsonNode e) {
        return e.isBoolean() ? e.booleanValue() : Boolean.parseBoolean(e.asText());
    }
}
