package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.data.FashionMnist;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.nn.spec.ModelSpec;
import org.greendl.testing.OutsideMaven;
import org.greendl.train.ModelStore;
import org.greendl.train.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-written model spec with required fields only: trained, saved, reloaded, compressed, searched, exported. */
class UserSpecCommandsTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "small-cnn.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void aUserSpecTrainsSavesReloadsAndCompresses() throws Exception {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        Path spec = Files.copy(EXAMPLE, tmp.resolve("small-cnn.json"));
        Path out = tmp.resolve("trained");
        ProfileCommandTest.Result r = ProfileCommandTest.run("train", "--model", spec.toString(), "--epochs", "1",
                "--limit", "256", "--data", real.toString(), "--out", out.toString(), "--progress", "none",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode record = JSON.readTree(r.out());
        assertEquals("small-cnn", record.at("/model/name").asText());
        assertEquals(spec.toString(), record.at("/config/model_spec").asText());
        assertTrue(record.at("/config/recipe").asText().startsWith("default recipe for a model spec"),
                record.at("/config/recipe").asText());

        JsonNode saved = JSON.readTree(out.resolve(ModelStore.ARCHITECTURE).toFile());
        assertEquals("[1,28,28]", saved.get("input").toString());
        assertEquals(10, saved.get("classes").asInt());
        ModelSpec written = ModelSpec.parse(Files.readString(spec));
        try (SavedModel m = ModelStore.load(out)) {
            assertEquals(written.input(), m.spec().input());
            assertEquals(BlockSpecs.toJson(written.build()), BlockSpecs.toJson(ModelSpec.of(m.block(), null, null)
                    .build()), "the saved architecture is the one written by hand");
        }

        for (String[] verb : new String[][] {
                {"prune", out.toString(), "--sparsity", "0.5", "--fine-tune-epochs", "1"},
                {"factorize", out.toString(), "--rank-ratio", "0.1", "--conv", "--fine-tune-epochs", "1"},
                {"fine-tune", out.toString(), "--epochs", "1"},
                {"qat", out.toString(), "--epochs", "1"},
                {"distill", "--teacher", out.toString(), "--student", spec.toString(), "--epochs", "1"}}) {
            Path dest = tmp.resolve(verb[0]);
            String[] args = new String[verb.length + 10];
            System.arraycopy(verb, 0, args, 0, verb.length);
            System.arraycopy(new String[] {"--out", dest.toString(), "--data", real.toString(), "--limit", "128",
                    "--progress", "none", "--format", "json"}, 0, args, verb.length, 10);
            ProfileCommandTest.Result c = ProfileCommandTest.run(args);
            assertEquals(0, c.code(), verb[0] + ": " + c.err());
            try (SavedModel m = ModelStore.load(dest)) {
                assertEquals(written.input(), m.spec().input(), verb[0]);
                assertEquals(record.get("id").asText(), m.record().parent(), verb[0]);
            }
        }

        Path onnx = tmp.resolve("model.onnx");
        ProfileCommandTest.Result e = ProfileCommandTest.run("export", out.toString(), "--out", onnx.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(Files.size(onnx) > 0);

        ProfileCommandTest.Result p = ProfileCommandTest.run("profile", spec.toString(), "--format", "json");
        assertEquals(0, p.code(), "the spec's input is the default: " + p.err());
    }

    @Test
    void aSearchSpaceMayNameASpecFile() throws Exception {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        Path spec = Files.copy(EXAMPLE, tmp.resolve("small-cnn.json"));
        Path space = Files.writeString(tmp.resolve("space.json"), "{\"model\": " + JSON.writeValueAsString(
                spec.toString()) + ", \"max_epochs\": 1, \"params\": {\"lr\": [0.001]}}");
        Path out = tmp.resolve("search");
        ProfileCommandTest.Result r = ProfileCommandTest.run("search", "--space", space.toString(), "--method", "grid",
                "--limit", "128", "--data", real.toString(), "--out", out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode summary = JSON.readTree(out.resolve("search.json").toFile());
        assertEquals(1, summary.get("trials").size());
    }

    @Test
    void aBadSpecIsOneUsageLineNamingTheFileAndThePath() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.json"), Files.readString(EXAMPLE).replace("\"conv2d\", \"filters\""
                + ": 32", "\"conv3d\", \"filters\": 32"));
        for (String verb : new String[] {"train", "bench"}) {
            ProfileCommandTest.Result r = ProfileCommandTest.run(verb, "--model", bad.toString(), "--out",
                    tmp.resolve(verb).toString());
            assertEquals(2, r.code(), verb + ": " + r.err());
            assertTrue(r.err().startsWith("greendl: " + bad + ": layers[3].type: unknown layer \"conv3d\" (known: "),
                    r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
        Path wrongShape = Files.writeString(tmp.resolve("rgb.json"), Files.readString(EXAMPLE).replace("[1, 28, 28]",
                "[3, 32, 32]"));
        ProfileCommandTest.Result r = ProfileCommandTest.run("train", "--model", wrongShape.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("greendl: " + wrongShape + ": input: the spec is for [3, 32, 32], the data has [1, 28, 28]",
                r.err());
    }
}
