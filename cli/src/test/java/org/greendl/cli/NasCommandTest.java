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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class NasCommandTest {
    @TempDir Path dir;

    static final String SPACE = "{\"family\": \"mobilenet\", \"stem_width\": [8], \"stages\": ["
            + "{\"depth\": [1], \"width\": [8, 16], \"kernel\": [3, 5], \"expansion\": [2], \"se\": [false, true], \"stride\": 2}"
            + "], \"head_width\": [16]}";

    private String run(int expectedCode, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(expectedCode, cl.execute(args), err.toString());
        return err.toString().strip();
    }

    @Test
    void aTinyEvolutionSearchRecordsCostsTheFrontAndResumesWithoutTraining() throws Exception {
        Path data = dir.resolve("bars");
        BarsIdx.write(data, 150, 60);
        Path space = Files.writeString(dir.resolve("space.json"), SPACE);
        Path out = dir.resolve("nas");
        String[] args = {"nas", "--space", space.toString(), "--data", "idx:" + data, "--objective", "accuracy,energy",
                "--method", "evolution", "--population", "2", "--sample", "2", "--candidates", "3", "--epochs", "1",
                "--train-limit", "90", "--threads", "1", "--max-energy-wh", "10", "--out", out.toString()};
        run(0, args);
        ObjectMapper json = new ObjectMapper();
        JsonNode rec = json.readTree(out.resolve("nas.json").toFile());
        JsonNode check = rec.at("/energy/budget_check");
        assertEquals("s8-d1w8k3e2-h16", check.get("cheapest").asText(), check.toString());
        assertTrue(check.get("candidate_estimate_kwh").asDouble() > check.get("measuring_kwh").asDouble()
                && check.get("measuring_kwh").asDouble() > 0, check.toString());
        assertEquals("candidates", rec.get("stop_reason").asText());
        assertEquals(3, rec.get("candidates").size());
        List<String> keys = new ArrayList<>();
        List<FileTime> runTimes = new ArrayList<>();
        for (JsonNode c : rec.get("candidates")) {
            keys.add(c.get("key").asText());
            assertTrue(c.get("params").asLong() > 0 && c.get("macs").asLong() > 0, c.toString());
            assertTrue(c.at("/latency_ms/batch_1").asDouble() > 0 && c.at("/latency_ms/batch_64").asDouble() > 0);
            assertTrue(c.at("/latency_ms/predicted_batch_1").asDouble() > 0, c.toString());
            assertTrue(c.at("/latency_ms/lut_error").isNumber(), "the table's error is reported: " + c);
            assertTrue(c.at("/energy_per_inference_mj/batch_1").asDouble() > 0, c.toString());
            assertTrue(c.get("validation_accuracy").asDouble() >= 0 && c.get("validation_accuracy").asDouble() <= 1);
            assertTrue(c.get("pareto").isBoolean());
            runTimes.add(Files.getLastModifiedTime(Path.of(c.get("run_dir").asText()).resolve("run.json")));
        }
        assertEquals(3, keys.stream().distinct().count(), "no architecture twice: " + keys);
        assertFalse(rec.get("pareto_front").isEmpty());
        assertTrue(rec.at("/hypervolume/value").asDouble() > 0, rec.get("hypervolume").toString());
        assertTrue(rec.at("/hypervolume/reference/energy_per_inference_mj").asDouble() > 0);
        assertTrue(rec.at("/latency_table/entries").asInt() >= 3, "stem, a block, the head");
        assertTrue(rec.at("/latency_table/mean_abs_error").isNumber());
        assertTrue(rec.at("/energy/search_kwh").asDouble() > 0);
        assertTrue(Files.isRegularFile(out.resolve("lut.json")));
        // Break-even against the zoo's cnn, measured in the same runtime; the chosen is the front's most accurate.
        JsonNode be = rec.get("break_even");
        assertEquals("cnn", be.at("/baseline/model").asText(), be.toString());
        double baseMj = be.at("/baseline/energy_per_inference_mj/batch_1").asDouble();
        assertTrue(baseMj > 0 && rec.at("/energy/baseline_measuring_kwh").asDouble() > 0, be.toString());
        assertEquals(rec.at("/energy/search_kwh").asDouble(), be.get("search_kwh").asDouble(), 0.0);
        double best = -1;
        for (JsonNode c : rec.get("candidates")) {
            best = c.get("pareto").asBoolean() ? Math.max(best, c.get("validation_accuracy").asDouble()) : best;
        }
        JsonNode chosen = be.get("chosen");
        assertEquals(best, chosen.get("validation_accuracy").asDouble(), 0.0);
        double saving = baseMj - chosen.get("energy_per_inference_mj").asDouble();
        if (saving > 0) {
            assertEquals(Math.ceil(be.get("search_kwh").asDouble() * 3.6e9 / saving), chosen.get("inferences").asDouble(), 1.0);
        } else {
            assertTrue(chosen.get("inferences").isNull(), chosen.toString());
        }

        // Each candidate's spec trains as an ordinary model (one of them, kept short).
        Path spec = Path.of(rec.get("candidates").get(0).get("spec").asText());
        run(0, "train", "--model", spec.toString(), "--data", "idx:" + data, "--epochs", "1", "--train-limit", "30",
                "--threads", "1", "--out", dir.resolve("train").toString());
        for (JsonNode c : rec.get("candidates")) {
            assertTrue(Files.isRegularFile(Path.of(c.get("spec").asText())));
        }

        // The same folder again: the same candidates, nothing trained or measured anew.
        run(0, args);
        JsonNode again = json.readTree(out.resolve("nas.json").toFile());
        List<String> keys2 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode c = again.get("candidates").get(i);
            keys2.add(c.get("key").asText());
            assertEquals(runTimes.get(i), Files.getLastModifiedTime(Path.of(c.get("run_dir").asText())
                    .resolve("run.json")), "not retrained");
        }
        assertEquals(keys, keys2);
        assertEquals(0, again.at("/energy/trained_this_run").asInt());
        assertEquals(0.0, again.at("/energy/this_run_kwh").asDouble(), 0.0);
        assertEquals(0, again.at("/latency_table/measured_this_run").asInt());
        assertEquals(rec.at("/energy/search_kwh").asDouble(), again.at("/energy/search_kwh").asDouble(), 0.0);
        assertEquals(rec.at("/hypervolume/value").asDouble(), again.at("/hypervolume/value").asDouble(), 0.0);
    }

    @Test
    void badSpacesAndSettingsAreOneLine() throws Exception {
        Path data = dir.resolve("bars");
        BarsIdx.write(data, 30, 12);
        Path space = dir.resolve("space.json");
        String[] base = {"nas", "--space", space.toString(), "--data", "idx:" + data, "--candidates", "1",
                "--out", dir.resolve("out").toString()};
        Files.writeString(space, "{\"family\": \"mobilenet\", \"stages\": [], \"head_width\": [8]}");
        String err = run(1, base);
        assertTrue(err.contains("stages: empty") && err.lines().count() == 1, err);
        Files.writeString(space, SPACE.replace("mobilenet", "resnet"));
        err = run(1, base);
        assertTrue(err.contains("family: unknown family \"resnet\" (known: mobilenet, vit)") && err.lines().count() == 1, err);
        Files.writeString(space, SPACE.replace("mobilenet", "vit"));
        err = run(1, base);
        assertTrue(err.contains("stem_width: unknown field (known: family, patch,") && err.lines().count() == 1,
                "a mobilenet field in a vit space: " + err);
        Files.writeString(space, SPACE.replace("\"se\"", "\"groups\""));
        err = run(1, base);
        assertTrue(err.contains("stages[0].groups: unknown field") && err.lines().count() == 1, err);
        // An empty space, a contradictory one, choices no block accepts: one line each, before any work.
        for (String[] bad : new String[][] {
                {"", "expected a JSON object"},
                {"{}", "family: missing"},
                {SPACE.replace("\"width\": [8, 16]", "\"width\": []"), "stages[0].width: empty"},
                {SPACE.replace("\"width\": [8, 16]", "\"width\": [8, 16, 8]"), "stages[0].width: 8 is given twice"},
                {SPACE.replace("\"se\": [false, true]", "\"se\": [true, true]"), "stages[0].se: true is given twice"},
                {SPACE.replace("\"depth\": [1]", "\"depth\": [1], \"depth\": [2]"), "field 'depth' is given twice"},
                {SPACE.replace("\"kernel\": [3, 5]", "\"kernel\": [3, 4]"), "stages[0].kernel: 4 is even"},
                {SPACE.replace("\"expansion\": [2]", "\"expansion\": [0]"), "stages[0].expansion: 0 is not a choice"},
                {SPACE.replace("\"se\": [false, true]", "\"se\": [\"yes\"]"), "stages[0].se: \"yes\" is not a choice"},
                {SPACE.replace("\"stride\": 2", "\"stride\": 2, \"dilation\": [2]"), "stages[0].dilation: unknown field"},
                {SPACE.replace("\"head_width\": [16]", "\"head_width\": [16], \"head_pool\": [\"max\"]"),
                    "head_pool: \"max\" is not a choice the head accepts"}}) {
            Files.writeString(space, bad[0]);
            err = run(1, base);
            assertTrue(err.contains(bad[1]) && err.lines().count() == 1 && !err.contains("Exception"), bad[0] + ": " + err);
            assertFalse(Files.exists(dir.resolve("out").resolve("nas.json")), "nothing written: " + bad[0]);
        }
        Files.writeString(space, SPACE);
        List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--max-energy-wh", "-0.5"));
        err = run(2, args.toArray(String[]::new));
        assertTrue(err.contains("energy budget must be positive") && err.lines().count() == 1, err);
        args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--baseline", "resnet-9000"));
        err = run(2, args.toArray(String[]::new));
        assertTrue(err.contains("--baseline: unknown zoo model 'resnet-9000'") && err.lines().count() == 1, err);
        args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--method", "bayes"));
        err = run(2, args.toArray(String[]::new));
        assertTrue(err.contains("unknown nas method 'bayes'") && err.lines().count() == 1, err);
        args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--max-latency-ms", "0"));
        err = run(2, args.toArray(String[]::new));
        assertTrue(err.contains("--max-latency-ms must be positive, got 0.0") && err.lines().count() == 1, err);
        args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--max-latency-ms", "1e-9"));
        err = run(1, args.toArray(String[]::new));
        assertTrue(err.contains("--max-latency-ms 1.0E-9: the space's cheapest architecture s8-d1w8k3e2-h16 is predicted at")
                && err.lines().count() == 1, "a limit nothing meets, before any training: " + err);
        assertFalse(Files.exists(dir.resolve("out").resolve("candidates.jsonl")), "nothing trained");
        args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--halving", "1"));
        err = run(2, args.toArray(String[]::new));
        assertTrue(err.contains("--halving: the reduction factor must be at least 2, got 1") && err.lines().count() == 1, err);
        args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--halving", "3", "--epochs", "2", "--min-epochs", "2"));
        err = run(2, args.toArray(String[]::new));
        assertTrue(err.contains("--min-epochs 2 must be below --epochs 2") && err.lines().count() == 1, err);
    }

    static final String VIT = "{\"family\": \"vit\", \"patch\": [4, 6], \"depth\": [1, 2], \"width\": [16, 32],"
            + " \"heads\": [2, 4], \"mlp_ratio\": [2], \"attention\": [\"softmax\", \"linear\"]}";

    @Test
    void aVitCandidateIsAnOrdinaryModelSpecThatTrainsAndBadVitSpacesAreOneLine() throws Exception {
        Path data = dir.resolve("bars");
        BarsIdx.write(data, 60, 30);
        Path space = Files.writeString(dir.resolve("vit.json"), VIT);
        Path out = dir.resolve("nas-vit");
        run(0, "nas", "--space", space.toString(), "--data", "idx:" + data, "--method", "random", "--candidates", "2",
                "--epochs", "1", "--train-limit", "30", "--threads", "1", "--baseline", "none", "--out", out.toString());
        JsonNode rec = new ObjectMapper().readTree(out.resolve("nas.json").toFile());
        assertEquals("vit", rec.get("family").asText());
        assertEquals(2, rec.get("candidates").size());
        JsonNode c = rec.get("candidates").get(0);
        assertTrue(c.get("key").asText().matches("vit-p[46]-d[12]w(16|32)h[24]m2-(softmax|linear)"), c.get("key").asText());
        assertTrue(c.at("/latency_ms/predicted_batch_1").asDouble() > 0 && c.get("macs").asLong() > 0, c.toString());
        JsonNode spec = new ObjectMapper().readTree(Path.of(c.get("spec").asText()).toFile());
        assertTrue(spec.toString().contains("\"type\":\"transformer-encoder\""), spec.toString());
        // One training step (30 examples, one batch) of the candidate as an ordinary model.
        Path trained = dir.resolve("vit-train");
        run(0, "train", "--model", c.get("spec").asText(), "--data", "idx:" + data, "--epochs", "1", "--train-limit",
                "30", "--threads", "1", "--out", trained.toString());
        assertTrue(Files.isRegularFile(trained.resolve("run.json")));

        String[] base = {"nas", "--space", space.toString(), "--data", "idx:" + data, "--candidates", "1",
                "--out", dir.resolve("bad").toString()};
        for (String[] bad : new String[][] {
                {VIT.replace("\"heads\": [2, 4]", "\"heads\": [3]"), "heads: 3 does not divide width 16"},
                {VIT.replace("\"linear\"]", "\"sparse\"]"), "attention: \"sparse\" is not a choice"},
                {VIT.replace("\"patch\": [4, 6]", "\"patch\": [5]"), "patch: 5 does not tile the data's 12x12 images"},
                {VIT.replace("\"depth\": [1, 2]", "\"depth\": []"), "depth: empty"},
                {VIT.replace("\"mlp_ratio\"", "\"kernel\""), "kernel: unknown field"}}) {
            Files.writeString(space, bad[0]);
            String err = run(1, base);
            assertTrue(err.contains(bad[1]) && err.lines().count() == 1, bad[0] + ": " + err);
        }
        Files.writeString(space, VIT);
        List<String> args = new ArrayList<>(List.of(base));
        args.addAll(List.of("--method", "supernet"));
        String err = run(1, args.toArray(String[]::new));
        assertTrue(err.contains("the supernet is built for the mobilenet family only") && err.lines().count() == 1, err);
        Files.writeString(space, SPACE.replace("\"head_width\": [16]", "\"head_width\": [16], \"head_pool\": [\"avg\", \"flatten\"]"));
        err = run(1, args.toArray(String[]::new));
        assertTrue(err.contains("head_pool must be [\"avg\"] for the supernet") && err.lines().count() == 1, err);
    }

    @Test
    void aBudgetSmallerThanOneCandidateIsRefusedBeforeAnyTraining() throws Exception {
        Path data = dir.resolve("bars");
        BarsIdx.write(data, 60, 20);
        Path space = Files.writeString(dir.resolve("space.json"), SPACE);
        for (String method : List.of("random", "supernet")) {
            Path out = dir.resolve("nas-" + method);
            String err = run(1, "nas", "--space", space.toString(), "--data", "idx:" + data, "--method", method,
                    "--candidates", "2", "--epochs", "1", "--threads", "1", "--max-energy-wh", "1e-9",
                    "--out", out.toString());
            assertTrue(err.contains("--max-energy-wh 1.000e-09: smaller than one candidate")
                    && err.contains("s8-d1w8k3e2-h16") && err.lines().count() == 1, err);
            assertFalse(Files.exists(out.resolve("runs")), "nothing trained");
            assertFalse(Files.exists(out.resolve("nas.json")) || Files.exists(out.resolve("supernet").resolve("largest.json")));
        }
    }
}
