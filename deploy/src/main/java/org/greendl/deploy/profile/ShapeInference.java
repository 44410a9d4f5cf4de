package org.greendl.deploy.profile;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Output shapes of ONNX nodes from their input shapes, op by op, for the operators image and transformer
 * models are built from (the ONNX operator specification's rules; ONNX Runtime's Java API exposes no shape
 * inference). An operator not handled here, or inputs it rejects, raise {@link Unknown}: the profiler lists
 * the node without counts instead of failing.
 */
final class ShapeInference {
    private ShapeInference() {}

    /** Why a node's output shape is not known. */
    static final class Unknown extends RuntimeException {
        Unknown(String reason) {
            super(reason, null, false, false);
        }
    }

    static final int INT64 = 7;
    static final int BOOL = 9;

    static final Set<String> SAME_SHAPE = Set.of("Relu", "Sigmoid", "Tanh", "Erf", "Exp", "Log", "Sqrt", "Neg",
            "Abs", "Reciprocal", "Softplus", "Softsign", "Selu", "Elu", "LeakyRelu", "HardSigmoid", "HardSwish",
            "Gelu", "Mish", "Clip", "Softmax", "LogSoftmax", "Floor", "Ceil", "Round", "Sign", "Sin", "Cos",
            "Celu", "ThresholdedRelu", "Shrink", "LpNormalization", "InstanceNormalization", "LRN",
            "MeanVarianceNormalization", "GroupNormalization", "IsNaN", "IsInf", "Not", "BitwiseNot", "Trilu", "CumSum");

    static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Mod", "PRelu",
            "Sum", "Mean", "Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual", "And", "Or", "Xor",
            "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor");

    static final Set<String> COMPARISONS = Set.of("Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual",
            "And", "Or", "Xor", "IsNaN", "IsInf", "Not");

    static List<Tensor> infer(NodeProto n, List<Tensor> in, int opset) {
        String op = n.getOpType();
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw new Unknown("operator of domain '" + n.getDomain() + "' is not known to greendl's shape inference");
        }
        if (SAME_SHAPE.contains(op)) {
            Tensor x = need(in, 0);
            int type = COMPARISONS.contains(op) ? BOOL : x.type();
            return List.of(new Tensor(type, x.dims(), null));
        }
        if (BROADCAST.contains(op)) {
            return List.of(broadcastOp(op, in));
        }
        return switch (op) {
            case "Identity" -> List.of(need(in, 0));
            case "Cast" -> {
                Tensor x = need(in, 0);
                int to = (int) intAttr(n, "to", x.type());
                yield List.of(new Tensor(to, x.dims(), Tensor.isInteger(to) ? x.value() : null));
            }
            case "Dropout" -> {
                Tensor x = need(in, 0);
                yield List.of(x, Tensor.of(BOOL, x.dims()));
            }
            case "BatchNormalization" -> List.of(Tensor.of(need(in, 0).type(), need(in, 0).dims()));
            case "LayerNormalization" -> layerNorm(n, in);
            case "Where" -> {
                Tensor x = need(in, 1);
                yield List.of(Tensor.of(x.type(), broadcast(broadcast(need(in, 0).dims(), x.dims()),
                        need(in, 2).dims())));
            }
            case "QuantizeLinear" -> List.of(Tensor.of(in.size() > 2 && in.get(2) != null ? in.get(2).type() : 2,
                    need(in, 0).dims()));
            case "DequantizeLinear" -> List.of(Tensor.of(1, need(in, 0).dims()));
            case "Conv" -> List.of(conv(n, in, false));
            case "ConvTranspose" -> List.of(conv(n, in, true));
            case "MaxPool", "AveragePool", "LpPool" -> {
                Tensor y = pool(n, need(in, 0));
                yield op.equals("MaxPool") ? List.of(y, Tensor.of(INT64, y.dims())) : List.of(y);
            }
            case "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool" -> {
                Tensor x = need(in, 0);
                long[] d = x.dims().clone();
                for (int i = 2; i < d.length; i++) {
                    d[i] = 1;
                }
                yield List.of(Tensor.of(x.type(), d));
            }
            case "Gemm" -> List.of(gemm(n, in));
            case "MatMul" -> List.of(matmul(need(in, 0), need(in, 1)));
            case "Flatten" -> {
                Tensor x = need(in, 0);
                int axis = axis(intAttr(n, "axis", 1), x.rank() + 1);
                long a = 1, b = 1;
                for (int i = 0; i < x.rank(); i++) {
                    if (i < axis) {
                        a *= x.dims()[i];
                    } else {
                        b *= x.dims()[i];
                    }
                }
                yield List.of(x.withDims(new long[] {a, b}));
            }
            case "Reshape" -> List.of(reshape(n, in, opset));
            case "Transpose" -> List.of(transpose(n, need(in, 0)));
            case "Concat" -> List.of(concat(n, in));
            case "Squeeze" -> List.of(squeeze(n, in, opset));
            case "Unsqueeze" -> List.of(unsqueeze(n, in, opset));
            case "Shape" -> {
                Tensor x = need(in, 0);
                int r = x.rank();
                int start = (int) clampAxis(intAttr(n, "start", 0), r);
                int end = (int) clampAxis(intAttr(n, "end", r), r);
                yield List.of(Tensor.ints(Arrays.copyOfRange(x.dims(), start, Math.max(start, end))));
            }
            case "Size" -> List.of(Tensor.scalarInt(need(in, 0).elements()));
            case "Constant" -> List.of(constant(n));
            case "ConstantOfShape" -> {
                long[] shape = values(need(in, 0), "its shape");
                int type = attribute(n, "value").map(a -> a.getT().getDataType()).orElse(1);
                yield List.of(Tensor.of(type, shape));
            }
            case "Gather" -> List.of(gather(n, need(in, 0), need(in, 1)));
            case "Slice" -> List.of(slice(n, in, opset));
            case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
                 "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare" -> List.of(reduce(n, in, opset));
            case "ArgMax", "ArgMin" -> {
                Tensor x = need(in, 0);
                int axis = axis(intAttr(n, "axis", 0), x.rank());
                yield List.of(Tensor.of(INT64, reduced(x.dims(), new int[] {axis}, intAttr(n, "keepdims", 1) == 1)));
            }
            case "Expand" -> {
                Tensor x = need(in, 0);
                yield List.of(Tensor.of(x.type(), broadcast(x.dims(), values(need(in, 1), "its shape"))));
            }
            case "Tile" -> {
                Tensor x = need(in, 0);
                long[] r = values(need(in, 1), "its repeats");
                if (r.length != x.rank()) {
                    throw new Unknown("repeats " + Arrays.toString(r) + " do not match rank " + x.rank());
                }
                long[] d = new long[r.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = x.dims()[i] * r[i];
                }
                yield List.of(Tensor.of(x.type(), d));
            }
            case "ScatterND", "ScatterElements" -> List.of(Tensor.of(need(in, 0).type(), need(in, 0).dims()));
            case "GatherElements" -> List.of(Tensor.of(need(in, 0).type(), need(in, 1).dims()));
            case "Range" -> List.of(range(need(in, 0), need(in, 1), need(in, 2)));
            case "Pad" -> List.of(pad(n, in, opset));
            case "Split" -> split(n, in, opset);
            default -> throw new Unknown("operator " + op + " is not known to greendl's shape inference");
        };
    }

    static Tensor need(List<Tensor> in, int i) {
        if (i >= in.size() || in.get(i) == null) {
            throw new Unknown("input " + i + " is missing");
        }
        return in.get(i);
    }

    // ---- element-wise ----

    private static Tensor broadcastOp(String op, List<Tensor> in) {
        Tensor first = need(in, 0);
        long[] dims = first.dims();
        for (int i = 1; i < in.size(); i++) {
            dims = broadcast(dims, need(in, i).dims());
        }
        int type = COMPARISONS.contains(op) ? BOOL : first.type();
        long[] value = null;
        if (in.size() == 2 && Tensor.isInteger(type) && first.value() != null && in.get(1).value() != null) {
            value = intArithmetic(op, first.value(), in.get(1).value());
        }
        return new Tensor(type, dims, value != null && value.length == Tensor.product(dims) ? value : null);
    }

    private static long[] intArithmetic(String op, long[] a, long[] b) {
        int n = Math.max(a.length, b.length);
        if ((a.length != n && a.length != 1) || (b.length != n && b.length != 1)) {
            return null;
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            long x = a[a.length == 1 ? 0 : i];
            long y = b[b.length == 1 ? 0 : i];
            switch (op) {
                case "Add" -> v[i] = x + y;
                case "Sub" -> v[i] = x - y;
                case "Mul" -> v[i] = x * y;
                case "Div" -> {
                    if (y == 0) {
                        return null;
                    }
                    v[i] = Math.floorDiv(x, y);
                }
                case "Max" -> v[i] = Math.max(x, y);
                case "Min" -> v[i] = Math.min(x, y);
                default -> {
                    return null;
                }
            }
        }
        return v;
    }

    /** Numpy-style broadcasting of two shapes. */
    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i < r - a.length ? 1 : a[i - (r - a.length)];
            long y = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (x != y && x != 1 && y != 1) {
                throw new Unknown("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = x == 1 ? y : x;
        }
        return out;
    }

    private static List<Tensor> layerNorm(NodeProto n, List<Tensor> in) {
        Tensor x = need(in, 0);
        int axis = axis(intAttr(n, "axis", -1), x.rank());
        long[] stat = x.dims().clone();
        for (int i = axis; i < stat.length; i++) {
            stat[i] = 1;
        }
        return List.of(Tensor.of(x.type(), x.dims()), Tensor.of(1, stat), Tensor.of(1, stat));
    }

    // ---- convolution and pooling ----

    private static Tensor conv(NodeProto n, List<Tensor> in, boolean transpose) {
        Tensor x = need(in, 0);
        Tensor w = need(in, 1);
        int spatial = x.rank() - 2;
        if (spatial < 1 || w.rank() != x.rank()) {
            throw new Unknown("input " + x + " and weights " + w + " do not make a convolution");
        }
        long group = intAttr(n, "group", 1);
        long[] kernel = ints(n, "kernel_shape").orElse(Arrays.copyOfRange(w.dims(), 2, w.rank()));
        long inChannels = x.dims()[1];
        long outChannels;
        if (transpose) {
            if (w.dims()[0] != inChannels) {
                throw new Unknown("input has " + inChannels + " channels, the weights expect " + w.dims()[0]);
            }
            outChannels = w.dims()[1] * group;
        } else {
            if (w.dims()[1] * group != inChannels) {
                throw new Unknown("input has " + inChannels + " channels, the weights expect " + w.dims()[1] * group);
            }
            outChannels = w.dims()[0];
        }
        long[] out = new long[x.rank()];
        out[0] = x.dims()[0];
        out[1] = outChannels;
        long[] strides = ints(n, "strides").orElse(filled(spatial, 1));
        long[] dilations = ints(n, "dilations").orElse(filled(spatial, 1));
        long[] pads = ints(n, "pads").orElse(filled(2 * spatial, 0));
        String autoPad = stringAttr(n, "auto_pad", "NOTSET");
        if (transpose) {
            Optional<long[]> shape = ints(n, "output_shape");
            long[] outPad = ints(n, "output_padding").orElse(filled(spatial, 0));
            for (int i = 0; i < spatial; i++) {
                long size = x.dims()[2 + i];
                long eff = (kernel[i] - 1) * dilations[i] + 1;
                out[2 + i] = shape.isPresent() ? shape.get()[shape.get().length - spatial + i]
                        : autoPad.startsWith("SAME") ? size * strides[i]
                        : strides[i] * (size - 1) + outPad[i] + eff - pads[i] - pads[spatial + i];
            }
        } else {
            for (int i = 0; i < spatial; i++) {
                out[2 + i] = windowed(x.dims()[2 + i], kernel[i], strides[i], dilations[i], pads[i],
                        pads[spatial + i], autoPad, false);
            }
        }
        check(out, n);
        return Tensor.of(x.type(), out);
    }

    private static Tensor pool(NodeProto n, Tensor x) {
        int spatial = x.rank() - 2;
        long[] kernel = ints(n, "kernel_shape").orElseThrow(() -> new Unknown("no kernel_shape"));
        if (spatial < 1 || kernel.length != spatial) {
            throw new Unknown("kernel " + Arrays.toString(kernel) + " does not fit input " + x);
        }
        long[] strides = ints(n, "strides").orElse(filled(spatial, 1));
        long[] dilations = ints(n, "dilations").orElse(filled(spatial, 1));
        long[] pads = ints(n, "pads").orElse(filled(2 * spatial, 0));
        boolean ceil = intAttr(n, "ceil_mode", 0) == 1;
        String autoPad = stringAttr(n, "auto_pad", "NOTSET");
        long[] out = x.dims().clone();
        for (int i = 0; i < spatial; i++) {
            out[2 + i] = windowed(x.dims()[2 + i], kernel[i], strides[i], dilations[i], pads[i], pads[spatial + i],
                    autoPad, ceil);
        }
        check(out, n);
        return Tensor.of(x.type(), out);
    }

    /** Output size of a sliding window (convolution or pooling) along one axis. */
    private static long windowed(long size, long k, long s, long d, long padBegin, long padEnd, String autoPad,
                                 boolean ceil) {
        long eff = (k - 1) * d + 1;
        if (autoPad.startsWith("SAME")) {
            return (size + s - 1) / s;
        }
        if (autoPad.equals("VALID")) {
            return size < eff ? 0 : (size - eff) / s + 1;
        }
        long span = size + padBegin + padEnd - eff;
        if (span < 0) {
            return 0;
        }
        long out = (ceil ? (span + s - 1) / s : span / s) + 1;
        if (ceil && (out - 1) * s >= size + padBegin) {
            out--; // the last window would start in the padding only
        }
        return out;
    }

    private static void check(long[] out, NodeProto n) {
        for (long d : out) {
            if (d < 1) {
                throw new Unknown("its output would be " + Arrays.toString(out) + " (the input is too small)");
            }
        }
    }

    // ---- matrix products ----

    private static Tensor gemm(NodeProto n, List<Tensor> in) {
        Tensor a = need(in, 0);
        Tensor b = need(in, 1);
        if (a.rank() != 2 || b.rank() != 2) {
            throw new Unknown("Gemm needs 2-D inputs, got " + a + " and " + b);
        }
        boolean ta = intAttr(n, "transA", 0) == 1;
        boolean tb = intAttr(n, "transB", 0) == 1;
        long m = ta ? a.dims()[1] : a.dims()[0];
        long k = ta ? a.dims()[0] : a.dims()[1];
        long kb = tb ? b.dims()[1] : b.dims()[0];
        long cols = tb ? b.dims()[0] : b.dims()[1];
        if (k != kb) {
            throw new Unknown("inner dimensions differ: " + a + " x " + b);
        }
        return Tensor.of(a.type(), m, cols);
    }

    static Tensor matmul(Tensor a, Tensor b) {
        long[] x = a.rank() == 1 ? new long[] {1, a.dims()[0]} : a.dims();
        long[] y = b.rank() == 1 ? new long[] {b.dims()[0], 1} : b.dims();
        if (x.length < 1 || y.length < 1 || x[x.length - 1] != y[y.length - 2]) {
            throw new Unknown("inner dimensions differ: " + a + " x " + b);
        }
        long[] batch = broadcast(Arrays.copyOf(x, x.length - 2), Arrays.copyOf(y, y.length - 2));
        List<Long> out = new ArrayList<>();
        for (long d : batch) {
            out.add(d);
        }
        if (a.rank() != 1) {
            out.add(x[x.length - 2]);
        }
        if (b.rank() != 1) {
            out.add(y[y.length - 1]);
        }
        return Tensor.of(a.type(), out.stream().mapToLong(Long::longValue).toArray());
    }

    // ---- shape manipulation ----

    private static Tensor reshape(NodeProto n, List<Tensor> in, int opset) {
        Tensor x = need(in, 0);
        long[] shape = opset < 5 ? ints(n, "shape").orElseThrow(() -> new Unknown("no shape attribute"))
                : values(need(in, 1), "its target shape");
        boolean allowZero = intAttr(n, "allowzero", 0) == 1;
        long[] out = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= x.rank()) {
                    throw new Unknown("target shape " + Arrays.toString(shape) + " copies a dimension the input lacks");
                }
                out[i] = x.dims()[i];
            }
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new Unknown("target shape " + Arrays.toString(shape) + " has two -1");
                }
                infer = i;
            } else {
                known *= out[i];
            }
        }
        long total = x.elements();
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw new Unknown("cannot reshape " + x + " to " + Arrays.toString(shape));
            }
            out[infer] = total / known;
        } else if (known != total) {
            throw new Unknown("cannot reshape " + x + " to " + Arrays.toString(shape));
        }
        return x.withDims(out);
    }

    private static Tensor transpose(NodeProto n, Tensor x) {
        long[] perm = ints(n, "perm").orElse(null);
        long[] out = new long[x.rank()];
        for (int i = 0; i < out.length; i++) {
            int p = perm == null ? out.length - 1 - i : (int) perm[i];
            if (p < 0 || p >= out.length || (perm != null && perm.length != out.length)) {
                throw new Unknown("perm does not fit " + x);
            }
            out[i] = x.dims()[p];
        }
        return Tensor.of(x.type(), out);
    }

    private static Tensor concat(NodeProto n, List<Tensor> in) {
        Tensor first = need(in, 0);
        int axis = axis(intAttr(n, "axis", 0), first.rank());
        long[] out = first.dims().clone();
        out[axis] = 0;
        List<Long> values = new ArrayList<>();
        boolean haveValues = first.rank() == 1;
        for (int i = 0; i < in.size(); i++) {
            Tensor t = need(in, i);
            if (t.rank() != out.length) {
                throw new Unknown("inputs of different ranks: " + first + ", " + t);
            }
            for (int d = 0; d < out.length; d++) {
                if (d != axis && t.dims()[d] != first.dims()[d]) {
                    throw new Unknown("inputs differ off the concatenation axis: " + first + ", " + t);
                }
            }
            out[axis] += t.dims()[axis];
            if (t.value() == null) {
                haveValues = false;
            } else if (haveValues) {
                for (long v : t.value()) {
                    values.add(v);
                }
            }
        }
        return new Tensor(first.type(), out, haveValues ? values.stream().mapToLong(Long::longValue).toArray() : null);
    }

    private static long[] axesOf(NodeProto n, List<Tensor> in, int opset, int fromOpset) {
        if (opset >= fromOpset) {
            return in.size() > 1 && in.get(1) != null ? values(in.get(1), "its axes") : null;
        }
        return ints(n, "axes").orElse(null);
    }

    private static Tensor squeeze(NodeProto n, List<Tensor> in, int opset) {
        Tensor x = need(in, 0);
        long[] axes = axesOf(n, in, opset, 13);
        boolean[] drop = new boolean[x.rank()];
        if (axes == null) {
            for (int i = 0; i < drop.length; i++) {
                drop[i] = x.dims()[i] == 1;
            }
        } else {
            for (long a : axes) {
                int i = axis(a, x.rank());
                if (x.dims()[i] != 1) {
                    throw new Unknown("cannot squeeze axis " + a + " of " + x);
                }
                drop[i] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < drop.length; i++) {
            if (!drop[i]) {
                out.add(x.dims()[i]);
            }
        }
        return x.withDims(out.stream().mapToLong(Long::longValue).toArray());
    }

    private static Tensor unsqueeze(NodeProto n, List<Tensor> in, int opset) {
        Tensor x = need(in, 0);
        long[] axes = axesOf(n, in, opset, 13);
        if (axes == null) {
            throw new Unknown("no axes");
        }
        int rank = x.rank() + axes.length;
        boolean[] added = new boolean[rank];
        for (long a : axes) {
            added[axis(a, rank)] = true;
        }
        long[] out = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            out[i] = added[i] ? 1 : x.dims()[j++];
        }
        return x.withDims(out);
    }

    private static Tensor constant(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            switch (a.getName()) {
                case "value":
                    return Tensor.fromProto(a.getT());
                case "value_int":
                    return Tensor.scalarInt(a.getI());
                case "value_ints":
                    return Tensor.ints(a.getIntsList().stream().mapToLong(Long::longValue).toArray());
                case "value_float":
                    return Tensor.of(1);
                case "value_floats":
                    return Tensor.of(1, a.getFloatsCount());
                default:
                    break;
            }
        }
        throw new Unknown("a Constant without a value greendl reads");
    }

    private static Tensor gather(NodeProto n, Tensor data, Tensor indices) {
        int axis = axis(intAttr(n, "axis", 0), data.rank());
        long[] out = new long[data.rank() - 1 + indices.rank()];
        int j = 0;
        for (int i = 0; i < axis; i++) {
            out[j++] = data.dims()[i];
        }
        for (long d : indices.dims()) {
            out[j++] = d;
        }
        for (int i = axis + 1; i < data.rank(); i++) {
            out[j++] = data.dims()[i];
        }
        long[] value = null;
        if (data.rank() == 1 && data.value() != null && indices.value() != null) {
            value = new long[indices.value().length];
            for (int i = 0; i < value.length; i++) {
                long k = indices.value()[i];
                k = k < 0 ? k + data.dims()[0] : k;
                if (k < 0 || k >= data.dims()[0]) {
                    throw new Unknown("index " + indices.value()[i] + " out of range for " + data);
                }
                value[i] = data.value()[(int) k];
            }
        }
        return new Tensor(data.type(), out, value);
    }

    private static Tensor slice(NodeProto n, List<Tensor> in, int opset) {
        Tensor x = need(in, 0);
        long[] starts, ends, axes, steps;
        if (opset < 10) {
            starts = ints(n, "starts").orElseThrow(() -> new Unknown("no starts"));
            ends = ints(n, "ends").orElseThrow(() -> new Unknown("no ends"));
            axes = ints(n, "axes").orElse(null);
            steps = null;
        } else {
            starts = values(need(in, 1), "its starts");
            ends = values(need(in, 2), "its ends");
            axes = in.size() > 3 && in.get(3) != null ? values(in.get(3), "its axes") : null;
            steps = in.size() > 4 && in.get(4) != null ? values(in.get(4), "its steps") : null;
        }
        long[] out = x.dims().clone();
        long[] value = x.rank() == 1 && x.value() != null ? x.value() : null;
        List<Long> sliced = null;
        for (int i = 0; i < starts.length; i++) {
            int a = axes == null ? i : axis(axes[i], x.rank());
            long dim = x.dims()[a];
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw new Unknown("step 0");
            }
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (step > 0) {
                s = Math.max(0, Math.min(s, dim));
                e = Math.max(0, Math.min(e, dim));
                out[a] = e > s ? (e - s + step - 1) / step : 0;
            } else {
                s = Math.max(-1, Math.min(s, dim - 1));
                e = Math.max(-1, Math.min(e, dim - 1));
                out[a] = s > e ? (s - e + (-step) - 1) / (-step) : 0;
            }
            if (value != null && a == 0) {
                sliced = new ArrayList<>();
                for (long k = s, c = 0; c < out[a]; k += step, c++) {
                    sliced.add(value[(int) k]);
                }
            }
        }
        return new Tensor(x.type(), out, sliced == null ? null : sliced.stream().mapToLong(Long::longValue).toArray());
    }

    private static Tensor reduce(NodeProto n, List<Tensor> in, int opset) {
        Tensor x = need(in, 0);
        int fromOpset = n.getOpType().equals("ReduceSum") ? 13 : 18;
        long[] axes = axesOf(n, in, opset, fromOpset);
        boolean keep = intAttr(n, "keepdims", 1) == 1;
        if (axes == null || axes.length == 0) {
            if (intAttr(n, "noop_with_empty_axes", 0) == 1) {
                return Tensor.of(x.type(), x.dims());
            }
            axes = new long[x.rank()];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        int[] ax = new int[axes.length];
        for (int i = 0; i < ax.length; i++) {
            ax[i] = axis(axes[i], x.rank());
        }
        return Tensor.of(x.type(), reduced(x.dims(), ax, keep));
    }

    private static long[] reduced(long[] dims, int[] axes, boolean keep) {
        boolean[] r = new boolean[dims.length];
        for (int a : axes) {
            r[a] = true;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            if (!r[i]) {
                out.add(dims[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static Tensor pad(NodeProto n, List<Tensor> in, int opset) {
        Tensor x = need(in, 0);
        long[] pads = opset < 11 ? ints(n, "pads").orElseThrow(() -> new Unknown("no pads"))
                : values(need(in, 1), "its pads");
        long[] axes = opset >= 18 && in.size() > 3 && in.get(3) != null ? values(in.get(3), "its axes") : null;
        long[] out = x.dims().clone();
        int k = axes == null ? x.rank() : axes.length;
        if (pads.length != 2 * k) {
            throw new Unknown("pads " + Arrays.toString(pads) + " do not fit " + x);
        }
        for (int i = 0; i < k; i++) {
            int a = axes == null ? i : axis(axes[i], x.rank());
            out[a] += pads[i] + pads[k + i];
        }
        check(out, n);
        return Tensor.of(x.type(), out);
    }

    private static List<Tensor> split(NodeProto n, List<Tensor> in, int opset) {
        Tensor x = need(in, 0);
        int axis = axis(intAttr(n, "axis", 0), x.rank());
        int outputs = n.getOutputCount();
        long[] sizes = opset >= 13 ? (in.size() > 1 && in.get(1) != null ? values(in.get(1), "its split") : null)
                : ints(n, "split").orElse(null);
        long dim = x.dims()[axis];
        if (sizes == null) {
            long parts = intAttr(n, "num_outputs", outputs);
            long each = (dim + parts - 1) / parts;
            sizes = new long[outputs];
            for (int i = 0; i < outputs; i++) {
                sizes[i] = Math.min(each, dim - each * i);
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (long s : sizes) {
            long[] d = x.dims().clone();
            d[axis] = s;
            out.add(Tensor.of(x.type(), d));
        }
        return out;
    }

    /** torch.arange: max(ceil((limit - start) / delta), 0) elements, with their values when they are few. */
    private static Tensor range(Tensor start, Tensor limit, Tensor delta) {
        long s = values(start, "its start")[0];
        long l = values(limit, "its limit")[0];
        long d = values(delta, "its delta")[0];
        if (d == 0) {
            throw new Unknown("delta 0");
        }
        long n = Math.max(0, d > 0 ? Math.floorDiv(l - s + d - 1, d) : Math.floorDiv(s - l - d - 1, -d));
        long[] value = null;
        if (n <= Tensor.MAX_VALUE_ELEMENTS) {
            value = new long[(int) n];
            for (int i = 0; i < n; i++) {
                value[i] = s + i * d;
            }
        }
        return new Tensor(start.type(), new long[] {n}, value);
    }

    // ---- attributes and helpers ----

    static long[] values(Tensor t, String what) {
        if (t.value() == null) {
            throw new Unknown(what + " is computed from data greendl cannot follow");
        }
        return t.value();
    }

    static int axis(long a, int rank) {
        long v = a < 0 ? a + rank : a;
        if (v < 0 || v >= Math.max(rank, 1)) {
            throw new Unknown("axis " + a + " out of range for rank " + rank);
        }
        return (int) v;
    }

    private static long clampAxis(long a, int rank) {
        long v = a < 0 ? a + rank : a;
        return Math.max(0, Math.min(rank, v));
    }

    static long[] filled(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    static Optional<AttributeProto> attribute(NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    static long intAttr(NodeProto n, String name, long fallback) {
        return attribute(n, name).map(AttributeProto::getI).orElse(fallback);
    }

    static String stringAttr(NodeProto n, String name, String fallback) {
        return attribute(n, name).map(a -> a.getS().toStringUtf8()).orElse(fallback);
    }

    static Optional<long[]> ints(NodeProto n, String name) {
        return attribute(n, name).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray());
    }
}
