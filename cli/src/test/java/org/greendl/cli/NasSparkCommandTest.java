package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code greendl nas --engine spark}: candidates trained as Spark tasks, cost measured on the driver. */
class NasSparkCommandTest {
    @TempDir Path dir;
    private final ObjectMapper json = new ObjectMapper();

    private String run(int expectedCode, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(expectedCode, cl.execute(args), err.toString());
        return err.toString().strip();
    }

    private String[] search(Path space, Path data, Path out, String... engine) {
        List<String> args = new ArrayList<>(List.of("nas", "--space", space.toString(), "--data", "idx:" + data,
                "--method", "random", "--candidates", "4", "--epochs", "1", "--train-limit", "90", "--threads", "1",
                "--baseline", "none", "--out", out.toString()));
        args.addAll(List.of(engine));
        return args.toArray(String[]::new);
    }

    @Test
    void aRandomSearchOnLocalSparkTrainsTwoAtOnceNamesHostsAndResumes() throws Exception {
        Path data = dir.resolve("bars");
        BarsIdx.write(data, 150, 60);
        Path space = Files.writeString(dir.resolve("space.json"), NasCommandTest.SPACE);
        Path out = dir.resolve("nas-spark");
        String[] args = search(space, data, out, "--engine", "spark", "--master", "local[2]");
        run(0, args);
        JsonNode rec = json.readTree(out.resolve("nas.json").toFile());
        assertEquals("spark", rec.get("engine").asText());
        assertEquals(2, rec.get("trained_at_once").asInt(), "local[2]: two task slots");
        assertEquals(4, rec.get("candidates").size(), rec.toString());
        assertEquals("candidates", rec.get("stop_reason").asText());
        Map<String, Double> sparkAcc = new HashMap<>();
        List<FileTime> runTimes = new ArrayList<>();
        for (JsonNode c : rec.get("candidates")) {
            assertFalse(c.path("host").asText().isBlank(), "every candidate names its host: " + c);
            assertEquals("spark", c.get("engine").asText());
            assertTrue(Path.of(c.get("run_dir").asText()).startsWith(out.resolve("trials").toAbsolutePath()), c.toString());
            assertTrue(c.at("/latency_ms/batch_1").asDouble() > 0 && c.at("/energy_per_inference_mj/batch_1").asDouble() > 0);
            assertTrue(c.get("train_energy_share_kwh").asDouble() > 0, c.toString());
            sparkAcc.put(c.get("key").asText(), c.get("validation_accuracy").asDouble());
            runTimes.add(Files.getLastModifiedTime(Path.of(c.get("run_dir").asText()).resolve("run.json")));
        }
        assertFalse(rec.get("pareto_front").isEmpty());
        assertTrue(rec.at("/hypervolume/value").asDouble() > 0, rec.get("hypervolume").toString());
        // Energy per host: training with each host counted once, the driver's measuring on its host; they add up.
        JsonNode en = rec.get("energy");
        double hosts = 0;
        for (JsonNode h : en.get("per_host")) {
            hosts += h.asDouble();
        }
        assertTrue(en.get("search_kwh").asDouble() > 0, en.toString());
        assertEquals(en.get("search_kwh").asDouble(), hosts, 1e-12 * en.get("search_kwh").asDouble() + 1e-18, en.toString());
        assertEquals(en.get("search_kwh").asDouble(), en.get("training_kwh").asDouble() + en.get("measuring_kwh").asDouble(),
                1e-15);
        assertTrue(en.get("measuring_kwh").asDouble() > 0, en.toString());
        long tasks = Files.readAllLines(out.resolve("spark-tasks.jsonl")).size();
        assertEquals(4, tasks, "one Spark task per candidate");

        // The same search on the local engine: the same candidates (random search proposes the same ones whatever
        // the batch) and the same validation accuracies (same seed, batch, recipe and threads).
        Path local = dir.resolve("nas-local");
        run(0, search(space, data, local));
        JsonNode loc = json.readTree(local.resolve("nas.json").toFile());
        assertEquals("local", loc.get("engine").asText());
        for (JsonNode c : loc.get("candidates")) {
            Double acc = sparkAcc.get(c.get("key").asText());
            assertTrue(acc != null, "the same candidates: " + sparkAcc.keySet() + " vs " + c.get("key"));
            assertEquals(c.get("validation_accuracy").asDouble(), acc, 1e-6, c.get("key").asText());
        }

        // Rerun with the same folder: nothing trained, nothing sent to Spark, the same front.
        run(0, args);
        JsonNode again = json.readTree(out.resolve("nas.json").toFile());
        assertEquals(0, again.at("/energy/trained_this_run").asInt());
        assertEquals(tasks, Files.readAllLines(out.resolve("spark-tasks.jsonl")).size(), "no task ran");
        for (int i = 0; i < 4; i++) {
            JsonNode c = again.get("candidates").get(i);
            assertEquals(runTimes.get(i), Files.getLastModifiedTime(Path.of(c.get("run_dir").asText())
                    .resolve("run.json")), "not retrained");
        }
        assertEquals(rec.at("/hypervolume/value").asDouble(), again.at("/hypervolume/value").asDouble(), 0.0);
        assertEquals(rec.at("/energy/search_kwh").asDouble(), again.at("/energy/search_kwh").asDouble(), 1e-15);

        // A driver killed in the middle of a batch: the candidate it had not journalled trains again, alone.
        Path journal = out.resolve("candidates.jsonl");
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, 3));
        run(0, args);
        JsonNode resumed = json.readTree(out.resolve("nas.json").toFile());
        assertEquals(1, resumed.at("/energy/trained_this_run").asInt(), resumed.get("energy").toString());
        assertEquals(4, resumed.get("candidates").size());
        assertEquals(tasks + 1, Files.readAllLines(out.resolve("spark-tasks.jsonl")).size());
    }

    @Test
    void badEnginesAndMastersAreOneLine() throws Exception {
        Path space = Files.writeString(dir.resolve("space.json"), NasCommandTest.SPACE);
        Path missing = dir.resolve("no-such-data");
        Path out = dir.resolve("out");
        String err = run(2, search(space, missing, out, "--engine", "ray"));
        assertTrue(err.contains("unknown --engine 'ray': expected local or spark") && err.lines().count() == 1, err);
        err = run(2, search(space, missing, out, "--master", "local[2]"));
        assertTrue(err.contains("--master goes with --engine spark") && err.lines().count() == 1, err);
        // The master is checked before the data is read: the missing data is not what fails.
        err = run(1, search(space, missing, out, "--engine", "spark", "--master", "spark://127.0.0.1:1"));
        assertTrue(err.startsWith("greendl: cannot reach Spark master URL: spark://127.0.0.1:1"), err);
        assertEquals(1, err.lines().count(), err);
        err = run(2, "nas", "--space", space.toString(), "--data", "idx:" + missing, "--method", "supernet",
                "--engine", "spark", "--master", "local[2]", "--out", out.toString());
        assertTrue(err.contains("--method supernet trains its one network here") && err.lines().count() == 1, err);
        assertFalse(Files.exists(out.resolve("nas.json")));
    }
}
