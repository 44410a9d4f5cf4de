package org.greendl.nn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JSON path of every node of the document being read, so that an error deep inside a codec can name where
 * it is ({@code block.children[2].layer}) without every codec passing paths down.
 */
final class SpecPaths {
    private static final ThreadLocal<Map<JsonNode, String>> CURRENT = new ThreadLocal<>();

    private SpecPaths() {}

    /** Runs {@code read} with the paths of {@code root}'s nodes known; nested calls keep the outer document's. */
    static <T> T reading(JsonNode root, Supplier<T> read) {
        if (CURRENT.get() != null) {
            return read.get();
        }
        Map<JsonNode, String> paths = new IdentityHashMap<>();
        index(root, "", paths);
        CURRENT.set(paths);
        try {
            return read.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** The node's path, or a plain description when it is not part of the document being read. */
    static String of(JsonNode node) {
        Map<JsonNode, String> paths = CURRENT.get();
        String p = paths == null ? null : paths.get(node);
        return p == null || p.isEmpty() ? "block" : p;
    }

    private static void index(JsonNode node, String path, Map<JsonNode, String> paths) {
        if (node.isObject()) {
            paths.put(node, path);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                index(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                index(node.get(i), path + "[" + i + "]", paths);
            }
        }
    }
}
