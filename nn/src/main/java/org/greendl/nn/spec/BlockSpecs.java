package org.greendl.nn.spec;

import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.greendl.profile.PrettyJson;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptors;

/**
 * A model's architecture as JSON, so any model (also a pruned or factorized one) can be saved beside its
 * parameters and rebuilt: {@code fromJson(toJson(b))} has the same structure, parameter names and shapes,
 * so DJL's {@code loadParameters} fills it with {@code b}'s saved weights.
 *
 * <p>The document is {@code {"format": "greendl.blockspec", "version": 1, "block": NODE}}; a node is
 * {@code {"type": T, ...settings}}, containers holding their nodes in {@code "children"}. Covered: DJL's
 * SequentialBlock, ParallelBlock with a {@link org.greendl.nn.Joins} join, Conv2d (groups included),
 * Linear, BatchNorm, LayerNorm, Dropout, activations (relu, relu6, gelu, sigmoid, tanh, ...), max/avg and
 * global pooling, batch flatten, identity; every greendl-nn block; and every block whose descriptor has a
 * {@link BlockCodec} part (see {@link org.greendl.profile.blocks.BlockDescriptors}).
 */
public final class BlockSpecs {
    public static final String FORMAT = "greendl.blockspec";
    public static final int VERSION = 1;

    private static final ObjectReader READER = PrettyJson.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BlockSpecs() {}

    /** The JSON document of a block's architecture (no weights). */
    public static String toJson(Block block) {
        ObjectNode doc = PrettyJson.object();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.set("block", toTree(block));
        return PrettyJson.write(doc);
    }

    /** A new, uninitialized block from a document written by {@link #toJson}. */
    public static Block fromJson(String json) {
        JsonNode doc;
        try {
            doc = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("block spec is not valid JSON: " + firstLine(e.getOriginalMessage()),
                    e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("block spec is not a JSON object");
        }
        if (!doc.hasNonNull("format") || !FORMAT.equals(doc.get("format").asText())) {
            throw new IllegalArgumentException("not a block spec: expected \"format\": \"" + FORMAT + "\"");
        }
        int version = doc.hasNonNull("version") ? doc.get("version").asInt(-1) : -1;
        if (version != VERSION) {
            throw new IllegalArgumentException("block spec version " + version + " is not supported (expected "
                    + VERSION + ")");
        }
        if (!doc.has("block") || !doc.get("block").isObject()) {
            throw new IllegalArgumentException("block spec has no \"block\" object");
        }
        return fromTree((ObjectNode) doc.get("block"));
    }

    /** One node: for codecs that hold children. */
    public static ObjectNode toTree(Block block) {
        for (BlockCodec codec : codecs(block)) {
            if (codec.supports(block)) {
                ObjectNode node = PrettyJson.object();
                node.put("type", codec.type());
                node.setAll(codec.encode(block));
                return node;
            }
        }
        throw new IllegalArgumentException("cannot write " + describe(block)
                + " as a block spec: no BlockCodec supports it (register one with BlockSpecs.register)");
    }

    /** One node back to a block: for codecs that hold children. */
    public static Block fromTree(ObjectNode node) {
        if (!node.hasNonNull("type")) {
            throw new IllegalArgumentException("block spec node without \"type\": " + abbreviate(node));
        }
        String type = node.get("type").asText();
        for (BlockCodec codec : codecs(null)) {
            if (codec.type().equals(type)) {
                try {
                    return codec.decode(node);
                } catch (IllegalArgumentException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("bad block spec node " + abbreviate(node) + ": "
                            + firstLine(String.valueOf(e.getMessage())), e);
                }
            }
        }
        String shown = type.length() <= 60 ? type : type.substring(0, 60) + "... (" + type.length() + " characters)";
        throw new IllegalArgumentException("unknown block type '" + shown + "' in block spec (known: "
                + knownTypes() + ")");
    }

    /** Adds a codec ahead of the built-in ones (a later registration wins for the same block). */
    public static void register(BlockCodec codec) {
        BlockDescriptors.register(BlockDescriptor.of(codec.type(), codec::supports).with(BlockCodec.class, codec));
    }

    public static List<String> knownTypes() {
        return codecs(null).stream().map(BlockCodec::type).distinct().sorted().toList();
    }

    /** The codec parts of the block descriptors in lookup order; for a block, those whose kind matches it. */
    private static List<BlockCodec> codecs(Block block) {
        List<BlockCodec> out = new ArrayList<>();
        for (BlockDescriptors.Handled<BlockCodec> h : BlockDescriptors.parts(BlockCodec.class)) {
            if (block == null || h.handles().test(block)) {
                out.add(h.part());
            }
        }
        return out;
    }

    private static String describe(Block block) {
        if (block instanceof ai.djl.nn.LambdaBlock l) {
            return "lambda block '" + l.getName() + "'";
        }
        return block.getClass().getName();
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }
}
