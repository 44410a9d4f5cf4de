package org.greendl.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.greendl.deploy.int8.AccuracyBound;
import org.greendl.deploy.int8.CalibrationData;
import org.greendl.deploy.int8.CalibrationMethod;
import org.greendl.deploy.int8.OnnxQuantization;
import org.greendl.deploy.int8.QuantizeJob;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.profile.OnnxModelInfo;
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
        QuantizeJob.Outcome done = QuantizeJob.run(new QuantizeJob.Request(model, out, settings, loaded,
                maxAccuracyDrop), fp32, line -> {
                    if (!json) {
                        System.out.println(line);
                    }
                });
        java.nio.file.Path tokenizer = TextFiles.tokenizerOf(model);
        if (java.nio.file.Files.isRegularFile(tokenizer)) {
            // A text model reads its ids with the tokenizer it was exported with: it goes with the int8 file.
            org.greendl.record.AtomicFiles.write(TextFiles.tokenizerOf(out), java.nio.file.Files.readAllBytes(tokenizer));
        }
        if (json) {
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(done.report()));
        } else {
            printText(done.result(), loaded, done.bound(), done.record());
        }
        return done.withinBound(maxAccuracyDrop) ? 0 : 1;
    }

    private void printText(OnnxQuantization.Result r, CalibrationData loaded, AccuracyBound.Outcome bound,
                           Path record) {
        String how = r.mode().equals("dynamic") ? "dynamic int8 (no calibration)"
                : String.format("static int8 QDQ, %s calibration on %d %s samples, batch %d",
                        bound != null ? bound.calibration().label() : calibration,
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
}
