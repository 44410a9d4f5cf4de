package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.SessionSettings;
import org.greendl.record.QatScales;

/**
 * Post-training static int8 quantization of a float ONNX model into the QDQ format that ONNX Runtime fuses
 * into its int8 kernels (QLinearConv, QGemm, QLinearAdd, ...).
 *
 * <p>Scheme (U8S8, what ORT's x86 kernels run fastest with VNNI and what its own quantizer defaults to):
 * activations uint8 asymmetric, one scale per tensor; weights int8 symmetric in [-127, 127], one scale per
 * output channel (or per tensor); biases int32 with scale = input scale x weight scale. Batch norm is folded into
 * the convolution first; a ReLU (or ReLU6) right after a quantized op is absorbed by the uint8 range of that op's
 * output (zero point 0 saturates negatives exactly as ReLU does), as ORT's quantizer does. Pass-through ops
 * (MaxPool, Flatten, Reshape) keep their input's scale so ORT can run them on uint8. The last layer's output
 * (the logits) stays float.
 */
public final class StaticQuantizer {
    /** Metadata key describing how the model was quantized. */
    public static final String METADATA_KEY = "greendl.quantization";

    static final Set<String> WEIGHTED = Set.of("Conv", "Gemm", "MatMul");
    static final Set<String> PASS_THROUGH = Set.of("MaxPool", "Flatten", "Reshape");
    static final Set<String> ACTIVATION_ONLY = Set.of("Add", "AveragePool", "GlobalAveragePool", "Concat");

    private StaticQuantizer() {}

    /** The quantized model and what was done. */
    /** @param layoutRewrites the {@link KernelLayoutRewrites} applied, e.g. {@code space-to-depth:NODE} */
    public record Result(ModelProto model, List<String> quantizedNodes, List<String> floatNodes,
                         Map<String, Range> ranges, int foldedBatchNorms, List<String> layoutRewrites) {}

    public static Result quantize(ModelProto fp32, CalibrationSet data, QuantizationConfig config) {
        return quantize(fp32, data, config, null);
    }

    /**
     * As {@link #quantize(ModelProto, CalibrationSet, QuantizationConfig)}, but layers named in {@code qat} use the
     * scales learned by quantization-aware training: their weight scales (multiplied by the folded batch norm's
     * |gamma / sqrt(var + eps)|, which keeps every weight on the learned grid) and their input range. Other
     * tensors are calibrated as usual.
     */
    public static Result quantize(ModelProto fp32, CalibrationSet data, QuantizationConfig config, QatScales qat) {
        return quantize(fp32, data, config, qat, OpRules.DJL_EXPORT);
    }

    static Result quantize(ModelProto fp32, CalibrationSet data, QuantizationConfig config, QatScales qat,
                           OpRules rules) {
        if (data.count() < config.batchSize()) {
            throw new IllegalArgumentException("calibration set has " + data.count()
                    + " images, fewer than one batch of " + config.batchSize());
        }
        Graph g = new Graph(fp32.getGraph());
        Map<String, float[]> foldFactors = BatchNormFolding.fold(g);
        int folded = foldFactors.size();
        Map<String, QatScales.Layer> learned = learnedLayers(g, fp32.getGraph().getName(), qat);
        Set<String> quantized = chooseNodes(g, config, rules);
        GraphProto prepared = rebuild(fp32.getGraph(), g.nodes, g.initializers.values());
        Map<String, Float> absorbed = absorbActivations(g, quantized, rules);
        Set<String> tensors = quantizedTensors(g, quantized, rules);
        Map<String, long[]> shapes = new HashMap<>();
        Map<String, Range> ranges = calibrate(fp32.toBuilder().setGraph(prepared).build(), tensors, absorbed,
                data, config, shapes, fixedBatch(fp32.getGraph()));
        for (NodeProto n : g.nodes) {
            QatScales.Layer layer = learned.get(n.getName());
            if (layer != null && QatLayers.inputRange(layer) != null && tensors.contains(n.getInput(0))) {
                ranges.put(n.getInput(0), QatLayers.inputRange(layer));
            }
        }
        Map<String, Range.QParams> params = params(g, quantized, tensors, ranges, rules);
        List<String> nodesBefore = g.nodes.stream().map(NodeProto::getName).toList();
        List<NodeProto> out = emit(g, quantized, tensors, params, config, learned, foldFactors);
        List<String> rewrites = List.of();
        if (config.kernelLayout()) {
            g.nodes.clear();
            g.nodes.addAll(out);
            rewrites = KernelLayoutRewrites.apply(g, shapes, inputShapes(fp32.getGraph()));
            out = new ArrayList<>(g.nodes);
        }
        List<String> floatNodes = nodesBefore.stream().filter(n -> !quantized.contains(n)).toList();
        ModelProto.Builder m = fp32.toBuilder().setGraph(rebuild(fp32.getGraph(), out, g.initializers.values()));
        m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(METADATA_KEY).setValue(String.format(
                "{\"format\":\"QDQ\",\"activations\":\"uint8 asymmetric per-tensor\",\"weights\":\"int8 symmetric %s\","
                        + "\"bias\":\"int32\",\"calibration\":\"%s\",\"calibration_size\":%d,\"float_nodes\":%d,"
                        + "\"layout_rewrites\":%d}",
                config.perChannel() ? "per-channel" : "per-tensor", config.method().label(),
                Math.min(config.calibrationSize(), data.count()), floatNodes.size(), rewrites.size())));
        return new Result(m.build(), List.copyOf(quantized), floatNodes, ranges, folded, rewrites);
    }

    /** The batch a model with a fixed first input dimension takes; 1 for a free batch dimension. */
    static int fixedBatch(GraphProto graph) {
        long[] first = inputShapes(graph).values().stream().findFirst().orElse(new long[0]);
        return first.length > 0 && first[0] > 0 ? (int) first[0] : 1;
    }

    /** Static shapes of the graph inputs (-1 for symbolic dimensions such as the batch). */
    private static Map<String, long[]> inputShapes(GraphProto graph) {
        Map<String, long[]> m = new HashMap<>();
        for (ValueInfoProto v : graph.getInputList()) {
            if (v.getType().hasTensorType() && v.getType().getTensorType().hasShape()) {
                m.put(v.getName(), v.getType().getTensorType().getShape().getDimList().stream()
                        .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray());
            }
        }
        return m;
    }

    /** The graph with these nodes and those of {@code inits} that some node uses. */
    private static GraphProto rebuild(GraphProto original, List<NodeProto> nodes, Iterable<TensorProto> inits) {
        Set<String> used = new HashSet<>();
        nodes.forEach(n -> used.addAll(n.getInputList()));
        GraphProto.Builder b = original.toBuilder().clearNode().addAllNode(nodes).clearInitializer();
        for (TensorProto t : inits) {
            if (used.contains(t.getName())) {
                b.addInitializer(t);
            }
        }
        return b.build();
    }

    private static Set<String> chooseNodes(Graph g, QuantizationConfig config, OpRules rules) {
        Set<String> chosen = new HashSet<>();
        for (NodeProto n : g.nodes) {
            if (config.keepsFloat(n.getName()) || readsNonFloat(n, rules)) {
                continue;
            }
            String op = n.getOpType();
            if (op.equals("Conv") && g.isInitializer(n.getInput(1))) {
                chosen.add(n.getName());
            } else if (op.equals("Gemm") && g.isInitializer(n.getInput(1)) && Graph.intAttribute(n, "transB", 0) == 1
                    && Graph.intAttribute(n, "transA", 0) == 0 && Graph.floatAttribute(n, "alpha", 1f) == 1f
                    && Graph.floatAttribute(n, "beta", 1f) == 1f
                    && (n.getInputCount() < 3 || g.isInitializer(n.getInput(2)))) {
                chosen.add(n.getName());
            } else if (op.equals("MatMul") && g.isInitializer(n.getInput(1)) && g.dims(n.getInput(1)).length == 2) {
                chosen.add(n.getName());
            } else if (rules.quantizes(op)) {
                chosen.add(n.getName());
            }
        }
        return chosen;
    }

    /** A node whose activation input or output is not a float tensor (shape arithmetic, indices) stays float. */
    private static boolean readsNonFloat(NodeProto n, OpRules rules) {
        int activations = n.getOpType().equals("Reshape") ? 1 : n.getInputCount();
        for (int i = 0; i < activations; i++) {
            if (rules.notFloat().contains(n.getInput(i))) {
                return true;
            }
        }
        return n.getOutputList().stream().anyMatch(rules.notFloat()::contains);
    }

    /**
     * Removes ReLU/ReLU6 after a quantized op; that op then writes the activation's output tensor.
     * Returns the absorbed tensors with their clip's upper bound (infinity for ReLU).
     */
    private static Map<String, Float> absorbActivations(Graph g, Set<String> quantized, OpRules rules) {
        Map<String, Float> absorbedUpper = new HashMap<>();
        for (int i = 0; i < g.nodes.size(); i++) {
            NodeProto act = g.nodes.get(i);
            float upper;
            if (act.getOpType().equals("Relu")) {
                upper = Float.POSITIVE_INFINITY;
            } else if (act.getOpType().equals("Clip") && act.getInputCount() == 3 && g.isInitializer(act.getInput(1))
                    && g.isInitializer(act.getInput(2)) && g.floats(act.getInput(1))[0] == 0f) {
                upper = g.floats(act.getInput(2))[0];
            } else {
                continue;
            }
            String u = act.getInput(0);
            NodeProto p = g.producer(u).orElse(null);
            String y = act.getOutput(0);
            if (p == null || !quantized.contains(p.getName()) || rules.passThrough().contains(p.getOpType())
                    || g.consumers(u).size() != 1 || g.outputs.contains(u) || feedsOutputOnly(g, y)) {
                continue;
            }
            int pi = g.nodes.indexOf(p);
            g.nodes.set(pi, p.toBuilder().setOutput(p.getOutputList().indexOf(u), y).build());
            g.nodes.remove(i);
            i--;
            absorbedUpper.put(y, upper);
        }
        return absorbedUpper;
    }

    private static boolean feedsOutputOnly(Graph g, String tensor) {
        if (g.outputs.contains(tensor)) {
            return true;
        }
        List<NodeProto> cs = g.consumers(tensor);
        return !cs.isEmpty() && cs.stream().allMatch(c -> c.getOpType().equals("Identity")
                && g.outputs.contains(c.getOutput(0)));
    }

    /** Activation inputs of quantized nodes, and their outputs unless these only feed graph outputs. */
    private static Set<String> quantizedTensors(Graph g, Set<String> quantized, OpRules rules) {
        Set<String> t = new HashSet<>();
        for (NodeProto n : g.nodes) {
            if (!quantized.contains(n.getName())) {
                continue;
            }
            int activationInputs = WEIGHTED.contains(n.getOpType()) ? 1 : n.getInputCount();
            if (n.getOpType().equals("Reshape") || n.getOpType().equals("Squeeze")
                    || n.getOpType().equals("Unsqueeze")) {
                activationInputs = 1;
            }
            for (int i = 0; i < activationInputs; i++) {
                if (!g.isInitializer(n.getInput(i))) {
                    t.add(n.getInput(i));
                }
            }
            for (String o : n.getOutputList()) {
                if (!feedsOutputOnly(g, o)) {
                    t.add(o);
                }
            }
        }
        return t;
    }

    private static Map<String, Range> calibrate(ModelProto prepared, Set<String> tensors,
                                                Map<String, Float> absorbedUpper, CalibrationSet data,
                                                QuantizationConfig config, Map<String, long[]> shapes,
                                                int firstBatch) {
        GraphProto.Builder gb = prepared.getGraph().toBuilder();
        Set<String> existing = new HashSet<>();
        gb.getOutputList().forEach(v -> existing.add(v.getName()));
        TypeProto floatType = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber())).build();
        for (String t : tensors) {
            if (!existing.contains(t)) {
                gb.addOutput(ValueInfoProto.newBuilder().setName(t).setType(floatType));
            }
        }
        byte[] model = prepared.toBuilder().setGraph(gb).build().toByteArray();
        Map<String, RangeCollector> collectors = new LinkedHashMap<>();
        tensors.forEach(t -> collectors.put(t, new RangeCollector()));
        int n = Math.min(config.calibrationSize(), data.count());
        boolean histogram = config.method() != CalibrationMethod.MINMAX;
        // ORT's basic optimizations only: the calibration graph must keep every intermediate tensor.
        try (OnnxSession s = OnnxSession.openForCalibration(model)) {
            shapes.putAll(s.outputShapes(data.batch(0, firstBatch), data.batchShape(firstBatch)));
            for (int pass = 0; pass < (histogram ? 2 : 1); pass++) {
                for (int from = 0; from < n; from += config.batchSize()) {
                    int to = Math.min(n, from + config.batchSize());
                    Map<String, float[]> outs = s.run(data.batch(from, to), data.batchShape(to - from));
                    for (Map.Entry<String, RangeCollector> e : collectors.entrySet()) {
                        float[] v = outs.get(e.getKey());
                        if (pass == 0) {
                            e.getValue().observeMinMax(v);
                        } else {
                            e.getValue().observeHistogram(v);
                        }
                    }
                }
            }
        }
        Map<String, Range> ranges = new LinkedHashMap<>();
        Set<String> graphInputs = new HashSet<>();
        prepared.getGraph().getInputList().forEach(v -> graphInputs.add(v.getName()));
        collectors.forEach((t, c) -> {
            // Graph inputs are data with a known, bounded range (e.g. normalized pixels), not activations with a
            // long tail: clipping them loses information no layer can recover (entropy clipped Fashion-MNIST's
            // input at 0.81 of 2.02, -6.5 accuracy points), so they keep their min-max range.
            Range r = c.range(graphInputs.contains(t) ? CalibrationMethod.MINMAX : config.method(), config.percentile());
            Float upper = absorbedUpper.get(t);
            if (upper != null) {
                r = new Range(0f, Math.min(r.max(), upper));
            }
            ranges.put(t, r);
        });
        return ranges;
    }

    /** Scale and zero point per tensor; pass-through outputs reuse their input's (so ORT drops their QDQ). */
    private static Map<String, Range.QParams> params(Graph g, Set<String> quantized, Set<String> tensors,
                                                     Map<String, Range> ranges, OpRules rules) {
        Map<String, Range.QParams> p = new HashMap<>();
        for (String t : tensors) {
            p.put(t, ranges.get(t).uint8());
        }
        for (NodeProto n : g.nodes) {
            if (quantized.contains(n.getName()) && rules.passThrough().contains(n.getOpType())
                    && p.containsKey(n.getInput(0)) && p.containsKey(n.getOutput(0))) {
                p.put(n.getOutput(0), p.get(n.getInput(0)));
            }
        }
        return p;
    }

    /** Weighted nodes covered by a QAT layer, by node name. */
    private static Map<String, QatScales.Layer> learnedLayers(Graph g, String graphName, QatScales qat) {
        Map<String, QatScales.Layer> m = new HashMap<>();
        if (qat == null) {
            return m;
        }
        for (NodeProto n : g.nodes) {
            if (WEIGHTED.contains(n.getOpType())) {
                qat.layers().stream().filter(l -> QatLayers.matches(l, graphName, n.getName())).findFirst()
                        .ifPresent(l -> m.put(n.getName(), l));
            }
        }
        return m;
    }

    private static List<NodeProto> emit(Graph g, Set<String> quantized, Set<String> tensors,
                                        Map<String, Range.QParams> params, QuantizationConfig config,
                                        Map<String, QatScales.Layer> learned, Map<String, float[]> foldFactors) {
        List<NodeProto> out = new ArrayList<>();
        Map<String, String> dq = new HashMap<>();
        for (String input : g.initializers.keySet()) {
            dq.put(input, input);
        }
        // Graph inputs that are quantized get their Q/DQ first.
        Set<String> produced = new HashSet<>();
        g.nodes.forEach(n -> produced.addAll(n.getOutputList()));
        for (String t : tensors) {
            if (!produced.contains(t) && !g.isInitializer(t)) {
                dq.put(t, qdq(g, out, t, params.get(t)));
            }
        }
        for (NodeProto n : g.nodes) {
            NodeProto.Builder b = n.toBuilder().clearInput();
            for (int i = 0; i < n.getInputCount(); i++) {
                b.addInput(dq.getOrDefault(n.getInput(i), n.getInput(i)));
            }
            if (quantized.contains(n.getName()) && WEIGHTED.contains(n.getOpType())) {
                quantizeWeights(g, out, n, b, params.get(n.getInput(0)), config,
                        learnedScales(learned.get(n.getName()), foldFactors.get(n.getName())));
            }
            out.add(b.build());
            for (String o : n.getOutputList()) {
                if (tensors.contains(o)) {
                    dq.put(o, qdq(g, out, o, params.get(o)));
                }
            }
        }
        return out;
    }

    /** Adds QuantizeLinear + DequantizeLinear after {@code t}; returns the dequantized tensor's name. */
    private static String qdq(Graph g, List<NodeProto> out, String t, Range.QParams p) {
        String scale = scalar(g, t + "/scale", p.scale());
        String zp = g.fresh(t + "/zero_point");
        g.initializers.put(zp, TensorProto.newBuilder().setName(zp).setDataType(TensorProto.DataType.UINT8.getNumber())
                .setRawData(ByteString.copyFrom(new byte[] {(byte) p.zeroPoint()})).build());
        return qdq(g, out, t, scale, zp);
    }

    /** QuantizeLinear + DequantizeLinear of {@code t} with existing scale and zero-point tensors; the DQ's name. */
    static String qdq(Graph g, List<NodeProto> out, String t, String scale, String zp) {
        String q = g.fresh(t + "_quantized");
        String d = g.fresh(t + "_dequantized");
        out.add(NodeProto.newBuilder().setOpType("QuantizeLinear").setName(g.fresh(t + "/QuantizeLinear"))
                .addInput(t).addInput(scale).addInput(zp).addOutput(q).build());
        out.add(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(g.fresh(t + "/DequantizeLinear"))
                .addInput(q).addInput(scale).addInput(zp).addOutput(d).build());
        return d;
    }

    /** Replaces weight (and bias) inputs of {@code n} by int8 (int32) initializers behind DequantizeLinear. */
    /** QAT weight scales moved through batch-norm folding (w' = w k, so s' = s |k|), or null. */
    private static float[] learnedScales(QatScales.Layer layer, float[] foldFactor) {
        if (layer == null || layer.weightScales() == null) {
            return null;
        }
        float[] s = layer.weightScales().clone();
        if (foldFactor != null && foldFactor.length == s.length) {
            for (int c = 0; c < s.length; c++) {
                s[c] *= Math.abs(foldFactor[c]);
            }
        }
        return s;
    }

    private static void quantizeWeights(Graph g, List<NodeProto> out, NodeProto n, NodeProto.Builder b,
                                        Range.QParams input, QuantizationConfig config, float[] learnedScales) {
        String wName = n.getInput(1);
        float[] w = g.floats(wName);
        long[] dims = g.dims(wName);
        boolean matMul = n.getOpType().equals("MatMul");
        boolean perChannel = (config.perChannel() || learnedScales != null) && !matMul;
        int channels = perChannel ? (int) dims[0] : 1;
        if (learnedScales != null && learnedScales.length != channels) {
            throw new IllegalArgumentException("qat.json has " + learnedScales.length + " weight scales for "
                    + n.getName() + ", which has " + channels + " output channels");
        }
        int per = w.length / channels;
        float[] scales = new float[channels];
        byte[] q = new byte[w.length];
        for (int c = 0; c < channels; c++) {
            float absMax = 0;
            for (int j = 0; j < per; j++) {
                absMax = Math.max(absMax, Math.abs(w[c * per + j]));
            }
            scales[c] = learnedScales != null && learnedScales[c] > 0 ? learnedScales[c]
                    : absMax > 0 ? absMax / 127f : 1f;
            for (int j = 0; j < per; j++) {
                q[c * per + j] = (byte) Math.max(-127, Math.min(127, Math.round(w[c * per + j] / scales[c])));
            }
        }
        String qw = g.fresh(wName + "_int8");
        g.initializers.put(qw, tensor(qw, TensorProto.DataType.INT8, q, dims));
        String sw = perChannel ? floats(g, wName + "/scale", scales, channels) : scalar(g, wName + "/scale", scales[0]);
        String zw = g.fresh(wName + "/zero_point");
        g.initializers.put(zw, tensor(zw, TensorProto.DataType.INT8, new byte[channels],
                perChannel ? new long[] {channels} : new long[0]));
        String dw = g.fresh(wName + "_dequantized");
        NodeProto.Builder dqw = NodeProto.newBuilder().setOpType("DequantizeLinear")
                .setName(g.fresh(wName + "/DequantizeLinear")).addInput(qw).addInput(sw).addInput(zw).addOutput(dw);
        if (perChannel) {
            dqw.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0));
        }
        out.add(dqw.build());
        b.setInput(1, dw);
        if (n.getInputCount() > 2 && g.isInitializer(n.getInput(2))) {
            String bName = n.getInput(2);
            float[] bias = g.floats(bName);
            float[] bs = new float[bias.length];
            ByteBuffer qb = ByteBuffer.allocate(bias.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < bias.length; c++) {
                bs[c] = input.scale() * scales[perChannel ? c : 0];
                qb.putInt((int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, Math.round((double) bias[c] / bs[c]))));
            }
            String qbn = g.fresh(bName + "_int32");
            g.initializers.put(qbn, tensor(qbn, TensorProto.DataType.INT32, qb.array(), new long[] {bias.length}));
            String sb = floats(g, bName + "/scale", bs, bias.length);
            String zb = g.fresh(bName + "/zero_point");
            g.initializers.put(zb, tensor(zb, TensorProto.DataType.INT32, new byte[bias.length * 4],
                    new long[] {bias.length}));
            String db = g.fresh(bName + "_dequantized");
            out.add(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(g.fresh(bName + "/DequantizeLinear"))
                    .addInput(qbn).addInput(sb).addInput(zb).addOutput(db)
                    .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                            .setI(0)).build());
            b.setInput(2, db);
        }
    }

    private static String scalar(Graph g, String hint, float v) {
        String name = g.fresh(hint);
        g.initializers.put(name, BatchNormFolding.floats(name, new float[] {v}, new long[0]));
        return name;
    }

    private static String floats(Graph g, String hint, float[] v, long n) {
        String name = g.fresh(hint);
        g.initializers.put(name, BatchNormFolding.floats(name, v, new long[] {n}));
        return name;
    }

    private static TensorProto tensor(String name, TensorProto.DataType type, byte[] raw, long[] dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
