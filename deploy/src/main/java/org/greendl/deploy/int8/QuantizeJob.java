package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.profile.OnnxModelInfo;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;

/**
 * What {@code greendl quantize MODEL.onnx --out Q.onnx} does, as one library call (the command and the bench
 * both run it): quantize the float model (held to an accuracy bound when validation data is given), write the
 * int8 file, its account and its run record {@code Q.onnx.run.json} (kind int8, config {@code onnx_model}: the
 * source file's own metadata, and {@code quantize}: the account).
 */
public final class QuantizeJob {
    private QuantizeJob() {}

    /**
     * @param data calibration and validation data (null: random normal calibration inputs)
     * @param maxAccuracyDrop the accuracy bound in points (null: none; with validation data both models are still
     *     scored)
     */
    public record Request(Path model, Path out, OnnxQuantization.Settings settings, CalibrationData data,
                          Double maxAccuracyDrop) {}

    /**
     * @param bound the validation scores and steps (null without validation data)
     * @param steps the accuracy-bound loop's lines, in order
     * @param report the account, as {@code --format json} prints it
     */
    public record Outcome(OnnxQuantization.Result result, AccuracyBound.Outcome bound, List<String> steps,
                          ObjectNode report, Path record, double wallSeconds) {
        /** False only when a bound was asked for and not met with every weighted layer float. */
        public boolean withinBound(Double maxAccuracyDrop) {
            return bound == null || maxAccuracyDrop == null || bound.withinBound();
        }
    }

    /** Loads {@code request.model()} and runs {@link #run(Request, ModelProto, Consumer)}. */
    public static Outcome run(Request request, Consumer<String> log) {
        return run(request, OnnxModels.load(request.model()), log);
    }

    /** {@code fp32}: the model file as already loaded; {@code log} receives the accuracy-bound loop's lines. */
    public static Outcome run(Request request, ModelProto fp32, Consumer<String> log) {
        long start = System.nanoTime();
        List<String> steps = new ArrayList<>();
        Path dir = request.model().toAbsolutePath().getParent();
        CalibrationData data = request.data();
        OnnxQuantization.Result r;
        AccuracyBound.Outcome bound = null;
        try {
            if (data != null && data.validation() != null) {
                bound = AccuracyBound.quantize(fp32, dir, request.settings(), data.calibration(), data.validation(),
                        request.maxAccuracyDrop() == null ? Double.POSITIVE_INFINITY : request.maxAccuracyDrop(),
                        line -> {
                            steps.add(line);
                            log.accept(line);
                        });
                r = bound.result();
            } else {
                r = OnnxQuantization.quantize(fp32, dir, request.settings(), data == null ? null : data.calibration());
            }
        } catch (IllegalArgumentException e) {
            throw OnnxSession.naming(e, request.model()); // the graph ran from memory: name the user's file
        }
        OnnxModels.save(r.model(), request.out());
        double wall = (System.nanoTime() - start) / 1e9;
        ObjectNode report = report(request, r, bound, steps);
        Path record;
        try {
            record = writeRunRecord(request, r, report, bound, wall);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record of " + request.out() + ": " + e.getMessage(), e);
        }
        report.put("run_record", record.toString());
        return new Outcome(r, bound, List.copyOf(steps), report, record, wall);
    }

    private static ObjectNode report(Request q, OnnxQuantization.Result r, AccuracyBound.Outcome bound,
                                     List<String> log) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", q.model().toString());
        root.put("output", q.out().toString());
        root.put("mode", r.mode());
        root.set("onnx", mapper.valueToTree(r.source().toMap(Map.of())));
        ObjectNode cal = root.putObject("calibration");
        cal.put("source", r.calibration());
        if (!r.mode().equals("dynamic")) {
            cal.put("method", (bound != null ? bound.calibration() : q.settings().method()).label());
            if (bound != null && bound.calibration() != q.settings().method()) {
                cal.put("asked", q.settings().method().label()); // the accuracy bound chose another
            }
            cal.put("samples", r.calibrationSamples());
            cal.put("batch", r.calibrationBatch());
        }
        CalibrationData loaded = q.data();
        if (loaded != null) {
            cal.put("data", loaded.spec());
            ObjectNode n = cal.putObject("normalization");
            n.set("mean", mapper.valueToTree(loaded.normalization().mean()));
            n.set("std", mapper.valueToTree(loaded.normalization().std()));
            n.put("source", loaded.normalizationStated() ? "--normalize" : loaded.normalization().source());
        }
        root.set("quantized_nodes", mapper.valueToTree(r.quantizedNodes()));
        root.set("fused_nodes", mapper.valueToTree(r.fusedNodes()));
        ArrayNode left = root.putArray("float_nodes");
        for (OnnxQuantization.FloatNode f : r.floatNodes()) {
            left.addObject().put("name", f.name()).put("op", f.opType()).put("reason", f.reason());
        }
        root.put("bytes_before", r.bytesBefore());
        root.put("bytes_after", r.bytesAfter());
        root.set("notes", mapper.valueToTree(r.notes()));
        if (bound != null) {
            ObjectNode v = root.putObject("validation");
            v.put("images", bound.validationImages());
            v.put("float_accuracy", bound.floatAccuracy());
            v.put("int8_accuracy", bound.int8Accuracy());
            v.put("drop_points", 100 * (bound.floatAccuracy() - bound.int8Accuracy()));
            if (q.maxAccuracyDrop() != null) {
                v.put("max_drop_points", q.maxAccuracyDrop());
                v.put("within_bound", bound.withinBound());
            }
            v.set("steps", mapper.valueToTree(log));
        }
        return root;
    }

    /** Writes OUT.run.json (kind int8): the file's bytes, the source model's metadata and what was done. */
    private static Path writeRunRecord(Request q, OnnxQuantization.Result r, ObjectNode report,
                                       AccuracyBound.Outcome bound, double wallS) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        config.put("source", "onnx");
        config.put("onnx_model", r.source().toMap(Map.of()));
        config.put("quantize", mapper.convertValue(report, Map.class));
        RunRecord.Metrics metrics = bound == null ? null
                : new RunRecord.Metrics(null, null, bound.int8Accuracy(), null, null, null);
        RunRecord record = new RunRecord(RunRecord.SCHEMA, java.util.UUID.randomUUID().toString(), null, "int8",
                java.time.Instant.now().toString(),
                new RunRecord.ModelInfo(q.model().getFileName().toString(), 0, 0, 0, r.bytesAfter(), 0),
                metrics, null, null, new RunRecord.TimeInfo(wallS), "completed", null, config,
                org.greendl.train.Environments.current(), List.of());
        Path file = q.out().resolveSibling(q.out().getFileName() + ".run.json");
        RunRecords.write(file, record);
        return file;
    }
}
