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
}
