package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code greendl search --engine spark}: the trials as Spark tasks, energy per host in search.json. */
class SearchSparkCommandTest {
    @TempDir Path dir;

    private String run(int expectedCode, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(expectedCode, cl.execute(args), err.toString());
        return err.toString().strip();
    }

    private Path space() throws Exception {
        return Files.writeString(dir.resolve("space.json"),
                "{\"model\": \"mlp\", \"max_epochs\": 1, \"params\": {\"lr\": [0.05, 0.1], \"batch\": [32]}}");
    }

    @Test
    void anUnreachableMasterIsOneLineAndExitOne() throws Exception {
        String err = run(1, "search", "--space", space().toString(), "--method", "grid", "--engine", "spark",
                "--master", "spark://127.0.0.1:1", "--out", dir.resolve("out").toString());
        assertTrue(err.startsWith("greendl: cannot reach Spark master URL: spark://127.0.0.1:1"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void anUnknownEngineOrAMasterWithoutSparkIsBadUsage() throws Exception {
        String err = run(2, "search", "--space", space().toString(), "--engine", "ray");
        assertTrue(err.contains("unknown --engine 'ray'"), err);
        err = run(2, "search", "--space", space().toString(), "--master", "local[2]");
        assertTrue(err.contains("--master goes with --engine spark"), err);
    }

    @Test
    void aGridOnLocalSparkWritesEnergyPerHost() throws Exception {
        Path bars = dir.resolve("bars");
        BarsIdx.write(bars, 60, 30);
        Path out = dir.resolve("search");
        run(0, "search", "--space", space().toString(), "--method", "grid", "--data", "idx:" + bars, "--engine",
                "spark", "--master", "local[2]", "--threads", "1", "--out", out.toString());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("search.json").toFile());
        assertEquals(2, summary.get("trials").size(), summary.toString());
        assertEquals(1, summary.get("energy_per_host").size(), summary.toString());
        String host = summary.get("trials").get(0).get("host").asText();
        assertEquals(summary.get("total_energy_kwh").asDouble(), summary.get("energy_per_host").get(host).asDouble(),
                1e-15);
        assertTrue(summary.get("best").get("metrics").has("test_accuracy"), summary.toString());
    }

    @Test
    void aTrialThatFailsIsOneLineAndTheRecordNamesItWithItsReason() throws Exception {
        Path bars = dir.resolve("bars-sh");
        BarsIdx.write(bars, 60, 30);
        Path space = Files.writeString(dir.resolve("sh-space.json"),
                "{\"model\": \"mlp\", \"max_epochs\": 3, \"params\": {\"lr\": [0.05, 0.1, 0.2]}}");
        Path out = dir.resolve("sh");
        String[] search = {"search", "--space", space.toString(), "--method", "sh", "--eta", "3", "--data",
                "idx:" + bars, "--engine", "spark", "--master", "local[2]", "--threads", "1", "--out", out.toString()};
        run(0, search);
        // The 1-epoch rung stays journalled, but its run folders (the checkpoints the 3-epoch trial continues) are
        // gone, as on an executor whose shared filesystem lost them: rerun, the top rung's trial fails wherever it runs.
        Path journal = out.resolve("trials.jsonl");
        ObjectMapper json = new ObjectMapper();
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode n = json.readTree(line);
            if (n.get("epochs").asInt() == 1) {
                kept.add(line);
                deleteTree(Path.of(n.get("run_dir").asText()));
            }
        }
        assertEquals(3, kept.size(), kept.toString());
        Files.write(journal, kept);
        String err = run(1, search);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("greendl: the Spark job failed after 0 of 1 trial(s): trial "), err);
        JsonNode record = json.readTree(out.resolve("search.json").toFile());
        assertEquals("failed", record.get("status").asText(), record.toString());
        JsonNode failed = record.get("failed_attempts");
        assertTrue(failed.size() >= 1, record.toString());
        for (JsonNode f : failed) {
            assertEquals("failed", f.get("kind").asText(), failed.toString());
            assertEquals(3, f.get("epochs").asInt(), failed.toString());
            // The host as the trials' records name it (Spark's own address for it beside it).
            assertTrue(err.contains("trial " + f.get("trial").asText() + " failed on " + f.get("host").asText() + ": "),
                    err + " / " + failed);
            assertTrue(f.hasNonNull("spark_host"), failed.toString());
            assertTrue(f.get("reason").asText().length() > 0 && err.contains(f.get("reason").asText()),
                    err + " / " + failed);
        }
        assertEquals(3, record.get("trials").size(), "the finished rung is kept beside the failure: " + record);
    }

    private static void deleteTree(Path p) throws java.io.IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
