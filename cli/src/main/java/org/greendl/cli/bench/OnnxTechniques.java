package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.int8.CalibrationData;
import org.greendl.deploy.int8.CalibrationMethod;
import org.greendl.deploy.int8.OnnxQuantization;
import org.greendl.deploy.int8.QuantizeJob;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.profile.OnnxModelInfo;
import org.greendl.deploy.profile.OnnxProfiler;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.OptimizedGraph;
import org.greendl.deploy.runtime.Predictor;
import org.greendl.deploy.runtime.SessionSettings;
import org.greendl.deploy.runtime.TopOne;
import org.greendl.profile.ProfileTotals;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;

/**
 * The bench on a user's ONNX file ({@code --model model.onnx}): nothing is trained; the file as given is the
 * baseline ({@code onnx-fp32}) and every variant is an ONNX file in its folder, made from it by the same library
 * calls as {@code greendl quantize} (its {@code made_by} is that command line), tested on the same split with the
 * same preprocessing, and served side by side by ONNX Runtime.
 */
final class OnnxTechniques {
    static final String FP32 = "onnx-fp32";
    static final String OPTIMIZED = "onnx-fp32-optimized";
    /** The accuracy bound of {@code int8-accuracy-bound}, in points. */
    static final double MAX_ACCURACY_DROP = 0.5;
    /** {@code greendl quantize}'s defaults, which the bench's int8 variants use. */
    static final int CALIBRATION_SIZE = 512;
    static final int VALIDATION_SIZE = 1000;
    /** The level the optimized graph is written at: the highest whose written graph is portable. */
    static final SessionSettings.Optimization WRITTEN_AT = SessionSettings.Optimization.EXTENDED;

    private final BenchSettings s;
    private final Path model;
    private LabelledImages testSet; // read once, shared by every variant's accuracy

    OnnxTechniques(BenchSettings settings, Path model) {
        this.s = settings;
        this.model = model.toAbsolutePath().normalize();
    }

    /** Every variant in run order; names are what {@code --techniques} selects. */
    List<Variant> all() {
        List<Variant> v = new ArrayList<>();
        v.add(new Step(FP32, "onnx", List.of(), 0, this::asGiven));
        v.add(new Step(OPTIMIZED, "onnx-optimized", List.of(FP32), 0, this::optimized));
        for (CalibrationMethod m : CalibrationMethod.values()) {
            v.add(new Step("int8-" + m.label(), "int8", List.of(FP32), 0, c -> int8(c, false, m, null)));
        }
        v.add(new Step("int8-dynamic", "int8", List.of(FP32), 0, c -> int8(c, true, CalibrationMethod.MINMAX, null)));
        v.add(new Step("int8-accuracy-bound", "int8", List.of(FP32), 0,
                c -> int8(c, false, CalibrationMethod.MINMAX, MAX_ACCURACY_DROP)));
        return v;
    }

    /** The selected variants ({@code onnx-fp32}, the baseline, always runs). */
    List<Variant> selected() {
        List<Variant> all = all();
        Techniques.checkKnown(all, s.techniques(), " for an ONNX model");
        return s.techniques().isEmpty() ? all
                : all.stream().filter(v -> v.name().equals(FP32) || s.techniques().contains(v.name())).toList();
    }

    /**
     * Refuses, in one line, a model the bench cannot serve on this data: not one float input, or an input whose
     * declared dimensions (besides the batch) are not the data's example shape. Symbolic dimensions fit any size;
     * a fixed batch is served at that size only (the serving cost says which batch sizes it skipped).
     */
    static void checkFits(OnnxModelInfo info, Path file, long[] sample, String dataset) {
        if (info.inputs().size() != 1) {
            throw new IllegalArgumentException(file + " has " + info.inputs().size() + " inputs ("
                    + String.join(", ", info.inputs().stream().map(OnnxModelInfo.Value::describe).toList())
                    + "); bench serves models with one image input");
        }
        OnnxModelInfo.Value in = info.inputs().get(0);
        if (!in.dtype().equals("float32")) {
            throw new IllegalArgumentException(file + ": input " + in.describe() + " is not float32; bench feeds"
                    + " preprocessed float images");
        }
        List<String> dims = in.dims();
        boolean fits = dims.isEmpty() || dims.size() == sample.length + 1;
        for (int i = 0; fits && !dims.isEmpty() && i < sample.length; i++) {
            String d = dims.get(i + 1);
            fits = !d.chars().allMatch(Character::isDigit) || Long.parseLong(d) == sample[i];
        }
        if (!fits) {
            throw new IllegalArgumentException(file + ": input " + in.describe() + " does not take the examples of "
                    + dataset + " (shape " + Arrays.toString(sample).replace(" ", "") + " each)");
        }
    }

    /** The model's metadata for bench.json: producer, opsets, inputs and outputs with shapes and types. */
    static Map<String, Object> describe(OnnxModelInfo info) {
        return info.toMap(Map.of());
    }

    /**
     * The file as given, copied into the variant's folder with its external-data files (so the copy loads on its
     * own); served at ORT's basic optimizations.
     */
    private ObjectNode asGiven(BenchContext c) throws Exception {
        Path file = c.variantDir().resolve("model.onnx");
        List<List<String>> copied = new ArrayList<>();
        ObjectNode energy = Metered.measure(s.country(), () -> copied.add(OnnxModels.copyWithExternalData(model,
                file)));
        Map<String, Object> config = new java.util.LinkedHashMap<>(Map.of("source", model.toString(),
                "graph_optimization", SessionSettings.Optimization.BASIC.label(), "note", "the file as given; served"
                        + " with ONNX Runtime's basic graph optimizations only (constant folding, redundant nodes"
                        + " removed)"));
        if (!copied.get(0).isEmpty()) {
            config.put("external_data_files", copied.get(0));
        }
        ObjectNode r = record("onnx", file, config);
        r.setAll(energy);
        r.putArray("made_by"); // the user's file: no command of greendl made it
        return finish(r, file, SessionSettings.Optimization.BASIC);
    }

    /** ORT's extended graph optimizations written out as a file, served at ALL (layout rewrites on top). */
    private ObjectNode optimized(BenchContext c) throws Exception {
        Path file = c.variantDir().resolve("model.optimized.onnx");
        ObjectNode energy = Metered.measure(s.country(), () -> OptimizedGraph.write(model, file, WRITTEN_AT,
                s.threads()));
        ObjectNode r = record("onnx-optimized", file, Map.of("source", model.toString(), "written_at",
                WRITTEN_AT.label(), "graph_optimization", SessionSettings.Optimization.ALL.label(), "note",
                "ONNX Runtime's " + WRITTEN_AT.label() + " graph optimizations (fusions) written to a file with"
                        + " SessionOptions.setOptimizedModelFilePath; served at ALL_OPT (layout rewrites for this CPU"
                        + " are not written out, as they are not portable)"));
        r.setAll(energy);
        r.putArray("made_by").add("ONNX Runtime " + WRITTEN_AT.label().toUpperCase(java.util.Locale.ROOT)
                + "_OPT session on " + model + " with setOptimizedModelFilePath(" + file + ")");
        return finish(r, file, SessionSettings.Optimization.ALL);
    }

    /** What {@code greendl quantize} does with these options, through the same library call. */
    private ObjectNode int8(BenchContext c, boolean dynamic, CalibrationMethod method, Double maxDrop)
            throws Exception {
        Path out = c.variantDir().resolve("model.int8.onnx");
        String normalize = option(s.data().args(), "--normalize");
        List<String> args = new ArrayList<>(List.of("quantize", model.toString(), "--out", out.toString(), "--data",
                s.data().spec()));
        if (normalize != null) {
            args.addAll(List.of("--normalize", normalize));
        }
        args.addAll(dynamic ? List.of("--dynamic") : List.of("--calibration", method.label()));
        if (maxDrop != null) {
            args.addAll(List.of("--max-accuracy-drop", String.valueOf(maxDrop)));
        }
        OnnxQuantization.Settings settings = OnnxQuantization.Settings.defaults().withDynamic(dynamic)
                .withMethod(method).withCalibrationSize(CALIBRATION_SIZE);
        String name = c.variantDir().getFileName().toString();
        QuantizeJob.Outcome[] done = new QuantizeJob.Outcome[1];
        // What the command costs: reading its calibration and validation data, quantizing, scoring, writing.
        ObjectNode energy = Metered.measure(s.country(), () -> {
            CalibrationData data = CalibrationData.load(s.data().request(), normalize != null, CALIBRATION_SIZE,
                    VALIDATION_SIZE);
            done[0] = QuantizeJob.run(new QuantizeJob.Request(model, out, settings, data, maxDrop),
                    line -> System.err.println("bench: " + name + ": " + line));
        });
        QuantizeJob.Outcome q = done[0];
        ObjectNode r = BenchRunner.read(q.record());
        r.setAll(energy);
        if (q.bound() != null) {
            ObjectNode b = r.putObject("accuracy_bound");
            if (maxDrop != null) {
                b.put("max_drop_points", maxDrop);
                b.put("within_bound", q.bound().withinBound());
            }
            b.put("validation_images", q.bound().validationImages());
            b.put("float_validation_accuracy", q.bound().floatAccuracy());
            b.put("int8_validation_accuracy", q.bound().int8Accuracy());
            ArrayNode kept = b.putArray("kept_float");
            List<org.greendl.deploy.int8.AccuracyBound.Step> steps = q.bound().steps();
            steps.get(steps.size() - 1).keptFloat().forEach(kept::add);
            ArrayNode lines = b.putArray("steps");
            q.steps().forEach(lines::add);
        }
        r.putArray("made_by").add(CliSteps.describe(args.toArray(String[]::new)));
        return finish(r, out, SessionSettings.Optimization.ALL);
    }

    /** Test accuracy (ONNX Runtime, the whole test split) and the artifact the serving cost opens. */
    private ObjectNode finish(ObjectNode r, Path file, SessionSettings.Optimization servedAt) {
        if (testSet == null) {
            try {
                testSet = LabelledImages.of(s.data().splits().test(), null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (!r.path("metrics").isObject()) {
            r.putObject("metrics");
        }
        try (Predictor p = Predictor.open(file, s.threads())) {
            ((ObjectNode) r.get("metrics")).put("test_accuracy", testSet.accuracy(p, TopOne.BATCH));
        }
        countModel(r, file);
        ObjectNode a = r.putObject("artifact");
        a.put("runtime", "onnxruntime");
        a.put("path", file.toAbsolutePath().normalize().toString());
        a.put("graph_optimization", servedAt.label());
        return r;
    }

    /**
     * Parameters, MACs and FLOPs of one example, counted on the file by greendl's ONNX profiler (the int8 weights of
     * a QDQ graph counted once, as the float ones). Where the profiler has no rule for some of the file's ops (ORT's
     * fused and dynamic-int8 contrib ops), the source model's counts are given, since the variant computes the same
     * with the same weights, and {@code model.counted_on} says so.
     */
    private void countModel(ObjectNode r, Path file) {
        ObjectNode m = r.path("model").isObject() ? (ObjectNode) r.get("model") : r.putObject("model");
        try {
            org.greendl.profile.Profile own = OnnxProfiler.profile(OnnxModels.load(file), Map.of());
            boolean whole = own.uncounted().isEmpty();
            ProfileTotals t = whole ? own.total() : OnnxProfiler.profile(OnnxModels.load(model), Map.of()).total();
            m.put("params", t.params());
            m.put("macs", t.macs());
            m.put("flops", t.flops());
            m.put("counted_on", whole ? "this file" : "the source model (" + own.uncounted().size()
                    + " node(s) of this file without a counting rule)");
        } catch (RuntimeException e) {
            r.withArray("notes").add("params and MACs not counted: " + BenchRunner.reason(e));
        }
    }

    private static ObjectNode record(String kind, Path file, Map<String, Object> config) throws java.io.IOException {
        RunRecord r = new RunRecord(RunRecord.SCHEMA, java.util.UUID.randomUUID().toString(), null, kind,
                java.time.Instant.now().toString(),
                new RunRecord.ModelInfo(file.getFileName().toString(), 0, 0, 0, OnnxModels.bytesOnDisk(file), 0), null, null, null,
                new RunRecord.TimeInfo(0), "completed", null, new java.util.LinkedHashMap<>(config),
                org.greendl.train.Environments.current(), List.of());
        return RunRecords.mapper().valueToTree(r);
    }

    /** The value after {@code name} in a command line's arguments, or null. */
    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
}
