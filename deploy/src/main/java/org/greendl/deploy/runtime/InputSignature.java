package org.greendl.deploy.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greendl.deploy.profile.InputBindings;
import org.greendl.deploy.profile.InputShapeException;

/**
 * Every input a model takes, as it will be fed: name, element type and shape, the batch axis written
 * {@link #BATCH} (it takes each benchmarked batch size). Built from the declared inputs and the user's
 * {@code NAME=SHAPE[:DTYPE]} specs, e.g. {@code input_ids=N,128:int64}; a symbolic dimension that a spec binds
 * (say {@code seq} to 128) has that size in every input that names it.
 */
public record InputSignature(List<Input> inputs) {
    /** The batch axis in {@link Input#dims}. */
    public static final long BATCH = -1;

    /** @param dtype float32, int64, int32 (the types ONNX Runtime is fed here) */
    public record Input(String name, String dtype, long[] dims) {
        /** The shape at this batch size. */
        public long[] shape(int batch) {
            long[] s = dims.clone();
            for (int i = 0; i < s.length; i++) {
                if (s[i] == BATCH) {
                    s[i] = batch;
                }
            }
            return s;
        }

        public String describe() {
            StringBuilder sb = new StringBuilder(name).append('=');
            for (int i = 0; i < dims.length; i++) {
                sb.append(i == 0 ? "" : ",").append(dims[i] == BATCH ? "N" : Long.toString(dims[i]));
            }
            return sb.append(':').append(dtype).toString();
        }
    }

    public InputSignature {
        inputs = List.copyOf(inputs);
    }

    /** The batch a model was exported with on its first input, or -1 when the batch is free. */
    public long fixedBatch() {
        return inputs.isEmpty() || inputs.get(0).dims().length == 0 || inputs.get(0).dims()[0] == BATCH ? -1
                : inputs.get(0).dims()[0];
    }

    /**
     * @param specs {@code NAME=SHAPE[:DTYPE]}, or a bare {@code SHAPE} for a one-input model; {@code N} is the batch
     * @throws InputShapeException (one line) for an unknown input, a shape or type that does not fit, or a free
     *     dimension left unbound
     */
    public static InputSignature of(ModelProto model, List<String> specs) {
        List<ValueInfoProto> declared = InputBindings.inputs(model.getGraph());
        Map<String, long[]> given = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        List<String> names = declared.stream().map(ValueInfoProto::getName).toList();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq < 0 && declared.size() != 1) {
                throw new InputShapeException("--input " + spec + ": the model has " + declared.size() + " inputs ("
                        + String.join(", ", names) + "): write NAME=SHAPE");
            }
            String name = eq < 0 ? declared.get(0).getName() : spec.substring(0, eq).strip();
            if (!names.contains(name)) {
                throw new InputShapeException("the model has no input '" + name + "' (inputs: "
                        + String.join(", ", names) + ")");
            }
            String rest = eq < 0 ? spec : spec.substring(eq + 1);
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                types.put(name, rest.substring(colon + 1).strip().toLowerCase(Locale.ROOT));
                rest = rest.substring(0, colon);
            }
            given.put(name, dims(rest, spec));
        }
        Map<String, String> symbols = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        for (ValueInfoProto v : declared) {
            long[] g = given.get(v.getName());
            List<TensorShapeProto.Dimension> d = declaredDims(v);
            if (g == null || d == null) {
                continue;
            }
            if (d.size() != g.length) {
                throw new InputShapeException("input '" + v.getName() + "' has rank " + d.size() + ", got "
                        + g.length + " dimensions in " + describe(g));
            }
            for (int i = 0; i < g.length; i++) {
                if (d.get(i).hasDimValue() && d.get(i).getDimValue() > 0 && g[i] != BATCH
                        && d.get(i).getDimValue() != g[i]) {
                    throw new InputShapeException("input '" + v.getName() + "' has " + d.get(i).getDimValue()
                            + " at axis " + i + ", got " + g[i]);
                }
                if (d.get(i).hasDimParam() && !d.get(i).getDimParam().isEmpty() && g[i] != BATCH) {
                    sizes.putIfAbsent(d.get(i).getDimParam(), g[i]);
                }
            }
        }
        List<Input> inputs = new ArrayList<>();
        for (ValueInfoProto v : declared) {
            String declaredType = typeName(v);
            String type = types.getOrDefault(v.getName(), declaredType);
            if (!type.equals(declaredType)) {
                throw new InputShapeException("input '" + v.getName() + "' is " + declaredType + ", not " + type);
            }
            if (!List.of("float32", "int64", "int32").contains(type)) {
                throw new InputShapeException("input '" + v.getName() + "' is " + type
                        + ": only float32, int64 and int32 inputs can be generated");
            }
            long[] dims = given.get(v.getName());
            if (dims == null) {
                dims = fromDeclared(v, sizes);
            } else if (dims.length > 0 && dims[0] == BATCH && declaredDims(v) != null
                    && declaredDims(v).get(0).getDimValue() > 0) {
                dims = dims.clone();
                dims[0] = declaredDims(v).get(0).getDimValue(); // exported with a fixed batch
            }
            inputs.add(new Input(v.getName(), type, dims));
        }
        return new InputSignature(inputs);
    }

    private static long[] fromDeclared(ValueInfoProto v, Map<String, Long> sizes) {
        List<TensorShapeProto.Dimension> d = declaredDims(v);
        if (d == null) {
            throw new InputShapeException("input '" + v.getName() + "' declares no shape: give it, e.g. --input "
                    + v.getName() + "=N,128");
        }
        long[] dims = new long[d.size()];
        for (int i = 0; i < dims.length; i++) {
            String sym = d.get(i).hasDimParam() ? d.get(i).getDimParam() : "";
            if (d.get(i).hasDimValue() && d.get(i).getDimValue() > 0) {
                dims[i] = d.get(i).getDimValue();
            } else if (!sym.isEmpty() && sizes.containsKey(sym)) {
                dims[i] = sizes.get(sym);
            } else if (i == 0) {
                dims[i] = BATCH;
            } else {
                throw new InputShapeException("input '" + v.getName() + "' has a free dimension "
                        + (sym.isEmpty() ? "" : "'" + sym + "' ") + "at axis " + i + ": give its shape, e.g. --input "
                        + v.getName() + "=N" + ",128".repeat(dims.length - 1));
            }
        }
        return dims;
    }

    private static List<TensorShapeProto.Dimension> declaredDims(ValueInfoProto v) {
        return v.getType().hasTensorType() && v.getType().getTensorType().hasShape()
                ? v.getType().getTensorType().getShape().getDimList() : null;
    }

    private static String typeName(ValueInfoProto v) {
        if (!v.getType().hasTensorType()) {
            return "non-tensor";
        }
        return switch (v.getType().getTensorType().getElemType()) {
            case 1 -> "float32";
            case 6 -> "int32";
            case 7 -> "int64";
            case 9 -> "bool";
            case 10 -> "float16";
            case 11 -> "float64";
            default -> "type" + v.getType().getTensorType().getElemType();
        };
    }

    private static long[] dims(String text, String spec) {
        String[] parts = text.split(",", -1);
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.equals("N")) {
                dims[i] = BATCH;
                continue;
            }
            try {
                dims[i] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new InputShapeException("--input " + spec + ": a shape is comma-separated sizes, the batch"
                        + " written N, such as input_ids=N,128:int64");
            }
            if (dims[i] < 1) {
                throw new InputShapeException("--input " + spec + ": dimensions must be at least 1");
            }
        }
        return dims;
    }

    static String describe(long[] d) {
        return Arrays.toString(d).replace(String.valueOf(BATCH), "N");
    }
}
