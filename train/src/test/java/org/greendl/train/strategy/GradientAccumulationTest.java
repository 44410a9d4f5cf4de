package org.greendl.train.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.greendl.train.OptimizerKind;
import org.greendl.record.RunRecord;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;
import org.junit.jupiter.api.Test;

class GradientAccumulationTest {
    private static Block linear() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
    }

    private static float[] weights(Block b) {
        return b.getParameters().get(0).getValue().getArray().toFloatArray();
    }

    /** Two micro-batches of 16 with accumulation take the same SGD steps as batches of 32 without it. */
    @Test
    void accumulatedMicroBatchesEqualOneLargeBatch() throws Exception {
        TrainingConfig.Builder plain = TrainingConfig.builder().setEpochs(2).setBatchSize(32).setLearningRate(0.05)
                .optOptimizer(OptimizerKind.SGD).optMomentum(0).optSeed(3);
        Block large = linear();
        float[] largeWeights;
        RunRecord largeRun;
        try (TrainingSession s = new TrainingSession(plain.build())) {
            largeRun = s.train(large, TinyRuns.data(320, 1, 32, false), null, null);
            largeWeights = weights(large);
        }
        TrainingConfig.Builder accumulated = plain.setBatchSize(16);
        Block small = Strategies.apply(Strategies.parse("grad-accum:2"), linear(), accumulated,
                new StrategyContext(2, 20, 3));
        float[] smallWeights;
        RunRecord smallRun;
        try (TrainingSession s = new TrainingSession(accumulated.build())) {
            smallRun = s.train(small, TinyRuns.data(320, 1, 16, false), null, null);
            smallWeights = weights(small);
        }
        assertEquals(10, largeRun.epochs().get(0).steps());
        assertEquals(10, smallRun.epochs().get(0).steps(), "20 micro-batches, 10 optimizer steps");
        assertEquals(2, smallRun.config().get("gradient_accumulation"));
        assertArrayEquals(largeWeights, smallWeights, 1e-4f);
    }
}
