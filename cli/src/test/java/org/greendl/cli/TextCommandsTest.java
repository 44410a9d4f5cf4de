package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * text:FILE through train, evaluate, export and infer with bag-of-embeddings, a text-transformer pruned by heads and
 * feed-forward width, and the one-line refusals.
 */
class TextCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    /** Three sections, each with words of its own: 30 texts each. */
    private Path sections() throws Exception {
        String[][] words = {{"game", "play", "cards", "puzzle", "arcade"}, {"library", "shared", "runtime", "api",
            "bindings"}, {"documentation", "manual", "html", "guide", "reference"}};
        String[] names = {"games", "libs", "doc"};
        StringBuilder s = new StringBuilder("label\ttext\n");
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 30; i++) {
            for (int c = 0; c < 3; c++) {
                s.append(names[c]).append('\t').append("the ").append(words[c][r.nextInt(5)]).append(" and ")
                        .append(words[c][r.nextInt(5)]).append(" for x").append(r.nextInt(1000)).append('\n');
            }
        }
        return Files.writeString(tmp.resolve("sections.tsv"), s.toString());
    }

    @Test
    void bagOfEmbeddingsTrainsEvaluatesExportsAndInfersOnText() throws Exception {
        Path data = sections();
        Path model = tmp.resolve("bag");
        ProfileCommandTest.Result trained = ProfileCommandTest.run("train", "--model", "bag-of-embeddings",
                "--data", "text:" + data, "--tokenizer", "bpe", "--vocabulary", "200", "--sequence-length", "p90",
                "--epochs", "15", "--lr", "0.05", "--batch", "16", "--out", model.toString(), "--progress", "none",
                "--format", "json");
        assertEquals(0, trained.code(), trained.err());
        assertTrue(Files.isRegularFile(model.resolve("tokenizer.json")));
        JsonNode text = JSON.readTree(model.resolve("run.json").toFile()).get("config").get("data").get("text");
        assertEquals("bpe", text.get("tokenizer").asText());
        assertEquals("training-split", text.get("source").asText());
        assertTrue(text.get("vocabulary").asInt() <= 200);

        ProfileCommandTest.Result evaluated = ProfileCommandTest.run("evaluate", model.toString(), "--format", "json");
        assertEquals(0, evaluated.code(), evaluated.err());
        JsonNode e = JSON.readTree(evaluated.out());
        assertEquals(18, e.get("examples").asInt());
        assertEquals(e.get("recorded_test_accuracy").asDouble(), e.get("test_accuracy").asDouble(), 1e-6);
        assertTrue(e.get("test_accuracy").asDouble() > 0.8, "each section has words of its own: " + e);

        Path onnx = tmp.resolve("bag.onnx");
        ProfileCommandTest.Result x = ProfileCommandTest.run("export", model.toString(), "--out", onnx.toString(),
                "--format", "json");
        assertEquals(0, x.code(), x.err());
        JsonNode report = JSON.readTree(x.out());
        assertTrue(report.get("parity").get("max_abs_diff").asDouble() <= 1e-4, report.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("bag.onnx.tokenizer.json")));
        ProfileCommandTest.Result inferred = ProfileCommandTest.run("infer", onnx.toString(), "--data", "text:" + data,
                "--threads", "1", "--format", "json");
        assertEquals(0, inferred.code(), inferred.err());
        assertEquals(e.get("test_accuracy").asDouble(),
                JSON.readTree(inferred.out()).get("metrics").get("test_accuracy").asDouble(), 1e-6);
    }

    @Test
    void refusalsAreOneLine() throws Exception {
        Path data = sections();
        ProfileCommandTest.Result cnn = ProfileCommandTest.run("train", "--model", "cnn", "--data", "text:" + data,
                "--epochs", "1", "--out", tmp.resolve("cnn").toString(), "--progress", "none");
        assertEquals(2, cnn.code());
        assertTrue(cnn.err().contains("model 'cnn' cannot take") && cnn.err().contains("not token ids"), cnn.err());
        assertFalse(cnn.err().strip().contains("\n"), cnn.err());

        Path noColumn = Files.writeString(tmp.resolve("n.tsv"), "section\tdescription\ngames\tcards\n");
        ProfileCommandTest.Result missing = ProfileCommandTest.run("train", "--model", "bag-of-embeddings", "--data",
                "text:" + noColumn, "--epochs", "1", "--out", tmp.resolve("n").toString(), "--progress", "none");
        assertEquals(1, missing.code());
        assertEquals("greendl: " + noColumn + ": line 1: no column 'text' in the header (columns: section,"
                + " description); name the text column with --text-column", missing.err().strip());

        Path onnxWithout = tmp.resolve("other.onnx");
        Files.write(onnxWithout, new byte[] {1, 2, 3});
        ProfileCommandTest.Result infer = ProfileCommandTest.run("infer", onnxWithout.toString(), "--data",
                "text:" + data);
        assertEquals(2, infer.code());
        assertTrue(infer.err().contains("has no other.onnx.tokenizer.json beside it"), infer.err());
    }

    @Test
    void pruneRemovesHeadsAndFeedForwardUnitsOfATextTransformer() throws Exception {
        Path data = sections();
        Path model = tmp.resolve("tt");
        ProfileCommandTest.Result trained = ProfileCommandTest.run("train", "--model", "text-transformer",
                "--option", "width=16", "--option", "heads=4", "--option", "mlp=32", "--data", "text:" + data,
                "--vocabulary", "100", "--epochs", "2", "--lr", "0.01", "--batch", "16", "--out", model.toString(),
                "--progress", "none", "--format", "json");
        assertEquals(0, trained.code(), trained.err());
        long params = JSON.readTree(model.resolve("run.json").toFile()).at("/model/params").asLong();

        Path pruned = tmp.resolve("tt-heads");
        ProfileCommandTest.Result p = ProfileCommandTest.run("prune", model.toString(), "--heads", "0.5", "--ffn",
                "0.25", "--fine-tune-epochs", "1", "--batch", "16", "--out", pruned.toString(), "--progress", "none",
                "--format", "json");
        assertEquals(0, p.code(), p.err());
        JsonNode r = JSON.readTree(pruned.resolve("run.json").toFile());
        assertEquals("prune", r.get("kind").asText());
        assertEquals("text-transformer-heads", r.at("/model/name").asText());
        JsonNode c = r.get("config");
        assertEquals(2, c.get("heads_removed_per_encoder").asInt());
        assertEquals(8, c.get("ffn_units_removed_per_encoder").asInt());
        assertEquals("encoder-0=2/4h,24/32ffn encoder-1=2/4h,24/32ffn", c.get("kept_heads").asText());
        // Half the heads of the same size: half the Q/K/V and output projections and half the token mixing.
        assertEquals(0.5, c.get("attention_macs_removed").asDouble(), 1e-9);
        assertTrue(r.at("/model/params").asLong() < params, r.at("/model").toString());
        assertTrue(Files.isRegularFile(pruned.resolve("tokenizer.json")), "the tokenizer travels with the model");

        ProfileCommandTest.Result evaluated = ProfileCommandTest.run("evaluate", pruned.toString(), "--format",
                "json");
        assertEquals(0, evaluated.code(), evaluated.err());
        assertEquals(r.at("/metrics/test_accuracy").asDouble(),
                JSON.readTree(evaluated.out()).get("test_accuracy").asDouble(), 1e-6, "the pruned model reloads");

        ProfileCommandTest.Result all = ProfileCommandTest.run("prune", model.toString(), "--heads", "0.9", "--out",
                tmp.resolve("none").toString(), "--progress", "none");
        assertEquals(1, all.code());
        assertEquals("greendl: a head ratio of 0.9 removes all 4 heads per encoder: at least one must stay",
                all.err().strip());
        ProfileCommandTest.Result both = ProfileCommandTest.run("prune", model.toString(), "--heads", "0.5",
                "--structured", "--out", tmp.resolve("none").toString());
        assertEquals(2, both.code());
        assertEquals("greendl: --heads/--ffn and --structured are different prune modes: give one",
                both.err().strip());
    }

    @Test
    void emptyAndLongTextsAreCountedAndAnUnknownTestLabelIsOneLine() throws Exception {
        Path data = sections();
        String rows = Files.readString(data);
        // Two empty texts, and one far longer than the 4 tokens the model takes.
        Path odd = Files.writeString(tmp.resolve("odd.tsv"), rows + "games\t \nlibs\t\ndoc\t"
                + "the manual ".repeat(40) + "\n");
        Path model = tmp.resolve("bag4");
        ProfileCommandTest.Result trained = ProfileCommandTest.run("train", "--model", "bag-of-embeddings",
                "--data", "text:" + odd, "--sequence-length", "4", "--epochs", "1", "--out", model.toString(),
                "--progress", "none", "--format", "json");
        assertEquals(0, trained.code(), trained.err());
        JsonNode text = JSON.readTree(model.resolve("run.json").toFile()).at("/config/data/text");
        assertEquals(2, text.get("empty_skipped").asInt(), text.toString());
        assertEquals(4, text.get("sequence_length").asInt());
        // "the x and y for xN" is 6 words, so every text is cut to 4, the long one too: all are counted.
        assertEquals(91, text.get("truncated").asInt(), text.toString());
        assertEquals(80, text.get("longest").asInt(), text.toString());

        Path unknown = Files.writeString(tmp.resolve("unknown.tsv"), rows + "science\tstars and planets\n");
        ProfileCommandTest.Result evaluated = ProfileCommandTest.run("evaluate", model.toString(), "--data",
                "text:" + unknown);
        assertEquals(1, evaluated.code(), evaluated.err());
        assertEquals("greendl: " + unknown + ": line 92: label 'science' is not one of the 3 classes the tokenizer "
                + model.resolve("tokenizer.json") + " was made with (doc, games, libs)", evaluated.err().strip());
    }
}
