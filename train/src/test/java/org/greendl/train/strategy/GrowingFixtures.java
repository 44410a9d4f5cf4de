package org.greendl.train.strategy;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;
import org.greendl.testing.OutsideMaven;

/** What the Net2Net growing tests share: real Fashion-MNIST images and parameter counts. */
final class GrowingFixtures {
    static final Shape ONE_IMAGE = new Shape(1, 1, 28, 28);

    private GrowingFixtures() {}

    /** Fashion-MNIST from the documented places (installed where it can be); the test is skipped without it. */
    static FashionMnistSplits fashion(int trainImages, int testImages) {
        return OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.load(FashionMnistOptions.defaults()
                .withAllowDownload(false).withSeed(3).withLimits(trainImages, testImages).withBatchSize(64)));
    }

    /** Trainable parameters of an initialized block. */
    static long params(Block b) {
        return b.getParameters().values().stream().filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getArray().size()).sum();
    }
}
