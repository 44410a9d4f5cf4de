package org.greendl.nn.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zoo models sized by the data: hand-counted parameters, logits of the right width, one-line refusals. */
class SizedZooTest {
    private static final InputSpec CIFAR100 = new InputSpec(new Shape(3, 32, 32), 100);
    private static final InputSpec FEATURES30 = new InputSpec(new Shape(30), 3);

    @Test
    void cnnOnCifar100HasTheHandCountedParameters() {
        long expected = (3 * 32 * 9 + 32) + 64 // conv1 + batch norm (gamma, beta)
                + (32 * 32 * 9 + 32) + 64 // conv2 + batch norm; pool: 16x16
                + (32 * 64 * 9 + 64) + 128 // conv3 + batch norm
                + (64 * 64 * 9 + 64) + 128 // conv4 + batch norm; pool: 8x8x64 = 4096
                + (4096 * 256 + 256) + (256 * 100 + 100); // two linear
        assertEquals(1_140_484, expected);
        assertEquals(expected, learnable(ModelZoo.build("cnn", Map.of(), CIFAR100), CIFAR100));
    }

    @Test
    void mlpOnThirtyFeaturesHasTheHandCountedParameters() {
        long expected = (30 * 256 + 256) + (256 * 128 + 128) + (128 * 3 + 3);
        assertEquals(41_219, expected);
        assertEquals(expected, learnable(ModelZoo.build("mlp", Map.of(), FEATURES30), FEATURES30));
    }

    @Test
    void forwardGivesBatchByClasses() {
        assertArrayEquals(new long[] {2, 100}, forward(ModelZoo.build("cnn", Map.of(), CIFAR100), CIFAR100, 2));
        assertArrayEquals(new long[] {4, 3}, forward(ModelZoo.build("mlp", Map.of(), FEATURES30), FEATURES30, 4));
        for (String name : List.of("lenet5", "mobilenet-mini", "vit-tiny")) {
            assertArrayEquals(new long[] {2, 100}, forward(ModelZoo.build(name, Map.of(), CIFAR100), CIFAR100, 2),
                    name);
        }
        Block earlyExit = ModelZoo.build("early-exit-cnn", Map.of(), CIFAR100);
        assertArrayEquals(new long[] {1, 100}, earlyExit.getOutputShapes(new Shape[] {CIFAR100.batched(1)})[0]
                .getShape());
    }

    @Test
    void oldSignaturesBuildTheSameModelWithTheSameInitialization() {
        for (String name : List.of("mlp", "lenet5", "cnn", "mobilenet-mini", "vit-tiny", "early-exit-cnn")) {
            List<Pair<String, Shape>> before = parameters(ModelZoo.build(name), 7);
            List<Pair<String, Shape>> sized = parameters(ModelZoo.build(name, Map.of(), InputSpec.FASHION_MNIST), 7);
            assertEquals(before.toString(), sized.toString(), name);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = firstWeights(ModelZoo.build("cnn"), m);
            float[] b = firstWeights(ModelZoo.build("cnn", Map.of(), InputSpec.FASHION_MNIST), m);
            assertArrayEquals(a, b);
        }
    }

    @Test
    void modelsThatCannotTakeAShapeSayWhyInOneLine() {
        IllegalArgumentException vit = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("vit-tiny", Map.of(), new InputSpec(new Shape(3, 30, 30), 10)));
        assertEquals("model 'vit-tiny' cannot take 3x30x30 with 10 classes: its patch size 4 does not divide the"
                + " image 3x30x30", vit.getMessage());
        IllegalArgumentException lenet = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("lenet5", Map.of(), FEATURES30));
        assertTrue(lenet.getMessage().contains("takes images (C,H,W), not a feature vector of 30"), lenet.getMessage());
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("cnn", Map.of(), new InputSpec(new Shape(1, 3, 3), 10)));
        assertTrue(small.getMessage().contains("at least 4x4"), small.getMessage());
        IllegalArgumentException resnet = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("resnet18", Map.of(), CIFAR100));
        assertTrue(resnet.getMessage().contains("3x224x224 and 1000 classes only"), resnet.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InputSpec(new Shape(28, 28), 10));
        assertThrows(IllegalArgumentException.class, () -> new InputSpec(new Shape(30), 0));
        for (IllegalArgumentException e : List.of(vit, lenet, small, resnet)) {
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    private static long learnable(Block block, InputSpec in) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, in.batched(1));
            long n = 0;
            for (Parameter p : block.getParameters().values()) {
                boolean buffer = p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
                n += buffer ? 0 : p.getArray().size();
            }
            return n;
        }
    }

    private static long[] forward(Block block, InputSpec in, int batch) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, in.batched(batch));
            NDList out = block.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1,
                    in.batched(batch))), false);
            return out.head().getShape().getShape();
        }
    }

    private static List<Pair<String, Shape>> parameters(Block block, long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            block.initialize(m, DataType.FLOAT32, InputSpec.FASHION_MNIST.batched(1));
            return block.getParameters().stream().map(p -> new Pair<>(p.getKey(), p.getValue().getArray().getShape()))
                    .toList();
        }
    }

    private static float[] firstWeights(Block block, NDManager m) {
        Engine.getInstance().setRandomSeed(11);
        block.initialize(m, DataType.FLOAT32, InputSpec.FASHION_MNIST.batched(1));
        float[] all = new float[0];
        for (Pair<String, Parameter> p : block.getParameters()) {
            float[] v = p.getValue().getArray().toFloatArray();
            float[] joined = java.util.Arrays.copyOf(all, all.length + v.length);
            System.arraycopy(v, 0, joined, all.length, v.length);
            all = joined;
        }
        return all;
    }
}
