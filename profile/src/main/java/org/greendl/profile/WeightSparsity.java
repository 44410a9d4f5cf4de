package org.greendl.profile;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * greendl's one definition of sparsity: the share of exactly-zero values among the weight tensors
 * ({@link Parameter.Type#WEIGHT}) that training updates; biases, norms' scales and running statistics are
 * not weights. Run records report it as {@code model.sparsity}.
 *
 * @param weights values in weight tensors
 * @param zeros those exactly zero
 */
public record WeightSparsity(long weights, long zeros) {

    /** Zero weights over all weights; 0 for a block without weights. */
    public double fraction() {
        return weights == 0 ? 0 : (double) zeros / weights;
    }

    /** Reads the initialized weight tensors of {@code block}. */
    public static WeightSparsity of(Block block) {
        long weights = 0;
        long zeros = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.isInitialized() || !parameter.requiresGradient()
                    || parameter.getType() != Parameter.Type.WEIGHT) {
                continue;
            }
            NDArray a = parameter.getArray();
            weights += a.size();
            try (NDArray nonzero = a.countNonzero()) {
                zeros += a.size() - nonzero.getLong();
            }
        }
        return new WeightSparsity(weights, zeros);
    }
}
