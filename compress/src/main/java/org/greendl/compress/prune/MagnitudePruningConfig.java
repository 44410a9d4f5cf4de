package org.greendl.compress.prune;

import java.util.Set;

/**
 * Settings of unstructured magnitude pruning.
 *
 * @param sparsity fraction of the chosen weights set to zero, in [0, 1)
 * @param scope layer-wise or global threshold
 * @param layers names of the layers to prune (see {@link org.greendl.compress.Layers}); empty = every Conv2d and
 *     Linear weight (biases and BatchNorm are never pruned)
 */
public record MagnitudePruningConfig(double sparsity, PruningScope scope, Set<String> layers) {
    public MagnitudePruningConfig {
        checkSparsity(sparsity);
        scope = scope == null ? PruningScope.LAYER : scope;
        layers = layers == null ? Set.of() : Set.copyOf(layers);
    }

    public static MagnitudePruningConfig of(double sparsity, PruningScope scope) {
        return new MagnitudePruningConfig(sparsity, scope, Set.of());
    }

    public MagnitudePruningConfig withSparsity(double s) {
        return new MagnitudePruningConfig(s, scope, layers);
    }

    static void checkSparsity(double sparsity) {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
    }
}
