package org.greendl.train.nas;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.runtime.BatchResult;
import org.greendl.deploy.runtime.ServeBenchmark;
import org.greendl.record.AtomicFiles;

/**
 * The per-block latency lookup table ({@code OUT/lut.json}): the ONNX Runtime latency at batch 1 (median) of each
 * unit of a network (the stem, each inverted-residual configuration, the head) at the input shape it gets there,
 * measured once (the median of three separate timings), the first time a candidate uses it, and kept for every
 * later candidate and for a resumed search.
 * A network's predicted latency is the sum of its units', less the per-run overhead (an identity graph's latency)
 * that each unit's timing includes and the network pays once.
 */
final class LatencyTable {
    /** Separate timings of each unit; the table keeps their median. */
    static final int TIMINGS = 3;
    private final Path file;
    private final Path scratch;
    private final ServeBenchmark.Settings timing;
    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();
    private int measured;

    LatencyTable(Path out, ServeBenchmark.Settings timing) {
        this.file = out.resolve("lut.json");
        this.scratch = out.resolve("lut");
        this.timing = timing;
        if (Files.exists(file)) {
            try {
                JsonNode root = NasSpace.JSON.readTree(file.toFile());
                for (JsonNode e : root.path("entries")) {
                    entries.put(e.get("key").asText(), (ObjectNode) e);
                }
            } catch (IOException | RuntimeException e) {
                // A damaged table is measured again.
                entries.clear();
            }
        }
    }

    /** The batch-1 latency (ms) of {@code layers} on inputs of one example's shape {@code input}. */
    double latencyMs(List<ObjectNode> layers, long[] input) {
        ArrayNode arr = NasSpace.JSON.createArrayNode();
        layers.forEach(arr::add);
        String key = Arrays.toString(input) + " " + arr;
        ObjectNode hit = entries.get(key);
        if (hit != null) {
            return hit.get("latency_ms").asDouble();
        }
        ObjectNode doc = NasSpace.JSON.createObjectNode();
        ArrayNode in = doc.putArray("input");
        for (long d : input) {
            in.add(d);
        }
        doc.set("layers", arr);
        try {
            Files.createDirectories(scratch);
            Path onnx = scratch.resolve("unit-" + entries.size() + ".onnx");
            if (input.length == 1 || input.length == 3) {
                Onnx.export(doc, new Shape(input), onnx);
            } else {
                // Inside a network, e.g. an encoder layer's [tokens, width]: a model spec's input cannot be that.
                ai.djl.nn.SequentialBlock unit = new ai.djl.nn.SequentialBlock();
                for (ObjectNode layer : layers) {
                    unit.add(org.greendl.nn.spec.BlockSpecs.fromTree(layer.deepCopy()));
                }
                Onnx.export(unit, new Shape(input), onnx);
            }
            // Timed TIMINGS times, the median kept: one entry serves every later network, so one timing caught
            // in a burst of other work on the machine would skew them all.
            double[] ms = new double[TIMINGS];
            int runs = 0;
            ArrayNode timings = NasSpace.JSON.createArrayNode();
            for (int t = 0; t < TIMINGS; t++) {
                List<BatchResult> r = ServeBenchmark.run(onnx, timing, null);
                ms[t] = r.get(0).latencyMsP50();
                runs += r.get(0).runs();
                timings.add(ms[t]);
            }
            Files.deleteIfExists(onnx);
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[TIMINGS / 2];
            ObjectNode e = NasSpace.JSON.createObjectNode();
            e.put("key", key);
            e.put("latency_ms", median);
            e.set("timings_ms", timings);
            e.put("runs", runs);
            e.set("input", in);
            e.set("layers", arr);
            entries.put(key, e);
            measured++;
            return median;
        } catch (IOException e) {
            throw new UncheckedIOException("latency table: " + e.getMessage(), e);
        }
    }

    /**
     * The latency of a graph that does nothing (one identity) at {@code input}: the per-run cost of ONNX Runtime
     * that every unit's own timing includes once and a whole network pays once.
     */
    double overheadMs(long[] input) {
        return latencyMs(List.of(NasSpace.JSON.createObjectNode().put("type", "identity")), input);
    }

    /** Writes the table (atomically). */
    void save() throws IOException {
        ObjectNode root = NasSpace.JSON.createObjectNode();
        root.put("batch", 1);
        root.put("intra_op_threads", timing.threads());
        root.put("statistic", "median of " + TIMINGS + " timings of the unit alone, each the median latency (ms) of"
                + " its ONNX Runtime runs");
        ArrayNode arr = root.putArray("entries");
        entries.values().forEach(arr::add);
        AtomicFiles.writeString(file, NasSpace.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    int size() {
        return entries.size();
    }

    /** Entries measured by this process (not read from the cache). */
    int measured() {
        return measured;
    }
}
