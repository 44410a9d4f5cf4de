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
 * Each unit is timed beside an identity graph of the same input, alternately, so every entry also holds its
 * <em>net</em> latency: the median over the timings of (unit - identity), the unit's cost without the per-run
 * overhead that its own graph pays and a whole network pays only once. A network's predicted latency is the
 * identity graph's at the network's input plus its units' net latencies. Pairing the two timings keeps a burst of
 * other work on the machine from entering one side only.
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
        return entry(layers, input).get("latency_ms").asDouble();
    }

    /** The latency (ms) of {@code layers} less that of an identity graph of the same input, timed beside it. */
    double netMs(List<ObjectNode> layers, long[] input) {
        return entry(layers, input).get("net_ms").asDouble();
    }

    private ObjectNode entry(List<ObjectNode> layers, long[] input) {
        ArrayNode arr = NasSpace.JSON.createArrayNode();
        layers.forEach(arr::add);
        String key = Arrays.toString(input) + " " + arr;
        ObjectNode hit = entries.get(key);
        if (hit != null && hit.has("net_ms")) {
            return hit;
        }
        ArrayNode in = NasSpace.JSON.createArrayNode();
        for (long d : input) {
            in.add(d);
        }
        try {
            Files.createDirectories(scratch);
            Path onnx = scratch.resolve("unit-" + entries.size() + ".onnx");
            Path identity = scratch.resolve("identity-" + entries.size() + ".onnx");
            export(layers, input, onnx);
            export(List.of(NasSpace.JSON.createObjectNode().put("type", "identity")), input, identity);
            // Timed TIMINGS times, the median kept: one entry serves every later network, so one timing caught
            // in a burst of other work on the machine would skew them all.
            double[] ms = new double[TIMINGS];
            double[] idMs = new double[TIMINGS];
            double[] net = new double[TIMINGS];
            int runs = 0;
            ArrayNode timings = NasSpace.JSON.createArrayNode();
            ArrayNode identityTimings = NasSpace.JSON.createArrayNode();
            for (int t = 0; t < TIMINGS; t++) {
                List<BatchResult> r = ServeBenchmark.run(onnx, timing, null);
                idMs[t] = ServeBenchmark.run(identity, timing, null).get(0).latencyMsP50();
                ms[t] = r.get(0).latencyMsP50();
                net[t] = Math.max(0, ms[t] - idMs[t]);
                runs += r.get(0).runs();
                timings.add(ms[t]);
                identityTimings.add(idMs[t]);
            }
            Files.deleteIfExists(onnx);
            Files.deleteIfExists(identity);
            ObjectNode e = NasSpace.JSON.createObjectNode();
            e.put("key", key);
            e.put("latency_ms", median(ms));
            e.put("net_ms", median(net));
            e.set("timings_ms", timings);
            e.set("identity_timings_ms", identityTimings);
            e.put("runs", runs);
            e.set("input", in);
            e.set("layers", arr);
            entries.put(key, e);
            measured++;
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException("latency table: " + e.getMessage(), e);
        }
    }

    private static void export(List<ObjectNode> layers, long[] input, Path onnx) throws IOException {
        if (input.length == 1 || input.length == 3) {
            ObjectNode doc = NasSpace.JSON.createObjectNode();
            ArrayNode in = doc.putArray("input");
            for (long d : input) {
                in.add(d);
            }
            ArrayNode arr = doc.putArray("layers");
            layers.forEach(l -> arr.add(l.deepCopy()));
            Onnx.export(doc, new Shape(input), onnx);
        } else {
            // Inside a network, e.g. an encoder layer's [tokens, width]: a model spec's input cannot be that.
            ai.djl.nn.SequentialBlock unit = new ai.djl.nn.SequentialBlock();
            for (ObjectNode layer : layers) {
                unit.add(org.greendl.nn.spec.BlockSpecs.fromTree(layer.deepCopy()));
            }
            Onnx.export(unit, new Shape(input), onnx);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * The latency of a graph that does nothing (one identity) at {@code input}: the per-run cost of ONNX Runtime
     * that every unit's own timing includes once and a whole network pays once.
     */
    double overheadMs(long[] input) {
        return latencyMs(List.of(NasSpace.JSON.createObjectNode().put("type", "identity")), input);
    }

    /** The sum of a network's units' own latencies; {@code layerInputs} holds each top-level layer's input. */
    double unitsSumMs(List<List<ObjectNode>> units, List<long[]> layerInputs) {
        return sum(units, layerInputs, false);
    }

    /** The sum of a network's units' net latencies (each less its own per-run overhead). */
    double unitsNetSumMs(List<List<ObjectNode>> units, List<long[]> layerInputs) {
        return sum(units, layerInputs, true);
    }

    /** A network's predicted batch-1 latency at {@code input}: the per-run overhead once plus its units' net latencies. */
    double predictMs(List<List<ObjectNode>> units, List<long[]> layerInputs, long[] input) {
        return overheadMs(input) + unitsNetSumMs(units, layerInputs);
    }

    private double sum(List<List<ObjectNode>> units, List<long[]> layerInputs, boolean net) {
        double ms = 0;
        int layer = 0; // a unit is timed at the input of its first layer
        for (List<ObjectNode> u : units) {
            ms += net ? netMs(u, layerInputs.get(layer)) : latencyMs(u, layerInputs.get(layer));
            layer += u.size();
        }
        return ms;
    }

    /** Writes the table (atomically). */
    void save() throws IOException {
        ObjectNode root = NasSpace.JSON.createObjectNode();
        root.put("batch", 1);
        root.put("intra_op_threads", timing.threads());
        root.put("statistic", "median of " + TIMINGS + " timings of the unit alone, each the median latency (ms) of"
                + " its ONNX Runtime runs; net_ms: median of (unit - identity graph of the same input), timed in turn");
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
