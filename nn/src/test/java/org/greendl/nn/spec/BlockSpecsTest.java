package org.greendl.nn.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import org.greendl.nn.Layers;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlockSpecsTest {

    static List<String> smallModels() {
        return ModelZoo.names().stream().filter(n -> ModelZoo.defaultInputSpec(n).isImage() && ModelZoo.defaultInput(n).get(2) == 28).toList();
    }

    static List<String> allModels() {
        return ModelZoo.names();
    }

    /** toJson, fromJson: same parameters, and with the same weights the same output. */
    @ParameterizedTest
    @MethodSource("smallModels")
    void roundTripGivesSameOutputOnSameWeights(String name) throws Exception {
        Shape input = ModelZoo.defaultInput(name);
        try (NDManager m = NDManager.newBaseManager()) {
            Block original = ModelZoo.build(name);
            original.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            String json = BlockSpecs.toJson(original);
            Block copy = BlockSpecs.fromJson(json);
            copy.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            assertEquals(json, BlockSpecs.toJson(copy), "spec of the rebuilt block");
            assertEquals(paramCount(original), paramCount(copy));

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            original.saveParameters(new DataOutputStream(bytes));
            copy.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));

            NDArray x = m.randomNormal(new Shape(2, input.get(1), input.get(2), input.get(3)));
            NDArray a = original.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            NDArray b = copy.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertArrayEquals(new long[] {2, 10}, a.getShape().getShape());
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 1e-6f);
        }
    }

    /** Every zoo model (the 224x224 ones too) survives toJson/fromJson with its parameter shapes. */
    @ParameterizedTest
    @MethodSource("allModels")
    void everyZooModelRoundTrips(String name) {
        Block original = ModelZoo.build(name);
        String json = BlockSpecs.toJson(original);
        Block copy = BlockSpecs.fromJson(json);
        assertEquals(json, BlockSpecs.toJson(copy));
        Shape in = ModelZoo.defaultInput(name);
        assertArrayEquals(original.getOutputShapes(new Shape[] {in})[0].getShape(),
                copy.getOutputShapes(new Shape[] {in})[0].getShape());
    }

    @Test
    void writesCoreBlockSettings() {
        SequentialBlock b = new SequentialBlock().addAll(Layers.conv(8, 3, 2, 1, 2, false), Layers.batchNorm(),
                Layers.relu6(), Layers.maxPool(3, 2, 1), Layers.avgPool(2, 2), Layers.globalAvgPool(),
                Layers.flatten(), Layers.dropout(0.25f), Layers.linear(5, false),
                ai.djl.nn.norm.LayerNorm.builder().build(), ai.djl.nn.Activation.geluBlock(),
                Layers.residual(Layers.linear(5)));
        String json = BlockSpecs.toJson(b);
        for (String expected : new String[] {"\"groups\": 2", "\"bias\": false", "\"fn\": \"relu6\"",
                "\"op\": \"max\"", "\"kernel\": [\n", "\"rate\": 0.25", "\"units\": 5", "\"type\": \"layernorm\"",
                "\"fn\": \"gelu\"", "\"join\": \"sum\"", "\"type\": \"identity\"", "\"global\": true"}) {
            assertTrue(json.contains(expected), "spec lacks " + expected + ":\n" + json);
        }
        assertEquals(json, BlockSpecs.toJson(BlockSpecs.fromJson(json)));
    }

    @Test
    void poolSettingsSurvive() {
        String json = BlockSpecs.toJson(Layers.maxPool(3, 2, 1));
        assertTrue(json.replaceAll("\\s", "").contains("\"kernel\":[3,3],\"stride\":[2,2],\"padding\":[1,1]"),
                json);
    }

    @Test
    void refusesWhatItCannotWrite() {
        ParallelBlock custom = new ParallelBlock(list -> list.get(0), List.of(Layers.relu()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockSpecs.toJson(custom));
        assertTrue(e.getMessage().contains("Joins"), e.getMessage());
        Block lambda = new ai.djl.nn.LambdaBlock(x -> x, "mystery");
        e = assertThrows(IllegalArgumentException.class, () -> BlockSpecs.toJson(lambda));
        assertTrue(e.getMessage().contains("mystery"), e.getMessage());
    }

    @Test
    void badDocumentsGiveOneLineErrors() {
        for (String bad : new String[] {"{", "[]", "{\"format\":\"x\"}",
                "{\"format\":\"greendl.blockspec\",\"version\":1,\"block\":{\"type\":\"warp-drive\"}}",
                "{\"format\":\"greendl.blockspec\",\"version\":1,\"block\":{\"type\":\"linear\"}}",
                "{\"format\":\"greendl.blockspec\",\"version\":9,\"block\":{}}"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> BlockSpecs.fromJson(bad), bad);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    static long paramCount(Block b) {
        long n = 0;
        for (Parameter p : b.getParameters().values()) {
            n += p.getArray().size();
        }
        return n;
    }
}
