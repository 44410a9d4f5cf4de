package org.greendl.deploy.profile;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counting rules of greendl-profile (profile/README.md) written per ONNX operator, so that a greendl model
 * and its ONNX export count the same: MACs for convolutions, Gemm and MatMul (attention's Q K^T and A V
 * included), FLOPs = 2 MACs + the element-wise work, and which inputs are learned parameters.
 */
final class OpCosts {
    private OpCosts() {}

    /** MACs and FLOPs of one node. */
    record Cost(long macs, long flops) {
        static final Cost ZERO = new Cost(0, 0);
    }

    /**
     * FLOPs per element of element-wise operators. The first entries are greendl-profile's activation table
     * (relu 1, relu6 = Clip 2, sigmoid 4, tanh 4, softplus 3, softsign 3, selu 4, gelu 8, mish 8); Erf is 4 so
     * that GELU written out as x * 0.5 * (1 + erf(x / sqrt 2)) costs the 8 of one Gelu, as Mish written as
     * x * tanh(softplus(x)) costs its 8.
     */
    static final Map<String, Long> ELEMENTWISE_FLOPS = Map.ofEntries(Map.entry("Relu", 1L), Map.entry("Clip", 2L),
            Map.entry("Sigmoid", 4L), Map.entry("Tanh", 4L), Map.entry("Softplus", 3L), Map.entry("Softsign", 3L),
            Map.entry("Selu", 4L), Map.entry("Gelu", 8L), Map.entry("Mish", 8L), Map.entry("Erf", 4L),
            Map.entry("Exp", 1L), Map.entry("Log", 1L), Map.entry("Sqrt", 1L), Map.entry("Reciprocal", 1L),
            Map.entry("Neg", 1L), Map.entry("Abs", 1L), Map.entry("Floor", 1L), Map.entry("Ceil", 1L),
            Map.entry("Round", 1L), Map.entry("Sign", 1L), Map.entry("LeakyRelu", 2L), Map.entry("Elu", 4L),
            Map.entry("Celu", 4L), Map.entry("HardSigmoid", 3L), Map.entry("HardSwish", 4L), Map.entry("PRelu", 2L),
            Map.entry("Sin", 4L), Map.entry("Cos", 4L), Map.entry("ThresholdedRelu", 1L), Map.entry("Shrink", 2L),
            Map.entry("Add", 1L), Map.entry("Sub", 1L), Map.entry("Mul", 1L), Map.entry("Div", 1L),
            Map.entry("Pow", 1L), Map.entry("Max", 1L), Map.entry("Min", 1L), Map.entry("Mod", 1L),
            Map.entry("Equal", 1L), Map.entry("Greater", 1L), Map.entry("Less", 1L),
            Map.entry("GreaterOrEqual", 1L), Map.entry("LessOrEqual", 1L),
            // inference batch norm folds to a x + b; layer, instance and group norm are mean (1), variance (2),
            // normalize (2), scale and shift (2); softmax is max, subtract, exp, sum, divide.
            Map.entry("BatchNormalization", 2L), Map.entry("LayerNormalization", 7L),
            Map.entry("InstanceNormalization", 7L), Map.entry("GroupNormalization", 7L),
            Map.entry("Softmax", 5L), Map.entry("LogSoftmax", 5L));

    /** Operators whose output is a view of (or equal to) their input: no new activation memory. */
    static final Set<String> VIEWS = Set.of("Identity", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Dropout");

    /** Operators that only compute shapes or constants: no activation memory counted. */
    static final Set<String> SHAPE_ONLY = Set.of("Shape", "Size", "Constant", "ConstantOfShape");

    static final Set<String> REDUCTIONS = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd",
            "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax", "ArgMin",
            "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool");

    /**
     * @param in inputs (null where absent), {@code out} outputs; {@code contraction} when this ReduceSum sums a
     *     product used nowhere else, i.e. a dot product written as Mul + ReduceSum (linear attention's
     *     normaliser): its input elements are multiply-accumulates
     */
    static Cost of(NodeProto n, List<Tensor> in, List<Tensor> out, boolean contraction) {
        String op = n.getOpType();
        Tensor y = out.get(0);
        switch (op) {
            case "Conv": {
                Tensor w = in.get(1);
                long kernel = Tensor.product(java.util.Arrays.copyOfRange(w.dims(), 2, w.rank()));
                long macs = Math.multiplyExact(y.elements(), w.dims()[1] * kernel);
                return new Cost(macs, 2 * macs + (present(in, 2) ? y.elements() : 0));
            }
            case "ConvTranspose": {
                Tensor x = in.get(0);
                Tensor w = in.get(1);
                long kernel = Tensor.product(java.util.Arrays.copyOfRange(w.dims(), 2, w.rank()));
                long macs = Math.multiplyExact(x.elements(), w.dims()[1] * kernel);
                return new Cost(macs, 2 * macs + (present(in, 2) ? y.elements() : 0));
            }
            case "Gemm": {
                Tensor a = in.get(0);
                long k = ShapeInference.intAttr(n, "transA", 0) == 1 ? a.dims()[0] : a.dims()[1];
                long macs = Math.multiplyExact(y.elements(), k);
                return new Cost(macs, 2 * macs + (present(in, 2) ? y.elements() : 0));
            }
            case "MatMul": {
                Tensor a = in.get(0);
                long k = a.dims()[a.rank() - 1];
                long macs = Math.multiplyExact(y.elements(), k);
                return new Cost(macs, 2 * macs);
            }
            case "MaxPool", "AveragePool", "LpPool": {
                long window = Tensor.product(ShapeInference.ints(n, "kernel_shape").orElseThrow());
                return new Cost(0, y.floating() ? y.elements() * window : 0);
            }
            case "Sum", "Mean": {
                return new Cost(0, y.floating() ? (in.size() - 1) * y.elements() : 0);
            }
            default:
                break;
        }
        if (REDUCTIONS.contains(op)) {
            Tensor x = in.get(0);
            long elements = x.floating() ? x.elements() : 0;
            return new Cost(contraction ? elements : 0, elements);
        }
        Long perElement = ELEMENTWISE_FLOPS.get(op);
        Tensor first = in.isEmpty() ? null : in.get(0);
        if (perElement != null && first != null && first.floating()) {
            return new Cost(0, perElement * y.elements());
        }
        return Cost.ZERO;
    }

    private static boolean present(List<Tensor> in, int i) {
        return i < in.size() && in.get(i) != null;
    }

    /** What an initializer is to the node that reads it. */
    enum Role { PARAMETER, BUFFER, CONSTANT }

    /**
     * Learned tensors are the weights and biases of convolutions and matrix products, the scale and shift of
     * normalizations, embedding tables (Gather's data) and PReLU's slopes; batch norm's running mean and
     * variance are buffers (torchvision's convention). In other element-wise arithmetic an initializer is
     * learned when it has more than one element (a bias after MatMul, a position embedding) or is the bias of
     * a MatMul; one-element initializers are constants (a scale 1/sqrt(d), an epsilon). Integer tensors
     * (shapes, axes, indices) are never parameters. {@code t} is the tensor as the node reads it (float for
     * a DequantizeLinear of int8 weights). The data of a Slice or an Expand with more than one element is learned
     * too (a position embedding cut to the sequence length, a class token expanded to the batch).
     */
    static Role role(NodeProto n, int slot, Tensor t, boolean addsToMatMul) {
        if (!t.floating()) {
            return Role.CONSTANT;
        }
        String op = n.getOpType();
        switch (op) {
            case "Conv", "ConvTranspose", "Gemm", "MatMul", "Einsum", "LSTM", "GRU", "RNN":
                return Role.PARAMETER;
            case "BatchNormalization":
                return slot >= 3 ? Role.BUFFER : slot >= 1 ? Role.PARAMETER : Role.CONSTANT;
            case "LayerNormalization", "InstanceNormalization", "GroupNormalization", "PRelu":
                return slot >= 1 ? Role.PARAMETER : Role.CONSTANT;
            case "Gather":
                return slot == 0 ? Role.PARAMETER : Role.CONSTANT;
            case "Slice", "Expand":
                // a learned table sliced to the sequence length (positions) or a token expanded to the batch
                return slot == 0 && t.elements() > 1 ? Role.PARAMETER : Role.CONSTANT;
            case "Add", "Sub", "Mul", "Div":
                return t.elements() > 1 || addsToMatMul ? Role.PARAMETER : Role.CONSTANT;
            default:
                return Role.CONSTANT;
        }
    }
}
