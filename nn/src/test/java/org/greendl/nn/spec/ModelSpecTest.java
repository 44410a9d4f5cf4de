package org.greendl.nn.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.PrettyJson;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    private static final String MINIMAL = """
            {"input": [1, 28, 28], "classes": 10, "layers": [
              {"type": "conv2d", "filters": 4, "kernel": 3},
              {"type": "batchnorm"},
              {"type": "activation", "fn": "relu"},
              {"type": "pool", "op": "max", "kernel": 2},
              {"type": "dropout"},
              {"type": "flatten"},
              {"type": "linear", "units": 10}]}""";

    @Test
    void requiredFieldsOnlyBuildAModelWithTheDocumentedDefaults() throws Exception {
        ModelSpec spec = ModelSpec.parse(MINIMAL);
        assertEquals(new Shape(1, 28, 28), spec.input());
        assertEquals(10, spec.classes());
        Block block = spec.build();
        JsonNode written = PrettyJson.MAPPER.readTree(BlockSpecs.toJson(block)).get("block").get("children");
        JsonNode conv = written.get(0);
        assertEquals("[3,3]", conv.get("kernel").toString());
        assertEquals("[1,1]", conv.get("stride").toString());
        assertEquals("[0,0]", conv.get("padding").toString());
        assertEquals("[1,1]", conv.get("dilation").toString());
        assertEquals(1, conv.get("groups").asInt());
        assertTrue(conv.get("bias").asBoolean());
        assertEquals(1e-5, written.get(1).get("epsilon").asDouble(), 1e-9);
        assertEquals(0.9, written.get(1).get("momentum").asDouble(), 1e-6);
        assertEquals("[2,2]", written.get(3).get("stride").toString(), "pool stride defaults to the kernel");
        assertEquals(0.5, written.get(4).get("rate").asDouble(), 1e-6);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, spec.batchedInput(3));
            NDList out = block.forward(new ParameterStore(m, false), new NDList(m.zeros(spec.batchedInput(3))), false);
            assertArrayEquals(new long[] {3, 10}, out.head().getShape().getShape());
        }
    }

    @Test
    void theSpecReadBackEqualsTheSpecWritten() {
        ModelSpec user = ModelSpec.parse(MINIMAL);
        assertEquals(user, ModelSpec.parse(user.toJson()));
        assertEquals(user.toJson(), ModelSpec.parse(user.toJson()).toJson());
        try (NDManager m = NDManager.newBaseManager()) {
            Block cnn = ModelZoo.build("cnn");
            cnn.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            ModelSpec saved = ModelSpec.ofInitialized(cnn);
            assertEquals(new Shape(1, 28, 28), saved.input());
            assertEquals(10, saved.classes());
            assertEquals(saved, ModelSpec.parse(saved.toJson()));
            assertTrue(saved.toJson().contains("\"input\""), saved.toJson());
        }
    }

    @Test
    void aSpecWithoutInputStillLoads() {
        ModelSpec old = ModelSpec.parse(BlockSpecs.toJson(ModelZoo.build("mlp")));
        assertNull(old.input());
        assertNull(old.classes());
        assertEquals(BlockSpecs.toJson(ModelZoo.build("mlp")), BlockSpecs.toJson(old.build()));
    }

    @Test
    void errorsNameTheJsonPathInOneLine() {
        assertError("layers[3].type: unknown layer \"conv3d\" (known: activation, adaptive-avg-pool, ",
                MINIMAL.replace("\"pool\", \"op\": \"max\", \"kernel\": 2", "\"conv3d\""));
        assertError("layers[0].filters: missing (required) in conv2d", MINIMAL.replace("\"filters\": 4, ", ""));
        assertError("layers[0].kernel: not a number: \"big\" in conv2d", MINIMAL.replace("\"kernel\": 3", "\"kernel\": \"big\""));
        assertError("layers[2].type: missing (known: ", MINIMAL.replace("\"type\": \"activation\", ", ""));
        assertError("block.children[1].children[0].type: unknown layer \"conv3d\"", """
                {"block": {"type": "sequential", "children": [{"type": "flatten"},
                  {"type": "sequential", "children": [{"type": "conv3d"}]}]}}""");
        assertError("layers[0]: conv2d needs images (N, C, H, W), but its input is (1, 30)",
                MINIMAL.replace("[1, 28, 28]", "[30]"));
        assertError("layers[0]: conv2d turns input (1, 1, 2, 2) into (1, 4, 0, 0): the input is too small",
                MINIMAL.replace("[1, 28, 28]", "[1, 2, 2]"));
        assertError("classes: 7 classes, but the model's output for input [1, 28, 28] is (1, 10)",
                MINIMAL.replace("\"classes\": 10", "\"classes\": 7"));
        assertError("input: expected [C, H, W] for images or [F] for feature vectors",
                MINIMAL.replace("[1, 28, 28]", "[28, 28]"));
        assertError("input[1]: expected a whole number >= 1, got 0", MINIMAL.replace("[1, 28, 28]", "[1, 0, 28]"));
        assertError("layers[0]: patch-embedding cannot take input (1, 3, 30, 30): patch embedding: image 30x30 does"
                + " not split into 4x4 patches", """
                {"input": [3, 30, 30], "layers": [{"type": "patch-embedding", "patch": 4, "embed_dim": 8}]}""");
        assertError("layer: unknown field", MINIMAL.replace("\"layers\"", "\"layer\""));
        assertError("block: missing: give \"layers\"", "{\"input\": [3]}");
        assertError("format: expected \"greendl.blockspec\"", "{\"format\": \"onnx\", \"layers\": []}");
    }

    @Test
    void everyExampleInTheDocsParses() throws Exception {
        try (var files = Files.list(Path.of("..", "docs", "examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                ModelSpec spec = ModelSpec.parse(Files.readString(f));
                assertTrue(spec.input() != null && spec.classes() != null, f.toString());
                assertEquals(spec, ModelSpec.parse(spec.toJson()), f.toString());
            }
        }
    }

    private static void assertError(String expectedStart, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse(json));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
