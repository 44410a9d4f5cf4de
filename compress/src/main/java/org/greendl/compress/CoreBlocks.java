package org.greendl.compress;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.lang.reflect.Field;
import java.util.List;
import java.util.function.Function;

/**
 * Builds fresh DJL core blocks shaped like existing ones (same kernel, stride, padding, epsilon, ...) with a
 * different width. DJL keeps some settings private (BatchNorm's, ParallelBlock's join function); those are
 * read reflectively, which is why this class is the single place that does it.
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
        return BatchNorm.builder()
                .optAxis(batchNormAxis(like))
                .optEpsilon((Float) field(BatchNorm.class, like, "epsilon"))
                .optMomentum((Float) field(BatchNorm.class, like, "momentum"))
                .optCenter((Boolean) field(BatchNorm.class, like, "center"))
                .optScale((Boolean) field(BatchNorm.class, like, "scale"))
                .build();
    }

    public static int batchNormAxis(BatchNorm bn) {
        return (Integer) field(BatchNorm.class, bn, "axis");
    }

    @SuppressWarnings("unchecked")
    public static ParallelBlock parallelLike(ParallelBlock like, List<Block> branches) {
        Function<List<NDList>, NDList> join = (Function<List<NDList>, NDList>) field(ParallelBlock.class, like, "function");
        return new ParallelBlock(join, branches);
    }

    private static Object field(Class<?> owner, Object target, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + target.getClass().getSimpleName() + "." + name
                    + " (DJL version change?)", e);
        }
    }
}
