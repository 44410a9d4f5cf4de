package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The bench's headline and each variant's comparison. Accuracy is compared with the <em>reference</em>: the
 * better of the baseline and {@code baseline-continued} (the baseline trained on as long as the longest
 * fine-tuning), so that a technique is never credited for the extra epochs it trained. Energy and bytes are
 * compared with the baseline, the model the variants replace in serving. The headline is, among the variants
 * within one point of the reference, the one with the lowest energy per inference.
 */
final class Best {
    static final double WITHIN_POINTS = 1.0;

    private Best() {}

    /** The better of the baseline and the control (by test accuracy); null without a usable baseline. */
    static ObjectNode reference(ObjectNode baseline, ObjectNode control) {
        if (baseline == null || baseline.has("error") || !accuracy(baseline).isNumber()) {
            return null;
        }
        if (control == null || control.has("error") || !accuracy(control).isNumber()) {
            return baseline;
        }
        return accuracy(control).asDouble() > accuracy(baseline).asDouble() ? control : baseline;
    }

    /** Writes {@code comparison}: which reference the variant is compared with, and its extra epochs. */
    static void compare(ObjectNode variant, ObjectNode reference, int extraEpochs) {
        ObjectNode c = variant.putObject("comparison");
        c.put("reference", reference.path("label").asText());
        c.put("reference_test_accuracy", accuracy(reference).asDouble());
        c.put("extra_epochs", extraEpochs);
        if (accuracy(variant).isNumber()) {
            c.put("accuracy_change_points", 100 * (accuracy(variant).asDouble() - accuracy(reference).asDouble()));
        }
    }

    static void annotate(ObjectNode doc, ObjectNode baseline, ObjectNode reference, Collection<ObjectNode> variants) {
        JsonNode refAcc = accuracy(reference);
        JsonNode baseEnergy = baseline.at("/inference/energy_kwh_per_1k");
        JsonNode baseBytes = baseline.at("/model/bytes");
        if (!refAcc.isNumber() || !baseEnergy.isNumber()) {
            return;
        }
        ObjectNode best = null;
        for (ObjectNode v : variants) {
            JsonNode acc = accuracy(v);
            JsonNode energy = v.at("/inference/energy_kwh_per_1k");
            boolean notACandidate = v == baseline || BenchRunner.CONTROL.equals(v.path("label").asText());
            if (notACandidate || v.has("error") || !acc.isNumber() || !energy.isNumber()
                    || 100 * (refAcc.asDouble() - acc.asDouble()) > WITHIN_POINTS) {
                continue;
            }
            if (best == null || energy.asDouble() < best.at("/inference/energy_kwh_per_1k").asDouble()) {
                best = v;
            }
        }
        ObjectNode b = doc.putObject("best_within_1_point");
        if (best == null) {
            b.put("variant", "none");
        } else {
            b.put("variant", best.path("label").asText());
            b.put("accuracy_change_points", 100 * (accuracy(best).asDouble() - refAcc.asDouble()));
            b.put("energy_per_inference_vs_baseline",
                    best.at("/inference/energy_kwh_per_1k").asDouble() / baseEnergy.asDouble());
            if (best.at("/model/bytes").isNumber() && baseBytes.isNumber()) {
                b.put("bytes_vs_baseline", best.at("/model/bytes").asDouble() / baseBytes.asDouble());
            }
        }
        b.put("reference", reference.path("label").asText());
        b.put("reference_test_accuracy", refAcc.asDouble());
    }

    private static JsonNode accuracy(JsonNode v) {
        return v.at("/metrics/test_accuracy");
    }
}
