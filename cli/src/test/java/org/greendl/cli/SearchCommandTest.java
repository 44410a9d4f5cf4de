package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SearchCommandTest {
    @TempDir Path dir;

    private String run(int expectedCode, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(expectedCode, cl.execute(args), err.toString());
        return err.toString().strip();
    }

    @Test
    void anEmptySpaceIsAOneLineError() throws Exception {
        Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"cnn\", \"params\": {}}");
        String err = run(1, "search", "--space", space.toString(), "--out", dir.resolve("out").toString());
        assertTrue(err.contains("\"params\" is empty"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void anUnknownModelOrParameterIsNamed() throws Exception {
        Path space = Files.writeString(dir.resolve("space.json"),
                "{\"model\": \"cnn\", \"params\": {\"momentum\": [0.9]}}");
        String err = run(1, "search", "--space", space.toString(), "--out", dir.resolve("out").toString());
        assertTrue(err.contains("unknown parameter 'momentum'"), err);
        Files.writeString(space, "{\"model\": \"nope\", \"params\": {\"lr\": [0.1]}}");
        err = run(1, "search", "--space", space.toString(), "--out", dir.resolve("out").toString());
        assertTrue(err.contains("nope") && err.contains("cnn"), "the known names are listed: " + err);
    }

    @Test
    void aNonPositiveBudgetOrUnknownMethodIsBadUsage() throws Exception {
        Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"mlp\", \"params\": {\"lr\": [0.1]}}");
        String err = run(2, "search", "--space", space.toString(), "--max-energy-wh", "0");
        assertTrue(err.contains("energy budget must be positive"), err);
        err = run(2, "search", "--space", space.toString(), "--method", "bayes");
        assertTrue(err.contains("unknown search method 'bayes'"), err);
        err = run(2, "search", "--space", space.toString(), "--tracking-mode", "gpu");
        assertTrue(err.startsWith("greendl: unknown tracking mode 'gpu'") && err.lines().count() == 1, err);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void theEnergyBudgetStopsALongTrialInsideItAfterABatch() throws Exception {
        Path real = Path.of("/usr/share/datasets/fashion-mnist");
        Assumptions.assumeTrue(Files.isDirectory(real), "Debian's dataset-fashion-mnist");
        // One configuration that would train for a million epochs; the budget must stop it mid-trial.
        Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"mlp\", \"dataset\": \"fashion-mnist\","
                + " \"max_epochs\": 1000000, \"params\": {\"lr\": [0.001], \"batch\": [64]}}");
        Path out = dir.resolve("search");
        double budgetWh = 0.01;
        run(0, "search", "--space", space.toString(), "--method", "grid", "--limit", "256", "--data", real.toString(),
                "--out", out.toString(), "--tracking-mode", "process", "--max-energy-wh", String.valueOf(budgetWh));
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(out.resolve("search.json").toFile());
        assertEquals("energy-budget", summary.get("stop_reason").asText());
        JsonNode trial = summary.get("trials").get(0);
        assertEquals("energy-budget", trial.get("stop_reason").asText());
        JsonNode record = json.readTree(Path.of(trial.get("run_dir").asText()).resolve("run.json").toFile());
        assertEquals("energy-budget", record.get("stop_reason").asText());
        // One batch's energy, from the full epochs the trial ran (each a few batches and a validation pass).
        double perBatchWh = 0;
        for (JsonNode e : record.get("epochs")) {
            if (e.get("steps").asInt() > 0 && !e.path("validation_accuracy").isNull()) {
                perBatchWh = Math.max(perBatchWh, e.get("energy").get("total_kwh").asDouble() * 1000
                        / e.get("steps").asInt());
            }
        }
        double spentWh = summary.get("total_energy_kwh").asDouble() * 1000;
        assertTrue(perBatchWh > 0, "the trial ran whole epochs before the budget: " + record.get("epochs"));
        assertTrue(spentWh >= budgetWh * 0.999, spentWh + " Wh spent");
        assertTrue(spentWh <= budgetWh + 3 * perBatchWh, "overshoot " + (spentWh - budgetWh) + " Wh, one batch "
                + perBatchWh + " Wh");
    }

    @Test
    void aSearchOnOwnDataSizesTheModelByItAndRecordsItInEveryTrial() throws Exception {
        Path data = dir.resolve("bars");
        BarsIdx.write(data, 240, 60);
        Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"mlp\", \"dataset\": \"idx:" + data
                + "\", \"max_epochs\": 2, \"params\": {\"lr\": [0.01, 0.001]}}");
        Path out = dir.resolve("search");
        run(0, "search", "--space", space.toString(), "--method", "grid", "--out", out.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(out.resolve("search.json").toFile());
        assertEquals(2, summary.get("trials").size());
        for (JsonNode trial : summary.get("trials")) {
            JsonNode record = json.readTree(Path.of(trial.get("run_dir").asText()).resolve("run.json").toFile());
            assertEquals("idx:" + data, record.at("/config/data/spec").asText());
            assertEquals(3, record.at("/config/data/class_names").size());
        }
        assertTrue(summary.at("/best/metrics/test_accuracy").asDouble() > 0.5, summary.toString());
        // The space names the data; --data naming other data is refused rather than silently preferred.
        String err = run(2, "search", "--space", space.toString(), "--data", "csv:" + dir.resolve("x.csv"), "--out",
                dir.resolve("other").toString());
        assertTrue(err.contains("give one") && err.lines().count() == 1, err);
    }
}
