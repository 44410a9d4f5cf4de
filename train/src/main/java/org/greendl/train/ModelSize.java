package org.greendl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Parameter count, stored bytes and weight sparsity of an initialized block. */
final class ModelSize {
    private ModelSize() {}

    /** Trainable parameters, bytes of all stored arrays (incl. batch-norm statistics), share of zero weights (weight tensors only). */
    record Size(long params, long bytes, double sparsity) {}

    static Size of(Block block) {
        long params = 0;
        long bytes = 0;
        long zeros = 0;
        long weights = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.isInitialized()) {
                continue;
            }
            NDArray a = parameter.getArray();
            long size = a.size();
            bytes += size * a.getDataType().getNumOfBytes();
            if (parameter.requiresGradient()) {
                params += size;
                if (parameter.getType() == Parameter.Type.WEIGHT) {
                    weights += size;
                    try (NDArray nonzero = a.countNonzero()) {
                        zeros += size - nonzero.getLong();
                    }
                }
            }
        }
        return new Size(params, bytes, weights == 0 ? 0 : (double) zeros / weights);
    }
}
