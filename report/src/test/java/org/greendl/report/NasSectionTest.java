package org.greendl.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NasSectionTest {
    @TempDir Path dir;

    private static String candidate(String id, String key, double acc, double mj, boolean front) {
        return "{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"validation_accuracy\":" + acc
                + ",\"energy_per_inference_mj\":{\"batch_1\":" + mj + "},\"pareto\":" + front + "}";
    }

    @Test
    void aBenchWithANasVariantDrawsTheSearchFrontBesideTheZooModels() throws IOException {
        Path search = Files.createDirectories(dir.resolve("search"));
        Files.writeString(search.resolve("nas.json"), "{\"kind\":\"nas\",\"method\":\"supernet\",\"candidates\":["
                + candidate("c001", "s16-big", 0.95, 0.40, true) + "," + candidate("c002", "s8-tiny", 0.60, 0.09, false)
                + "," + candidate("c003", "s16-mid", 0.90, 0.10, true) + "],\"pareto_front\":[\"c001\",\"c003\"],"
                + "\"hypervolume\":{\"value\":0.81},\"energy\":{\"search_kwh\":6.5e-5},"
                + "\"break_even\":{\"baseline\":{\"model\":\"cnn\",\"latency_ms\":{\"batch_1\":0.35},"
                + "\"energy_per_inference_mj\":{\"batch_1\":0.30}},\"search_kwh\":6.5e-5,\"how\":\"the rule\","
                + "\"front\":[{\"key\":\"s16-big\",\"validation_accuracy\":0.95,\"energy_per_inference_mj\":0.40,"
                + "\"energy_ratio\":1.333,\"saving_mj_per_inference\":-0.1,\"inferences\":null},"
                + "{\"key\":\"s16-mid\",\"validation_accuracy\":0.90,\"energy_per_inference_mj\":0.10,"
                + "\"energy_ratio\":0.333,\"saving_mj_per_inference\":0.2,\"inferences\":1170000}],"
                + "\"chosen\":{\"key\":\"s16-mid\",\"inferences\":1170000}}}");
        String inference = ",\"inference\":{\"energy_kwh_per_1k\":2.0e-8}";
        String nasExtra = inference + ",\"nas\":{\"search\":\"" + search.toString().replace("\\", "\\\\") + "\"}";
        Path bench = Files.createDirectories(dir.resolve("bench"));
        Files.writeString(bench.resolve("bench.json"), "{\"schema\":1,\"variants\":["
                + ReportWriterTest.record("a", "train", "cnn", 0.955, 500_000, "estimate", inference) + ","
                + ReportWriterTest.record("b", "compact", "mobilenet-mini", 0.93, 200_000, "estimate", inference) + ","
                + ReportWriterTest.record("n", "nas", "s16-mid", 0.92, 100_000, "estimate", nasExtra) + "]}");
        String html = Files.readString(ReportWriter.write(bench));
        assertTrue(html.contains("<section id=\"nas\"><h2>Architecture search · supernet</h2>"), html);
        assertTrue(html.contains("id=\"nas-front\""));
        assertTrue(html.contains("Pareto front [&quot;c001&quot;,&quot;c003&quot;]")
                || html.contains("Pareto front [\"c001\",\"c003\"]"), "the front's ids are listed");
        assertTrue(html.contains("0.0650 Wh"), "the search's energy is shown");
        assertTrue(html.contains("<h3>Break-even against cnn</h3>"), html);
        assertTrue(html.contains("<b>s16-mid</b> repays it after <b>1,170,000</b> inferences"), html);
        assertTrue(html.contains("<td>s16-big</td><td>0.9500</td><td>0.4000</td><td>1.333</td><td>-0.1000</td><td>never</td>"),
                "a front network that saves nothing never repays the search: " + html);

        // A bench without a search has no such section.
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("bench.json"), "{\"schema\":1,\"variants\":["
                + ReportWriterTest.record("a", "train", "cnn", 0.955, 500_000, "estimate", inference) + "]}");
        assertFalse(Files.readString(ReportWriter.write(plain)).contains("id=\"nas\""));
    }
}
