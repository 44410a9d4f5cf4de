package org.greendl.cli;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import org.greendl.data.text.TextEncoding;
import org.greendl.record.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.greendl.deploy.int8.CalibrationMethod;
import org.greendl.deploy.int8.CalibrationSet;
import org.greendl.deploy.int8.DynamicQuantizer;
import org.greendl.deploy.int8.QuantizationConfig;
import org.greendl.deploy.onnx.OnnxExporter;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.onnx.ParityCheck;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.OptimizedGraph;
import org.greendl.deploy.runtime.SessionSettings;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.greendl.deploy.pipeline.ExportPipeline;
import org.greendl.deploy.pipeline.ExportResult;
import org.greendl.deploy.pipeline.ExportSettings;
import org.greendl.deploy.pipeline.ExportSource;
import org.greendl.deploy.pipeline.Int8;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.record.ExportDetails;
import org.greendl.record.Kind;
import org.greendl.record.QatScales;
import org.greendl.record.StopReason;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl export MODEL_DIR --out model.onnx [--int8 ...]}: ONNX export, optionally int8 (QDQ). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a saved model (or a zoo model with random weights) to ONNX (opset 17), check it "
                + "against DJL on test images, and optionally quantize it to int8 (QDQ, ONNX Runtime's int8 kernels).")
public final class ExportCommand implements Callable<Integer>, RunFolderCommand {
    @Mixin VerboseOption verbose;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A saved model folder (model.json, params, run.json).")
        Path modelDir;

        @Option(names = "--zoo", paramLabel = "NAME", description = "Export a zoo model (or a model spec file ending in .json) with fresh random weights instead (for checking the exporter).")
        String zoo;
    }

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "With --zoo: a model option, e.g. attention=linear.")
    List<String> options = new java.util.ArrayList<>();

    @Option(names = "--out", required = true, description = "The ONNX file to write (the int8 model with --int8).")
    Path out;

    @Option(names = "--int8", description = "Quantize to int8 (static, QDQ: uint8 activations, int8 weights, int32 bias).")
    boolean int8;

    @Option(names = "--dynamic", description = "With --int8: dynamic quantization of Gemm/MatMul weights (activations "
            + "quantized per batch at run time, no calibration; for linear-heavy models such as mlp).")
    boolean dynamic;

    @Option(names = "--calibration", description = "minmax, percentile or entropy (default: ${DEFAULT-VALUE}).")
    String calibration = "minmax";

    @Option(names = "--calibration-size", description = "Calibration images from the validation split (default: ${DEFAULT-VALUE}).")
    int calibrationSize = 512;

    @Option(names = "--calibration-batch", description = "Calibration batch size (default: ${DEFAULT-VALUE}).")
    int calibrationBatch = 64;

    @Option(names = "--per-channel", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Per-output-channel weight scales (default: on; --no-per-channel for one scale per tensor).")
    boolean perChannel;

    @Option(names = "--keep-float", split = ",", paramLabel = "NODE", description = "ONNX node names or block paths left in float.")
    List<String> keepFloat = List.of();

    @Option(names = "--kernel-layout", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Exact graph rewrites for ONNX Runtime's x86 int8 kernels: a single-channel first convolution "
                    + "reads 4 adjacent columns as 4 channels (space-to-depth) and flatten runs channels-last, so no "
                    + "NCHW/NHWC transposes remain (default: on; --no-kernel-layout for the plain QDQ graph).")
    boolean kernelLayout;

    @Option(names = "--auto-float", paramLabel = "FRACTION", description = "Keep the layers int8 hurts most in float "
            + "until int8 agrees with fp32 on all but FRACTION of the calibration images (e.g. 0.005).")
    Double autoFloat;

    @Option(names = "--parity", paramLabel = "N", description = "Compare fp32 ONNX with DJL on N test images (0 = skip; default: ${DEFAULT-VALUE}).")
    int parity = 1000;

    /** The dataset for parity and calibration. */
    @Mixin DataOptions data;

    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE}).")
    String format = "text";

    /** Export writes a file; only an --out that is a folder is a run folder to lock. */
    @Override
    public Path runFolder() {
        return java.nio.file.Files.isDirectory(out) ? out : null;
    }

    @Override
    public Integer call() throws Exception {
        boolean json = OutputFormat.isJson(format);
        CalibrationMethod method = parseMethod();
        if (calibrationSize < 1 || calibrationBatch < 1 || parity < 0) {
            throw new Cli.UsageFailure("--calibration-size and --calibration-batch must be >= 1, --parity >= 0");
        }
        if (autoFloat != null && (autoFloat < 0 || autoFloat >= 1)) {
            throw new Cli.UsageFailure("--auto-float must be in [0, 1), got " + autoFloat);
        }
        long start = System.nanoTime();
        ObjectNode report;
        try (ExportSource loaded = load()) {
            if (dynamic && !int8) {
                throw new Cli.UsageFailure("--dynamic needs --int8");
            }
            if (int8 && !dynamic && autoFloat != null && loaded.qatFile() != null
                    && java.nio.file.Files.isRegularFile(loaded.qatFile())) {
                throw new Cli.UsageFailure("--auto-float cannot be combined with the learned scales of "
                        + loaded.qatFile());
            }
            ExportResult result;
            try {
                result = ExportPipeline.run(loaded, settings(method));
            } catch (org.greendl.deploy.onnx.ExportException e) {
                // Name what was exported: the block path alone does not say which model folder is at fault.
                throw new org.greendl.deploy.onnx.ExportException((source.modelDir != null ? source.modelDir.toString()
                        : loaded.name()) + ": " + e.getMessage(), e);
            }
            if (result.int8() != null) {
                result.int8().fusion().notes().forEach(n -> System.err.println("greendl: note: " + n));
            }
            result.save(out);
            report = report(result);
            Path tokenizer = source.modelDir == null ? null : source.modelDir.resolve(TextEncoding.FILE);
            if (tokenizer != null && java.nio.file.Files.isRegularFile(tokenizer)) {
                // Beside the ONNX file, so that infer tokenizes texts as the model was trained to read them.
                Path copy = TextFiles.tokenizerOf(out);
                AtomicFiles.write(copy, java.nio.file.Files.readAllBytes(tokenizer));
                report.put("tokenizer", copy.toString());
            }
            Path record = writeRunRecord(loaded, result, report, (System.nanoTime() - start) / 1e9);
            report.put("run_record", record.toString());
        }
        if (json) {
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            System.out.println(text(report));
        }
        return 0;
    }

    /** The options as the library's settings; the defaults are the library's, the percentile among them. */
    private ExportSettings settings(CalibrationMethod method) {
        ExportSettings defaults = ExportSettings.defaults();
        QuantizationConfig q = defaults.quantization();
        return new ExportSettings(int8, dynamic, new QuantizationConfig(method, calibrationSize, calibrationBatch,
                perChannel, q.percentile(), new HashSet<>(keepFloat), kernelLayout), autoFloat,
                defaults.maxFloatLayers(), parity, defaults.parityBatch(), data.givenOrNull(42, 256));
    }

    /** The printed report (and the record's config), its fields in the order users know. */
    private ObjectNode report(ExportResult r) {
        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("model", r.model());
        report.put("opset", r.opset());
        report.put("fp32_bytes", r.fp32().getSerializedSize());
        if (r.parity() != null) {
            ObjectNode p = report.putObject("parity");
            p.put("images", r.parity().images());
            p.put("max_abs_diff", r.parity().maxAbsDiff());
            p.put("test_accuracy_fp32", r.parity().fp32Accuracy());
        }
        if (r.int8() != null) {
            int8Report(r.int8(), report.putObject("int8"));
            if (r.parity() != null) {
                ((ObjectNode) report.get("parity")).put("test_accuracy_int8", r.parity().int8Accuracy());
            }
        }
        report.put("out", out.toString());
        report.put("bytes", r.written().getSerializedSize());
        return report;
    }

    private static void int8Report(Int8 q, ObjectNode info) {
        if (q.qatScales() != null) {
            info.put("qat_scales", q.qatScales().toString());
        }
        if (q.fallback() != null) {
            info.put("agreement_with_fp32", q.fallback().agreement());
            info.put("agreement_fully_quantized", q.fallback().fullyQuantizedAgreement());
            ObjectNode sens = info.putObject("sensitivity");
            q.fallback().sensitivity().forEach(sens::put);
            info.putPOJO("kept_float", q.fallback().keptFloat());
        }
        info.put("calibration", q.calibration());
        info.put("calibration_size", q.calibrationSize());
        info.put("per_channel", q.perChannel());
        info.put("quantized_nodes", q.quantizedNodes());
        if (q.foldedBatchNorms() != null) {
            info.put("folded_batch_norms", q.foldedBatchNorms());
            info.putPOJO("layout_rewrites", q.layoutRewrites());
        }
        info.put("size_ratio", q.sizeRatio());
        ObjectNode fused = info.putObject("ort_optimized_ops");
        q.fusion().ops().forEach(fused::put);
    }

    /**
     * Writes OUT.run.json: kind export or int8, parent = the saved model's run id, the file's bytes, what was
     * done in config. Accuracy is left to {@code greendl infer} (the parity images are only a sample).
     */
    private Path writeRunRecord(ExportSource loaded, ExportResult result, ObjectNode report, double wallS)
            throws IOException {
        ModelProto written = result.written();
        RunRecord source = loaded.runRecord() == null ? null
                : RunRecords.mapper().readValue(loaded.runRecord(), RunRecord.class);
        RunRecord.ModelInfo m = source != null && source.model() != null ? source.model()
                : new RunRecord.ModelInfo(loaded.name(), 0, 0, 0, 0, 0);
        Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("format", "onnx");
        config.put("opset", OnnxExporter.OPSET);
        if (report.has("int8")) {
            config.put("int8", ExportDetails.int8(report.get("int8")));
        }
        if (report.has("parity")) {
            config.put("parity", ExportDetails.parity(report.get("parity")));
        }
        if (result.data() != null) {
            config.put("dataset", result.data().spec());
            config.put(org.greendl.data.spec.DataRecord.KEY, result.data().toConfigValue());
        }
        RunRecord record = new RunRecord(RunRecord.SCHEMA, java.util.UUID.randomUUID().toString(),
                source == null ? null : source.id(), (int8 ? Kind.INT8 : Kind.EXPORT).id(), java.time.Instant.now().toString(),
                new RunRecord.ModelInfo(m.name(), m.params(), m.macs(), m.flops(), written.getSerializedSize(),
                        m.sparsity()),
                null, null, null, new RunRecord.TimeInfo(wallS), StopReason.COMPLETED.id(), null, config,
                org.greendl.train.Environments.current(), List.of());
        Path file = out.resolveSibling(out.getFileName() + ".run.json");
        RunRecords.write(file, record);
        return file;
    }

    private CalibrationMethod parseMethod() {
        try {
            return CalibrationMethod.parse(calibration);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
    }

    private ExportSource load() throws IOException {
        if (source.zoo != null) {
            ModelResolver.Resolved model;
            try {
                model = ModelResolver.resolve(source.zoo, ModelArgs.options(options));
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageFailure(e.getMessage());
            }
            return ExportSource.of(model.name(), model.block(), model.batchedInput(1));
        }
        if (!options.isEmpty()) {
            throw new Cli.UsageFailure("--option applies to --zoo models; a saved model keeps the options it was trained with");
        }
        return SavedModels.load(source.modelDir);
    }

    private static String text(ObjectNode r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("wrote %s (%d bytes; fp32 %d bytes)", r.get("out").asText(), r.get("bytes").asLong(),
                r.get("fp32_bytes").asLong()));
        if (r.has("parity")) {
            var p = r.get("parity");
            b.append(String.format("%nparity with DJL on %d test images: max |diff| = %.3g; accuracy fp32 %.4f",
                    p.get("images").asInt(), p.get("max_abs_diff").asDouble(), p.get("test_accuracy_fp32").asDouble()));
            if (p.has("test_accuracy_int8")) {
                b.append(String.format(", int8 %.4f", p.get("test_accuracy_int8").asDouble()));
            }
        }
        if (r.has("int8")) {
            var i = r.get("int8");
            b.append(String.format("%nint8 (%s, %d calibration images), %s weights, size %.3fx fp32; ONNX Runtime runs %s",
                    i.get("calibration").asText(), i.get("calibration_size").asInt(),
                    i.get("per_channel").asBoolean() ? "per-channel" : "per-tensor", i.get("size_ratio").asDouble(),
                    i.get("ort_optimized_ops").toString()));
        }
        return b.toString();
    }

}
