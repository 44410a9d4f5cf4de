package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.greendl.cli.ProfileCommandTest.Result;
import org.greendl.deploy.onnx.ExportOptions;
import org.greendl.deploy.onnx.OnnxExporter;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greendl profile model.onnx}: the zoo's counts from the graph, the file's metadata, one-line errors. */
class OnnxProfileCommandTest {
    @TempDir static Path dir;
    static Path lenet;

    @BeforeAll
    static void export() {
        Block block = ModelZoo.build("lenet5");
        Shape input = new Shape(1, 1, 28, 28);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, input);
            lenet = dir.resolve("lenet5.onnx");
            OnnxModels.save(OnnxExporter.create().export(block, input, ExportOptions.named("lenet5")), lenet);
        }
    }

    static Result run(String... args) {
        return ProfileCommandTest.run(args);
    }

    @Test
    void jsonHasTheZooCountsAndTheFilesMetadata() throws Exception {
        Result r = run("profile", lenet.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("lenet5.onnx", doc.get("model").asText());
        assertEquals("[1,1,28,28]", doc.get("input").toString());
        assertEquals(61_706, doc.get("total").get("params").asLong(), "as 'greendl profile lenet5'");
        assertEquals(416_520, doc.get("total").get("macs").asLong());
        JsonNode onnx = doc.get("onnx");
        assertEquals("greendl", onnx.get("producer_name").asText());
        assertEquals(8, onnx.get("ir_version").asLong());
        assertEquals(17, onnx.get("opsets").get("ai.onnx").asLong());
        JsonNode in = onnx.get("inputs").get(0);
        assertEquals("input", in.get("name").asText());
        assertEquals("float32", in.get("dtype").asText());
        assertEquals("[\"N\",\"1\",\"28\",\"28\"]", in.get("shape").toString());
        assertEquals("[1,1,28,28]", in.get("profiled_shape").toString());
        assertEquals("logits", onnx.get("outputs").get(0).get("name").asText());
        assertEquals("Conv", doc.get("layers").get(0).get("type").asText());
        assertEquals(156, doc.get("layers").get(0).get("params").asLong());
    }

    @Test
    void tableShowsTheHeaderAndCsvTakesTheBatch() {
        Result table = run("profile", lenet.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("onnx: producer greendl"), table.out());
        assertTrue(table.out().contains("opsets ai.onnx 17"), table.out());
        assertTrue(table.out().contains("input  input float32 [N,1,28,28], profiled at 1,1,28,28"), table.out());
        assertTrue(table.out().contains("output logits float32 [N,10]"), table.out());
        assertTrue(table.out().contains("total: params 61,706"), table.out());
        Result csv = run("profile", lenet.toString(), "--format", "csv", "--input", "input=4,1,28,28");
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().contains("\ntotal,,4x1x28x28,61706,61706," + 4 * 416_520 + ","), csv.out());
        Result bare = run("profile", lenet.toString(), "--format", "csv", "--input", "N,1,28,28:float32");
        assertEquals(0, bare.code(), bare.err());
        assertTrue(bare.out().contains("\ntotal,,1x1x28x28,61706,61706,416520,"), bare.out());
    }

    @Test
    void badFilesAreOneLineAndExitOne() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "this is not a model\n");
        byte[] bytes = Files.readAllBytes(lenet);
        Path truncated = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
        for (Path bad : new Path[] {text, truncated, dir.resolve("missing.onnx")}) {
            Result r = run("profile", bad.toString());
            assertEquals(1, r.code(), bad + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("greendl: ") && r.err().contains(bad.toString()), r.err());
        }
    }

    @Test
    void badInputsAreOneLineAndExitTwo() {
        for (String bad : new String[] {"image=1,1,28,28", "input=1,3,28,28", "input=1,28,28", "input=1,x,28,28",
            "input=N,1,28,28:int64", "input=0,1,28,28"}) {
            Result r = run("profile", lenet.toString(), "--input", bad);
            assertEquals(2, r.code(), bad + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("greendl: --input"), r.err());
        }
        Result r = run("profile", lenet.toString(), "--input", "image=1,1,28,28");
        assertTrue(r.err().contains("no input 'image'") && r.err().contains("inputs: input"), r.err());
        r = run("profile", lenet.toString(), "--input", "input=1,3,28,28");
        assertTrue(r.err().contains("axis 1") && r.err().contains(lenet.toString()), r.err());
        r = run("profile", lenet.toString(), "--sparsity");
        assertEquals(2, r.code(), r.err());
    }
}
