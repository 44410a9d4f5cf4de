package org.greendl.compress.lowrank;

import java.util.Set;

/**
 * Settings of low-rank factorization.
 *
 * @param policy how each layer's rank is chosen
 * @param layers names of the layers to factorize; empty = every Linear except the network's output layer
 * @param convolutions with an empty {@code layers}, also factorize every Conv2d (groups = 1) but the first
 */
public record LowRankConfig(RankPolicy policy, Set<String> layers, boolean convolutions) {
    public LowRankConfig {
        if (policy == null) {
            throw new IllegalArgumentException("low-rank factorization needs a rank policy");
        }
        layers = layers == null ? Set.of() : Set.copyOf(layers);
    }

    public static LowRankConfig linear(RankPolicy policy) {
        return new LowRankConfig(policy, Set.of(), false);
    }
}
