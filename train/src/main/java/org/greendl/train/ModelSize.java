package org.greendl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.greendl.profile.WeightSparsity;

/** Parameter count, stored bytes and weight sparsity of an initialized block. */
final class ModelSize {
    private ModelSize() {}

    /** Trainable parameters, bytes of all stored arrays (incl. batch-norm statistics), share of zero weights ({@link WeightSparsity}). */
    record Size(long params, long bytes, double sparsity) {}

    static Size of(Block block) {
        long params = 0;
        long bytes = 0;
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
            }
        }
        return new Size(params, bytes, WeightSparsity.of(block).fraction());
    }
}
