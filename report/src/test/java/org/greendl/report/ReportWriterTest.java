package org.greendl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ReportWriterTest {
    @TempDir Path dir;

    public static String record(String id, String kind, String name, double acc, long bytes, String cpuSource,
            String extra) {
        return """
                {"schema":1,"id":"%s","parent":null,"kind":"%s",
                 "model":{"name":"%s","params":120000,"macs":2500000,"flops":5000000,"bytes":%d,"sparsity":0.0},
                 "metrics":{"test_accuracy":%s,"test_loss":0.3},
                 "energy":{"total_kwh":0.0021,"cpu_kwh":0.002,"gpu_kwh":0.0,"ram_kwh":0.0001,
                           "sources":{"cpu":"%s","gpu":"none","ram":"estimate"}},
                 "emissions":{"total_kg":0.0001,"intensity_g_per_kwh":56,"country_iso_code":"FRA"},
                 "time":{"wall_s":61.5},"stop_reason":"completed","config":{},
                 "environment":{"java":"17","djl":"0.36.0","engine":"PyTorch 2.7.1","cpu_model":"Test CPU","threads":2}
                 %s}""".formatted(id, kind, name, bytes, acc, cpuSource, extra);
    }

    @Test
    void benchVariantsBecomeRowsChartsAndCards() throws IOException {
        String inference = ",\"inference\":{\"latency_ms_b1_p50\":0.4,\"latency_ms_b64_p50\":6.1,"
                + "\"throughput_b64\":10000,\"energy_kwh_per_1k\":1.2e-6}";
        String bench = "{\"schema\":1,\"quick\":true,\"variants\":["
                + record("a", "train", "cnn", 0.915, 2_000_000, "estimate", inference) + ","
                + record("b", "prune", "cnn <pruned>", 0.905, 300_000, "estimate", inference) + ","
                + record("e", "early-exit", "early-exit-cnn", 0.91, 2_100_000, "estimate", inference.replace("}",
                        ",\"early_exit\":{\"exit_shares\":[0.6,0.25,0.15],\"macs_per_inference\":1234567.4,"
                        + "\"macs_all_exits\":2600000}}")) + ","
                + "{\"schema\":1,\"id\":\"c\",\"kind\":\"int8\",\"error\":\"export failed: layer X unsupported\"}]}";
        Files.writeString(dir.resolve("bench.json"), bench);

        Path out = ReportWriter.write(dir);
        String html = Files.readString(out);

        assertEquals(dir.resolve("report/index.html"), out);
        assertEquals(4, count(html, "<tr class=\"run"), "one summary row per variant");
        assertTrue(html.contains("1.23 M MACs per image on average (images leaving at exits 1-3: 60.0 % / 25.0 % / "
                + "15.0 %)"), "an early exit's MACs are averaged over where images left");
        assertTrue(html.contains("failed: export failed: layer X unsupported"), "a failed variant is shown");
        assertTrue(html.contains("cnn &lt;pruned&gt;"), "labels are escaped");
        assertTrue(html.contains("id=\"pareto-energy\"") && html.contains("id=\"pareto-bytes\""));
        assertTrue(count(html, "src=\"data:image/png;base64,") >= 3, "charts are inlined");
        assertTrue(html.contains("Quick run"), "a quick bench says so");
        assertTrue(html.contains("estimate (not measured)"), "estimated energy is labelled");
        assertTrue(html.contains("Pruning") && html.contains("int8 post-training quantization"));
        assertFalse(html.contains("http://") || html.contains("https://"), "the page needs no network");
    }

    @Test
    void aBenchWithTheContinuedBaselineSaysWhatTheHeadlineIsComparedWith() throws IOException {
        String bench = "{\"schema\":1,\"best_within_1_point\":{\"variant\":\"int8\",\"accuracy_change_points\":-0.4,"
                + "\"energy_per_inference_vs_baseline\":0.1,\"bytes_vs_baseline\":0.26,\"reference\":"
                + "\"baseline-continued\",\"reference_test_accuracy\":0.9},\"variants\":["
                + record("a", "train", "cnn", 0.88, 2_000_000, "estimate", ",\"label\":\"baseline\"") + ","
                + record("b", "fine-tune", "cnn", 0.9, 2_000_000, "estimate", ",\"label\":\"baseline-continued\"")
                + "]}";
        Files.writeString(dir.resolve("bench.json"), bench);
        String html = Files.readString(ReportWriter.write(dir));
        assertTrue(html.contains("Best variant within 1 point of baseline-continued's accuracy: <b>int8</b>"), html);
        assertTrue(html.contains("the baseline trained on for as many epochs as the longest fine-tuning"), html);
    }

    @Test
    void plainRunFoldersAndSearchesRender() throws IOException {
        Path trial = Files.createDirectories(dir.resolve("trials/t1"));
        String epochs = ",\"epochs\":[{\"epoch\":1,\"validation_accuracy\":0.85,\"energy_kwh\":0.001},"
                + "{\"epoch\":2,\"validation_accuracy\":0.88,\"energy_kwh\":0.001}]";
        Files.writeString(trial.resolve("run.json"), record("t1", "train", "cnn", 0.9, 1000, "rapl", epochs));
        Files.writeString(dir.resolve("search.json"), """
                {"method":"hyperband","trials":[{"config":{"lr":0.001},"epochs":3,
                 "metrics":{"validation_accuracy":0.9},"energy_kwh":0.002}],
                 "best":{"config":{"lr":0.001},"metrics":{"validation_accuracy":0.9,"test_accuracy":0.89}},
                 "total_energy_kwh":0.002}""");

        String html = Files.readString(ReportWriter.write(dir));

        assertEquals(1, count(html, "<tr class=\"run"));
        assertEquals(1, count(html, "<tr class=\"trial\""));
        assertTrue(html.contains("id=\"learning-curves\""), "per-epoch records draw a learning curve");
        assertTrue(html.contains("rapl (measured)"));
        assertTrue(html.contains("Hyper-parameter search · hyperband"));
    }

    @Test
    void aFolderWithoutRecordsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportWriter.write(dir));
        assertTrue(e.getMessage().contains("holds no run records"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("report/index.html")), "nothing half-written");
    }

    @Test
    void aMalformedRecordIsOneLineNamingTheFile() throws IOException {
        Path run = Files.writeString(dir.resolve("run.json"), "{\"kind\": \"train\", \u0007}");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> ReportWriter.write(dir));
        assertTrue(e.getMessage().startsWith(run + " is not readable JSON"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        Files.writeString(run, "");
        e = assertThrows(java.io.UncheckedIOException.class, () -> ReportWriter.write(dir));
        assertTrue(e.getMessage().startsWith(run + " is empty"), e.getMessage());
    }

    @Test
    void absurdNumbersInARecordDoNotBreakTheCharts() throws IOException {
        Files.writeString(dir.resolve("run.json"), "{\"schema\": 1, \"kind\": \"train\", \"model\": {\"name\": \"cnn\","
                + " \"params\": 10, \"macs\": 100}, \"metrics\": {\"test_accuracy\": 1e308}, \"energy\": {\"total_kwh\":"
                + " 1e308}, \"epochs\": [{\"epoch\": 1, \"energy_kwh\": 1e308, \"validation_accuracy\": 0.5},"
                + " {\"epoch\": 2, \"energy_kwh\": 1e308, \"validation_accuracy\": 0.6}]}");
        assertTrue(Files.isRegularFile(ReportWriter.write(dir)));
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
