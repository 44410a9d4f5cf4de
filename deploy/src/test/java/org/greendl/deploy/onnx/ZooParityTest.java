package org.greendl.deploy.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.SessionSettings;
import org.greendl.nn.AdaptiveAvgPool2d;
import org.greendl.nn.Layers;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/** Every 28x28 zoo model (random weights, rebuilt from its BlockSpecs JSON) exports with DJL/ORT parity. */
class ZooParityTest {

    static List<String> fashionModels() {
        return ModelZoo.names().stream().filter(n -> ModelZoo.defaultInput(n).equals(new Shape(1, 1, 28, 28))).toList();
    }

    @Test
    void every28x28ZooModelMatchesDjl() {
        List<String> names = fashionModels();
        assertTrue(names.containsAll(List.of("mlp", "lenet5", "cnn")), "zoo: " + names);
        for (String name : names) {
            Block block = BlockSpecs.fromJson(BlockSpecs.toJson(ModelZoo.build(name)));
            assertParity(block, name, new Shape(2, 1, 28, 28));
        }
    }

    @Test
    void linearAttentionVitMatchesDjl() {
        assertParity(ModelZoo.build("vit-tiny", java.util.Map.of("attention", "linear")), "vit-tiny-linear",
                new Shape(2, 1, 28, 28));
    }

    @Test
    void earlyExitsAreExtraOutputsAndOutputZeroFollowsTheThreshold() {
        // threshold 0.05 < 1/10: every sample is confident at the first exit, so DJL returns exit 0's logits.
        Block net = ModelZoo.build("early-exit-cnn", java.util.Map.of("threshold", "0.05"));
        assertParity(net, "early-exit-cnn", new Shape(4, 1, 28, 28));
        Block fresh = ModelZoo.build("early-exit-cnn", java.util.Map.of("threshold", "0.05"));
        try (NDManager m = NDManager.newBaseManager()) {
            Blocks.initialize(fresh, m, new Shape(4, 1, 28, 28), 5);
            ModelProto model = OnnxExporter.create().export(fresh, new Shape(4, 1, 28, 28), ExportOptions.named("ee"));
            assertTrue(model.getGraph().getOutputCount() == 4, "selected, final, exit 0, exit 1");
        }
    }

    @Test
    void resnetResidualsMatchDjl() {
        assertParity(ModelZoo.build("resnet18"), "resnet18", new Shape(2, 3, 64, 64));
    }

    @Test
    void adaptivePoolFromNnIsServiceLoaded() {
        Block block = new SequentialBlock().addAll(Layers.conv(4, 3, 1, 1), new AdaptiveAvgPool2d(7, 7),
                Layers.flatten(), Layers.linear(10));
        assertParity(block, "adaptive", new Shape(2, 1, 28, 28));
    }

    /** Token ids as floats in, int64 inside: padding left out of the mean, a text of padding only included. */
    @Test
    void bagOfEmbeddingsMatchesDjlOnTokenIds() {
        org.greendl.nn.zoo.InputSpec text = org.greendl.nn.zoo.InputSpec.tokens(12, 300, 4);
        Block block = ModelZoo.build("bag-of-embeddings", java.util.Map.of("dim", "16"), text);
        Shape shape = text.batched(3);
        try (NDManager m = NDManager.newBaseManager()) {
            Blocks.initialize(block, m, shape, 5);
            ModelProto model = OnnxExporter.create().export(block, shape, ExportOptions.named("bag"));
            float[] ids = new float[36];
            java.util.Random r = new java.util.Random(3);
            for (int i = 0; i < 24; i++) {
                ids[i] = i % 12 < 9 ? 1 + r.nextInt(299) : 0; // two texts of 9 tokens, then padding; a third all padding
            }
            NDArray x = m.create(ids, shape);
            float[] expected = Blocks.forward(block, m, x);
            try (OnnxSession s = OnnxSession.open(model.toByteArray(), SessionSettings.threads(1))) {
                float[] actual = s.runFirst(ids, shape.getShape());
                double diff = OnnxExporterTest.maxAbsDiff(expected, actual);
                assertTrue(diff <= 1e-5, "bag-of-embeddings: max |DJL - ORT| = " + diff);
            }
        }
    }

    static void assertParity(Block block, String name, Shape shape) {
        try (NDManager m = NDManager.newBaseManager()) {
            Blocks.initialize(block, m, shape, 5);
            ModelProto model = OnnxExporter.create().export(block, shape, ExportOptions.named(name));
            NDArray x = m.randomNormal(shape);
            float[] expected = Blocks.forward(block, m, x);
            try (OnnxSession s = OnnxSession.open(model.toByteArray(), SessionSettings.threads(1))) {
                float[] actual = s.runFirst(x.toFloatArray(), shape.getShape());
                double diff = OnnxExporterTest.maxAbsDiff(expected, actual);
                assertTrue(diff <= 1e-4, name + ": max |DJL - ORT| = " + diff);
            }
        }
    }
}
