package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** active-learn and prune-data end to end on a tiny fake Fashion-MNIST (learnable bands, 300 + 100 images). */
class SelectCommandsTest {
    @TempDir
    static Path data;

    @TempDir
    Path out;

    @BeforeAll
    static void fakeFashionMnist() throws IOException {
        writeSet("train", 300, 1);
        writeSet("t10k", 100, 2);
    }

    private static void writeSet(String prefix, int n, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            for (int p = 0; p < 784; p++) {
                int y = p / 28;
                pixels[i * 784 + p] = (byte) (r.nextInt(60) + (y >= 2 * c + 4 && y < 2 * c + 7 ? 150 : 0));
            }
        }
        idx(data.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803, new int[] {n, 28, 28}, pixels);
        idx(data.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, new int[] {n}, labels);
    }

    private static void idx(Path file, int magic, int[] dims, byte[] body) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            o.writeInt(magic);
            for (int d : dims) {
                o.writeInt(d);
            }
            o.write(body);
        }
    }

    private record Run(int code, String stdout, String stderr) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(stdout, true));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true)); // progress lines
            CommandLine cl = Cli.commandLine();
            cl.setErr(new PrintWriter(err));
            code = cl.execute(args);
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
        }
        return new Run(code, stdout.toString(), err.toString().strip());
    }

    private String[] activeLearn(String... more) {
        return activeLearnRounds(1, more);
    }

    private String[] activeLearnRounds(int rounds, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("active-learn", "--data", data.toString(), "--model", "mlp",
                "--initial", "20", "--query", "20", "--rounds", String.valueOf(rounds), "--epochs", "1", "--batch",
                "16", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void activeLearnPrintsOneJsonRecordWithACurve() throws Exception {
        Run r = run(activeLearn("--strategy", "margin", "--format", "json"));
        assertEquals(0, r.code(), r.stderr());
        JsonNode record = new ObjectMapper().readTree(r.stdout());
        assertEquals("active-learn", record.get("kind").asText());
        assertEquals("completed", record.get("stop_reason").asText());
        JsonNode curve = record.get("curve");
        assertEquals(2, curve.size());
        assertEquals(40, curve.get(1).get("labels").asInt());
        assertTrue(curve.get(1).get("energy_kwh").asDouble() >= curve.get(0).get("energy_kwh").asDouble());
        assertTrue(record.get("model").get("params").asLong() > 100_000, "mlp has ~235k parameters");
        assertEquals(record, new ObjectMapper().readTree(out.resolve("run.json").toFile()));
        Path labels = out.resolve("late.csv");
        Files.writeString(labels, "id,label\n1,1\n");
        Run late = run(activeLearn("--strategy", "margin", "--import-labels", labels.toString()));
        assertEquals(1, late.code());
        assertEquals("greendl: --import-labels given but no query of " + out + " waits for labels (round 1 is "
                + "labelled already)", late.stderr());
    }

    @Test
    void aNewRunRemovesOnlyItsOwnLearnerFilesAndKeepsTheUsersFiles() throws Exception {
        Path learner = Files.createDirectories(out.resolve("learner"));
        Path notes = Files.writeString(learner.resolve("notes.txt"), "my notes");
        Path mine = Files.createDirectories(learner.resolve("my-models")).resolve("best.params");
        Files.writeString(mine, "keep me");
        Files.writeString(learner.resolve("learner-0000.params"), "a stale learner of an older run");
        Run r = run(activeLearn("--warm-start"));
        assertEquals(0, r.code(), r.stderr());
        assertEquals("my notes", Files.readString(notes));
        assertEquals("keep me", Files.readString(mine));
        assertTrue(Files.size(learner.resolve("learner-0000.params")) > 1000, "the new run saved its own learner");
    }

    @Test
    void aQueryLargerThanThePoolIsOneLineAndExitOne() {
        Run r = run(activeLearnRounds(2, "--pool", "50"));
        assertEquals(1, r.code());
        assertEquals("greendl: query of 20 x 2 rounds after 20 initial labels needs 60 examples but the pool holds 50",
                r.stderr());
        assertTrue(Files.notExists(out.resolve("state.json")), "nothing started");
        Run unknown = run(activeLearn("--strategy", "oracle"));
        assertEquals(2, unknown.code());
        assertTrue(unknown.stderr().startsWith("greendl: unknown strategy 'oracle' (expected one of random,"),
                unknown.stderr());
    }

    @Test
    void labelFileLoopRejectsUnknownIdsAndClassesWithoutTouchingTheState() throws Exception {
        Run first = run(activeLearn("--labels", "file"));
        assertEquals(0, first.code(), first.stderr());
        Path csv = out.resolve("queries/round-00/queries.csv");
        assertTrue(first.stdout().contains("--import-labels " + csv), first.stdout());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(21, lines.size());
        String state = Files.readString(out.resolve("state.json"));

        Path unknownId = out.resolve("unknown-id.csv");
        Files.writeString(unknownId, "id,label\n123456,1\n");
        Run bad = run(activeLearn("--import-labels", unknownId.toString()));
        assertEquals(1, bad.code());
        assertEquals("greendl: id 123456 was not queried in round 0 (expected one of its 20 ids)", bad.stderr());
        assertEquals(state, Files.readString(out.resolve("state.json")));

        Path unknownClass = out.resolve("unknown-class.csv");
        Files.writeString(unknownClass, "id,label\n" + lines.get(1).split(",")[0] + ",Hat\n");
        bad = run(activeLearn("--import-labels", unknownClass.toString()));
        assertEquals(1, bad.code());
        assertTrue(bad.stderr().startsWith("greendl: " + unknownClass + " line 2: class 'Hat' is unknown"), bad.stderr());
        assertEquals(1, bad.stderr().lines().count());
        assertEquals(state, Files.readString(out.resolve("state.json")));

        // Correct labels (a class name for the first, indices for the rest) move the loop on to round 1.
        StringBuilder answers = new StringBuilder("id,image,label\n");
        for (String line : lines.subList(1, lines.size())) {
            int id = Integer.parseInt(line.split(",")[0]);
            answers.append(line).append(id % 10).append('\n');
        }
        Files.writeString(csv, answers.toString());
        Run good = run(activeLearn("--import-labels", csv.toString()));
        assertEquals(0, good.code(), good.stderr());
        assertTrue(Files.isRegularFile(out.resolve("queries/round-01/queries.csv")));
        JsonNode record = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("waiting-for-labels", record.get("stop_reason").asText());
        assertEquals(1, record.get("curve").size());

        // Importing the same file again: its ids belong to round 0, the pending query is round 1's.
        Run again = run(activeLearn("--import-labels", csv.toString()));
        assertEquals(1, again.code());
        assertTrue(again.stderr().startsWith("greendl: id ") && again.stderr().contains("was not queried in round 1"),
                again.stderr());
    }

    @Test
    void pruneDataKeepsHalfAndReportsScoringEnergyInTheTotal() throws Exception {
        Run r = run("prune-data", "--data", data.toString(), "--model", "mlp", "--epochs", "1", "--batch", "16",
                "--score", "el2n", "--keep", "0.5", "--out", out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.stderr());
        JsonNode record = new ObjectMapper().readTree(r.stdout());
        assertEquals("prune-data", record.get("kind").asText());
        assertEquals(150, record.get("pruning").get("kept").asInt());
        JsonNode e = record.get("energy");
        assertEquals(e.get("scoring_kwh").asDouble() + e.get("train_kwh").asDouble(), e.get("total_kwh").asDouble(),
                1e-12);
        assertTrue(record.get("pruning").has("full_test_accuracy"));
        Run bad = run("prune-data", "--data", data.toString(), "--keep", "1.5", "--out", out.toString());
        assertEquals(2, bad.code());
        assertEquals("greendl: --keep must be in (0, 1], got 1.5", bad.stderr());
    }

    @Test
    void pruneDataPoliciesAreRecordedAndAnUnknownOneIsOneLine() throws Exception {
        Run r = run("prune-data", "--data", data.toString(), "--model", "mlp", "--epochs", "1", "--batch", "16",
                "--score", "el2n", "--keep", "0.5", "--policy", "stratified", "--class-balanced", "--score-runs", "2",
                "--score-every-epoch", "--score-epochs", "2", "--skip-hardest", "0.05", "--augment", "crop,flip",
                "--no-baseline", "--out", out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.stderr());
        JsonNode record = new ObjectMapper().readTree(r.stdout());
        assertEquals("stratified", record.get("config").get("policy").asText());
        assertTrue(record.get("config").get("class_balanced").asBoolean());
        assertEquals(2, record.get("config").get("score_runs").asInt());
        assertEquals("crop,flip", record.get("config").get("augment").asText());
        assertEquals(150, record.get("pruning").get("kept").asInt(), "15 of each of the 10 classes");
        Run bad = run("prune-data", "--data", data.toString(), "--policy", "middle", "--out", out.toString());
        assertEquals(2, bad.code());
        assertEquals("greendl: unknown --policy 'middle' (expected one of hardest, easiest, stratified)", bad.stderr());
        Run mixing = run("prune-data", "--data", data.toString(), "--augment", "mixup", "--out", out.toString());
        assertEquals(2, mixing.code());
        assertEquals("greendl: --augment mixup mixes labels; data pruning supports per-image augmentations only "
                + "(crop, flip, cutout)", mixing.stderr());
    }

    @Test
    void curriculumWritesItsRecordAndTheScratchOneWithEpochCurves() throws Exception {
        Run r = run("curriculum", "--data", data.toString(), "--model", "mlp", "--epochs", "3", "--batch", "16",
                "--pacing", "step", "--start", "0.25", "--ramp-epochs", "2", "--out", out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.stderr());
        JsonNode record = new ObjectMapper().readTree(r.stdout());
        assertEquals("curriculum", record.get("kind").asText());
        assertEquals(3, record.get("epochs").size());
        assertEquals(75, record.get("epochs").get(0).get("examples").asInt());
        assertTrue(record.get("epochs").get(2).get("test_accuracy").isNumber());
        JsonNode e = record.get("energy");
        assertEquals(e.get("preparation_kwh").asDouble() + e.get("train_kwh").asDouble(), e.get("total_kwh").asDouble(),
                1e-12);
        assertEquals("scoring", record.get("preparation").get("what").asText());
        JsonNode scratch = new ObjectMapper().readTree(out.resolve("scratch/run.json").toFile());
        assertEquals("train", scratch.get("kind").asText());
        assertEquals(3, scratch.get("epochs").size());
        assertEquals(scratch.get("metrics").get("test_accuracy").asDouble(),
                record.get("comparison").get("baseline_test_accuracy").asDouble(), 1e-12);
        Run bad = run("curriculum", "--data", data.toString(), "--pacing", "cosine", "--out", out.toString());
        assertEquals(2, bad.code());
        assertEquals("greendl: unknown pacing 'cosine' (expected linear or step)", bad.stderr());
    }

    @Test
    void transferPretrainsOnSomeClassesAndComparesWithScratch() throws Exception {
        Run r = run("transfer", "--data", data.toString(), "--model", "mlp", "--pretrain-classes", "0-4",
                "--pretrain-epochs", "1", "--epochs", "2", "--batch", "16", "--target-size", "60", "--out",
                out.toString(), "--format", "json");
        assertEquals(0, r.code(), r.stderr());
        JsonNode record = new ObjectMapper().readTree(r.stdout());
        assertEquals("transfer", record.get("kind").asText());
        assertEquals("reset", record.get("config").get("head").asText());
        assertEquals(150, record.get("config").get("source_examples").asInt());
        assertEquals(60, record.get("config").get("target_examples").asInt());
        assertEquals(50, record.get("config").get("test_examples").asInt(), "test images of classes 5-9 only");
        assertEquals(150, record.get("preparation").get("examples").asInt());
        assertEquals(2, record.get("epochs").size());
        assertTrue(out.resolve("scratch/run.json").toFile().isFile());
        Run tooBig = run("transfer", "--data", data.toString(), "--model", "mlp", "--pretrain-fraction", "0.5",
                "--target-size", "1000", "--out", out.toString());
        assertEquals(1, tooBig.code());
        assertEquals("greendl: --target-size 1000 is larger than the target set (150 examples)", tooBig.stderr());
        Run both = run("transfer", "--data", data.toString(), "--pretrain-fraction", "0.5", "--pretrain-classes",
                "0-4", "--out", out.toString());
        assertEquals(2, both.code());
        Run badClasses = run("transfer", "--data", data.toString(), "--pretrain-classes", "0-10", "--out",
                out.toString());
        assertEquals(2, badClasses.code());
        assertTrue(badClasses.stderr().startsWith("greendl: --pretrain-classes '0-10' is not a class list"),
                badClasses.stderr());
    }
}
