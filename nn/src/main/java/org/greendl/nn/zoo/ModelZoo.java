package org.greendl.nn.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The named models greendl trains, compresses and compares. The small models are sized by the data
 * ({@link #build(String, Map, InputSpec)}): by default they take NCHW float32 {@code (N,1,28,28)} and return
 * logits {@code (N,10)}; the 224x224 ones follow torchvision's definitions (same layers, same parameter counts)
 * for cost studies, take {@code (N,3,224,224)} only and return logits {@code (N,1000)}.
 */
public final class ModelZoo {
    private ModelZoo() {}

    /**
     * One zoo entry: default input, the options it understands, how to build it for an input, and why it cannot
     * take an input (null when it can).
     */
    record Entry(String name, InputSpec defaults, String summary, Map<String, List<String>> options,
            BiFunction<Map<String, String>, InputSpec, Block> factory, Function<InputSpec, String> refuses) {
        Shape defaultInput() {
            return defaults.batched(1);
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        InputSpec mnist = InputSpec.FASHION_MNIST;
        add(new Entry("mlp", mnist, "784-256-128-10 perceptron", Map.of(), (o, in) -> FashionModels.mlp(in.classes()),
                ModelZoo::notTokens));
        add(new Entry("lenet5", mnist, "LeNet-5 (ReLU, average pooling)", Map.of(),
                (o, in) -> FashionModels.lenet5(in.classes()), in -> imageOfAtLeast(in, 12, "two 5x5 convolutions"
                        + " and two 2x2 poolings")));
        add(new Entry("cnn", mnist, "4 conv + BN, 2 linear; the strong baseline", Map.of(),
                (o, in) -> FashionModels.cnn(in.classes()), in -> imageOfAtLeast(in, 4, "two 2x2 poolings")));
        add(new Entry("mobilenet-mini", mnist, "6 inverted residuals (MobileNetV2 style)", Map.of(),
                (o, in) -> CompactModels.mobilenetMini(in.classes()), in -> imageOfAtLeast(in, 1, "convolutions")));
        add(new Entry("vit-tiny", mnist, "ViT, 4x4 patches, 4 layers of 64; attention=softmax|linear",
                Map.of("attention", List.of("softmax", "linear")),
                (o, in) -> CompactModels.vitTiny(o.getOrDefault("attention", "softmax"), in.classes()),
                ModelZoo::patchesOf4));
        add(new Entry("early-exit-cnn", mnist, "cnn with two early exits (BranchyNet); threshold=0.9",
                Map.of("threshold", List.of()), (o, in) -> CompactModels.earlyExitCnn(threshold(o), in.classes()),
                in -> imageOfAtLeast(in, 4, "two 2x2 poolings")));
        add(new Entry("bag-of-embeddings", InputSpec.tokens(128, 8000, 10), "fastText-style: token embeddings, masked"
                + " mean, linear head; dim=64", Map.of("dim", List.of()),
                (o, in) -> TextModels.bagOfEmbeddings(in.vocabulary(), positive(o, "bag-of-embeddings", "dim", 64),
                        in.classes()), ModelZoo::tokensOnly));
        add(new Entry("text-transformer", InputSpec.tokens(64, 1000, 4),
                "transformer encoder on tokens, 2 layers of 64, 4 heads; attention, sharing, pool, factorized, exits",
                textOptions(), TextModels::textTransformer, TextModels::refuses));
        InputSpec imagenet = new InputSpec(new Shape(3, 224, 224), 1000);
        add(fixed("resnet18", imagenet, "torchvision resnet18", TorchvisionModels::resnet18));
        add(fixed("resnet34", imagenet, "torchvision resnet34", TorchvisionModels::resnet34));
        add(fixed("resnet50", imagenet, "torchvision resnet50", TorchvisionModels::resnet50));
        add(fixed("mobilenet_v2", imagenet, "torchvision mobilenet_v2", TorchvisionModels::mobilenetV2));
        add(fixed("vgg16", imagenet, "torchvision vgg16", TorchvisionModels::vgg16));
    }

    /** A torchvision definition: its input and class count are part of what it reproduces. */
    private static Entry fixed(String name, InputSpec only, String summary, java.util.function.Supplier<Block> make) {
        return new Entry(name, only, summary, Map.of(), (o, in) -> make.get(), in -> in.equals(only) ? null
                : "it reproduces torchvision's definition, built for " + only.describeShape() + " and "
                        + only.classes() + " classes only");
    }

    private static String imageOfAtLeast(InputSpec in, int side, String why) {
        if (in.isTokens()) {
            return "it takes images (C,H,W), not token ids (text; use bag-of-embeddings or a text model)";
        }
        if (!in.isImage()) {
            return "it takes images (C,H,W), not a feature vector of " + in.shape().get(0);
        }
        if (in.shape().get(1) < side || in.shape().get(2) < side) {
            return "its " + why + " need images of at least " + side + "x" + side + ", got " + in.describeShape();
        }
        return null;
    }

    /** Images and feature vectors have no vocabulary to embed. */
    private static String tokensOnly(InputSpec in) {
        if (in.isTokens()) {
            return null;
        }
        return "it takes token ids (text:FILE data), not " + (in.isImage() ? "images " + in.describeShape()
                : "a feature vector of " + in.shape().get(0));
    }

    /** Anything but token ids: a perceptron on token ids would treat ids as magnitudes. */
    private static String notTokens(InputSpec in) {
        return in.isTokens() ? "it takes images or feature vectors, not token ids (text; use bag-of-embeddings or a"
                + " text model)" : null;
    }

    private static int positive(Map<String, String> o, String model, String key, int fallback) {
        String v = o.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(model + ": " + key + " must be a whole number above 0, got '" + v + "'");
        }
    }

    private static String patchesOf4(InputSpec in) {
        String notImage = imageOfAtLeast(in, 4, "4x4 patches");
        if (notImage != null) {
            return notImage;
        }
        return in.shape().get(1) % 4 == 0 && in.shape().get(2) % 4 == 0 ? null
                : "its patch size 4 does not divide the image " + in.describeShape();
    }

    private static Map<String, List<String>> textOptions() {
        Map<String, List<String>> o = new LinkedHashMap<>();
        o.put("attention", List.of("softmax", "linear"));
        o.put("sharing", List.of("none", "albert"));
        o.put("pool", List.of("mean", "cls"));
        o.put("exits", List.of("none", "layer"));
        for (String free : List.of("layers", "width", "heads", "mlp", "factorized", "threshold")) {
            o.put(free, List.of());
        }
        return Collections.unmodifiableMap(o);
    }

    private static float threshold(Map<String, String> o) {
        return threshold("early-exit-cnn", o);
    }

    static float threshold(String model, Map<String, String> o) {
        String t = o.getOrDefault("threshold", "0.9");
        try {
            float v = Float.parseFloat(t);
            if (!(v > 0)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(model + ": threshold must be a number above 0 (a confidence;"
                    + " above 1 disables early exits), got '" + t + "'");
        }
    }

    private static void add(Entry e) {
        ENTRIES.put(e.name(), e);
    }

    /** A new, uninitialized model with default options. */
    public static Block build(String name) {
        return build(name, Map.of());
    }

    /**
     * A new, uninitialized model; {@code options} are model-specific (for example {@code attention=linear}
     * for vit-tiny). Unknown names and options fail with the known ones listed.
     */
    public static Block build(String name, Map<String, String> options) {
        return build(name, options, entry(name).defaults());
    }

    /**
     * A new, uninitialized model sized for {@code input}: its head scores {@code input.classes()} classes, and its
     * first layer takes the input's channels or features when it is initialized. A model that cannot take the
     * shape fails with the reason in one line.
     */
    public static Block build(String name, Map<String, String> options, InputSpec input) {
        Entry e = entry(name);
        for (Map.Entry<String, String> o : options.entrySet()) {
            List<String> allowed = e.options().get(o.getKey());
            if (allowed == null) {
                throw new IllegalArgumentException("model '" + name + "' has no option '" + o.getKey() + "'"
                        + (e.options().isEmpty() ? " (it takes none)"
                                : " (options: " + String.join(", ", new TreeSet<>(e.options().keySet())) + ")"));
            }
            if (!allowed.isEmpty() && !allowed.contains(o.getValue())) {
                throw new IllegalArgumentException("model '" + name + "': option " + o.getKey() + "="
                        + o.getValue() + " is not one of " + String.join("|", allowed));
            }
        }
        String refused = e.refuses().apply(input);
        if (refused != null) {
            throw new IllegalArgumentException("model '" + name + "' cannot take " + input.describeShape() + " with "
                    + input.classes() + " classes: " + refused);
        }
        return e.factory().apply(options, input);
    }

    /** Names, in the zoo's order (28x28 models first). */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.keySet()));
    }

    /** The input a model is made for, batch 1: (1,1,28,28) or (1,3,224,224). */
    public static Shape defaultInput(String name) {
        return entry(name).defaultInput();
    }

    /**
     * The model's default training recipe, chosen on validation accuracy (see {@link Recipe#chosenBy()});
     * {@link Recipe#UNTUNED} for models none was measured for.
     */
    public static Recipe recipe(String name) {
        entry(name);
        return Recipes.MEASURED.getOrDefault(name, Recipe.UNTUNED);
    }

    /** The input and class count a model is built for when none is given. */
    public static InputSpec defaultInputSpec(String name) {
        return entry(name).defaults();
    }

    /** One line saying what the model is. */
    public static String summary(String name) {
        return entry(name).summary();
    }

    /** Options a model understands, with their allowed values (empty list: any value). */
    public static Map<String, List<String>> options(String name) {
        return entry(name).options();
    }

    private static Entry entry(String name) {
        Entry e = name == null ? null : ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown model '" + name + "' (known: "
                    + String.join(", ", ENTRIES.keySet()) + ")");
        }
        return e;
    }

    static Set<String> optionKeys(String name) {
        return entry(name).options().keySet();
    }
}
