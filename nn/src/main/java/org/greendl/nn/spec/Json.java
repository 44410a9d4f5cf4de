package org.greendl.nn.spec;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.greendl.profile.PrettyJson;

/**
 * Small helpers for writing and reading spec nodes. Missing or malformed settings fail with their name, and the
 * reader adds the node's JSON path; {@code opt} getters give the documented default for an absent setting.
 */
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

    /** A 2-D size given as one number for both sides ({@code 3}) or as a pair ({@code [3, 3]}). */
    public static Shape square(JsonNode node, String name) {
        JsonNode e = required(node, name);
        if (e.isArray()) {
            long[] v = longs(node, name);
            if (v.length != 2) {
                throw new FieldError(name, "expected 2 numbers (height, width) or one for both, got " + v.length);
            }
            return new Shape(v);
        }
        long v = number(e, name).longValue();
        return new Shape(v, v);
    }

    /** {@link #square}, or {@code fallback} on both sides when absent. */
    public static Shape optSquare(JsonNode node, String name, long fallback) {
        return node.hasNonNull(name) ? square(node, name) : new Shape(fallback, fallback);
    }

    public static int optInt(JsonNode node, String name, int fallback) {
        return node.hasNonNull(name) ? number(node.get(name), name).intValue() : fallback;
    }

    public static float optFloat(JsonNode node, String name, float fallback) {
        return node.hasNonNull(name) ? number(node.get(name), name).floatValue() : fallback;
    }

    public static String optString(JsonNode node, String name, String fallback) {
        return node.hasNonNull(name) ? node.get(name).asText() : fallback;
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
            throw new FieldError(name, "not a JSON object");
        }
        return (ObjectNode) c;
    }

    /** Elements of a required array, each one a node object. */
    public static Iterable<ObjectNode> objects(JsonNode node, String name) {
        JsonNode a = array(node, name);
        java.util.List<ObjectNode> out = new java.util.ArrayList<>();
        for (JsonNode e : a) {
            if (!e.isObject()) {
                throw new FieldError(name, "an element is not a JSON object");
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
            throw new FieldError(name, "missing (required)");
        }
        return e;
    }

    private static JsonNode array(JsonNode node, String name) {
        JsonNode a = required(node, name);
        if (!a.isArray()) {
            throw new FieldError(name, "not a JSON array");
        }
        return a;
    }

    /** A number, or a string that holds one (as the spec reader has always accepted). */
    private static Number number(JsonNode e, String name) {
        if (e.isNumber()) {
            return e.numberValue();
        }
        if (e.isTextual()) {
            try {
                return new java.math.BigDecimal(e.textValue().trim());
            } catch (NumberFormatException bad) {
                throw new FieldError(name, "not a number: " + e);
            }
        }
        throw new FieldError(name, "not a number: " + e);
    }

    private static boolean bool(JsonNode e) {
        return e.isBoolean() ? e.booleanValue() : Boolean.parseBoolean(e.asText());
    }
}
