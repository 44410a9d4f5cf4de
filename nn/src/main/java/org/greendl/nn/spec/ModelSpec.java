package org.greendl.nn.spec;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.greendl.profile.PrettyJson;

/**
 * A model's architecture as users write it and greendl saves it ({@code model.json}, documented in
 * {@code docs/model-spec.md}): the input of one example without the batch ({@code [C, H, W]} or {@code [F]}),
 * the class count its head scores, and the block tree. Users may list the layers of a sequential model as
 * {@code "layers"} instead of a {@code "block"}; optional settings take their documented defaults.
 *
 * <p>{@link #parse} checks everything it can without an engine: known layer types, required settings, and,
 * when the input is given, that every top-level layer can take what the one before gives it and that the output
 * is {@code (N, classes)}. Each error is one line naming the JSON path at fault.
 *
 * @param input one example's shape without the batch, or null when not stated (specs saved before it was)
 * @param classes the width of the output, or null when not stated
 * @param block the block tree, {@code "layers"} already turned into a sequential node
 */
public record ModelSpec(Shape input, Integer classes, ObjectNode block) {
    private static final ObjectReader READER = PrettyJson.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("format", "version", "input", "classes", "block", "layers",
            "description");

    public ModelSpec {
        if (block == null) {
            throw new IllegalArgumentException("model spec without a block");
        }
        block = canonical(block);
    }

    /** As read from text, so that a spec written from blocks (float settings) equals the one read back (doubles). */
    private static ObjectNode canonical(ObjectNode block) {
        try {
            return (ObjectNode) READER.readTree(block.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not read back", e);
        }
    }

    /** The spec of a block; {@code input} and {@code classes} may be null. */
    public static ModelSpec of(Block block, Shape input, Integer classes) {
        return new ModelSpec(input, classes, BlockSpecs.toTree(block));
    }

    /**
     * The spec of a trained (initialized) block: its input as it was initialized, without the batch, and the class
     * count as the width of its output.
     */
    public static ModelSpec ofInitialized(Block block) {
        Shape[] in = block.isInitialized() ? block.getInputShapes() : null;
        if (in == null || in.length != 1 || in[0] == null || in[0].dimension() < 2) {
            return of(block, null, null);
        }
        Shape example = in[0].slice(1);
        Integer classes = null;
        try {
            Shape out = block.getOutputShapes(in)[0];
            classes = out.dimension() == 2 ? (int) out.get(1) : null;
        } catch (RuntimeException e) {
            // a block that cannot tell its output shape is saved without a class count
        }
        return of(block, example, classes);
    }

    /** Reads a spec written by {@link #toJson} or by hand; a bad one fails with one line naming the JSON path. */
    public static ModelSpec parse(String json) {
        JsonNode doc;
        try {
            doc = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("model spec is not valid JSON: "
                    + BlockSpecs.firstLine(e.getOriginalMessage()), e);
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("model spec is not a JSON object");
        }
        return SpecPaths.reading(doc, () -> read((ObjectNode) doc));
    }

    private static ModelSpec read(ObjectNode doc) {
        for (var it = doc.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new SpecError(f, "unknown field (known: " + String.join(", ", FIELDS.stream().sorted().toList())
                        + ")");
            }
        }
        if (doc.has("format") && !BlockSpecs.FORMAT.equals(doc.get("format").asText())) {
            throw new SpecError("format", "expected \"" + BlockSpecs.FORMAT + "\", got " + doc.get("format"));
        }
        if (doc.has("version") && doc.get("version").asInt(-1) != BlockSpecs.VERSION) {
            throw new SpecError("version", doc.get("version") + " is not supported (expected " + BlockSpecs.VERSION
                    + ")");
        }
        Shape input = doc.hasNonNull("input") ? input(doc.get("input")) : null;
        Integer classes = doc.hasNonNull("classes") ? classes(doc.get("classes")) : null;
        ObjectNode block = blockOf(doc);
        ModelSpec spec = new ModelSpec(input, classes, block);
        Block built = BlockSpecs.fromTree(block);
        if (input != null) {
            checkShapes(built, input, classes, doc.has("layers") ? "layers" : "block.children");
        }
        return spec;
    }

    private static ObjectNode blockOf(ObjectNode doc) {
        if (doc.has("block") && doc.has("layers")) {
            throw new SpecError("layers", "give either \"block\" or \"layers\", not both");
        }
        if (doc.has("layers")) {
            JsonNode layers = doc.get("layers");
            if (!layers.isArray() || layers.isEmpty()) {
                throw new SpecError("layers", "expected a non-empty array of layers");
            }
            for (int i = 0; i < layers.size(); i++) {
                if (!layers.get(i).isObject()) {
                    throw new SpecError("layers[" + i + "]", "expected a layer object such as {\"type\": \"linear\","
                            + " \"units\": 10}");
                }
            }
            // The same nodes under a sequential container: their paths stay layers[i] in error messages.
            ObjectNode seq = PrettyJson.object();
            seq.put("type", "sequential");
            seq.set("children", layers);
            return seq;
        }
        if (!doc.has("block") || !doc.get("block").isObject()) {
            throw new SpecError("block", "missing: give \"layers\" (a list) or \"block\" (one node)");
        }
        return (ObjectNode) doc.get("block");
    }

    private static Shape input(JsonNode node) {
        if (!node.isArray() || (node.size() != 1 && node.size() != 3)) {
            throw new SpecError("input", "expected [C, H, W] for images or [F] for feature vectors, got " + node);
        }
        long[] dims = new long[node.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 1) {
                throw new SpecError("input[" + i + "]", "expected a whole number >= 1, got " + d);
            }
            dims[i] = d.asLong();
        }
        return new Shape(dims);
    }

    private static Integer classes(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw new SpecError("classes", "expected a whole number >= 1, got " + node);
        }
        return node.asInt();
    }

    /** Walks the top-level layers with a batch of one, so that a layer that cannot take its input is named. */
    private static void checkShapes(Block block, Shape input, Integer classes, String layersPath) {
        Shape x = new Shape(1).addAll(input);
        if (block.getClass() == SequentialBlock.class) {
            List<Block> layers = block.getChildren().values();
            for (int i = 0; i < layers.size(); i++) {
                x = step(layers.get(i), x, layersPath + "[" + i + "]");
            }
        } else {
            x = step(block, x, "block");
        }
        if (classes != null && (x.dimension() != 2 || x.get(1) != classes)) {
            throw new SpecError("classes", classes + " classes, but the model's output for input " + dims(input)
                    + " is " + x + " (expected (N, " + classes + "))");
        }
    }

    private static Shape step(Block layer, Shape x, String path) {
        String type = BlockSpecs.toTree(layer).get("type").asText();
        if ((type.equals("conv2d") || type.equals("pool")) && x.dimension() != 4) {
            throw new SpecError(path, type + " needs images (N, C, H, W), but its input is " + x);
        }
        Shape out;
        try {
            out = layer.getOutputShapes(new Shape[] {x})[0];
        } catch (RuntimeException e) {
            throw new SpecError(path, type + " cannot take input " + x + ": "
                    + BlockSpecs.firstLine(String.valueOf(e.getMessage())));
        }
        for (long d : out.getShape()) {
            if (d < 1) {
                throw new SpecError(path, type + " turns input " + x + " into " + out + ": the input is too small");
            }
        }
        return out;
    }

    /** The block this spec describes, new and uninitialized. */
    public Block build() {
        return SpecPaths.reading(block, () -> BlockSpecs.fromTree(block));
    }

    /** The input with a batch of {@code n} in front, or null when the spec does not state one. */
    public Shape batchedInput(long n) {
        return input == null ? null : new Shape(n).addAll(input);
    }

    /** The document, in the layout greendl writes ({@code "block"}, never {@code "layers"}). */
    public String toJson() {
        ObjectNode doc = PrettyJson.object();
        doc.put("format", BlockSpecs.FORMAT);
        doc.put("version", BlockSpecs.VERSION);
        if (input != null) {
            ArrayNode a = doc.putArray("input");
            Arrays.stream(input.getShape()).forEach(a::add);
        }
        if (classes != null) {
            doc.put("classes", classes);
        }
        doc.set("block", block);
        return PrettyJson.write(doc);
    }

    private static String dims(Shape s) {
        return Arrays.toString(s.getShape());
    }
}
