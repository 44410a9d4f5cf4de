package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.greendl.data.FashionMnist;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.nn.zoo.Recipe;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greendl train} and {@code greendl evaluate}: a quick real run, and every kind of bad input. */
class TrainCommandTest {
    

    @TempDir Path tmp;

    private static ProfileCommandTest.Result run(String... args) {
        return ProfileCommandTest.run(args);
    }

    @Test
    void quickRunWritesRecordModelAndEmissionsThenEvaluates() throws Exception {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        Path out = tmp.resolve("mlp");
        ProfileCommandTest.Result r = run("train", "--model", "mlp", "--epochs", "1", "--limit", "512", "--batch", "64",
                "--data", real.toString(), "--out", out.toString(), "--progress", "none", "--country", "FRA",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode record = new ObjectMapper().readTree(r.out());
        assertEquals("completed", record.get("stop_reason").asText());
        assertEquals("mlp", record.get("model").get("name").asText());
        assertTrue(record.get("metrics").get("test_accuracy").asDouble() > 0.5, r.out());
        assertEquals("FRA", record.get("emissions").get("country_iso_code").asText());
        assertEquals(1, record.get("epochs").size());
        assertTrue(record.get("model").get("macs").asLong() > 0);
        Recipe recipe = ModelZoo.recipe("mlp");
        assertEquals(recipe.learningRate(), record.at("/config/learning_rate").asDouble(), 1e-12,
                "no --lr given: the zoo recipe's");
        assertTrue(record.at("/config/recipe").asText().startsWith("zoo recipe of mlp (" + recipe.describe()),
                record.at("/config/recipe").asText());
        for (String f : new String[] {"run.json", "emissions.csv", "model.json", "model.params", "checkpoint.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        ProfileCommandTest.Result e = run("evaluate", out.toString(), "--data", real.toString(), "--format", "json");
        assertEquals(0, e.code(), e.err());
        JsonNode eval = new ObjectMapper().readTree(e.out());
        assertEquals(record.get("metrics").get("test_accuracy").asDouble(), eval.get("test_accuracy").asDouble(),
                1e-9, "a saved and reloaded model must score what the run recorded");
    }

    @Test
    void unknownDatasetOrModelIsUsage() {
        ProfileCommandTest.Result d = run("train", "--model", "cnn", "--dataset", "cifar-10");
        assertEquals(2, d.code());
        assertEquals("greendl: unknown data spec 'cifar-10'; expected fashion-mnist, idx:DIR, folder:DIR, csv:FILE,"
                + " npz:FILE or text:FILE", d.err());
        ProfileCommandTest.Result m = run("train", "--model", "nope");
        assertEquals(2, m.code());
        assertTrue(m.err().startsWith("greendl: ") && m.err().contains("nope"), m.err());
        ProfileCommandTest.Result a = run("train", "--model", "mlp", "--augment", "rotate");
        assertEquals(2, a.code());
        assertTrue(a.err().contains("unknown augmentation 'rotate'"), a.err());
    }

    @Test
    void corruptedOrTruncatedIdxNamesTheFile() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("bad"));
        for (String name : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
            gzip(data.resolve(name + ".gz"), new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2, 3, 4, 5});
        }
        Path out = tmp.resolve("out");
        ProfileCommandTest.Result r = run("train", "--model", "mlp", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, r.code());
        assertEquals("greendl: " + data.resolve("train-images-idx3-ubyte.gz")
                + ": expected an IDX file with 3 dimension(s) (magic 0x00000803), found 1", r.err());
        assertFalse(Files.exists(out.resolve("run.json")), "nothing that looks like a finished run");
        gzip(data.resolve("train-images-idx3-ubyte.gz"), new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 7});
        ProfileCommandTest.Result t = run("train", "--model", "mlp", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, t.code());
        assertTrue(t.err().contains("train-images-idx3-ubyte.gz: truncated: header declares 1568 data bytes, found 1"),
                t.err());
    }

    @Test
    void resumeFromSomethingElseAndUnwritableOutputFail() throws IOException {
        Path notCheckpoint = Files.createDirectories(tmp.resolve("plain"));
        ProfileCommandTest.Result r = run("train", "--model", "mlp", "--resume", notCheckpoint.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("greendl: " + notCheckpoint + ": not a greendl checkpoint (expected"), r.err());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        ProfileCommandTest.Result w = run("train", "--model", "mlp", "--out", file.resolve("run").toString());
        assertEquals(1, w.code());
        assertTrue(w.err().startsWith("greendl: " + file.resolve("run") + ": cannot create or write"), w.err());
        ProfileCommandTest.Result e = run("evaluate", notCheckpoint.toString());
        assertEquals(2, e.code(), "not a model folder: a bad argument, as in export and bench");
        assertTrue(e.err().contains("not a greendl model folder, run.json is missing"), e.err());
    }

    private static void gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }
}
