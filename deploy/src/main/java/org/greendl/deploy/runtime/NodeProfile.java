package org.greendl.deploy.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.onnx.OnnxModels;

/**
 * Where a model's time goes, node by node, from ONNX Runtime's own profiler (SessionOptions.enableProfiling): the
 * kernel time of every node of the optimized graph, averaged over the profiled runs. Shows, e.g., an int8
 * convolution slower than its float version, or the NCHW/NHWC transposes ORT adds around int8 layers.
 */
public final class NodeProfile {
    /** One node of the optimized graph: its ORT op type, mean kernel time per run, and share of all kernel time. */
    public record NodeTime(String node, String op, double microsPerRun, double share) {}

    private NodeProfile() {}

    /** Runs {@code runs} batches of {@code batch} seeded random inputs with profiling on; slowest nodes first. */
    public static List<NodeTime> measure(Path model, int threads, int batch, int runs) {
        return measure(model, threads, batch, runs, List.of());
    }

    /**
     * As {@link #measure(Path, int, int, int)} for a model of any input signature: {@code inputSpecs} as
     * {@link InputSignature#of} reads them, the inputs generated as {@link ServeBenchmark} generates them.
     */
    public static List<NodeTime> measure(Path model, int threads, int batch, int runs, List<String> inputSpecs) {
        ModelProto proto = OnnxModels.load(model);
        InputSignature signature = InputSignature.of(proto, inputSpecs);
        Map<String, InputFeeds.Feed> feeds = InputFeeds.generate(proto, signature, batch, 42);
        Path dir;
        try {
            dir = Files.createTempDirectory("greendl-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path trace = null;
        try (OnnxSession s = OnnxSession.open(model, SessionSettings.threads(threads).withProfiling(dir.resolve("ort")))) {
            for (int i = 0; i < runs; i++) {
                s.run(feeds);
            }
            trace = s.endProfiling();
            return summarize(trace, runs);
        } finally {
            try {
                if (trace != null) {
                    Files.deleteIfExists(trace);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary trace left behind is harmless
            }
        }
    }

    /** Sums the "Node" kernel-time events of an ORT trace by node. */
    static List<NodeTime> summarize(Path trace, int runs) {
        JsonNode events;
        try {
            events = new ObjectMapper().readTree(trace.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX Runtime's profile " + trace, e);
        }
        Map<String, long[]> micros = new LinkedHashMap<>();
        Map<String, String> ops = new LinkedHashMap<>();
        long total = 0;
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if (!e.path("cat").asText().equals("Node") || !name.endsWith("_kernel_time")) {
                continue;
            }
            String node = name.substring(0, name.length() - "_kernel_time".length());
            micros.computeIfAbsent(node, k -> new long[1])[0] += e.path("dur").asLong();
            ops.putIfAbsent(node, e.path("args").path("op_name").asText());
            total += e.path("dur").asLong();
        }
        List<NodeTime> out = new ArrayList<>();
        for (Map.Entry<String, long[]> m : micros.entrySet()) {
            out.add(new NodeTime(m.getKey(), ops.get(m.getKey()), m.getValue()[0] / (double) runs,
                    total == 0 ? 0 : m.getValue()[0] / (double) total));
        }
        out.sort(Comparator.comparingDouble(NodeTime::microsPerRun).reversed());
        return out;
    }
}
