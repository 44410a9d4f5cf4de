package org.greendl.nn.bag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Map;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;
import org.junit.jupiter.api.Test;

class BagOfEmbeddingsTest {
    private static NDArray forward(Block b, NDManager m, float[] ids, int rows) {
        NDArray x = m.create(ids, new Shape(rows, ids.length / rows));
        return b.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void theMeanIsOverNonPaddingTokensOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            BagOfEmbeddings bag = BagOfEmbeddings.builder().setVocabularySize(4).setDimension(2).build();
            bag.initialize(m, DataType.FLOAT32, new Shape(2, 3));
            Parameter table = bag.getParameters().get("table");
            table.getArray().set(m.create(new float[] {9, 9, 1, 2, 3, 4, 5, 6}, new Shape(4, 2)).toFloatArray());
            // [2, 3, pad] -> mean of rows 2 and 3; [pad, pad, pad] -> zeros, not a division by zero.
            float[] out = forward(bag, m, new float[] {2, 3, 0, 0, 0, 0}, 2).toFloatArray();
            assertArrayEquals(new float[] {4, 5, 0, 0}, out, 1e-6f);
            assertEquals(new Shape(2, 2), bag.getOutputShapes(new Shape[] {new Shape(2, 3)})[0]);
        }
    }

    @Test
    void zooModelSavesAndReloadsToTheSameOutputs() throws Exception {
        InputSpec text = InputSpec.tokens(6, 50, 3);
        float[] ids = {5, 7, 7, 1, 0, 0, 49, 2, 3, 4, 5, 6};
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = ModelZoo.build("bag-of-embeddings", Map.of("dim", "8"), text);
            model.initialize(m, DataType.FLOAT32, text.batched(2));
            Block copy = BlockSpecs.fromJson(BlockSpecs.toJson(model));
            copy.initialize(m, DataType.FLOAT32, text.batched(2));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.saveParameters(new DataOutputStream(bytes));
            copy.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray a = forward(model, m, ids, 2);
            assertEquals(new Shape(2, 3), a.getShape());
            assertArrayEquals(a.toFloatArray(), forward(copy, m, ids, 2).toFloatArray(), 0f);
        }
    }

    @Test
    void profileCountsTheTableAndTheHead() {
        InputSpec text = InputSpec.tokens(100, 1000, 5);
        Profile p = Profiler.profile(ModelZoo.build("bag-of-embeddings", Map.of(), text), text.batched(1));
        assertEquals(1000L * 64 + 64 * 5 + 5, p.total().params());
        assertEquals(64L * 5, p.total().macs(), "the lookup and mean multiply no weights; the head does");
    }

    @Test
    void tokenModelsAndImageModelsRefuseEachOthersInputsInOneLine() {
        InputSpec text = InputSpec.tokens(32, 100, 4);
        IllegalArgumentException cnn = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("cnn", Map.of(), text));
        assertEquals("model 'cnn' cannot take 32 tokens of 100 with 4 classes: it takes images (C,H,W), not token"
                + " ids (text; use bag-of-embeddings or a text model)", cnn.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("mlp", Map.of(), text));
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("resnet18", Map.of(), text));
        IllegalArgumentException bag = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("bag-of-embeddings", Map.of(), InputSpec.FASHION_MNIST));
        assertEquals("model 'bag-of-embeddings' cannot take 1x28x28 with 10 classes: it takes token ids (text:FILE"
                + " data), not images 1x28x28", bag.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("bag-of-embeddings", Map.of("dim", "0"),
                text));
    }
}
