package org.greendl.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greendl.cli.BarsIdx;
import org.greendl.cli.Cli;
import org.greendl.data.FashionMnist;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path out;

    private static int run(StringWriter err, String... args) {
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void anUnknownTechniqueIsAOneLineUsageError() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "bench", "--quick", "--techniques", "int4", "--out", out.toString()));
        String text = err.toString().strip();
        assertTrue(text.startsWith("greendl: unknown technique 'int4'"), text);
        assertEquals(1, text.lines().count(), "no stack trace without --verbose");
        assertFalse(Files.exists(out.resolve("bench.json")), "nothing was run");
    }

    @Test
    void aBaselineThatIsNotAModelFolderIsRefused() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "bench", "--baseline", out.toString(), "--out", out.resolve("b").toString()));
        assertTrue(err.toString().contains("is not a model folder"), err.toString());
    }

    @Test
    void withoutTheDataTheBenchStopsAtOnceWithOneLineAndWritesNothing() {
        StringWriter err = new StringWriter();
        Path bench = out.resolve("b");
        assertEquals(1, run(err, "bench", "--quick", "--data", out.resolve("nonexistent").toString(), "--out",
                bench.toString()));
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("greendl: no Fashion-MNIST files in "), text);
        assertFalse(Files.exists(bench), "no variant folder, no bench.json");
    }

    @Test
    void aFailingVariantLetsTheOthersFinishThenTheBenchExitsOneNamingIt() throws Exception {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        CommandLine cl = Cli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        BenchCommand bench = (BenchCommand) cl.getSubcommands().get("bench").getCommand();
        Step.Body record = c -> {
            ObjectNode r = BenchRunner.JSON.createObjectNode();
            r.put("schema", 1).put("id", c.variantDir().getFileName().toString());
            r.putObject("metrics").put("test_accuracy", 0.9);
            return r;
        };
        bench.variantsFor = s -> List.of(new Step("baseline", "train", List.of(), 0, record),
                new Step("broken", "prune", List.of("baseline"), 1, c -> {
                    throw new IllegalStateException("a deliberately broken step");
                }),
                new Step("fine", "int8", List.of("baseline"), 0, record));
        int code = cl.execute("bench", "--data", real.toString(), "--out", out.toString());
        assertEquals(1, code, err.toString());
        String last = err.toString().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("greendl: 1 of 3 variants failed: broken (the others finished; the report shows each failure)",
                last);
        JsonNode doc = BenchRunner.read(out.resolve("bench.json"));
        assertFalse(doc.get("variants").get(2).has("error"), "the variant after the broken one finished");
        String page = Files.readString(out.resolve("report/index.html"));
        assertTrue(page.contains("a deliberately broken step"), "the report shows the failure");
    }

    /** The whole path on real data, small: train, structured prune + distill + int8, serve both, report. */
    @Test
    void aTinyBenchMakesMeasuresAndReportsTheCombination() throws Exception {
        StringWriter err = new StringWriter();
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        int code = run(err, "bench", "--quick", "--limit", "640", "--epochs", "1", "--threads", "2",
                "--techniques", "prune-distill-int8,early-exit", "--country", "FRA", "--data", real.toString(),
                "--out", out.toString());
        assertEquals(0, code, err.toString());
        JsonNode bench = BenchRunner.read(out.resolve("bench.json"));
        JsonNode vs = bench.get("variants");
        assertEquals(4, vs.size());
        assertEquals(BenchRunner.CONTROL, vs.get(1).get("label").asText(), "the control right after the baseline");
        assertEquals(2, vs.get(1).at("/comparison/extra_epochs").asInt(), "as long as the distillation (2 epochs)");
        assertEquals(2, byLabel(vs, "prune-distill-int8").at("/comparison/extra_epochs").asInt());
        assertEquals(0, byLabel(vs, "early-exit").at("/comparison/extra_epochs").asInt());
        for (JsonNode v : vs) {
            assertFalse(v.has("error"), v.toString());
            assertTrue(v.at("/metrics/test_accuracy").asDouble() > 0.3, "better than chance: " + v.get("label"));
            assertTrue(v.at("/inference/energy_kwh_per_1k").asDouble() > 0, "serving energy measured");
            assertTrue(v.at("/inference/latency_ms_b64_p50").asDouble() > 0);
            assertTrue(v.at("/energy/total_kwh").asDouble() > 0, "making energy counted");
        }
        assertTrue(vs.get(0).at("/inference/early_exit").isMissingNode(), "cnn always runs all its layers");
        JsonNode exit = byLabel(vs, "early-exit");
        JsonNode shares = exit.at("/inference/early_exit/exit_shares");
        assertEquals(3, shares.size(), "two early exits and the final head");
        double sum = 0;
        for (JsonNode share : shares) {
            sum += share.asDouble();
        }
        assertEquals(1.0, sum, 1e-9);
        double average = exit.at("/inference/early_exit/macs_per_inference").asDouble();
        assertTrue(average > 0 && average <= exit.at("/inference/early_exit/macs_all_exits").asDouble(), exit.toString());
        JsonNode combo = byLabel(vs, "prune-distill-int8");
        assertEquals("onnxruntime", combo.at("/inference/runtime").asText());
        assertTrue(combo.at("/model/bytes").asLong() < vs.get(0).at("/model/bytes").asLong() / 8,
                "40 % of the channels in int8 is far smaller than the fp32 baseline");
        assertTrue(combo.has("break_even_inferences"));
        JsonNode madeBy = combo.get("made_by");
        assertEquals(4, madeBy.size(), "train the baseline, prune, distill, export: " + madeBy);
        assertTrue(madeBy.get(0).asText().startsWith("greendl train --model cnn "), madeBy.toString());
        assertTrue(madeBy.get(1).asText().startsWith("greendl prune "), madeBy.toString());
        assertTrue(madeBy.get(2).asText().startsWith("greendl distill "), madeBy.toString());
        assertTrue(madeBy.get(3).asText().startsWith("greendl export ") && madeBy.get(3).asText().contains(" --int8"));
        assertEquals(1, exit.get("made_by").size(), "trained from scratch: one command");
        assertEquals(2, vs.get(1).get("made_by").size(), "the control: the baseline's training, then fine-tune");
        assertTrue(Files.readString(out.resolve("report/index.html")).contains("prune-distill-int8"));
        assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size());
    }

    /** The user's own data (3 classes, 12x12): every variant sized by it, tested and served on it. */
    @Test
    void aBenchOnOwnDataSizesEveryVariantByIt() throws Exception {
        Path data = out.resolveSibling("bars");
        BarsIdx.write(data, 300, 90);
        StringWriter err = new StringWriter();
        int code = run(err, "bench", "--quick", "--epochs", "2", "--threads", "2", "--techniques",
                "early-exit,distill,int8", "--country", "FRA", "--data", "idx:" + data, "--out", out.toString());
        assertEquals(0, code, err.toString());
        JsonNode bench = BenchRunner.read(out.resolve("bench.json"));
        assertEquals("idx:" + data, bench.get("dataset").asText());
        JsonNode vs = bench.get("variants");
        assertEquals(5, vs.size(), "baseline, its control and the three asked for");
        for (JsonNode v : vs) {
            assertFalse(v.has("error"), v.toString());
            assertTrue(v.at("/metrics/test_accuracy").asDouble() > 0.5, "bars are easy: " + v);
            assertTrue(v.at("/inference/energy_kwh_per_1k").asDouble() > 0, "served on the data's shape: " + v);
        }
        JsonNode baseline = JSON.readTree(Path.of(vs.get(0).at("/artifact/path").asText()).resolve("run.json")
                .toFile());
        assertEquals("idx:" + data, baseline.at("/config/data/spec").asText());
        assertEquals(3, baseline.at("/config/data/class_names").size());
        assertTrue(byLabel(vs, "distill").get("made_by").toString().contains("--student lenet5"),
                "12x12 is enough for lenet5");
    }

    /** The nas variant in a quick run: a small search made here, its chosen network trained, the search's energy counted. */
    @Test
    void aQuickBenchRunsASmallSearchAndTrainsItsChosenNetwork() throws Exception {
        Path data = out.resolveSibling("bars");
        BarsIdx.write(data, 150, 60);
        StringWriter err = new StringWriter();
        int code = run(err, "bench", "--quick", "--epochs", "1", "--threads", "1", "--techniques", "nas",
                "--country", "FRA", "--data", "idx:" + data, "--out", out.toString());
        assertEquals(0, code, err.toString());
        JsonNode bench = BenchRunner.read(out.resolve("bench.json"));
        JsonNode nas = byLabel(bench.get("variants"), "nas");
        assertFalse(nas.has("error"), nas.toString());
        JsonNode search = BenchRunner.read(Path.of(nas.at("/nas/search").asText()).resolve("nas.json"));
        assertEquals(4, search.get("candidates").size(), search.toString());
        assertEquals(search.at("/break_even/chosen/key").asText(), nas.at("/nas/chosen").asText(),
                "the variant trains the network the search's break-even is about");
        double searchKwh = nas.at("/nas/search_energy_kwh").asDouble();
        assertEquals(search.at("/energy/search_kwh").asDouble(), searchKwh, 0.0);
        assertTrue(searchKwh > 0 && nas.at("/energy/total_kwh").asDouble() > searchKwh,
                "making it cost the search and its training: " + nas.get("energy"));
        assertTrue(nas.get("made_by").toString().contains("nas --space"), nas.get("made_by").toString());
        assertTrue(nas.at("/metrics/test_accuracy").asDouble() > 0, nas.toString());
        String html = Files.readString(out.resolve("report/index.html"));
        assertTrue(html.contains("<section id=\"nas\">") && html.contains("Break-even against cnn"),
                "the report draws the search's front and its break-even");
    }

    /** Feature vectors: the CNN-only variants are skipped with the reason, the default cnn baseline refused. */
    @Test
    void onFeatureVectorsTheImageOnlyVariantsAreSkippedAndSaidWhy() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c,d,label\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 300; i++) {
            int label = i % 3;
            for (int f = 0; f < 4; f++) {
                csv.append(String.format(java.util.Locale.ROOT, "%.3f,", (f == label ? 2.0 : 0.0) + r.nextGaussian() * 0.3));
            }
            csv.append(label).append('\n');
        }
        Path file = Files.writeString(out.resolveSibling("features.csv"), csv);
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "bench", "--quick", "--data", "csv:" + file, "--out", out.toString()));
        assertTrue(err.toString().contains("model 'cnn' cannot take 4 features") && err.toString().contains("--model"),
                err.toString());
        err = new StringWriter();
        int code = run(err, "bench", "--quick", "--model", "mlp", "--epochs", "2", "--threads", "2", "--techniques",
                "early-exit,int8", "--country", "FRA", "--data", "csv:" + file, "--out", out.toString());
        assertEquals(0, code, err.toString());
        JsonNode bench = BenchRunner.read(out.resolve("bench.json"));
        assertTrue(bench.at("/skipped/early-exit").asText().contains("not a feature vector"), bench.toString());
        assertEquals(List.of("baseline", "int8"), bench.get("variants").findValuesAsText("label"));
        assertTrue(Files.readString(out.resolve("report/index.html")).contains("Not applicable to it"));
    }

    private static JsonNode byLabel(JsonNode variants, String label) {
        for (JsonNode v : variants) {
            if (label.equals(v.path("label").asText())) {
                return v;
            }
        }
        throw new AssertionError("no variant " + label + " in " + variants);
    }
}
