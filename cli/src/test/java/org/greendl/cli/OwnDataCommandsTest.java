package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.data.FashionMnist;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model trained on the user's own IDX data (3 classes, 12x12): every later command on it reads that data
 * from the run record, and refuses data it was not made for rather than substituting Fashion-MNIST.
 */
class OwnDataCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void commandsOnAModelOfOwnDataUseTheRecordedDataAndRefuseOther() throws Exception {
        Path data = tmp.resolve("bars");
        BarsIdx.write(data, 240, 90);
        Path model = tmp.resolve("mlp");
        ProfileCommandTest.Result trained = ProfileCommandTest.run("train", "--model", "mlp", "--epochs", "3",
                "--data", "idx:" + data, "--out", model.toString(), "--progress", "none", "--format", "json");
        assertEquals(0, trained.code(), trained.err());
        JsonNode recordData = JSON.readTree(model.resolve("run.json").toFile()).get("config").get("data");
        assertEquals("idx:" + data, recordData.get("spec").asText());
        assertEquals("[1,12,12]", recordData.get("input_shape").toString());
        assertEquals(3, recordData.get("class_names").size());

        ProfileCommandTest.Result evaluated = ProfileCommandTest.run("evaluate", model.toString(), "--format", "json");
        assertEquals(0, evaluated.code(), evaluated.err());
        JsonNode e = JSON.readTree(evaluated.out());
        assertEquals("idx:" + data, e.get("data").asText());
        assertEquals(90, e.get("examples").asInt());
        assertEquals(e.get("recorded_test_accuracy").asDouble(), e.get("test_accuracy").asDouble(), 1e-6);
        assertTrue(e.get("test_accuracy").asDouble() > 0.6, "bars are easy: " + e);

        Path pruned = tmp.resolve("pruned");
        ProfileCommandTest.Result p = ProfileCommandTest.run("prune", model.toString(), "--sparsity", "0.5",
                "--fine-tune-epochs", "1", "--out", pruned.toString(), "--progress", "none", "--format", "json");
        assertEquals(0, p.code(), p.err());
        JsonNode prunedConfig = JSON.readTree(pruned.resolve("run.json").toFile()).get("config");
        assertEquals("idx:" + data, prunedConfig.get("data").get("spec").asText());
        assertEquals(recordData.get("fingerprint"), prunedConfig.get("data").get("fingerprint"));

        Path onnx = tmp.resolve("mlp-int8.onnx");
        ProfileCommandTest.Result x = ProfileCommandTest.run("export", model.toString(), "--int8", "--out",
                onnx.toString(), "--format", "json");
        assertEquals(0, x.code(), x.err());
        JsonNode report = JSON.readTree(x.out());
        // Calibrated on the validation share of the training split (24 of 240: one batch), tested on the 90 test images.
        assertEquals(24, report.get("int8").get("calibration_size").asInt());
        assertEquals(90, report.get("parity").get("images").asInt());
        JsonNode exportConfig = JSON.readTree(Path.of(report.get("run_record").asText()).toFile()).get("config");
        assertEquals("idx:" + data, exportConfig.get("data").get("spec").asText());

        // Served on the data's own test examples rather than generated values.
        ProfileCommandTest.Result served = ProfileCommandTest.run("serve-bench", onnx.toString(), "--data",
                "idx:" + data, "--batch", "1,128", "--seconds", "0.2", "--warmup", "1", "--threads", "1", "--format",
                "json");
        assertEquals(0, served.code(), served.err());
        JsonNode bench = JSON.readTree(served.out());
        assertTrue(bench.get("inputs").toString().contains("the test examples of idx:" + data), bench.toString());
        assertEquals(2, bench.get("results").size(), "batch 128 takes the 90 test examples again: " + bench);
    }

    @Test
    void fashionMnistForAModelOfOtherShapeIsOneLineAndWritesNothing() throws Exception {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        Path data = tmp.resolve("bars");
        BarsIdx.write(data, 90, 30);
        Path model = tmp.resolve("mlp");
        ProfileCommandTest.Result trained = ProfileCommandTest.run("train", "--model", "mlp", "--epochs", "1",
                "--data", "idx:" + data, "--out", model.toString(), "--progress", "none");
        assertEquals(0, trained.code(), trained.err());

        ProfileCommandTest.Result evaluated = ProfileCommandTest.run("evaluate", model.toString(), "--data",
                real.toString());
        assertEquals(1, evaluated.code(), evaluated.out());
        assertOneLineNaming(evaluated.err(), "input shape");

        Path pruned = tmp.resolve("pruned");
        ProfileCommandTest.Result p = ProfileCommandTest.run("prune", model.toString(), "--data", real.toString(),
                "--limit", "64", "--out", pruned.toString(), "--progress", "none");
        assertEquals(1, p.code(), p.out());
        assertOneLineNaming(p.err(), "input shape");
        assertFalse(Files.exists(pruned.resolve("run.json")));

        Path onnx = tmp.resolve("m.onnx");
        ProfileCommandTest.Result x = ProfileCommandTest.run("export", model.toString(), "--int8", "--data",
                real.toString(), "--out", onnx.toString());
        assertEquals(1, x.code(), x.out());
        assertOneLineNaming(x.err(), "input shape");
        assertFalse(Files.exists(onnx));

        Path exported = tmp.resolve("mlp.onnx");
        assertEquals(0, ProfileCommandTest.run("export", model.toString(), "--out", exported.toString()).code());
        ProfileCommandTest.Result served = ProfileCommandTest.run("serve-bench", exported.toString(), "--data",
                real.toString(), "--batch", "1", "--seconds", "0.1");
        assertEquals(1, served.code(), served.out());
        assertOneLineNaming(served.err(), "examples are [1, 28, 28] but input 'input' is [1, 12, 12]");
    }

    @Test
    void anRgbFolderAt32By32TrainsTheCnnAndMobileNetMini() throws Exception {
        Path folder = tmp.resolve("colours");
        java.util.Random r = new java.util.Random(11);
        int[] colours = {0xd02020, 0x20b020, 0x2040d0};
        for (String split : new String[] {"train", "test"}) {
            for (int c = 0; c < colours.length; c++) {
                for (int i = 0; i < (split.equals("train") ? 40 : 12); i++) {
                    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(32, 32,
                            java.awt.image.BufferedImage.TYPE_INT_RGB);
                    int at = r.nextInt(24);
                    for (int y = 0; y < 32; y++) {
                        for (int x = 0; x < 32; x++) {
                            boolean stripe = x >= at && x < at + 8;
                            image.setRGB(x, y, stripe ? colours[c] : 0x101010 * (1 + r.nextInt(4)));
                        }
                    }
                    Path file = folder.resolve(split).resolve("colour" + c).resolve(i + ".png");
                    Files.createDirectories(file.getParent());
                    javax.imageio.ImageIO.write(image, "png", file.toFile());
                }
            }
        }
        for (String model : new String[] {"cnn", "mobilenet-mini"}) {
            Path out = tmp.resolve(model);
            // Batches of 16: enough steps for mobilenet-mini's batch-norm statistics to settle on 108 images.
            ProfileCommandTest.Result trained = ProfileCommandTest.run("train", "--model", model, "--epochs", "4",
                    "--batch", "16", "--data", "folder:" + folder, "--out", out.toString(), "--progress", "none", "--format", "json");
            assertEquals(0, trained.code(), model + ": " + trained.err());
            JsonNode record = JSON.readTree(out.resolve("run.json").toFile());
            assertEquals("[3,32,32]", record.at("/config/data/input_shape").toString(), model);
            assertEquals("[\"colour0\",\"colour1\",\"colour2\"]", record.at("/config/data/class_names").toString());
            assertEquals(3, record.at("/config/data/normalization/mean").size(), "per-channel statistics");
            assertTrue(record.at("/metrics/test_accuracy").asDouble() > 0.5, model + " beats chance (1/3): "
                    + record.get("metrics"));
        }
    }

    private static void assertOneLineNaming(String err, String words) {
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("greendl: ") && err.contains(words), err);
    }
}
