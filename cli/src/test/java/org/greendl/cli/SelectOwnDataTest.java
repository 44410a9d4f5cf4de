package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four data-selection commands on the user's own data: three classes of 12x12 bars in IDX files
 * ({@link BarsIdx#write}), read with {@code --data idx:DIR}; each run record names the data and
 * sizes the model by it (three classes, 144 inputs).
 */
class SelectOwnDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** mlp on 1x12x12 with 3 classes: 144-256-128-3. */
    private static final long MLP_PARAMS = 144 * 256 + 256 + 256 * 128 + 128 + 128 * 3 + 3;

    @TempDir static Path data;
    @TempDir Path out;

    @BeforeAll
    static void bars() throws IOException {
        BarsIdx.write(data, 150, 60);
    }

    private static String spec() {
        return "idx:" + data;
    }

    private static JsonNode record(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** config.dataset and config.data name the idx data: 1x12x12, three classes. */
    private static void assertOwnData(JsonNode record) {
        JsonNode config = record.get("config");
        assertEquals(spec(), config.get("dataset").asText(), config.toString());
        JsonNode d = config.get("data");
        assertEquals(spec(), d.get("spec").asText());
        assertEquals("[1,12,12]", d.get("input_shape").toString());
        assertEquals(3, d.get("class_names").size());
        assertTrue(d.hasNonNull("fingerprint"), d.toString());
    }

    @Test
    void activeLearnRunsOnIdxData() throws Exception {
        ProfileCommandTest.Result r = ProfileCommandTest.run("active-learn", "--data", spec(), "--model", "mlp",
                "--initial", "30", "--query", "30", "--rounds", "1", "--epochs", "2", "--batch", "16",
                "--out", out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode record = record(out.resolve("run.json"));
        assertEquals("active-learn", record.get("kind").asText());
        assertEquals("completed", record.get("stop_reason").asText());
        assertEquals(2, record.get("curve").size());
        assertEquals(60, record.get("curve").get(1).get("labels").asInt());
        assertEquals(60, record.get("config").get("test_examples").asInt());
        assertEquals(150, record.get("config").get("pool").asInt());
        assertEquals(MLP_PARAMS, record.get("model").get("params").asLong(), "the head scores 3 classes");

        // Resuming on other data of the same shape would mix two pools: refused in one line.
        Path other = out.resolveSibling(out.getFileName() + "-other-bars");
        BarsIdx.write(other, 151, 60);
        ProfileCommandTest.Result resumed = ProfileCommandTest.run("active-learn", "--data", "idx:" + other, "--model",
                "mlp", "--initial", "30", "--query", "30", "--rounds", "1", "--epochs", "2", "--batch", "16", "--out",
                out.toString());
        assertEquals(1, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("would mix two pools") && resumed.err().lines().count() == 1, resumed.err());
        assertOwnData(record);
    }

    @Test
    void activeLearnExportsQueriesOfOwnImagesAsPngs() throws Exception {
        ProfileCommandTest.Result r = ProfileCommandTest.run("active-learn", "--data", spec(), "--model", "mlp",
                "--initial", "30", "--query", "5", "--rounds", "1", "--epochs", "1", "--batch", "16",
                "--labels", "file", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("waiting-for-labels", record(out.resolve("run.json")).get("stop_reason").asText());
        try (Stream<Path> files = Files.walk(out.resolve("queries"))) {
            // The initial random set is the first query a person labels.
            assertEquals(30, files.filter(p -> p.toString().endsWith(".png")).count());
        }
    }

    @Test
    void pruneDataRunsOnIdxData() throws Exception {
        ProfileCommandTest.Result r = ProfileCommandTest.run("prune-data", "--data", spec(), "--model", "mlp",
                "--epochs", "1", "--batch", "16", "--score", "el2n", "--keep", "0.5", "--augment", "flip",
                "--out", out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode record = record(out.resolve("run.json"));
        assertEquals("prune-data", record.get("kind").asText());
        assertEquals(75, record.get("pruning").get("kept").asInt());
        assertEquals(150, record.get("pruning").get("of").asInt());
        assertEquals(MLP_PARAMS, record.get("model").get("params").asLong());
        assertOwnData(record);
    }

    @Test
    void curriculumRunsOnIdxDataWithAConvolutionalModel() throws Exception {
        ProfileCommandTest.Result r = ProfileCommandTest.run("curriculum", "--data", spec(), "--model", "cnn",
                "--epochs", "2", "--batch", "16", "--pacing", "step", "--start", "0.5", "--ramp-epochs", "1",
                "--score-epochs", "1", "--out", out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode record = record(out.resolve("run.json"));
        assertEquals("curriculum", record.get("kind").asText());
        assertEquals(2, record.get("epochs").size());
        assertOwnData(record);
        JsonNode scratch = record(out.resolve("scratch").resolve("run.json"));
        assertOwnData(scratch);
        assertEquals(record.get("model").get("params"), scratch.get("model").get("params"));
    }

    @Test
    void transferRunsOnIdxDataAcrossItsClasses() throws Exception {
        ProfileCommandTest.Result r = ProfileCommandTest.run("transfer", "--data", spec(), "--model", "mlp",
                "--pretrain-classes", "0", "--pretrain-epochs", "1", "--epochs", "1", "--batch", "16",
                "--out", out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode record = record(out.resolve("run.json"));
        assertEquals("transfer", record.get("kind").asText());
        assertEquals(50, record.get("config").get("source_examples").asInt());
        assertEquals(100, record.get("config").get("target_examples").asInt());
        assertEquals(40, record.get("config").get("test_examples").asInt());
        assertEquals(MLP_PARAMS, record.get("model").get("params").asLong());
        assertOwnData(record);
        assertOwnData(record(out.resolve("scratch").resolve("run.json")));

        ProfileCommandTest.Result tooMany = ProfileCommandTest.run("transfer", "--data", spec(), "--model", "mlp",
                "--pretrain-classes", "0-4", "--out", out.resolve("bad").toString());
        assertEquals(2, tooMany.code(), tooMany.err());
        assertOneLine(tooMany.err(), "within 0-2");
    }

    @Test
    void missingDataAndAModelThatCannotTakeItAreOneLineAndWriteNothing() {
        for (String command : new String[] {"active-learn", "prune-data", "curriculum", "transfer"}) {
            String[] args = command.equals("transfer")
                    ? new String[] {command, "--data", "csv:/nonexistent.csv", "--pretrain-classes", "0",
                        "--out", out.toString()}
                    : new String[] {command, "--data", "csv:/nonexistent.csv", "--out", out.toString()};
            ProfileCommandTest.Result r = ProfileCommandTest.run(args);
            assertTrue(r.code() == 1 || r.code() == 2, command + ": " + r.code() + " " + r.err());
            assertOneLine(r.err(), "nonexistent.csv");
        }
        ProfileCommandTest.Result r = ProfileCommandTest.run("prune-data", "--data", spec(), "--model", "resnet18",
                "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertOneLine(r.err(), "resnet18");
        assertFalse(Files.exists(out.resolve("run.json")));
    }

    private static void assertOneLine(String err, String words) {
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("greendl: ") && err.contains(words), err);
    }
}
