package org.greendl.nn.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.greendl.nn.spec.ModelSpec;

/**
 * The one way commands turn a MODEL argument into a block: a zoo name, sized by the data, or a path ending in
 * {@code .json}, a model spec (docs/model-spec.md) whose input and classes must agree with the data's.
 */
public final class ModelResolver {
    private ModelResolver() {}

    /**
     * A model ready to initialize.
     *
     * @param name what records and folders call it: the zoo name, or the spec file's name without {@code .json}
     * @param block the new, uninitialized block
     * @param input one example's shape, without the batch
     * @param spec the spec it was read from, or null for a zoo model
     */
    public record Resolved(String name, Block block, Shape input, ModelSpec spec) {
        public boolean isZoo() {
            return spec == null;
        }

        /** The input with a batch of {@code n} in front. */
        public Shape batchedInput(long n) {
            return new Shape(n).addAll(input);
        }
    }

    /** True when {@code model} names a model spec file rather than a zoo model. */
    public static boolean isSpecFile(String model) {
        return model != null && model.endsWith(".json");
    }

    /** The name records and run folders use for {@code model}. */
    public static String nameOf(String model) {
        if (!isSpecFile(model)) {
            return model;
        }
        String file = Path.of(model).getFileName().toString();
        return file.substring(0, file.length() - ".json".length());
    }

    /** The training recipe: the zoo's measured one, or the untuned default for a spec. */
    public static Recipe recipe(String model) {
        return isSpecFile(model) ? Recipe.UNTUNED : ModelZoo.recipe(model);
    }

    /**
     * Resolves {@code model} for data of {@code data}'s shape and class count. Unknown names, unreadable or bad
     * specs, options given to a spec, and a spec made for other data fail with one line.
     */
    public static Resolved resolve(String model, Map<String, String> options, InputSpec data) {
        if (!isSpecFile(model)) {
            return new Resolved(model, ModelZoo.build(model, options, data), data.shape(), null);
        }
        ModelSpec spec = readWithInput(model, options, Arrays.toString(data.shape().getShape()));
        if (!spec.input().equals(data.shape())) {
            throw new IllegalArgumentException(model + ": input: the spec is for " + dims(spec.input())
                    + ", the data has " + dims(data.shape()));
        }
        if (spec.classes() != null && spec.classes() != data.classes()) {
            throw new IllegalArgumentException(model + ": classes: the spec scores " + spec.classes()
                    + " classes, the data has " + data.classes());
        }
        return new Resolved(nameOf(model), spec.build(), spec.input(), spec);
    }

    /** Resolves {@code model} with no data to fit: a zoo model at its default input, a spec as it states. */
    public static Resolved resolve(String model, Map<String, String> options) {
        if (!isSpecFile(model)) {
            return new Resolved(model, ModelZoo.build(model, options), ModelZoo.defaultInputSpec(model).shape(), null);
        }
        ModelSpec spec = readWithInput(model, options, "[1, 28, 28]");
        return new Resolved(nameOf(model), spec.build(), spec.input(), spec);
    }

    private static ModelSpec readWithInput(String model, Map<String, String> options, String example) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("model options are for zoo models; " + model + " is a model spec");
        }
        ModelSpec spec = read(Path.of(model));
        if (spec.input() == null) {
            throw new IllegalArgumentException(model + ": input: missing (give one example's shape, e.g."
                    + " \"input\": " + example + ")");
        }
        return spec;
    }

    /** A model spec file; errors start with the file's name. */
    public static ModelSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model spec " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        try {
            return ModelSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static String dims(Shape s) {
        return Arrays.toString(s.getShape());
    }
}
