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
import java.util.function.Function;

/**
 * The named models greendl trains, compresses and compares. The 28x28 models take NCHW float32
 * {@code (N,1,28,28)} and return logits {@code (N,10)}; the 224x224 ones follow torchvision's definitions
 * (same layers, same parameter counts) for cost studies and return logits {@code (N,1000)}.
 */
public final class ModelZoo {
    private ModelZoo() {}

    /** One zoo entry: default input, the options it understands, how to build it. */
    record Entry(String name, Shape defaultInput, String summary, Map<String, List<String>> options,
            Function<Map<String, String>, Block> factory) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        Shape mnist = new Shape(1, 1, 28, 28);
        Shape imagenet = new Shape(1, 3, 224, 224);
        add(new Entry("mlp", mnist, "784-256-128-10 perceptron", Map.of(), o -> FashionModels.mlp()));
        add(new Entry("lenet5", mnist, "LeNet-5 (ReLU, average pooling)", Map.of(), o -> FashionModels.lenet5()));
        add(new Entry("cnn", mnist, "4 conv + BN, 2 linear; the strong baseline", Map.of(),
                o -> FashionModels.cnn()));
        add(new Entry("mobilenet-mini", mnist, "6 inverted residuals (MobileNetV2 style)", Map.of(),
                o -> CompactModels.mobilenetMini()));
        add(new Entry("vit-tiny", mnist, "ViT, 4x4 patches, 4 layers of 64; attention=softmax|linear",
                Map.of("attention", List.of("softmax", "linear")),
                o -> CompactModels.vitTiny(o.getOrDefault("attention", "softmax"))));
        add(new Entry("early-exit-cnn", mnist, "cnn with two early exits (BranchyNet); threshold=0.9",
                Map.of("threshold", List.of()), o -> CompactModels.earlyExitCnn(threshold(o))));
        add(new Entry("resnet18", imagenet, "torchvision resnet18", Map.of(), o -> TorchvisionModels.resnet18()));
        add(new Entry("resnet34", imagenet, "torchvision resnet34", Map.of(), o -> TorchvisionModels.resnet34()));
        add(new Entry("resnet50", imagenet, "torchvision resnet50", Map.of(), o -> TorchvisionModels.resnet50()));
        add(new Entry("mobilenet_v2", imagenet, "torchvision mobilenet_v2", Map.of(),
                o -> TorchvisionModels.mobilenetV2()));
        add(new Entry("vgg16", imagenet, "torchvision vgg16", Map.of(), o -> TorchvisionModels.vgg16()));
    }

    private static float threshold(Map<String, String> o) {
        String t = o.getOrDefault("threshold", "0.9");
        try {
            float v = Float.parseFloat(t);
            if (!(v > 0)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("early-exit-cnn: threshold must be a number above 0 (a confidence;"
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
        return e.factory().apply(options);
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
