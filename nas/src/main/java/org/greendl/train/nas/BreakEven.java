package org.greendl.train.nas;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greendl.deploy.runtime.BatchResult;
import org.greendl.deploy.runtime.EnergyMeter;
import org.greendl.deploy.runtime.ServeBenchmark;
import org.greendl.deploy.runtime.TrackerEnergyMeter;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.record.AtomicFiles;

/**
 * When a search repays itself: a baseline model (a zoo model, by default {@code cnn}) measured in the same runtime
 * as the candidates (ONNX Runtime, the same threads, batch 1 and 64, the same meter), and for the chosen network
 * (the Pareto front's most accurate) and every other front member the inferences after which its energy saving
 * per inference against the baseline adds up to the search's own energy. The baseline is measured once per search
 * folder ({@code OUT/baseline.json}) and its measuring counts in the search's energy. Only energy is compared: the
 * baseline is not trained here, so whether a network matches its accuracy is for {@code greendl bench} to show.
 */
final class BreakEven {
    static final String FILE = "baseline.json";

    private BreakEven() {}

    /**
     * The baseline's cost, measured now or read back from an earlier run of the same search (same model and
     * input); {@code "resumed": true} when read back (its measuring energy was counted by that run).
     */
    static ObjectNode baseline(String model, InputSpec input, Path out, TrackerEnergyMeter meter, int ortThreads)
            throws IOException {
        long[] chw = input.shape().getShape();
        Path file = out.resolve(FILE);
        if (Files.isRegularFile(file)) {
            ObjectNode r = (ObjectNode) NasSpace.JSON.readTree(file.toFile());
            // the input compared as text: a long read back is an int node
            if (model.equals(r.path("model").asText())
                    && NasSpace.JSON.valueToTree(chw).toString().equals(String.valueOf(r.get("input")))
                    && r.path("intra_op_threads").asInt() == ortThreads) {
                r.put("resumed", true);
                return r;
            }
        }
        ai.djl.nn.Block block;
        try {
            block = ModelResolver.resolve(model, Map.of(), input).block();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--baseline " + model + ": " + e.getMessage()
                    + " (give another zoo model, or none)", e);
        }
        ObjectNode r = NasSpace.JSON.createObjectNode();
        r.put("model", model);
        r.set("input", NasSpace.JSON.valueToTree(chw));
        r.put("intra_op_threads", ortThreads);
        EnergyMeter.Section section = meter.start();
        Files.createDirectories(out.resolve("candidates"));
        Path onnx = out.resolve("candidates").resolve("baseline-" + model + ".onnx");
        Onnx.Built built = Onnx.export(block, new Shape(chw), onnx);
        List<BatchResult> timed = ServeBenchmark.run(onnx,
                new ServeBenchmark.Settings(List.of(1, 64), ortThreads, 5, 20, 0.3), meter);
        EnergyMeter.Reading measuring = section.stop();
        r.put("params", built.profile().total().params());
        r.put("macs", built.profile().total().macs());
        r.put("onnx", onnx.toString());
        ObjectNode lat = r.putObject("latency_ms");
        lat.put("batch_1", timed.get(0).latencyMsP50());
        lat.put("batch_64", timed.get(1).latencyMsP50());
        ObjectNode en = r.putObject("energy_per_inference_mj");
        en.put("batch_1", mj(timed.get(0)));
        en.put("batch_64", mj(timed.get(1)));
        en.put("source", timed.get(0).energySource());
        r.put("measure_energy_kwh", measuring.kwh());
        AtomicFiles.writeString(file, NasSpace.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
        r.put("resumed", false);
        return r;
    }

    private static double mj(BatchResult b) {
        return b.energyKwhPer1k() == null ? 0 : b.energyKwhPer1k() / 1000 * NasSearch.MJ_PER_KWH;
    }

    /**
     * The break-even block of the record: {@code candidates} carry {@code pareto}, {@code validation_accuracy} and
     * {@code energy_per_inference_mj.batch_1}; {@code searchKwh} is the search's energy so far.
     */
    static ObjectNode of(JsonNode baseline, List<? extends JsonNode> candidates, double searchKwh) {
        ObjectNode r = NasSpace.JSON.createObjectNode();
        ObjectNode b = baseline.deepCopy();
        b.remove("resumed");
        r.set("baseline", b);
        double baseMj = baseline.at("/energy_per_inference_mj/batch_1").asDouble();
        r.put("search_kwh", searchKwh);
        r.put("how", "inferences = the search's energy / (the baseline's energy per inference - the network's), both"
                + " at batch 1 in the same runtime and meter (estimates where the meter estimates); none where the"
                + " network saves nothing. The baseline is not trained: energy only, not accuracy");
        ArrayNode front = r.putArray("front");
        JsonNode chosen = null;
        for (JsonNode c : candidates) {
            if (!c.path("pareto").asBoolean()) {
                continue;
            }
            front.add(entry(c, baseMj, searchKwh));
            if (chosen == null || accuracy(c) > accuracy(chosen)) {
                chosen = c;
            }
        }
        if (chosen != null) {
            ObjectNode ch = entry(chosen, baseMj, searchKwh);
            ch.put("how_chosen", "the Pareto front's most accurate (the network greendl bench's nas variant trains)");
            r.set("chosen", ch);
        }
        return r;
    }

    /** Validation accuracy, after fine-tuning where the supernet fine-tuned. */
    private static double accuracy(JsonNode c) {
        return c.at("/finetune/validation_accuracy").asDouble(c.path("validation_accuracy").asDouble());
    }

    private static ObjectNode entry(JsonNode c, double baseMj, double searchKwh) {
        ObjectNode e = NasSpace.JSON.createObjectNode();
        e.put("id", c.path("id").asText());
        e.put("key", c.path("key").asText());
        e.put("validation_accuracy", accuracy(c));
        double mj = c.at("/energy_per_inference_mj/batch_1").asDouble();
        e.put("energy_per_inference_mj", mj);
        double saving = baseMj - mj;
        e.put("saving_mj_per_inference", saving);
        e.put("energy_ratio", baseMj > 0 ? mj / baseMj : Double.NaN);
        if (saving > 0) {
            e.put("inferences", Math.ceil(searchKwh * NasSearch.MJ_PER_KWH / saving));
        } else {
            e.putNull("inferences");
            e.put("note", String.format(Locale.ROOT, "uses %.4g mJ per inference, not less than the baseline's"
                    + " %.4g: the search never repays itself through this network", mj, baseMj));
        }
        return e;
    }
}
