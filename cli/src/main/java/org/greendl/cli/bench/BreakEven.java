package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The break-even point of a variant: how many inferences it must serve before what it saves per inference
 * (against the baseline) repays the energy spent making it. Never when it saves nothing per inference.
 */
final class BreakEven {
    private BreakEven() {}

    static void annotate(ObjectNode variant, ObjectNode baseline) {
        JsonNode making = variant.at("/energy/total_kwh");
        JsonNode mine = variant.at("/inference/energy_kwh_per_1k");
        JsonNode theirs = baseline.at("/inference/energy_kwh_per_1k");
        if (!making.isNumber() || !mine.isNumber() || !theirs.isNumber()) {
            return;
        }
        double savedPerInference = (theirs.asDouble() - mine.asDouble()) / 1000;
        if (savedPerInference > 0) {
            variant.put("break_even_inferences", Math.ceil(making.asDouble() / savedPerInference));
        } else {
            variant.put("break_even_inferences", "never (no saving per inference)");
        }
    }
}
