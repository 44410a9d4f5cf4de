package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greendl infer --engine spark}: the same accuracy as a local infer, predictions as CSV, energy per host. */
class SparkInferTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static Path bars;
    static Path onnx;

    @BeforeAll
    static void exportATinyModel() throws Exception {
        bars = dir.resolve("bars");
        BarsIdx.write(bars, 150, 60);
        Path model = dir.resolve("mlp");
        ProfileCommandTest.Result trained = ProfileCommandTest.run("train", "--model", "mlp", "--epochs", "1",
                "--data", "idx:" + bars, "--out", model.toString(), "--progress", "none");
        assertEquals(0, trained.code(), trained.err());
        onnx = dir.resolve("m.onnx");
        ProfileCommandTest.Result x = ProfileCommandTest.run("export", model.toString(), "--out", onnx.toString());
        assertEquals(0, x.code(), x.err());
    }

    @Test
    void sparkPartitionsGiveTheLocalAccuracyAndEveryPrediction() throws Exception {
        ProfileCommandTest.Result local = ProfileCommandTest.run("infer", onnx.toString(), "--data", "idx:" + bars,
                "--format", "json");
        assertEquals(0, local.code(), local.err());
        JsonNode localDoc = JSON.readTree(local.out());
        double localAccuracy = localDoc.get("metrics").get("test_accuracy").asDouble();
        // The local run reads its energy over the same window a partition does (session and inference), so the
        // two compare; per 1,000 is the reading over the images, in Wh.
        double localKwh = localDoc.get("energy_kwh").asDouble();
        assertTrue(localKwh > 0, localDoc.toString());
        assertEquals(localKwh * 1e6 / localDoc.get("images").asInt(), localDoc.get("energy_wh_per_1000").asDouble(),
                1e-12, localDoc.toString());
        assertEquals(localDoc.get("images").asInt() / localDoc.get("time").get("wall_s").asDouble(),
                localDoc.get("throughput_per_s").asDouble(), 1e-6, localDoc.toString());

        Path csv = dir.resolve("p.csv");
        ProfileCommandTest.Result spark = ProfileCommandTest.run("infer", onnx.toString(), "--data", "idx:" + bars,
                "--engine", "spark", "--master", "local[2]", "--partitions", "3", "--batch", "16", "--predictions",
                csv.toString(), "--format", "json");
        assertEquals(0, spark.code(), spark.err());
        JsonNode doc = JSON.readTree(spark.out());
        assertEquals(localAccuracy, doc.get("metrics").get("test_accuracy").asDouble(), 1e-9, doc.toString());
        assertEquals(60, doc.get("examples").asInt());
        assertEquals(3, doc.get("partitions").asInt());
        assertEquals(3, doc.get("partition_reports").size());
        assertEquals(1, doc.get("energy_per_host").size(), doc.toString());
        String host = doc.get("energy_per_host").fieldNames().next();
        assertEquals(doc.get("energy_kwh").asDouble(), doc.get("energy_per_host").get(host).asDouble(), 1e-15);
        assertTrue(doc.get("energy_kwh").asDouble() > 0, doc.toString());
        assertTrue(doc.get("throughput_per_s").asDouble() > 0, doc.toString());
        int examples = 0;
        for (JsonNode p : doc.get("partition_reports")) {
            assertEquals(host, p.get("host").asText());
            examples += p.get("examples").asInt();
        }
        assertEquals(60, examples);

        List<String> lines = Files.readAllLines(csv);
        assertEquals(61, lines.size());
        assertEquals("index,prediction,label", lines.get(0));
        int right = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(i - 1, Integer.parseInt(f[0]), "rows sorted by index");
            right += f[1].equals(f[2]) ? 1 : 0;
        }
        assertEquals(localAccuracy, right / 60.0, 1e-9);
        assertFalse(Files.exists(dir.resolve("p.csv.tmp")));
    }

    @Test
    void anUnreachableMasterIsOneLineAndExitOne() {
        ProfileCommandTest.Result r = ProfileCommandTest.run("infer", onnx.toString(), "--data", "idx:" + bars,
                "--engine", "spark", "--master", "spark://127.0.0.1:1");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().startsWith("greendl: cannot reach Spark master URL: spark://127.0.0.1:1"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void sparkFlagsWithoutSparkAreBadUsage() {
        ProfileCommandTest.Result r = ProfileCommandTest.run("infer", onnx.toString(), "--data", "idx:" + bars,
                "--partitions", "3");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("go with --engine spark"), r.err());
        r = ProfileCommandTest.run("infer", onnx.toString(), "--data", "idx:" + bars, "--engine", "ray");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("unknown --engine 'ray'"), r.err());
    }
}
