package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** The bench's table on the terminal: the figures of the report's summary, one line per variant. */
final class Summary {
    private Summary() {}

    static String table(ObjectNode bench) {
        boolean text = bench.path("dataset").asText().startsWith("text:");
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-21s %9s %10s %11s %11s %10s %13s %11s %12s%n",
                "variant", "accuracy", "params", text ? "MACs/text" : "MACs/image", "bytes", "b64 ms", "kWh/1k inf", "made (Wh)", "break-even"));
        for (JsonNode v : bench.path("variants")) {
            if (v.has("error")) {
                b.append(String.format(Locale.ROOT, "%-21s FAILED: %s%n", v.path("label").asText(),
                        v.path("error").asText()));
                continue;
            }
            JsonNode be = v.path("break_even_inferences");
            b.append(String.format(Locale.ROOT, "%-21s %8.2f%% %,10d %,11d %,11d %10s %13.3e %11.4f %12s%n",
                    v.path("label").asText(), 100 * v.at("/metrics/test_accuracy").asDouble(Double.NaN),
                    v.at("/model/params").asLong(), Math.round(ResultsCsv.macsPerInference(v).asDouble()), v.at("/model/bytes").asLong(),
                    v.at("/inference/latency_ms_b64_p50").isNumber() ? String.format(Locale.ROOT, "%.2f",
                            v.at("/inference/latency_ms_b64_p50").asDouble()) : "-", // "-": batch 64 not served
                    v.at("/inference/energy_kwh_per_1k").asDouble(Double.NaN),
                    1000 * v.at("/energy/total_kwh").asDouble(Double.NaN),
                    be.isNumber() ? String.format(Locale.ROOT, "%,.0f", be.asDouble()) : be.isTextual() ? "never" : "-"));
        }
        JsonNode best = bench.path("best_within_1_point");
        if (best.isObject() && !"none".equals(best.path("variant").asText())) {
            b.append(String.format(Locale.ROOT, "best within 1 point of %s (%.2f %%): %s (%+.2f points), %.3fx the "
                    + "baseline's energy per inference, %.3fx its bytes", best.path("reference").asText("the baseline"),
                    100 * best.path("reference_test_accuracy").asDouble(Double.NaN), best.path("variant").asText(),
                    best.path("accuracy_change_points").asDouble(), best.path("energy_per_inference_vs_baseline")
                            .asDouble(), best.path("bytes_vs_baseline").asDouble(Double.NaN)));
        } else if (best.isObject()) {
            b.append("no variant within 1 point of " + best.path("reference").asText("the baseline") + "'s accuracy");
        }
        if (text) {
            b.append(TextSummary.lines(bench));
        }
        return b.toString();
    }
}
