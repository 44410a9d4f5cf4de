package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.greendl.data.FashionMnist;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: a search process killed with SIGKILL resumes without re-running a finished trial. */
class SearchKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private static List<String> searchArgs(Path real, Path space, Path out) {
        return List.of("search", "--space", space.toString(), "--method", "grid", "--limit", "256", "--data",
                real.toString(), "--out", out.toString(), "--tracking-mode", "process", "--seed", "3");
    }

    /** Finished trials in the journal: key to the line (a line cut short by the kill is skipped). */
    private static Map<String, String> journal(Path out) throws IOException {
        Map<String, String> done = new LinkedHashMap<>();
        Path file = out.resolve("trials.jsonl");
        if (!Files.exists(file)) {
            return done;
        }
        for (String line : Files.readAllLines(file)) {
            try {
                done.put(JSON.readTree(line).get("key").asText(), line);
            } catch (IOException | NullPointerException e) {
                // cut short by the kill
            }
        }
        return done;
    }

    @Test
    void aSearchKilledWithSigkillResumesWithoutRerunningFinishedTrials() throws Exception {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        // A 27-configuration space, on 256 images and 1 epoch: long enough to be killed midway.
        Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"mlp\", \"dataset\": \"fashion-mnist\","
                + " \"max_epochs\": 1, \"params\": {\"lr\": [0.001, 0.003, 0.01], \"batch\": [32, 64, 128],"
                + " \"weight_decay\": [0, 0.0001, 0.001]}}");
        Path out = dir.resolve("search");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(searchArgs(real, space, out));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (journal(out).size() < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Map<String, String> before = journal(out);
        assertTrue(before.size() >= 2, "two trials finished before the kill: " + Files.readString(dir.resolve("first.log")));
        assertTrue(before.size() < 27, "killed midway, not after the search ended");
        Map<String, FileTime> records = new LinkedHashMap<>();
        for (String line : before.values()) {
            Path record = Path.of(JSON.readTree(line).get("run_dir").asText()).resolve("run.json");
            records.put(record.toString(), Files.getLastModifiedTime(record));
        }

        assertEquals(0, Cli.commandLine().execute(searchArgs(real, space, out).toArray(String[]::new)));

        Map<String, String> after = journal(out);
        assertEquals(27, after.size(), "every configuration finished once");
        before.forEach((key, line) -> assertEquals(line, after.get(key), "a finished trial was not run again"));
        for (Map.Entry<String, FileTime> e : records.entrySet()) {
            assertEquals(e.getValue(), Files.getLastModifiedTime(Path.of(e.getKey())), e.getKey() + " untouched");
        }
        JsonNode summary = JSON.readTree(out.resolve("search.json").toFile());
        Set<String> configs = new HashSet<>();
        summary.get("trials").forEach(t -> configs.add(t.get("config").toString()));
        assertEquals(27, configs.size(), "search.json lists each configuration once");
    }
}
