package org.greendl.train;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.Random;
import org.greendl.data.ImageDataset;

/** A tiny model and synthetic 12x12 ten-class data, so training tests take seconds. */
final class Tiny {
    static final int SIDE = 12;

    private Tiny() {}

    /** Conv, batch norm, ReLU, pool, dropout, linear: exercises running statistics and dropout's RNG. */
    static Block model() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).optPadding(new Shape(1, 1)).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.1f).build())
                .add(Linear.builder().setUnits(10).build());
    }

    /** Flatten and one linear layer: no batch norm, no dropout, so nothing changes without learning. */
    static Block linear() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
    }

    /**
     * {@code n} noisy images: class c has a bright horizontal bar on row c (and a faint one on row c + 1), on
     * uniform noise, so a linear model learns it in a few epochs but not instantly.
     */
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
                    } else if (y == c + 2) {
                        v = Math.min(255, v + 40);
                    }
                    pixels[i * SIDE * SIDE + y * SIDE + x] = (byte) v;
                }
            }
        }
        return ImageDataset.builder().images(pixels, 1, SIDE, SIDE).labels(labels, 10).normalization(0.35f, 0.25f)
                .seed(seed).setSampling(batch, shuffle).build();
    }
}
