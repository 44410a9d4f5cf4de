package org.greendl.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Random;
import org.greendl.nn.Joins;

/** Small DJL models shaped like the zoo's cnn (and a residual one) for fast tests. */
public final class TinyModels {
    private TinyModels() {}

    public static final Shape IMAGE = new Shape(2, 1, 8, 8);

    public static Block conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    /** conv 4, BN, relu, conv 6, BN, relu, maxpool, flatten, linear 8, relu, dropout, linear 3. */
    public static SequentialBlock cnn() {
        return new SequentialBlock()
                .add(conv(4)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(6)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(8).build()).add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(3).build());
    }

    /** conv 4, BN, relu, residual(conv 4, BN, relu, conv 4, BN) + identity, relu, global avg pool, linear 3. */
    public static SequentialBlock residual() {
        SequentialBlock branch = new SequentialBlock()
                .add(conv(4)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(4)).add(BatchNorm.builder().build());
        ParallelBlock res = new ParallelBlock(Joins.SUM, List.of(branch, Blocks.identityBlock()));
        return new SequentialBlock()
                .add(conv(4)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(res).add(Activation.reluBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    /** DJL's default initialization (what training starts from). */
    public static Block plain(Block block, NDManager manager, Shape input) {
        block.initialize(manager, DataType.FLOAT32, input);
        return block;
    }

    /** Initializes with random values everywhere, running statistics included, so tests see real numbers. */
    public static Block init(Block block, NDManager manager, Shape input, long seed) {
        block.initialize(manager, DataType.FLOAT32, input);
        Random rnd = new Random(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            float[] v = Params.values(p.getValue());
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (p.getValue().getType()) {
                    case RUNNING_VAR -> 0.5f + rnd.nextFloat();
                    case GAMMA -> 0.5f + rnd.nextFloat();
                    default -> (float) (rnd.nextGaussian() * 0.5);
                };
            }
            Params.set(p.getValue(), v);
        }
        return block;
    }

    public static NDArray input(NDManager manager, Shape shape, long seed) {
        Random rnd = new Random(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return manager.create(v, shape);
    }

    public static float[] predict(Block block, NDManager manager, NDArray x) {
        return block.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }
}
