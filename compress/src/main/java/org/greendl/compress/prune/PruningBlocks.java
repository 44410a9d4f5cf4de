package org.greendl.compress.prune;

import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;
import org.greendl.compress.prune.StructuredPruning.Rewrite;
import org.greendl.profile.DjlBlocks;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptorProvider;

/**
 * The structured-pruning part of the DJL core blocks' descriptors: how each kind is rebuilt while the kept
 * channels flow through it, or why it cannot be. Parameter-free blocks keep or reshape the channel set
 * (a flatten turns channels into feature columns).
 */
public final class PruningBlocks implements BlockDescriptorProvider {
    private static final Rewrite PASS_THROUGH = (r, b, in, shape, path) -> r.passThrough(b, in, shape, path);

    @Override
    public boolean core() {
        return true;
    }

    @Override
    public List<BlockDescriptor> descriptors() {
        return List.of(
                BlockDescriptor.of("sequential", SequentialBlock.class).with(Rewrite.class,
                        (r, b, in, shape, path) -> r.rebuildSequential((SequentialBlock) b, in, shape, path)),
                BlockDescriptor.of("parallel", ParallelBlock.class).with(Rewrite.class,
                        (r, b, in, shape, path) -> r.rebuildParallel((ParallelBlock) b, in, shape, path)),
                BlockDescriptor.of("conv2d", Convolution.class).with(Rewrite.class,
                        (r, b, in, shape, path) -> r.rebuildConv((Convolution) b, in, shape)),
                BlockDescriptor.of("linear", Linear.class).with(Rewrite.class,
                        (r, b, in, shape, path) -> r.rebuildLinear((Linear) b, in, shape)),
                BlockDescriptor.of("batchnorm", BatchNorm.class).with(Rewrite.class,
                        (r, b, in, shape, path) -> r.rebuildNorm((BatchNorm) b, in, shape)),
                BlockDescriptor.of("layernorm", LayerNorm.class).without(Rewrite.class,
                        "normalizes over features, not channels; its gamma/beta would need the kept feature set"),
                BlockDescriptor.of("embedding", b -> b instanceof Embedding<?>).without(Rewrite.class,
                        "a lookup table: no output channels to score"),
                BlockDescriptor.of("dropout", Dropout.class).with(Rewrite.class, PASS_THROUGH),
                BlockDescriptor.of("activation", b -> DjlBlocks.activation(b).isPresent())
                        .with(Rewrite.class, PASS_THROUGH),
                BlockDescriptor.of("pool", b -> DjlBlocks.pool(b).isPresent()).with(Rewrite.class, PASS_THROUGH),
                BlockDescriptor.of("flatten", DjlBlocks::isFlatten).with(Rewrite.class, PASS_THROUGH),
                BlockDescriptor.of("identity", DjlBlocks::isIdentity).with(Rewrite.class, PASS_THROUGH));
    }
}
