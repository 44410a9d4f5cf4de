package org.greendl.train.nas;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greendl.deploy.runtime.EnergyMeter;
import org.greendl.nn.zoo.InputSpec;

/**
 * A deployment's latency limit at batch 1 ({@code --max-latency-ms}), as ProxylessNAS and Once-for-All search under
 * one: an architecture is admitted only when the latency table predicts it within the limit, before anything is
 * trained, so the whole search budget goes to networks that can be deployed. Predictions are cached by key and
 * the energy spent timing new table units is counted.
 */
final class LatencyLimit {
    private final double maxMs;
    private final NasSpace space;
    private final InputSpec input;
    private final LatencyTable lut;
    private final Map<String, Double> predicted = new LinkedHashMap<>();
    private final Map<String, Double> refused = new LinkedHashMap<>();
    private double kwh;

    LatencyLimit(double maxMs, NasSpace space, InputSpec input, LatencyTable lut) {
        this.maxMs = maxMs;
        this.space = space;
        this.input = input;
        this.lut = lut;
    }

    double maxMs() {
        return maxMs;
    }

    /** Whether the table predicts {@code g} within the limit; a refused architecture is remembered for the record. */
    boolean admits(int[] g, EnergyMeter meter) throws IOException {
        double ms = predictedMs(g, meter);
        if (ms > maxMs) {
            refused.put(space.key(g), ms);
            return false;
        }
        return true;
    }

    /** The table's batch-1 prediction for {@code g}: the per-run overhead once plus each unit's net latency. */
    double predictedMs(int[] g, EnergyMeter meter) throws IOException {
        String key = space.key(g);
        Double known = predicted.get(key);
        if (known != null) {
            return known;
        }
        long[] chw = input.shape().getShape();
        EnergyMeter.Section section = meter.start();
        double ms;
        try {
            // The table's units are timed at each layer's input shape.
            List<long[]> layerInputs = Onnx.layerInputs(space.spec(g, chw, input.classes()), new Shape(chw));
            ms = lut.predictMs(space.units(g, input.classes()), layerInputs, chw);
        } finally {
            kwh += section.stop().kwh();
        }
        lut.save(); // a rerun predicts from the same timings, so it proposes the same architectures
        predicted.put(key, ms);
        return ms;
    }

    /** Energy spent timing table units for predictions in this run (kWh). */
    double kwh() {
        return kwh;
    }

    /** Refuses a limit that not even the space's cheapest architecture meets, in one line. */
    void checkCheapest(EnergyMeter meter) throws IOException {
        int[] cheapest = space.cheapest();
        double ms = predictedMs(cheapest, meter);
        if (ms > maxMs) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--max-latency-ms %s: the space's cheapest"
                    + " architecture %s is predicted at %.4f ms at batch 1 on this machine; no architecture of the"
                    + " space fits (raise the limit or add smaller choices)", fmt(maxMs), space.key(cheapest), ms));
        }
    }

    /** The limit, the architectures refused without training, and the trained ones measured above the limit. */
    ObjectNode record(List<ObjectNode> history) {
        ObjectNode o = NasSpace.JSON.createObjectNode();
        o.put("max_latency_ms_batch_1", maxMs);
        o.put("what", "architectures the latency table predicts above the limit are not trained;"
                + " every trained candidate's batch-1 latency is then measured end to end");
        ArrayNode r = o.putArray("refused");
        refused.forEach((k, ms) -> r.addObject().put("key", k).put("predicted_ms", ms));
        o.put("refused_count", refused.size());
        ArrayNode over = o.putArray("trained_measured_over_limit");
        for (JsonNode e : history) {
            if (e.at("/latency_ms/batch_1").asDouble() > maxMs) {
                over.add(e.get("key").asText());
            }
        }
        o.put("prediction_energy_kwh_this_run", kwh);
        return o;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
