package org.greendl.deploy.int8;

import java.util.Set;

/**
 * Which ops {@link StaticQuantizer} puts between Q/DQ pairs besides Conv/Gemm/MatMul: ops that keep their input's
 * scale (ORT drops their Q/DQ and runs them on uint8) and ops quantized on their activations alone. Tensors
 * named in {@code notFloat} (shape arithmetic, indices, masks) are never quantized, so nodes reading them stay float.
 */
record OpRules(Set<String> passThrough, Set<String> activationOnly, Set<String> notFloat) {
    /** What the export of greendl's own models has always used. */
    static final OpRules DJL_EXPORT = new OpRules(StaticQuantizer.PASS_THROUGH, StaticQuantizer.ACTIVATION_ONLY,
            Set.of());

    /** Foreign models: also the layout ops and the element-wise ops ONNX Runtime has QDQ kernels for. */
    static OpRules foreign(Set<String> notFloat) {
        return new OpRules(Set.of("MaxPool", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze"),
                Set.of("Add", "Mul", "AveragePool", "GlobalAveragePool", "Concat", "Sigmoid", "Softmax"),
                Set.copyOf(notFloat));
    }

    boolean quantizes(String op) {
        return passThrough.contains(op) || activationOnly.contains(op);
    }
}
