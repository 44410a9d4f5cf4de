package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl;
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

/** {@code greendl quantize model.onnx}: the int8 file, its account and run record, and one-line errors. */
class QuantizeCommandTest {
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

    @Test
    void randomInputsWriteTheInt8ModelAndItsRecord() throws Exception {
        Path out = dir.resolve("random-int8.onnx");
        Result r = ProfileCommandTest.run("quantize", lenet.toString(), "--out", out.toString(), "--calibration-size",
                "40", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("static", doc.get("mode").asText());
        assertEquals("random-normal", doc.get("calibration").get("source").asText());
        assertEquals(32, doc.get("calibration").get("samples").asInt(), "whole batches of 32");
        assertTrue(doc.get("quantized_nodes").size() >= 5, doc.toString());
        assertEquals(Files.size(out), doc.get("bytes_after").asLong());
        assertTrue(doc.get("bytes_after").asLong() < doc.get("bytes_before").asLong() / 2, doc.toString());
        assertEquals("greendl", doc.get("onnx").get("producer_name").asText());
        JsonNode record = new ObjectMapper().readTree(dir.resolve("random-int8.onnx.run.json").toFile());
        assertEquals("int8", record.get("kind").asText());
        assertEquals(17, record.get("config").get("quantize").get("onnx").get("opsets").get("ai.onnx").asInt());
        JsonNode onnxModel = record.get("config").get("onnx_model");
        assertEquals(17, onnxModel.get("opsets").get("ai.onnx").asInt(), "the source model's own metadata");
        assertEquals("greendl", onnxModel.get("producer_name").asText());
        assertEquals("input", onnxModel.get("inputs").get(0).get("name").asText());
        assertEquals("float32", onnxModel.get("inputs").get(0).get("dtype").asText());
        assertEquals("input", record.get("config").get("quantize").get("onnx").get("inputs").get(0).get("name")
                .asText());
    }

    @Test
    void dataCalibratesAndScoresFloatAndInt8() throws Exception {
        Path out = dir.resolve("data-int8.onnx");
        Result r = ProfileCommandTest.run("quantize", lenet.toString(), "--out", out.toString(), "--data",
                "fashion-mnist", "--calibration-size", "64", "--validation-size", "96", "--max-accuracy-drop", "100",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("data", doc.get("calibration").get("source").asText());
        assertEquals("fashion-mnist", doc.get("calibration").get("normalization").get("source").asText());
        JsonNode v = doc.get("validation");
        assertEquals(96, v.get("images").asInt());
        assertTrue(v.get("within_bound").asBoolean());
        assertTrue(v.get("float_accuracy").asDouble() >= 0 && v.get("int8_accuracy").asDouble() <= 1);
    }

    @Test
    void dynamicNeedsNoData() throws Exception {
        Path out = dir.resolve("dynamic.onnx");
        Result r = ProfileCommandTest.run("quantize", lenet.toString(), "--out", out.toString(), "--dynamic");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("dynamic int8 (no calibration)"), r.out());
        assertTrue(r.out().contains("dynamic mode quantizes Gemm and MatMul only"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model");
        Path truncated = dir.resolve("truncated.onnx");
        byte[] bytes = Files.readAllBytes(lenet);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path csv = dir.resolve("five.csv");
        StringBuilder rows = new StringBuilder("a,b,c,d,e,label\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i).append(",1,2,3,4,").append(i % 2).append('\n');
        }
        Files.writeString(csv, rows);
        Path unknownOp = dir.resolve("unknown-op.onnx");
        Files.write(unknownOp, unknownOpModel().toByteArray());
        String out = dir.resolve("bad.onnx").toString();
        String[][] cases = {
                {text.toString(), "not an ONNX model"},
                {unknownOp.toString(), "ONNX Runtime cannot load " + unknownOp + ": "},
                {truncated.toString(), "not an ONNX model"},
                {lenet.toString(), "has no input 'pixels'", "--input", "pixels=N,1,28,28"},
                {lenet.toString(), "has 1 at axis 1, got 3", "--input", "input=N,3,28,28"},
                {lenet.toString(), "calibration samples are [5] but input 'input' is [N,1,28,28]", "--data",
                        "csv:" + csv, "--validation-size", "0"},
        };
        for (String[] c : cases) {
            String[] args = new String[4 + c.length - 2];
            args[0] = "quantize";
            args[1] = c[0];
            args[2] = "--out";
            args[3] = out;
            System.arraycopy(c, 2, args, 4, c.length - 2);
            Result r = ProfileCommandTest.run(args);
            assertEquals(1, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains(c[1]), r.err());
            assertFalse(r.err().contains("\n"), "one line: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertFalse(Files.exists(Path.of(out)), "nothing written on failure");
    }

    /** x [N,4] -> an op no runtime has -> y. */
    private static OnnxMl.ModelProto unknownOpModel() {
        var tensor = OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(1).setShape(
                        OnnxMl.TensorShapeProto.newBuilder()
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(4))));
        var graph = OnnxMl.GraphProto.newBuilder().setName("g")
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("x").setType(tensor))
                .addOutput(OnnxMl.ValueInfoProto.newBuilder().setName("y").setType(tensor))
                .addNode(OnnxMl.NodeProto.newBuilder().setName("weird").setOpType("NoSuchOp")
                        .addInput("x").addOutput("y"));
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(17)).build();
    }
}
