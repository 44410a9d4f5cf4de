package org.greendl.train.strategy;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;

/**
 * Training without batch norm ({@code no-batchnorm}): rebuilds the model's sequential blocks with every
 * {@link BatchNorm} left out (Ioffe and Szegedy 2015 is what it removes). Fewer operations per step; usually
 * slower convergence. Applies to models whose batch norms sit in sequential blocks (cnn, lenet-style); blocks
 * inside other composite blocks are left as they are.
 */
public record NoBatchNorm() implements Strategy {
    public static final String NAME = "no-batchnorm";

    @Override
    public String spec() {
        return NAME;
    }

    /** A copy of {@code block}'s structure without batch norms (uninitialized). */
    public static Block withoutBatchNorm(Block block) {
        int[] removed = {0};
        Block rebuilt = Layers.rewrite(block, b -> {
            if (b instanceof BatchNorm) {
                removed[0]++;
                return null;
            }
            return b;
        });
        if (removed[0] == 0) {
            throw new IllegalArgumentException(NAME + ": the model has no batch norm in a sequential block to remove");
        }
        return rebuilt;
    }

    @Override
    public Block prepare(Block block, StrategyContext context) {
        if (block.isInitialized()) {
            throw new IllegalArgumentException(NAME + " must be applied before the model is initialized");
        }
        return withoutBatchNorm(block);
    }
}
