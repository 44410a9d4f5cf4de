package org.greendl.deploy.profile;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Concrete shapes for a model's inputs: the shapes given, checked against the declared ones, and every
 * symbolic dimension bound. A symbolic or unknown first dimension is the batch and is 1 unless given; a
 * symbolic name bound once (by a given shape or the batch) has that size in every input; any other free
 * dimension must be given.
 */
public final class InputBindings {
    private InputBindings() {}

    /** The graph's real inputs: declared inputs that are not initializers (IR < 4 lists both). */
    public static List<ValueInfoProto> inputs(GraphProto g) {
        Set<String> init = g.getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
        return g.getInputList().stream().filter(v -> !init.contains(v.getName())).toList();
    }

    /**
     * @param given shapes by input name (may be empty)
     * @return every input's concrete shape, in the graph's order
     * @throws InputShapeException when a name is not an input, a shape does not fit, or a dimension is left free
     */
    public static Map<String, long[]> bind(ModelProto model, Map<String, long[]> given) {
        List<ValueInfoProto> inputs = inputs(model.getGraph());
        List<String> names = inputs.stream().map(ValueInfoProto::getName).toList();
        for (String name : given.keySet()) {
            if (!names.contains(name)) {
                throw new InputShapeException("the model has no input '" + name + "' (inputs: "
                        + String.join(", ", names) + ")");
            }
        }
        Map<String, Long> symbols = new HashMap<>();
        Map<String, long[]> bound = new LinkedHashMap<>();
        // Given shapes first, so that their symbols bind the inputs that are not given.
        for (ValueInfoProto v : inputs) {
            long[] dims = given.get(v.getName());
            if (dims != null) {
                bound.put(v.getName(), check(v, dims, symbols));
            }
        }
        for (ValueInfoProto v : inputs) {
            if (!given.containsKey(v.getName())) {
                bound.put(v.getName(), fill(v, symbols));
            }
        }
        Map<String, long[]> ordered = new LinkedHashMap<>();
        for (String n : names) {
            ordered.put(n, bound.get(n));
        }
        return ordered;
    }

    private static long[] check(ValueInfoProto v, long[] dims, Map<String, Long> symbols) {
        for (long d : dims) {
            if (d < 1) {
                throw new InputShapeException("input '" + v.getName() + "': dimensions must be at least 1, got "
                        + Arrays.toString(dims));
            }
        }
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return dims;
        }
        List<TensorShapeProto.Dimension> declared = v.getType().getTensorType().getShape().getDimList();
        if (declared.size() != dims.length) {
            throw new InputShapeException("input '" + v.getName() + "' has rank " + declared.size() + " ("
                    + OnnxModelInfo.dims(declared) + "), got " + dims.length + " dimensions "
                    + Arrays.toString(dims));
        }
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = declared.get(i);
            if (d.hasDimValue() && d.getDimValue() > 0 && d.getDimValue() != dims[i]) {
                throw new InputShapeException("input '" + v.getName() + "' (" + OnnxModelInfo.dims(declared)
                        + ") has " + d.getDimValue() + " at axis " + i + ", got " + dims[i]);
            }
            if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
                Long before = symbols.putIfAbsent(d.getDimParam(), dims[i]);
                if (before != null && before != dims[i]) {
                    throw new InputShapeException("dimension '" + d.getDimParam() + "' is " + before
                            + " in one input and " + dims[i] + " in input '" + v.getName() + "'");
                }
            }
        }
        return dims;
    }

    private static long[] fill(ValueInfoProto v, Map<String, Long> symbols) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            throw new InputShapeException("input '" + v.getName() + "' declares no shape: give it, e.g. "
                    + v.getName() + "=1,3,224,224");
        }
        List<TensorShapeProto.Dimension> declared = v.getType().getTensorType().getShape().getDimList();
        long[] dims = new long[declared.size()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = declared.get(i);
            String symbol = d.hasDimParam() ? d.getDimParam() : "";
            if (d.hasDimValue() && d.getDimValue() > 0) {
                dims[i] = d.getDimValue();
            } else if (!symbol.isEmpty() && symbols.containsKey(symbol)) {
                dims[i] = symbols.get(symbol);
            } else if (i == 0) {
                dims[i] = 1; // the batch: profiles count one sample unless told otherwise
                if (!symbol.isEmpty()) {
                    symbols.put(symbol, 1L);
                }
            } else {
                throw new InputShapeException("input '" + v.getName() + "' (" + OnnxModelInfo.dims(declared)
                        + ") has a free dimension " + (symbol.isEmpty() ? "" : "'" + symbol + "' ") + "at axis " + i
                        + ": give its whole shape, e.g. " + v.getName() + "=" + example(declared));
            }
        }
        return dims;
    }

    private static String example(List<TensorShapeProto.Dimension> declared) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < declared.size(); i++) {
            TensorShapeProto.Dimension d = declared.get(i);
            sb.append(i == 0 ? "" : ",").append(d.hasDimValue() && d.getDimValue() > 0 ? Long.toString(d.getDimValue())
                    : i == 0 ? "N" : "128");
        }
        return sb.toString();
    }
}
