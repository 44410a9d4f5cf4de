package org.greendl.train.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakEvenTest {
    private static ObjectNode candidate(String key, double acc, double mj, boolean front) {
        ObjectNode c = NasSpace.JSON.createObjectNode().put("id", key).put("key", key).put("validation_accuracy", acc)
                .put("pareto", front);
        c.putObject("energy_per_inference_mj").put("batch_1", mj);
        return c;
    }

    @Test
    void theSearchIsRepaidAfterItsEnergyOverTheSavingPerInference() {
        ObjectNode baseline = NasSpace.JSON.createObjectNode().put("model", "cnn").put("resumed", true);
        baseline.putObject("energy_per_inference_mj").put("batch_1", 1.0);
        // 0.001 kWh = 3.6e6 mJ; saving 0.75 mJ per inference: 4.8e6 inferences.
        List<JsonNode> cs = List.of(candidate("big", 0.95, 1.5, true), candidate("small", 0.90, 0.25, true),
                candidate("worse", 0.80, 0.5, false));
        JsonNode be = BreakEven.of(baseline, cs, 0.001);
        assertEquals(2, be.get("front").size(), "front members only");
        JsonNode small = be.get("front").get(1);
        assertEquals(0.75, small.get("saving_mj_per_inference").asDouble(), 1e-12);
        assertEquals(4.8e6, small.get("inferences").asDouble(), 1.0);
        assertEquals(0.25, small.get("energy_ratio").asDouble(), 1e-12);
        JsonNode chosen = be.get("chosen");
        assertEquals("big", chosen.get("key").asText(), "the front's most accurate");
        assertTrue(chosen.get("inferences").isNull(), "costs more per inference than the baseline: never repaid");
        assertTrue(chosen.get("note").asText().contains("never repays"));
        assertTrue(!be.get("baseline").has("resumed"), "the record keeps the baseline's cost, not the run's state");
    }
}
