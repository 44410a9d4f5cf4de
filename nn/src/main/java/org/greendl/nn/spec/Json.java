package org.greendl.nn.spec;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.function.Function;

/** Small helpers for writing and reading spec nodes; missing required settings fail with their name. */
public final class Json {
    private Json() {}

    public static JsonArray longs(long... values) {
        JsonArray a = new JsonArray();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }

    public static JsonArray ints(int... values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    public static long[] longs(JsonObject node, String name) {
        JsonArray a = required(node, name).getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    public static int[] ints(JsonObject node, String name) {
        JsonArray a = required(node, name).getAsJsonArray();
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    public static Shape shape(JsonObject node, String name) {
        return new Shape(longs(node, name));
    }

    public static long getLong(JsonObject node, String name) {
        return required(node, name).getAsLong();
    }

    public static int getInt(JsonObject node, String name) {
        return required(node, name).getAsInt();
    }

    public static float getFloat(JsonObject node, String name) {
        return required(node, name).getAsFloat();
    }

    public static boolean getBool(JsonObject node, String name) {
        return required(node, name).getAsBoolean();
    }

    public static String getString(JsonObject node, String name) {
        return required(node, name).getAsString();
    }

    public static boolean optBool(JsonObject node, String name, boolean fallback) {
        return node.has(name) ? node.get(name).getAsBoolean() : fallback;
    }

    public static JsonObject child(JsonObject node, String name) {
        return required(node, name).getAsJsonObject();
    }

    public static <T> JsonArray array(Iterable<T> items, Function<T, JsonElement> f) {
        JsonArray a = new JsonArray();
        for (T t : items) {
            a.add(f.apply(t));
        }
        return a;
    }

    public static JsonElement required(JsonObject node, String name) {
        JsonElement e = node.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("block spec node of type '"
                    + (node.has("type") ? node.get("type").getAsString() : "?") + "' lacks \"" + name + "\"");
        }
        return e;
    }
}
