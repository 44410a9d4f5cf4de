package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The bench's headline: among the variants within one accuracy point of the baseline, the one with the
 * lowest energy per inference, with its energy and bytes as fractions of the baseline's.
 */
final class Best {
    static final double WITHIN_POINTS = 1.0;

    private Best() {}

    static void annotate(ObjectNode doc, ObjectNode baseline, Collection<ObjectNode> variants) {
        JsonNode baseAcc = baseline.at("/metrics/test_accuracy");
        JsonNode baseEnergy = baseline.at("/inference/energy_kwh_per_1k");
        JsonNode baseBytes = baseline.at("/model/bytes");
        if (!baseAcc.isNumber() || !baseEnergy.isNumber() || !baseBytes.isNumber()) {
            return;
        }
        ObjectNode best = null;
        for (ObjectNode v : variants) {
            JsonNode acc = v.at("/metrics/test_accuracy");
            JsonNode energy = v.at("/inference/energy_kwh_per_1k");
            if (v == baseline || v.has("error") || !acc.isNumber() || !energy.isNumber()
                    || 100 * (baseAcc.asDouble() - acc.asDouble()) > WITHIN_POINTS) {
                continue;
            }
            if (best == null || energy.asDouble() < best.at("/inference/energy_kwh_per_1k").asDouble()) {
                best = v;
            }
        }
        if (best == null) {
            doc.putObject("best_within_1_point").put("variant", "none");
            return;
        }
        ObjectNode b = doc.putObject("best_within_1_point");
        b.put("variant", best.path("label").asText());
        b.put("accuracy_change_points", 100 * (best.at("/metrics/test_accuracy").asDouble() - baseAcc.asDouble()));
        b.put("energy_per_inference_vs_baseline",
                best.at("/inference/energy_kwh_per_1k").asDouble() / baseEnergy.asDouble());
        if (best.at("/model/bytes").isNumber()) {
            b.put("bytes_vs_baseline", best.at("/model/bytes").asDouble() / baseBytes.asDouble());
        }
    }
}
