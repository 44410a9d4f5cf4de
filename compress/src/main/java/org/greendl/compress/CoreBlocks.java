package org.greendl.compress;

import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.List;
import org.greendl.profile.DjlBlocks;

/**
 * Builds fresh DJL core blocks shaped like existing ones (same kernel, stride, padding, epsilon, join, ...)
 * with a different width. Settings DJL keeps private are read through {@link DjlBlocks}.
 */
public final class CoreBlocks {
    private CoreBlocks() {}

    public static Conv2d conv2d(Convolution like, int filters, int groups, boolean bias) {
        if (like.getKernelShape().dimension() != 2) {
            throw new IllegalArgumentException("only 2-d convolutions are supported, got kernel "
                    + like.getKernelShape());
        }
        return Conv2d.builder()
                .setKernelShape(like.getKernelShape())
                .optStride(like.getStride())
                .optPadding(like.getPadding())
                .optDilation(like.getDilation())
                .setFilters(filters)
                .optGroups(groups)
                .optBias(bias)
                .build();
    }

    public static Linear linear(long units, boolean bias) {
        return Linear.builder().setUnits(units).optBias(bias).build();
    }

    public static BatchNorm batchNormLike(BatchNorm like) {
        DjlBlocks.BatchNormSpec s = DjlBlocks.batchNorm(like);
        return BatchNorm.builder().optAxis(s.axis()).optEpsilon(s.epsilon()).optMomentum(s.momentum())
                .optCenter(s.center()).optScale(s.scale()).build();
    }

    public static int batchNormAxis(BatchNorm bn) {
        return DjlBlocks.batchNorm(bn).axis();
    }

    /** A ParallelBlock with the same join function (so {@code org.greendl.nn.Joins} stay recognisable). */
    public static ParallelBlock parallelLike(ParallelBlock like, List<Block> branches) {
        return new ParallelBlock(DjlBlocks.parallelJoin(like), branches);
    }
}
