package org.greendl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/** Short factories for DJL core blocks, so model definitions read like the papers' tables. */
public final class Layers {
    private Layers() {}

    /** 2-D convolution, square kernel, "same"-style padding given explicitly. */
    public static Conv2d conv(int filters, int kernel, int stride, int padding, int groups, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding))
                .optGroups(groups).optBias(bias).build();
    }

    public static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return conv(filters, kernel, stride, padding, 1, true);
    }

    public static Linear linear(long units) {
        return Linear.builder().setUnits(units).build();
    }

    public static Linear linear(long units, boolean bias) {
        return Linear.builder().setUnits(units).optBias(bias).build();
    }

    /** Batch norm over channels with torchvision's epsilon 1e-5 (DJL's momentum 0.9 = torch's 0.1). */
    public static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    public static Block relu() {
        return Activation.reluBlock();
    }

    /**
     * ReLU6 computed as relu(x) - relu(x - 6). DJL's own {@code Activation.relu6} takes the minimum with the
     * number 6, which the engine frees before the backward pass needs it (see {@link Scalars}): wrong gradients
     * once the garbage collector runs. Named "ReLU6" like DJL's, so specs, profiles and export recognise it.
     */
    public static Block relu6() {
        return new LambdaBlock(x -> new NDList(relu6(x.singletonOrThrow())), "ReLU6");
    }

    /** min(max(x, 0), 6), safe to differentiate (subtracting a number keeps nothing for the backward pass). */
    public static NDArray relu6(NDArray x) {
        return Activation.relu(x).sub(Activation.relu(x.sub(6f)));
    }

    /** An activation by name: relu, relu6, sigmoid, tanh, gelu, selu, mish, softplus, softsign. */
    public static Block activation(String fn) {
        return switch (fn) {
            case "relu" -> Activation.reluBlock();
            case "relu6" -> relu6();
            case "sigmoid" -> Activation.sigmoidBlock();
            case "tanh" -> Activation.tanhBlock();
            case "gelu" -> Activation.geluBlock();
            case "selu" -> Activation.seluBlock();
            case "mish" -> Activation.mishBlock();
            case "softplus" -> Activation.softPlusBlock();
            case "softsign" -> Activation.softSignBlock();
            default -> throw new IllegalArgumentException("unknown activation '" + fn
                    + "' (expected relu, relu6, sigmoid, tanh, gelu, selu, mish, softplus, softsign)");
        };
    }

    public static Block maxPool(int kernel, int stride, int padding) {
        return Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(padding, padding));
    }

    public static Block avgPool(int kernel, int stride) {
        return Pool.avgPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0));
    }

    /** Global average pooling: (N,C,H,W) to (N,C). */
    public static Block globalAvgPool() {
        return Pool.globalAvgPool2dBlock();
    }

    public static Block flatten() {
        return Blocks.batchFlattenBlock();
    }

    public static Dropout dropout(float rate) {
        return Dropout.builder().optRate(rate).build();
    }

    /** Conv, batch norm, ReLU (no conv bias: batch norm's shift makes it redundant). */
    public static SequentialBlock convBnRelu(int filters, int kernel, int stride, int padding, int groups) {
        return new SequentialBlock().addAll(conv(filters, kernel, stride, padding, groups, false), batchNorm(),
                relu());
    }

    /** {@code main(x) + x}. */
    public static ParallelBlock residual(Block main) {
        return new ParallelBlock(Joins.SUM, List.of(main, Blocks.identityBlock()));
    }

    /** {@code main(x) + shortcut(x)}. */
    public static ParallelBlock residual(Block main, Block shortcut) {
        return new ParallelBlock(Joins.SUM, List.of(main, shortcut));
    }
}
