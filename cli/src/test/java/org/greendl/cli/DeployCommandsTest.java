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
import java.util.List;
import java.util.Map;
import org.greendl.deploy.onnx.ExportOptions;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.train.ModelStore;
import org.greendl.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export, infer and serve-bench end to end, on small settings (the real figures come from benchmarks/). */
class DeployCommandsTest {
    @TempDir Path dir;

    static JsonNode json(ProfileCommandTest.Result r) throws Exception {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void exportSavedModelInferAndServeBench() throws Exception {
        Path modelDir = dir.resolve("lenet5");
        Block block = ModelZoo.build("lenet5");
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            RunRecord record = new RunRecord(RunRecord.SCHEMA, "test-run", null, "train", "2026-01-01T00:00:00Z",
                    new RunRecord.ModelInfo("lenet5", 0, 0, 0, 0, 0), null, null, null, null, "completed", null,
                    Map.of(), null, List.of());
            ModelStore.save(modelDir, block, record);
        }
        Path fp32 = dir.resolve("lenet5.onnx");
        JsonNode exported = json(ProfileCommandTest.run("export", modelDir.toString(), "--out", fp32.toString(),
                "--parity", "100", "--format", "json"));
        assertTrue(exported.get("parity").get("max_abs_diff").asDouble() <= 1e-4, exported.toString());
        assertEquals(100, exported.get("parity").get("images").asInt());
        String runRecord = OnnxModels.metadata(OnnxModels.load(fp32), ExportOptions.RUN_RECORD_KEY).orElseThrow();
        assertTrue(runRecord.contains("\"id\":\"test-run\""), runRecord);
        JsonNode exportRecord = new ObjectMapper().readTree(dir.resolve("lenet5.onnx.run.json").toFile());
        assertEquals("export", exportRecord.get("kind").asText());
        assertEquals("test-run", exportRecord.get("parent").asText());
        assertEquals(Files.size(fp32), exportRecord.get("model").get("bytes").asLong());

        Path int8 = dir.resolve("lenet5-int8.onnx");
        JsonNode q = json(ProfileCommandTest.run("export", modelDir.toString(), "--out", int8.toString(), "--int8",
                "--calibration", "percentile", "--calibration-size", "64", "--parity", "0", "--format", "json"));
        assertTrue(q.get("int8").get("ort_optimized_ops").has("com.microsoft:QLinearConv")
                || q.get("int8").get("ort_optimized_ops").has("QLinearConv"), q.toString());
        assertTrue(Files.size(int8) < 0.35 * Files.size(fp32));
        // lenet5: single-channel first conv (space-to-depth) and Flatten before a Linear (channels-last).
        assertEquals(2, q.get("int8").get("layout_rewrites").size(), q.toString());
        assertTrue(!q.get("int8").get("ort_optimized_ops").has("Transpose"), q.toString());
        assertEquals("int8", new ObjectMapper().readTree(dir.resolve("lenet5-int8.onnx.run.json").toFile())
                .get("kind").asText());

        JsonNode infer = json(ProfileCommandTest.run("infer", int8.toString(), "--dataset", "fashion-mnist",
                "--limit", "200", "--threads", "1", "--format", "json"));
        double accuracy = infer.get("metrics").get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertEquals(200, infer.get("images").asInt());

        JsonNode bench = json(ProfileCommandTest.run("serve-bench", fp32.toString(), "--batch", "1,4", "--threads",
                "1", "--seconds", "0.2", "--warmup", "2", "--format", "json"));
        assertEquals(1, bench.get("threads").asInt());
        assertEquals(2, bench.get("results").size());
        JsonNode r4 = bench.get("results").get(1);
        assertEquals(4, r4.get("batch").asInt());
        for (String f : List.of("latency_ms_p50", "latency_ms_p90", "latency_ms_p99", "throughput_per_s",
                "energy_kwh_per_1k")) {
            assertTrue(r4.get(f).asDouble() > 0, f + " in " + r4);
        }
        assertTrue(List.of("rapl", "estimate").contains(r4.get("energy_source").asText()));

        JsonNode profiled = json(ProfileCommandTest.run("serve-bench", int8.toString(), "--batch", "4", "--threads",
                "1", "--seconds", "0.1", "--warmup", "1", "--profile", "3", "--format", "json"));
        JsonNode nodes = profiled.get("results").get(0).get("profile");
        assertTrue(nodes.size() >= 2, profiled.toString());
        assertTrue(nodes.findValuesAsText("op").contains("QLinearConv"), nodes.toString());
    }

    @Test
    void badInputsGiveOneLineErrors() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model");
        ProfileCommandTest.Result r = ProfileCommandTest.run("infer", text.toString(), "--dataset", "fashion-mnist");
        assertEquals(1, r.code());
        assertEquals("greendl: not an ONNX model (truncated or not a protobuf ModelProto): " + text, r.err());

        r = ProfileCommandTest.run("export", "--zoo", "mlp", "--out", dir.resolve("m.onnx").toString(), "--int8",
                "--calibration-size", "10", "--parity", "0");
        assertEquals(1, r.code());
        assertEquals("greendl: calibration set has 10 images, fewer than one batch of 64", r.err());

        r = ProfileCommandTest.run("export", "--zoo", "mlp", "--out", dir.resolve("m.onnx").toString(), "--int8",
                "--calibration", "kl");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("greendl: unknown calibration method 'kl'"), r.err());

        r = ProfileCommandTest.run("export", dir.resolve("no-such-model").toString(), "--out", "x.onnx");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a greendl model folder"), r.err());
        assertEquals(1, r.err().lines().count());
    }
}
