package org.greendl.compress;

import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.greendl.compress.BlockRewriter.Copier;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptorProvider;

/**
 * The copy part of the DJL core blocks' descriptors: how {@link BlockRewriter} rebuilds each kind as fresh
 * blocks (containers copy their children, weight layers get their values back). Parameter-free blocks are
 * reused as they are.
 */
public final class CopyBlocks implements BlockDescriptorProvider {
    @Override
    public boolean core() {
        return true;
    }

    @Override
    public List<BlockDescriptor> descriptors() {
        return List.of(
                BlockDescriptor.of("sequential", SequentialBlock.class).with(Copier.class, (rw, b, replacer, path) -> {
                    SequentialBlock out = new SequentialBlock();
                    for (Pair<String, Block> c : b.getChildren()) {
                        out.add(rw.copy(c.getValue(), replacer, path + "/" + c.getKey()));
                    }
                    return out;
                }),
                BlockDescriptor.of("parallel", ParallelBlock.class).with(Copier.class, (rw, b, replacer, path) -> {
                    List<Block> branches = new ArrayList<>();
                    for (Pair<String, Block> c : b.getChildren()) {
                        branches.add(rw.copy(c.getValue(), replacer, path + "/" + c.getKey()));
                    }
                    return CoreBlocks.parallelLike((ParallelBlock) b, branches);
                }),
                BlockDescriptor.of("conv2d", Convolution.class).with(Copier.class, (rw, b, replacer, path) -> {
                    Convolution conv = (Convolution) b;
                    return rw.withValuesOf(b, CoreBlocks.conv2d(conv, conv.getFilters(), conv.getGroups(),
                            Params.direct(conv, "bias") != null));
                }),
                BlockDescriptor.of("linear", Linear.class).with(Copier.class, (rw, b, replacer, path) -> {
                    Parameter w = Params.direct(b, "weight");
                    return rw.withValuesOf(b, CoreBlocks.linear(w.getArray().getShape().get(0),
                            Params.direct(b, "bias") != null));
                }),
                BlockDescriptor.of("batchnorm", BatchNorm.class).with(Copier.class,
                        (rw, b, replacer, path) -> rw.withValuesOf(b, CoreBlocks.batchNormLike((BatchNorm) b))));
    }
}
