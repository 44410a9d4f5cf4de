package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The text set's own figures under the bench's table: what each technique saved and what it cost in accuracy. */
final class TextSummary {
    private TextSummary() {}

    static String lines(ObjectNode bench) {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        bench.path("variants").forEach(n -> {
            if (!n.has("error")) {
                v.put(n.path("label").asText(), n);
            }
        });
        JsonNode base = v.get(BenchRunner.BASELINE);
        if (base == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n");
        long baseParams = base.at("/model/params").asLong();
        for (String name : new String[] {"albert", "factorized", "linear-attention", "early-exit", "distill",
            "distill-student-alone", "bag-of-embeddings"}) {
            JsonNode n = v.get(name);
            if (n != null) {
                b.append(String.format(Locale.ROOT, "%s: params %,d (%.2fx the baseline's), accuracy %+.2f points vs"
                        + " the baseline%n", name, n.at("/model/params").asLong(), n.at("/model/params").asLong()
                        / (double) Math.max(1, baseParams), points(n, base)));
            }
        }
        JsonNode exits = v.containsKey("early-exit") ? v.get("early-exit").at("/inference/early_exit") : null;
        if (exits != null && exits.has("average_stages_run")) {
            b.append(String.format(Locale.ROOT, "early-exit: %.2f of %d layers run on average (served test texts)%n",
                    exits.path("average_stages_run").asDouble(), exits.path("exit_shares").size()));
        }
        JsonNode distill = v.get("distill");
        JsonNode alone = v.get("distill-student-alone");
        if (distill != null && alone != null) {
            b.append(String.format(Locale.ROOT, "distill: student %+.2f points vs the same student trained alone%n",
                    points(distill, alone)));
        }
        JsonNode int8 = v.get("int8");
        if (int8 != null && int8.has("int8_vs_fp32")) {
            JsonNode t = int8.get("int8_vs_fp32");
            JsonNode fp32 = v.get("onnx-fp32");
            b.append(String.format(Locale.ROOT, "int8 (dynamic): %.0f vs %.0f texts/s fp32 at batch %d (%.2fx, median"
                    + " of %d interleaved rounds, %d threads)%s%n", t.path("int8_per_s").asDouble(),
                    t.path("fp32_per_s").asDouble(), t.path("batch").asInt(), t.path("int8_over_fp32").asDouble(),
                    t.path("rounds").asInt(), t.path("threads").asInt(), fp32 == null ? ""
                            : String.format(Locale.ROOT, "; accuracy %+.2f points vs onnx-fp32", points(int8, fp32))));
        }
        JsonNode wide = v.get("int8-wide");
        if (wide != null && wide.has("int8_vs_fp32")) {
            JsonNode t = wide.get("int8_vs_fp32");
            b.append(String.format(Locale.ROOT, "int8-wide (dynamic, %s): %.0f vs %.0f texts/s fp32 at batch %d (%.2fx,"
                    + " median of %d interleaved rounds, %d threads); accuracy %+.2f points vs its own fp32 model%n",
                    wide.path("trained").asText(), t.path("int8_per_s").asDouble(), t.path("fp32_per_s").asDouble(),
                    t.path("batch").asInt(), t.path("int8_over_fp32").asDouble(), t.path("rounds").asInt(),
                    t.path("threads").asInt(), 100 * (wide.at("/metrics/test_accuracy").asDouble(Double.NaN)
                            - t.path("fp32_test_accuracy").asDouble(Double.NaN))));
        }
        JsonNode scaling = v.containsKey("linear-attention") ? v.get("linear-attention").get("sequence_scaling") : null;
        if (scaling != null) {
            b.append(String.format(Locale.ROOT, "linear-attention, ms per sequence (batch %d, %d threads, real texts"
                    + " padded):%n%8s %8s %12s %12s %10s%n", scaling.path("batch").asInt(), scaling.path("threads")
                            .asInt(), "tokens", "filled", "softmax ms", "linear ms", "ratio"));
            for (JsonNode r : scaling.path("rows")) {
                b.append(String.format(Locale.ROOT, "%8d %8.2f %12.3f %12.3f %10.2f%n", r.path("tokens").asInt(),
                        r.path("filled").asDouble(), r.path("softmax_ms_per_seq").asDouble(),
                        r.path("linear_ms_per_seq").asDouble(), r.path("softmax_over_linear").asDouble()));
            }
        }
        JsonNode heads = v.get("prune-heads");
        if (heads != null && heads.at("/config/attention_macs_before").isNumber()) {
            JsonNode c = heads.get("config");
            JsonNode continued = v.get(BenchRunner.CONTROL);
            b.append(String.format(Locale.ROOT, "prune-heads: %d heads removed per encoder (%s), attention MACs %,d ->"
                    + " %,d (%.1f%% removed), MACs %,d -> %,d; accuracy %+.2f points vs the baseline%s%n",
                    c.path("heads_removed_per_encoder").asInt(), c.path("kept_heads").asText(),
                    c.path("attention_macs_before").asLong(), c.path("attention_macs_after").asLong(),
                    100 * c.path("attention_macs_removed").asDouble(), c.path("macs_before").asLong(),
                    c.path("macs_after").asLong(), points(heads, base), continued == null ? ""
                            : String.format(Locale.ROOT, ", %+.2f vs %s", points(heads, continued),
                                    BenchRunner.CONTROL)));
        }
        return b.toString();
    }

    private static double points(JsonNode a, JsonNode b) {
        return 100 * (a.at("/metrics/test_accuracy").asDouble(Double.NaN) - b.at("/metrics/test_accuracy")
                .asDouble(Double.NaN));
    }
}
