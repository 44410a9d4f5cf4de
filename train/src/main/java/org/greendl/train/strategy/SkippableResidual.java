package org.greendl.train.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;
import org.greendl.nn.Scalars;

/**
 * A residual block {@code y = x + f(x)} that stochastic depth may skip: in training, with probability
 * {@code dropProbability} it returns {@code x} without running the block; otherwise {@code x + f(x) / (1 - p)}.
 * In inference it is the wrapped block.
 */
public final class SkippableResidual extends AbstractBlock {
    private final Block residual;
    private final double dropProbability;
    private final Random random;
    private long skipped;
    private long run;

    /** {@code residual} must compute {@code x + f(x)} with the shape of {@code x}. */
    public SkippableResidual(Block residual, double dropProbability, long seed) {
        if (!(dropProbability >= 0 && dropProbability < 1)) {
            throw new IllegalArgumentException("drop probability must be in [0, 1), got " + dropProbability);
        }
        this.residual = addChildBlock("residual", residual);
        this.dropProbability = dropProbability;
        this.random = new Random(seed);
    }

    public double dropProbability() {
        return dropProbability;
    }

    /** Training forward passes that skipped the block. */
    public long skipped() {
        return skipped;
    }

    /** Training forward passes that ran the block. */
    public long run() {
        return run;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (!training || dropProbability == 0) {
            return residual.forward(ps, inputs, training, params);
        }
        if (random.nextDouble() < dropProbability) {
            skipped++;
            return new NDList(inputs.singletonOrThrow());
        }
        run++;
        NDArray x = inputs.singletonOrThrow();
        NDArray y = residual.forward(ps, inputs, true, params).singletonOrThrow();
        // x + (y - x) / (1 - p): the branch f(x) = y - x, scaled so its expectation matches inference.
        // Scalars.div, not div(Number): the engine frees a number's buffer before the backward pass needs it.
        return new NDList(Scalars.div(y.sub(x), 1 - dropProbability).add(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return residual.getOutputShapes(inputs);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        residual.initialize(manager, dataType, inputShapes);
    }
}
