package org.greendl.nn.spec;

import ai.djl.nn.Block;
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
 * <p>The document is {@code {"format": "greendl.blockspec", "version": 1, "input": [C, H, W], "classes": K,
 * "block": NODE}} ({@link ModelSpec}; {@code docs/model-spec.md} documents every field); a node is
 * {@code {"type": T, ...settings}}, containers holding their nodes in {@code "children"}. Covered: DJL's
 * SequentialBlock, ParallelBlock with a {@link org.greendl.nn.Joins} join, Conv2d (groups included),
 * Linear, BatchNorm, LayerNorm, Dropout, activations (relu, relu6, gelu, sigmoid, tanh, ...), max/avg and
 * global pooling, batch flatten, identity; every greendl-nn block; and every block whose descriptor has a
 * {@link BlockCodec} part (see {@link org.greendl.profile.blocks.BlockDescriptors}).
 */
public final class BlockSpecs {
    public static final String FORMAT = "greendl.blockspec";
    public static final int VERSION = 1;

    private BlockSpecs() {}

    /** The JSON document of a block's architecture (no weights). */
    public static String toJson(Block block) {
        ObjectNode doc = PrettyJson.object();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.set("block", toTree(block));
        return PrettyJson.write(doc);
    }

    /**
     * A new, uninitialized block from a document written by {@link #toJson} or by hand (see {@link ModelSpec});
     * a bad document fails with one line naming the JSON path at fault.
     */
    public static Block fromJson(String json) {
        return ModelSpec.parse(json).build();
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
            throw new SpecError(SpecPaths.of(node) + ".type", "missing (known: " + String.join(", ", knownTypes())
                    + ")");
        }
        String type = node.get("type").asText();
        for (BlockCodec codec : codecs(null)) {
            if (codec.type().equals(type)) {
                try {
                    return codec.decode(node);
                } catch (SpecError e) {
                    throw e;
                } catch (FieldError e) {
                    throw new SpecError(SpecPaths.of(node) + "." + e.field(), e.problem() + " in " + type);
                } catch (RuntimeException e) {
                    throw new SpecError(SpecPaths.of(node), type + ": " + firstLine(String.valueOf(e.getMessage())));
                }
            }
        }
        String shown = type.length() <= 60 ? type : type.substring(0, 60) + "... (" + type.length() + " characters)";
        throw new SpecError(SpecPaths.of(node) + ".type", "unknown layer \"" + shown + "\" (known: "
                + String.join(", ", knownTypes()) + ")");
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

    static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }
}
