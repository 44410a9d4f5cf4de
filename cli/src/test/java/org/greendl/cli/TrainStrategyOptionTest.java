package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.data.FashionMnist;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greendl train --strategy} and {@code --target-accuracy-for-eta}. */
class TrainStrategyOptionTest {
    

    @TempDir Path tmp;

    @Test
    void unknownStrategyListsTheKnownOnes() {
        ProfileCommandTest.Result r = ProfileCommandTest.run("train", "--model", "mlp", "--strategy", "freeze,turbo");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("greendl: unknown strategy 'turbo' (known: freeze[:START[:LEVEL]], "), r.err());
        assertTrue(r.err().contains("grad-accum[:K], grow[:AT], widen[:AT], fp16)") && r.err().lines().count() == 1, r.err());
    }

    @Test
    void fp16IsRefusedOnCpu() {
        ProfileCommandTest.Result r = ProfileCommandTest.run("train", "--model", "mlp", "--strategy", "fp16");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("greendl: fp16 refused on cpu(): not faster than fp32 on CPU")
                && r.err().lines().count() == 1, r.err());
    }

    @Test
    void strategiesRunAndTimeToAccuracyIsRecorded() throws Exception {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        ProfileCommandTest.Result bad = ProfileCommandTest.run("train", "--model", "mlp", "--limit", "256",
                "--epochs", "1", "--data", real.toString(), "--out", tmp.resolve("bad").toString(), "--strategy",
                "no-batchnorm");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("no batch norm") && bad.err().contains("(model mlp)"), bad.err());
        Path out = tmp.resolve("run");
        ProfileCommandTest.Result r = ProfileCommandTest.run("train", "--model", "mlp", "--epochs", "2", "--limit", "512",
                "--data", real.toString(), "--out", out.toString(), "--progress", "none", "--format", "json",
                "--strategy", "warmup-cosine,label-smoothing,freeze,grad-accum:2", "--target-accuracy-for-eta", "0.3");
        assertEquals(0, r.code(), r.err());
        JsonNode record = new ObjectMapper().readTree(r.out());
        assertEquals("warmup-cosine:0.05,label-smoothing:0.1,freeze:0.5:1.0,grad-accum:2",
                record.get("config").get("strategies").asText());
        assertEquals(2, record.get("config").get("gradient_accumulation").asInt());
        assertEquals(0.1, record.get("config").get("label_smoothing").asDouble());
        JsonNode eta = record.get("time_to_accuracy");
        assertEquals(0.3, eta.get("target").asDouble());
        assertTrue(eta.get("energy_kwh").asDouble() > 0 && eta.get("epoch").asInt() >= 1, eta.toString());
        assertEquals(4, record.get("epochs").get(0).get("steps").asInt(), "8 batches of 64, 2 per step");
    }

    @Test
    void growOnCnnRecordsWhatGrewAndGrowOnMlpIsRefused() throws Exception {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        ProfileCommandTest.Result refused = ProfileCommandTest.run("train", "--model", "mlp", "--limit", "128",
                "--epochs", "2", "--data", real.toString(), "--out", tmp.resolve("mlp").toString(), "--strategy",
                "grow");
        assertEquals(2, refused.code());
        assertTrue(refused.err().startsWith("greendl: grow found no conv") && refused.err().contains("(model mlp)")
                && refused.err().lines().count() == 1, refused.err());
        ProfileCommandTest.Result mode = ProfileCommandTest.run("train", "--model", "cnn", "--tracking-mode", "gpu");
        assertEquals(2, mode.code());
        assertTrue(mode.err().startsWith("greendl: unknown tracking mode 'gpu'"), mode.err());
        ProfileCommandTest.Result r = ProfileCommandTest.run("train", "--model", "cnn", "--epochs", "2", "--limit",
                "128", "--data", real.toString(), "--out", tmp.resolve("grow").toString(), "--progress", "none",
                "--format", "json", "--strategy", "grow:0.5", "--tracking-mode", "process");
        assertEquals(0, r.code(), r.err());
        JsonNode record = new ObjectMapper().readTree(r.out());
        assertEquals("grow:0.5", record.get("config").get("strategies").asText());
        assertEquals("process", record.get("config").get("tracking_mode").asText());
        JsonNode growth = record.get("config").get("growth");
        assertEquals(1, growth.size(), growth.toString());
        assertEquals(1, growth.get(0).get("after_epoch").asInt());
        assertTrue(growth.get(0).get("max_abs_logit_change").asDouble() <= 1e-4, growth.toString());
        assertEquals(growth.get(0).get("params_after").asLong(), record.get("model").get("params").asLong());
        assertTrue(Files.exists(tmp.resolve("grow").resolve("model.json")));
    }
}
