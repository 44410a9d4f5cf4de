package org.greendl.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.greendl.cli.BarsIdx;
import org.greendl.cli.Cli;
import org.greendl.deploy.profile.OnnxModelInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code greendl bench --model model.onnx}: a user's ONNX file as the baseline, no training, and its ONNX variants
 * (fp32 as given, ORT-optimized, int8 by three calibrations, dynamic, held to an accuracy bound) measured side by
 * side; bad files and data of another shape refused in one line.
 */
class OnnxBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VARIANTS = List.of("onnx-fp32", "onnx-fp32-optimized", "int8-minmax",
            "int8-percentile", "int8-entropy", "int8-dynamic", "int8-accuracy-bound");

    @TempDir static Path dir;
    static Path data;
    static Path onnx;

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** A tiny mlp trained on 12x12 bars and exported to ONNX, as a user's own model would come. */
    @BeforeAll
    static void exportAModel() throws Exception {
        data = dir.resolve("bars");
        BarsIdx.write(data, 300, 90);
        Path model = dir.resolve("mlp");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "train", "--model", "mlp", "--epochs", "3", "--data", "idx:" + data, "--out",
                model.toString(), "--progress", "none"), err.toString());
        onnx = dir.resolve("m.onnx");
        assertEquals(0, run(err, "export", model.toString(), "--out", onnx.toString()), err.toString());
    }

    @Test
    void benchOnAnOnnxFileMeasuresEveryOnnxVariantSideBySide() throws Exception {
        Path out = dir.resolve("bench");
        StringWriter err = new StringWriter();
        int code = run(err, "bench", "--quick", "--model", onnx.toString(), "--data", "idx:" + data, "--out",
                out.toString(), "--threads", "2");
        assertEquals(0, code, err.toString());
        JsonNode bench = JSON.readTree(out.resolve("bench.json").toFile());
        assertEquals("idx:" + data, bench.get("dataset").asText());
        assertEquals("nothing trained; shorter serving timings", bench.get("quick_note").asText());
        assertEquals(onnx.toAbsolutePath().normalize().toString(), bench.get("model").asText());
        JsonNode info = bench.get("model_info");
        assertEquals(17, info.at("/opsets/ai.onnx").asInt(), info.toString());
        assertEquals("input", info.at("/inputs/0/name").asText(), info.toString());
        assertEquals("float32", info.at("/inputs/0/dtype").asText(), info.toString());
        assertEquals(List.of("1", "12", "12"), texts(info.at("/inputs/0/shape")).subList(1, 4), info.toString());

        Map<String, JsonNode> byName = new TreeMap<>();
        bench.get("variants").forEach(v -> byName.put(v.get("label").asText(), v));
        assertEquals(List.copyOf(new java.util.TreeSet<>(VARIANTS)), List.copyOf(byName.keySet()));
        for (String name : VARIANTS) {
            JsonNode v = byName.get(name);
            assertFalse(v.has("error"), name + ": " + v.path("error").asText());
            assertTrue(v.at("/metrics/test_accuracy").asDouble() > 0.5, name + " learned the bars: " + v.get("metrics"));
            assertTrue(v.at("/model/bytes").asLong() > 0, name);
            assertEquals(byName.get("onnx-fp32").at("/model/params").asLong(), v.at("/model/params").asLong(),
                    name + ": the same weights, however stored");
            assertTrue(v.at("/model/macs").asLong() > 0, name + ": " + v.get("model"));
            assertTrue(v.at("/inference/energy_kwh_per_1k").asDouble() > 0, name + ": " + v.get("inference"));
            assertTrue(v.at("/inference/latency_ms_b1_p50").asDouble() > 0, name);
            assertTrue(v.at("/inference/latency_ms_b64_p50").asDouble() > 0, name);
            assertTrue(v.at("/energy/total_kwh").isNumber(), name + ": the energy spent making it");
            Path file = Path.of(v.at("/artifact/path").asText());
            assertTrue(file.startsWith(out.resolve("variants").resolve(name).toAbsolutePath().normalize()), file::toString);
            assertEquals(Files.size(file), v.at("/model/bytes").asLong(), name);
        }
        long fp32 = byName.get("onnx-fp32").at("/model/bytes").asLong();
        assertEquals(Files.size(onnx), fp32, "the file as given");
        assertEquals("basic", byName.get("onnx-fp32").at("/inference/graph_optimization").asText());
        assertEquals("all", byName.get("onnx-fp32-optimized").at("/inference/graph_optimization").asText());
        for (String name : VARIANTS.subList(2, VARIANTS.size())) {
            JsonNode v = byName.get(name);
            assertTrue(v.at("/model/bytes").asLong() < fp32, name + " is smaller than fp32");
            String madeBy = v.at("/made_by/0").asText();
            assertTrue(madeBy.startsWith("greendl quantize " + onnx.toAbsolutePath().normalize()), madeBy);
            assertTrue(madeBy.contains("--data idx:" + data), madeBy);
            assertEquals(17, v.at("/config/onnx_model/opsets/ai.onnx").asInt(), name);
        }
        assertTrue(byName.get("int8-entropy").at("/made_by/0").asText().endsWith("--calibration entropy"));
        assertTrue(byName.get("int8-dynamic").at("/made_by/0").asText().endsWith("--dynamic"));
        JsonNode bound = byName.get("int8-accuracy-bound");
        assertTrue(bound.at("/made_by/0").asText().endsWith("--max-accuracy-drop 0.5"));
        assertEquals(0.5, bound.at("/accuracy_bound/max_drop_points").asDouble());
        assertTrue(bound.at("/accuracy_bound/steps").size() >= 1, bound.toString());
        assertTrue(bound.at("/accuracy_bound/within_bound").isBoolean(), bound.toString());

        assertTrue(Files.readString(out.resolve("results.csv")).contains("int8-accuracy-bound"));
        String report = Files.readString(out.resolve("report").resolve("index.html"));
        assertTrue(report.contains("m.onnx"), "the report names the model");
        assertTrue(report.contains("opsets ai.onnx 17"), "and shows its metadata");
    }

    @Test
    void aMissingOrNonOnnxModelIsOneLineAndWritesNothing() throws Exception {
        Path notOnnx = dir.resolve("notes.onnx");
        Files.writeString(notOnnx, "not a model\n");
        for (Path model : List.of(dir.resolve("missing.onnx"), notOnnx)) {
            Path out = dir.resolve("bad-" + model.getFileName());
            StringWriter err = new StringWriter();
            int code = run(err, "bench", "--quick", "--model", model.toString(), "--data", "idx:" + data, "--out",
                    out.toString());
            String text = err.toString().strip();
            assertTrue(code == 1 || code == 2, model + ": exit " + code + ": " + text);
            assertEquals(1, text.lines().count(), text);
            assertTrue(text.startsWith("greendl: ") && text.contains(model.getFileName().toString()), text);
            assertFalse(Files.exists(out), "nothing written for " + model);
        }
    }

    @Test
    void dataOfAnotherShapeIsOneLineExitOne() throws Exception {
        Path other = dir.resolve("bars16");
        BarsIdx.write(other, 60, 30, 16);
        Path out = dir.resolve("bench16");
        StringWriter err = new StringWriter();
        int code = run(err, "bench", "--quick", "--model", onnx.toString(), "--data", "idx:" + other, "--out",
                out.toString());
        String text = err.toString().strip();
        assertEquals(1, code, text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("does not take the examples of idx:" + other) && text.contains("[1,16,16]"), text);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aNonFloatInputIsRefusedBeforeAnyWorkAndAFixedBatchFits() {
        long[] sample = {1, 12, 12};
        Path file = Path.of("user.onnx");
        OnnxModelInfo ints = info(new OnnxModelInfo.Value("x", "int64", List.of("N", "1", "12", "12")));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OnnxTechniques.checkFits(ints, file, sample, "idx:bars"));
        assertTrue(e.getMessage().contains("is not float32"), e.getMessage());
        // Symbolic dimensions take any size, and a fixed batch is served at its size: both fit.
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> OnnxTechniques.checkFits(info(
                new OnnxModelInfo.Value("x", "float32", List.of("N", "C", "H", "W"))), file, sample, "idx:bars"));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> OnnxTechniques.checkFits(info(
                new OnnxModelInfo.Value("x", "float32", List.of("1", "1", "12", "12"))), file, sample, "idx:bars"));
    }

    /**
     * A model exported for batch 1 with its weights in an external-data file, as large exports come: the copy
     * loads on its own (its data file beside it), accuracy is scored one image at a time, and the serving cost
     * keeps the batch-1 row and says why batch 64 was not served.
     */
    @Test
    void aFixedBatchModelWithExternalDataIsServedAtItsBatch() throws Exception {
        Path userDir = dir.resolve("user-export");
        Files.createDirectories(userDir);
        Path user = userDir.resolve("fixed.onnx");
        long weightBytes = FixedBatchExports.write(onnx, user, "fixed.weights");
        Path out = dir.resolve("bench-fixed");
        StringWriter err = new StringWriter();
        int code = run(err, "bench", "--quick", "--model", user.toString(), "--data", "idx:" + data, "--out",
                out.toString(), "--threads", "1", "--techniques", "int8-minmax");
        assertEquals(0, code, err.toString());
        JsonNode bench = JSON.readTree(out.resolve("bench.json").toFile());
        Map<String, JsonNode> byName = new TreeMap<>();
        bench.get("variants").forEach(v -> byName.put(v.get("label").asText(), v));
        assertEquals(List.of("int8-minmax", "onnx-fp32"), List.copyOf(byName.keySet()));
        JsonNode fp32 = byName.get("onnx-fp32");
        Path copy = Path.of(fp32.at("/artifact/path").asText());
        assertTrue(Files.isRegularFile(copy.resolveSibling("fixed.weights")), "the data file travels with the copy");
        assertEquals(List.of("fixed.weights"), texts(fp32.at("/config/external_data_files")));
        assertEquals(Files.size(copy) + weightBytes, fp32.at("/model/bytes").asLong(), "bytes count the data file");
        for (JsonNode v : byName.values()) {
            String name = v.get("label").asText();
            assertFalse(v.has("error"), name + ": " + v.path("error").asText());
            assertTrue(v.at("/metrics/test_accuracy").asDouble() > 0.5, name + ": " + v.get("metrics"));
            JsonNode inf = v.get("inference");
            assertTrue(inf.get("latency_ms_b1_p50").asDouble() > 0, name + ": " + inf);
            assertTrue(inf.get("latency_ms_b64_p50").isNull(), name + ": " + inf);
            assertEquals(1, inf.get("energy_batch").asInt(), name + ": " + inf);
            assertTrue(inf.get("energy_kwh_per_1k").asDouble() > 0, name + ": " + inf);
            assertEquals(List.of("batch 64 not served: the model was exported for batch 1 only"),
                    texts(inf.get("skipped")), name + ": " + inf);
        }
    }

    private static OnnxModelInfo info(OnnxModelInfo.Value input) {
        return new OnnxModelInfo("test", "1", 8, "", 0, "g", Map.of("ai.onnx", 17L), List.of(input), List.of());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
