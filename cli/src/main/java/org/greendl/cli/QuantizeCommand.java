package org.greendl.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.greendl.deploy.int8.AccuracyBound;
import org.greendl.deploy.int8.CalibrationMethod;
import org.greendl.deploy.int8.OnnxQuantization;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.profile.OnnxModelInfo;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code greendl quantize MODEL.onnx --out Q.onnx}: int8 of any float ONNX model (static QDQ calibrated on
 * {@code --data} or random inputs, or {@code --dynamic}), the nodes left float listed with their reason.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Quantize a float ONNX model to int8: static QDQ calibrated on --data (or random inputs), or"
                + " --dynamic for MatMul-heavy models. Nodes without an int8 rule stay float and are listed.")
public final class QuantizeCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The float ONNX model.")
    Path model;

    @Option(names = {"--out", "-o"}, required = true, paramLabel = "Q.onnx", description = "Where to write the int8 model.")
    Path out;

    @Option(names = "--data", paramLabel = "SPEC", description = "Calibration (training split) and validation (test"
            + " split) data: fashion-mnist, idx:DIR, folder:DIR, csv:FILE or npz:FILE. Default: random normal inputs.")
    String data;

    @Option(names = "--normalize", paramLabel = "MEAN,STD|none", description = "Preprocessing of --data as the model"
            + " expects it, after pixels are scaled to [0, 1] (default: the data's own).")
    String normalize;

    @Option(names = "--calibration", defaultValue = "minmax", description = "minmax, percentile or entropy"
            + " (default: ${DEFAULT-VALUE}).")
    String calibration;

    @Option(names = "--calibration-size", defaultValue = "512", description = "Calibration samples (default: ${DEFAULT-VALUE}).")
    int calibrationSize;

    @Option(names = "--percentile", defaultValue = "99.99", description = "Upper percentile for --calibration"
            + " percentile (default: ${DEFAULT-VALUE}).")
    double percentile;

    @Option(names = "--per-tensor", description = "One weight scale per tensor instead of per output channel.")
    boolean perTensor;

    @Option(names = "--dynamic", description = "Dynamic int8 (Gemm/MatMul weights int8, activations per batch): no"
            + " calibration, for MatMul-heavy graphs such as transformers.")
    boolean dynamic;

    @Option(names = "--input", paramLabel = "NAME=SHAPE[:DTYPE]", description = "Input shape for random calibration"
            + " inputs, the batch written N, e.g. input=N,3,224,224 (repeatable).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--keep-float", paramLabel = "NODE", description = "An ONNX node name left in float (repeatable).")
    List<String> keepFloat = new ArrayList<>();

    @Option(names = "--max-accuracy-drop", paramLabel = "POINTS", description = "With --data: keep the most sensitive"
            + " layers float until int8 loses at most POINTS accuracy points on the validation images.")
    Double maxAccuracyDrop;

    @Option(names = "--validation-size", defaultValue = "1000", description = "With --data: test images scoring"
            + " float and int8 (default: ${DEFAULT-VALUE}; 0 = none).")
    int validationSize;

    /** The seed of random calibration inputs. */
    @Mixin SeedOption seed;

    @Mixin FormatOption format;

    @Override
    public Integer call() throws IOException {
        boolean json = format.json();
        if (calibrationSize < 1 || validationSize < 0) {
            throw new Cli.UsageFailure("--calibration-size must be >= 1 and --validation-size >= 0");
        }
        if (maxAccuracyDrop != null && (data == null || validationSize == 0)) {
            throw new Cli.UsageFailure("--max-accuracy-drop needs --data and a --validation-size above 0");
        }
        if (normalize != null && data == null) {
            throw new Cli.UsageFailure("--normalize applies to --data; random calibration inputs are not normalized");
        }
        CalibrationMethod method;
        try {
            method = CalibrationMethod.parse(calibration);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure("--calibration: " + e.getMessage());
        }
        long start = System.nanoTime();
        ModelProto fp32 = OnnxModels.load(model);
        OnnxModelInfo info = OnnxModelInfo.of(fp32);
        Map<String, long[]> shapes;
        try {
            shapes = OnnxInputs.parse(inputs, info, model.toString());
        } catch (Cli.UsageFailure e) {
            // The flag is well formed; the model disagrees with it: a failure about this model, not bad usage.
            throw new IllegalArgumentException(e.getMessage());
        }
        OnnxQuantization.Settings settings = new OnnxQuantization.Settings(dynamic, method, calibrationSize, percentile,
                !perTensor, Set.copyOf(keepFloat), shapes, seed.value());
        CalibrationData loaded = data == null ? null
                : CalibrationData.load(data, normalize, calibrationSize, validationSize);
        List<String> log = new ArrayList<>();
        OnnxQuantization.Result r;
        AccuracyBound.Outcome bound = null;
        Path dir = model.toAbsolutePath().getParent();
        try {
            if (loaded != null && loaded.validation() != null) {
                bound = AccuracyBound.quantize(fp32, dir, settings, loaded.calibration(), loaded.validation(),
                        maxAccuracyDrop == null ? Double.POSITIVE_INFINITY : maxAccuracyDrop, line -> {
                            log.add(line);
                            if (!json) {
                                System.out.println(line);
                            }
                        });
                r = bound.result();
            } else {
                r = OnnxQuantization.quantize(fp32, dir, settings, loaded == null ? null : loaded.calibration());
            }
        } catch (IllegalArgumentException e) {
            throw org.greendl.deploy.runtime.OnnxSession.naming(e, model);
        }
        OnnxModels.save(r.model(), out);
        double wall = (System.nanoTime() - start) / 1e9;
        ObjectNode report = report(r, loaded, bound, log);
        Path record = writeRunRecord(r, report, bound, wall);
        report.put("run_record", record.toString());
        if (json) {
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            printText(r, loaded, bound, record);
        }
        return bound != null && maxAccuracyDrop != null && !bound.withinBound() ? 1 : 0;
    }

    private ObjectNode report(OnnxQuantization.Result r, CalibrationData loaded, AccuracyBound.Outcome bound,
                              List<String> log) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model.toString());
        root.put("output", out.toString());
        root.put("mode", r.mode());
        root.set("onnx", mapper.valueToTree(r.source().toMap(Map.of())));
        ObjectNode cal = root.putObject("calibration");
        cal.put("source", r.calibration());
        if (!r.mode().equals("dynamic")) {
            cal.put("method", calibration.toLowerCase(java.util.Locale.ROOT));
            cal.put("samples", r.calibrationSamples());
            cal.put("batch", r.calibrationBatch());
        }
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
            if (maxAccuracyDrop != null) {
                v.put("max_drop_points", maxAccuracyDrop);
                v.put("within_bound", bound.withinBound());
            }
            v.set("steps", mapper.valueToTree(log));
        }
        return root;
    }

    private void printText(OnnxQuantization.Result r, CalibrationData loaded, AccuracyBound.Outcome bound,
                           Path record) {
        String how = r.mode().equals("dynamic") ? "dynamic int8 (no calibration)"
                : String.format("static int8 QDQ, %s calibration on %d %s samples, batch %d", calibration,
                        r.calibrationSamples(), r.calibration().equals("data") ? loaded.spec() : "random normal",
                        r.calibrationBatch());
        System.out.printf("%s -> %s: %s%n", model, out, how);
        r.source().headerLines(Map.of()).forEach(System.out::println);
        if (loaded != null) {
            System.out.println(loaded.describeNormalization());
        }
        System.out.printf("%d nodes quantized, %d fused into them, %d left float%n", r.quantizedNodes().size(),
                r.fusedNodes().size(), r.floatNodes().size());
        // Weighted layers one by one (they are what int8 is for); the rest grouped by reason and op type.
        Map<String, Map<String, Integer>> grouped = new LinkedHashMap<>();
        for (OnnxQuantization.FloatNode f : r.floatNodes()) {
            if (Set.of("Conv", "Gemm", "MatMul").contains(f.opType())) {
                System.out.printf("  float %-40s %-8s %s%n", f.name(), f.opType(), f.reason());
            } else {
                grouped.computeIfAbsent(f.reason(), k -> new java.util.TreeMap<>()).merge(f.opType(), 1, Integer::sum);
            }
        }
        grouped.forEach((reason, ops) -> {
            List<String> parts = new ArrayList<>();
            ops.forEach((op, n) -> parts.add(n == 1 ? op : op + " x" + n));
            System.out.printf("  float %s: %s%n", String.join(", ", parts), reason);
        });
        r.notes().forEach(n -> System.out.println("note: " + n));
        System.out.printf("size %,d -> %,d bytes (%.2fx smaller)%n", r.bytesBefore(), r.bytesAfter(),
                r.bytesBefore() / (double) Math.max(1, r.bytesAfter()));
        if (bound != null && maxAccuracyDrop != null && !bound.withinBound()) {
            System.out.printf("the drop stays above %.2f points with every weighted layer float%n", maxAccuracyDrop);
        }
        System.out.println("run record: " + record);
    }

    /** Writes OUT.run.json (kind int8): the file's bytes, the source model's metadata and what was done. */
    private Path writeRunRecord(OnnxQuantization.Result r, ObjectNode report, AccuracyBound.Outcome bound,
                                double wallS) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        config.put("source", "onnx");
        config.put("quantize", mapper.convertValue(report, Map.class));
        RunRecord.Metrics metrics = bound == null ? null
                : new RunRecord.Metrics(null, null, bound.int8Accuracy(), null, null, null);
        RunRecord record = new RunRecord(RunRecord.SCHEMA, java.util.UUID.randomUUID().toString(), null, "int8",
                java.time.Instant.now().toString(),
                new RunRecord.ModelInfo(model.getFileName().toString(), 0, 0, 0, r.bytesAfter(), 0),
                metrics, null, null, new RunRecord.TimeInfo(wallS), "completed", null, config,
                org.greendl.train.Environments.current(), List.of());
        Path file = out.resolveSibling(out.getFileName() + ".run.json");
        RunRecords.write(file, record);
        return file;
    }
}
