package org.greendl.deploy.profile;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an ONNX file says about itself: producer, IR version, opset per domain, and its inputs and outputs with
 * element type and declared dimensions (symbolic names such as {@code N} kept as written, {@code ?} for a
 * dimension with neither size nor name).
 */
public record OnnxModelInfo(String producerName, String producerVersion, long irVersion, String domain,
        long modelVersion, String graphName, Map<String, Long> opsets, List<Value> inputs, List<Value> outputs) {

    /** A graph input or output: name, element type ("float32", "int64", ...), declared dimensions. */
    public record Value(String name, String dtype, List<String> dims) {
        public String describe() {
            return name + " " + dtype + " [" + String.join(",", dims) + "]";
        }
    }

    public static OnnxModelInfo of(ModelProto m) {
        Map<String, Long> opsets = new LinkedHashMap<>();
        for (OperatorSetIdProto o : m.getOpsetImportList()) {
            opsets.put(o.getDomain().isEmpty() ? "ai.onnx" : o.getDomain(), o.getVersion());
        }
        List<Value> inputs = InputBindings.inputs(m.getGraph()).stream().map(OnnxModelInfo::value).toList();
        List<Value> outputs = m.getGraph().getOutputList().stream().map(OnnxModelInfo::value).toList();
        return new OnnxModelInfo(m.getProducerName(), m.getProducerVersion(), m.getIrVersion(), m.getDomain(),
                m.getModelVersion(), m.getGraph().getName(), Map.copyOf(opsets), inputs, outputs);
    }

    private static Value value(ValueInfoProto v) {
        if (!v.getType().hasTensorType()) {
            return new Value(v.getName(), v.getType().getValueCase().name().toLowerCase(java.util.Locale.ROOT),
                    List.of());
        }
        var t = v.getType().getTensorType();
        List<String> dims = new ArrayList<>();
        if (t.hasShape()) {
            for (TensorShapeProto.Dimension d : t.getShape().getDimList()) {
                dims.add(dim(d));
            }
        }
        return new Value(v.getName(), Tensor.typeName(t.getElemType()), List.copyOf(dims));
    }

    private static String dim(TensorShapeProto.Dimension d) {
        return d.hasDimValue() && d.getDimValue() > 0 ? Long.toString(d.getDimValue())
                : d.hasDimParam() && !d.getDimParam().isEmpty() ? d.getDimParam() : "?";
    }

    static String dims(List<TensorShapeProto.Dimension> declared) {
        return "[" + String.join(",", declared.stream().map(OnnxModelInfo::dim).toList()) + "]";
    }

    /** Header lines for the profile table; {@code bound} are the shapes the profile was counted at. */
    public List<String> headerLines(Map<String, long[]> bound) {
        List<String> lines = new ArrayList<>();
        lines.add("onnx: producer " + (producerName.isEmpty() ? "(none)" : producerName)
                + (producerVersion.isEmpty() ? "" : " " + producerVersion) + ", IR version " + irVersion
                + ", opsets " + opsetText());
        for (Value v : inputs) {
            long[] b = bound.get(v.name());
            lines.add("input  " + v.describe() + (b == null ? "" : ", profiled at " + join(b)));
        }
        for (Value v : outputs) {
            lines.add("output " + v.describe());
        }
        return lines;
    }

    private String opsetText() {
        List<String> parts = new ArrayList<>();
        opsets.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> parts.add(e.getKey() + " " + e.getValue()));
        return String.join(", ", parts);
    }

    /** The same facts as a JSON-ready tree (maps, lists, strings, numbers). */
    public Map<String, Object> toMap(Map<String, long[]> bound) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("producer_name", producerName);
        m.put("producer_version", producerVersion);
        m.put("ir_version", irVersion);
        m.put("domain", domain);
        m.put("model_version", modelVersion);
        m.put("graph_name", graphName);
        m.put("opsets", new java.util.TreeMap<>(opsets));
        m.put("inputs", inputs.stream().map(v -> valueMap(v, bound.get(v.name()))).toList());
        m.put("outputs", outputs.stream().map(v -> valueMap(v, null)).toList());
        return m;
    }

    private static Map<String, Object> valueMap(Value v, long[] bound) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("dtype", v.dtype());
        m.put("shape", v.dims());
        if (bound != null) {
            List<Long> b = new ArrayList<>();
            for (long d : bound) {
                b.add(d);
            }
            m.put("profiled_shape", b);
        }
        return m;
    }

    private static String join(long[] d) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : ",").append(d[i]);
        }
        return sb.toString();
    }
}
