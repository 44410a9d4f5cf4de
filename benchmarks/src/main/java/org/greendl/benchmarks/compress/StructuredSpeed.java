package org.greendl.benchmarks.compress;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.greendl.compress.Costs;
import org.greendl.compress.SideBySide;
import org.greendl.train.ModelStore;
import org.greendl.train.SavedModel;

/**
 * Batch inference latency of a baseline and a structurally pruned model, measured side by side (A B A B,
 * alternating which goes first) in one process with the engine's thread count fixed by the caller; prints one
 * JSON document. Usage: {@code StructuredSpeed BASELINE_DIR PRUNED_DIR [BATCH] [ROUNDS]}.
 */
public final class StructuredSpeed {
    private StructuredSpeed() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: StructuredSpeed BASELINE_DIR PRUNED_DIR [BATCH] [ROUNDS]\n"
                    + "       StructuredSpeed --params CNN_PARAMS_FILE RATIO [BATCH] [ROUNDS]");
            System.exit(2);
        }
        try {
            if (args[0].equals("--params")) {
                fromParams(args);
            } else {
                fromFolders(args);
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // A missing folder or a bad number is the caller's input: one line, no stack trace.
            System.err.println("StructuredSpeed: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void fromFolders(String[] args) throws Exception {
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 41;
        Shape input = new Shape(batch, 1, 28, 28);
        try (SavedModel base = ModelStore.load(Path.of(args[0])); SavedModel pruned = ModelStore.load(Path.of(args[1]))) {
            SideBySide.Result r = SideBySide.compare(base.block(), pruned.block(), input, 10, rounds);
            Costs cb = Costs.of(base.block(), input);
            Costs cp = Costs.of(pruned.block(), input);
            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("baseline", args[0]).put("pruned", args[1]).put("batch", batch).put("rounds", rounds)
                    .put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"))
                    .put("baseline_median_ms", r.medianMillisA()).put("pruned_median_ms", r.medianMillisB())
                    .put("latency_ratio", r.ratio())
                    .put("baseline_macs_per_example", cb.macs()).put("pruned_macs_per_example", cp.macs())
                    .put("macs_ratio", (double) cp.macs() / cb.macs())
                    .put("baseline_test_accuracy", base.record().metrics().testAccuracy())
                    .put("pruned_test_accuracy", pruned.record().metrics().testAccuracy());
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        }
    }

    /** Latency does not depend on the weights' values: compares a saved cnn with its pruned copy, untuned. */
    private static void fromParams(String[] args) throws Exception {
        double ratio = Double.parseDouble(args[2]);
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 41;
        Shape input = new Shape(batch, 1, 28, 28);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            ai.djl.nn.Block base = org.greendl.nn.zoo.ModelZoo.build("cnn");
            base.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, input);
            try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
                    java.nio.file.Files.newInputStream(Path.of(args[1]))))) {
                base.loadParameters(m, in);
            }
            ai.djl.nn.Block pruned = org.greendl.compress.prune.StructuredPruning.prune(base, input, m,
                    org.greendl.compress.prune.StructuredPruningConfig.of(ratio)).block();
            SideBySide.Result r = SideBySide.compare(base, pruned, input, 10, rounds);
            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("params_file", args[1]).put("ratio", ratio).put("batch", batch).put("rounds", rounds)
                    .put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"))
                    .put("baseline_median_ms", r.medianMillisA()).put("pruned_median_ms", r.medianMillisB())
                    .put("latency_ratio", r.ratio())
                    .put("macs_ratio", (double) Costs.of(pruned, input).macs() / Costs.of(base, input).macs());
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        }
    }
}
