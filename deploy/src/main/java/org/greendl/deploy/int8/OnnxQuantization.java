package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.profile.InputBindings;
import org.greendl.deploy.profile.OnnxModelInfo;

/**
 * int8 quantization of any float ONNX model, such as one exported by PyTorch: settings in, the written model and
 * a typed account out (nodes quantized, nodes left float with the reason, bytes before and after).
 *
 * <p>Static mode calibrates activation ranges on the data given (already preprocessed as at inference) or, when
 * none is given, on random normal inputs of the model's own shape, fed in batches the model accepts (one at a time
 * for a model exported with a fixed batch of 1). Dynamic mode ({@link DynamicQuantizer}) needs no data. Nodes the
 * quantizer has no int8 rule for stay float; that is reported, not an error.
 */
public final class OnnxQuantization {
    /** Largest calibration batch: bounds memory, as every quantized tensor of a batch is held at once. */
    static final int MAX_CALIBRATION_BATCH = 32;

    private OnnxQuantization() {}

    /**
     * @param dynamic int8 weights and per-batch activation ranges for Gemm/MatMul, no calibration
     * @param method how activation ranges are chosen (static mode)
     * @param calibrationSize samples used for calibration (static mode)
     * @param percentile the percentile of {@link CalibrationMethod#PERCENTILE}
     * @param perChannel one weight scale per output channel (needs opset 13)
     * @param keepFloat node names (or name prefixes) left float
     * @param inputShapes input shapes for random calibration inputs, by input name (free dimensions otherwise 1)
     * @param seed seeds the random calibration inputs
     */
    public record Settings(boolean dynamic, CalibrationMethod method, int calibrationSize, double percentile,
                           boolean perChannel, Set<String> keepFloat, Map<String, long[]> inputShapes, long seed) {
        public Settings {
            if (calibrationSize < 1) {
                throw new IllegalArgumentException("calibration size must be >= 1, got " + calibrationSize);
            }
            keepFloat = Set.copyOf(keepFloat);
            inputShapes = Map.copyOf(inputShapes);
        }

        public static Settings defaults() {
            return new Settings(false, CalibrationMethod.MINMAX, 512, 99.99, true, Set.of(), Map.of(), 42);
        }

        public Settings withDynamic(boolean on) {
            return new Settings(on, method, calibrationSize, percentile, perChannel, keepFloat, inputShapes, seed);
        }

        public Settings withMethod(CalibrationMethod m) {
            return new Settings(dynamic, m, calibrationSize, percentile, perChannel, keepFloat, inputShapes, seed);
        }

        public Settings withCalibrationSize(int n) {
            return new Settings(dynamic, method, n, percentile, perChannel, keepFloat, inputShapes, seed);
        }

        public Settings withPercentile(double p) {
            return new Settings(dynamic, method, calibrationSize, p, perChannel, keepFloat, inputShapes, seed);
        }

        public Settings withPerChannel(boolean on) {
            return new Settings(dynamic, method, calibrationSize, percentile, on, keepFloat, inputShapes, seed);
        }

        public Settings withKeepFloat(Set<String> names) {
            return new Settings(dynamic, method, calibrationSize, percentile, perChannel, names, inputShapes, seed);
        }

        public Settings withInputShapes(Map<String, long[]> shapes) {
            return new Settings(dynamic, method, calibrationSize, percentile, perChannel, keepFloat, shapes, seed);
        }
    }

    /** A node left in float and why. */
    public record FloatNode(String name, String opType, String reason) {}

    /**
     * @param mode {@code static} or {@code dynamic}
     * @param calibration where the calibration ranges came from ({@code data}, {@code random-normal}, or
     *     {@code none} in dynamic mode)
     * @param calibrationBatch the batch size calibration ran at (the model's fixed batch, if it has one)
     * @param fusedNodes nodes that no longer exist as such: activations absorbed into the op before them, batch
     *     norms folded into their convolution
     * @param notes what was done to bring the file into shape (external data read, shared weights, opset)
     * @param source what the input file says about itself
     */
    public record Result(ModelProto model, String mode, List<String> quantizedNodes, List<FloatNode> floatNodes,
                         List<String> fusedNodes, long bytesBefore, long bytesAfter, String calibration,
                         int calibrationSamples, int calibrationBatch, List<String> notes, OnnxModelInfo source) {}

    /** Reads {@code input}, quantizes it and writes {@code output} atomically; {@code data} may be null. */
    public static Result quantize(Path input, Path output, Settings settings, CalibrationSet data) {
        ModelProto fp32 = OnnxModels.load(input);
        Path dir = input.toAbsolutePath().getParent();
        Result r;
        try {
            r = quantize(fp32, dir, settings, data);
        } catch (IllegalArgumentException e) {
            throw OnnxSession.naming(e, input);
        }
        OnnxModels.save(r.model(), output);
        return r;
    }

    /** Quantizes a model in memory; {@code modelDir} resolves external data files (null: none allowed). */
    public static Result quantize(ModelProto fp32, Path modelDir, Settings settings, CalibrationSet data) {
        OnnxModelInfo info = OnnxModelInfo.of(fp32);
        ForeignGraphs.Prepared prepared = ForeignGraphs.prepare(fp32, modelDir);
        ModelProto model = prepared.model();
        List<String> notes = new ArrayList<>(prepared.notes());
        long opset = opset(model);
        long before = model.getSerializedSize();
        if (settings.dynamic()) {
            if (opset < 11) {
                throw new IllegalArgumentException("opset " + opset + ": dynamic int8 needs opset 11 or later"
                        + " (DynamicQuantizeLinear); re-export with a newer opset");
            }
            DynamicQuantizer.Result d = DynamicQuantizer.quantize(model, settings.perChannel(), settings.keepFloat());
            Set<String> done = new HashSet<>(d.quantizedNodes());
            List<FloatNode> left = model.getGraph().getNodeList().stream().filter(n -> !done.contains(n.getName()))
                    .map(n -> new FloatNode(n.getName(), n.getOpType(), dynamicReason(n, model, settings))).toList();
            return new Result(d.model(), "dynamic", d.quantizedNodes(), left, List.of(), before,
                    d.model().getSerializedSize(), "none", 0, 0, notes, info);
        }
        if (opset < 10) {
            throw new IllegalArgumentException("opset " + opset + ": int8 QDQ needs opset 10 or later (13 for"
                    + " per-channel weights); re-export with opset 13 or later");
        }
        boolean perChannel = settings.perChannel();
        if (perChannel && opset < 13) {
            perChannel = false;
            notes.add("opset " + opset + " has no per-axis DequantizeLinear: one weight scale per tensor");
        }
        ValueInfoProto input = singleFloatInput(model);
        long declaredBatch = declaredBatch(input);
        String source = "data";
        if (data == null) {
            data = randomInputs(model, input, settings, declaredBatch);
            source = "random-normal";
            notes.add("calibrated on random normal inputs: ranges are not those of real data (give --data)");
        } else {
            checkSampleShape(input, data);
        }
        int batch = declaredBatch > 0 ? (int) declaredBatch
                : Math.min(MAX_CALIBRATION_BATCH, Math.min(settings.calibrationSize(), data.count()));
        int samples = Math.min(settings.calibrationSize(), data.count()) / batch * batch;
        if (samples < batch) {
            throw new IllegalArgumentException("the model takes batches of " + batch + " only, and calibration has "
                    + Math.min(settings.calibrationSize(), data.count()) + " samples");
        }
        QuantizationConfig config = new QuantizationConfig(settings.method(), samples, batch, perChannel,
                settings.percentile(), settings.keepFloat(), true);
        Set<String> notFloat = ElementTypes.notFloat(model.getGraph());
        StaticQuantizer.Result s = StaticQuantizer.quantize(model, data, config, null, OpRules.foreign(notFloat));
        Set<String> present = new HashSet<>();
        s.model().getGraph().getNodeList().forEach(n -> present.add(n.getName()));
        List<FloatNode> left = new ArrayList<>();
        List<String> fused = new ArrayList<>();
        Set<String> floatNames = new HashSet<>(s.floatNodes());
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (s.quantizedNodes().contains(n.getName())) {
                continue;
            }
            if (!present.contains(n.getName())) {
                fused.add(n.getName());
            } else if (floatNames.contains(n.getName())) {
                left.add(new FloatNode(n.getName(), n.getOpType(), staticReason(n, model, settings, notFloat)));
            }
        }
        List<String> quantized = model.getGraph().getNodeList().stream().map(NodeProto::getName)
                .filter(s.quantizedNodes()::contains).toList();
        notes.addAll(s.layoutRewrites().stream().map(r -> "kernel layout rewrite " + r).toList());
        return new Result(s.model(), "static", quantized, List.copyOf(left), List.copyOf(fused), before,
                s.model().getSerializedSize(), source, samples, batch, List.copyOf(notes), info);
    }

    static long opset(ModelProto m) {
        return m.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).findFirst().orElse(0);
    }

    private static ValueInfoProto singleFloatInput(ModelProto m) {
        List<ValueInfoProto> inputs = InputBindings.inputs(m.getGraph());
        if (inputs.size() != 1 || !inputs.get(0).getType().hasTensorType()
                || inputs.get(0).getType().getTensorType().getElemType() != 1) {
            List<String> described = OnnxModelInfo.of(m).inputs().stream().map(OnnxModelInfo.Value::describe).toList();
            throw new IllegalArgumentException("static int8 calibrates models with one float32 input; this one has "
                    + String.join(", ", described) + ": use dynamic quantization (--dynamic)");
        }
        return inputs.get(0);
    }

    /** The batch a model was exported with (e.g. 1 for {@code torch.onnx.export} without dynamic axes), or -1. */
    static long declaredBatch(ValueInfoProto input) {
        if (!input.getType().getTensorType().hasShape() || input.getType().getTensorType().getShape().getDimCount() == 0) {
            return -1;
        }
        TensorShapeProto.Dimension d = input.getType().getTensorType().getShape().getDim(0);
        return d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : -1;
    }

    private static void checkSampleShape(ValueInfoProto input, CalibrationSet data) {
        List<String> declared = OnnxModelInfo.of(ModelProto.newBuilder().setGraph(
                ai.onnx.proto.OnnxMl.GraphProto.newBuilder().addInput(input)).build()).inputs().get(0).dims();
        long[] sample = data.sampleShape();
        boolean fits = declared.isEmpty() || declared.size() == sample.length + 1;
        for (int i = 1; fits && i < declared.size(); i++) {
            String d = declared.get(i);
            fits = !d.chars().allMatch(Character::isDigit) || Long.parseLong(d) == sample[i - 1];
        }
        if (!fits) {
            throw new IllegalArgumentException("calibration samples are " + Arrays.toString(sample) + " but input '"
                    + input.getName() + "' is [" + String.join(",", declared) + "]");
        }
    }

    private static CalibrationSet randomInputs(ModelProto m, ValueInfoProto input, Settings settings,
                                               long declaredBatch) {
        long[] shape = InputBindings.bind(m, settings.inputShapes()).get(input.getName());
        long[] sample = Arrays.copyOfRange(shape, 1, shape.length);
        int count = Math.max(settings.calibrationSize(), (int) Math.max(1, declaredBatch));
        long per = Arrays.stream(sample).reduce(1, (a, b) -> a * b);
        if (per * count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("random calibration inputs of " + count + " x "
                    + Arrays.toString(sample) + " do not fit in memory; lower the calibration size");
        }
        Random r = new Random(settings.seed());
        float[] x = new float[(int) (per * count)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new CalibrationSet(x, sample, count);
    }

    private static String staticReason(NodeProto n, ModelProto m, Settings settings, Set<String> notFloat) {
        String op = n.getOpType();
        if (settings.keepFloat().stream().anyMatch(k -> n.getName().equals(k) || n.getName().startsWith(k + "/"))) {
            return "kept float as asked";
        }
        Set<String> inits = new HashSet<>();
        m.getGraph().getInitializerList().forEach(t -> inits.add(t.getName()));
        boolean weighted = StaticQuantizer.WEIGHTED.contains(op);
        if (n.getInputList().stream().limit(weighted ? 1 : n.getInputCount()).anyMatch(notFloat::contains)
                || n.getOutputList().stream().anyMatch(notFloat::contains)) {
            return "computes on integer tensors (shapes, indices, masks)";
        }
        return switch (op) {
            case "Conv", "Gemm", "MatMul" -> n.getInputCount() < 2 || !inits.contains(n.getInput(1))
                    ? "its second operand is an activation, not a weight initializer"
                    : op.equals("Gemm") ? "Gemm with transA, transB = 0, alpha or beta other than 1"
                    : op.equals("MatMul") ? "MatMul weight of rank > 2 (only 2-D weights)"
                    : "a bias that is not an initializer";
            case "Relu", "Clip" -> "follows a float op or is read twice (nothing to fuse into)";
            case "Gather" -> "an embedding lookup: the table is read, not multiplied, and stays float";
            case "BatchNormalization" -> "not after a convolution it could fold into";
            case "Identity", "Dropout", "Constant", "Shape", "Cast" -> "no arithmetic to quantize";
            default -> "no int8 rule for " + op + " (ONNX Runtime has no QDQ fusion for it here); runs in float";
        };
    }

    private static String dynamicReason(NodeProto n, ModelProto m, Settings settings) {
        if (settings.keepFloat().stream().anyMatch(k -> n.getName().equals(k) || n.getName().startsWith(k + "/"))) {
            return "kept float as asked";
        }
        boolean constant = n.getInputCount() > 1 && m.getGraph().getInitializerList().stream()
                .anyMatch(t -> t.getName().equals(n.getInput(1)));
        if ((n.getOpType().equals("Gemm") || n.getOpType().equals("MatMul")) && !constant) {
            return "multiplies two activations (such as attention scores): no constant weight to store in int8";
        }
        return n.getOpType().equals("Gemm") || n.getOpType().equals("MatMul")
                ? "not a 2-D constant weight (or a Gemm with non-default transA/transB/alpha/beta)"
                : "dynamic mode quantizes Gemm and MatMul only";
    }
}
