package org.greendl.train.strategy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.greendl.data.ImageDataset;
import org.greendl.nn.inverted.InvertedResidual;
import org.greendl.record.RunRecord;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;

/** Tiny models and synthetic 12x12 ten-class data, so strategy runs take seconds. */
final class TinyRuns {
    static final int SIDE = 12;

    private TinyRuns() {}

    /** Conv, batch norm, ReLU, flatten, linear: three parameterized layers. */
    static Block convNet() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).optPadding(new Shape(1, 1))
                        .optStride(new Shape(2, 2)).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    /** A stem convolution, two residual inverted-residual blocks and a classifier. */
    static Block residualNet() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).optPadding(new Shape(1, 1))
                        .optStride(new Shape(2, 2)).build())
                .add(InvertedResidual.builder().setInChannels(8).setOutChannels(8).optExpansion(2).build())
                .add(InvertedResidual.builder().setInChannels(8).setOutChannels(8).optExpansion(2).build())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    /** Class c has a bright bar on row c + 1 over uniform noise: learnable in a few epochs. */
    static ImageDataset data(int n, long seed, int batch, boolean shuffle) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * SIDE * SIDE];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(10);
            labels[i] = (byte) c;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    int v = r.nextInt(160);
                    if (y == c + 1) {
                        v = Math.min(255, v + 120);
                    }
                    pixels[i * SIDE * SIDE + y * SIDE + x] = (byte) v;
                }
            }
        }
        return ImageDataset.builder().images(pixels, 1, SIDE, SIDE).labels(labels, 10).normalization(0.35f, 0.25f)
                .seed(seed).setSampling(batch, shuffle).build();
    }

    static TrainingConfig.Builder config(int epochs) {
        return TrainingConfig.builder().setEpochs(epochs).setBatchSize(32).setLearningRate(0.01).optModelName("tiny")
                .optSeed(5);
    }

    /** Trains {@code block} with {@code strategies} on 320 training images, validated and tested on 160. */
    static RunRecord train(Block block, String strategies, TrainingConfig.Builder config) throws IOException {
        List<Strategy> list = Strategies.parse(strategies);
        StrategyContext context = new StrategyContext(config.build().epochs(), 10, 5);
        Block prepared = Strategies.apply(list, block, config, context);
        return TrainingSession.run(prepared, data(320, 1, 32, true), data(160, 2, 64, false),
                data(160, 3, 64, false), config.build());
    }
}
