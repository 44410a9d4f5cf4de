package org.greendl.data;

import java.nio.file.Path;
import org.greendl.data.augment.Augmentation;

/**
 * How to load Fashion-MNIST.
 *
 * @param dataDir {@code --data DIR}, or null to search the usual places
 * @param seed seeds the train/validation split, the shuffling and the augmentations
 * @param validationFraction share of the (limited) training set held out for validation, in [0, 0.5]
 * @param trainLimit use only this many training images (null: all), for quick runs
 * @param testLimit use only the first this many test images (null: all 10,000)
 * @param batchSize batch size of all three datasets
 * @param augmentation applied to the training set only (null: none)
 * @param allowDownload whether the last place may be filled by downloading from the official address
 */
public record FashionMnistOptions(Path dataDir, long seed, double validationFraction, Integer trainLimit,
        Integer testLimit, int batchSize, Augmentation augmentation, boolean allowDownload) {
    public FashionMnistOptions {
        if (validationFraction < 0 || validationFraction > 0.5) {
            throw new IllegalArgumentException("validation fraction must be in [0, 0.5], got " + validationFraction);
        }
        if (trainLimit != null && trainLimit < 1) {
            throw new IllegalArgumentException("training limit must be >= 1, got " + trainLimit);
        }
        if (testLimit != null && testLimit < 1) {
            throw new IllegalArgumentException("test limit must be >= 1, got " + testLimit);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    /** Search the usual places, seed 42, 10% validation, all images, batch 64, no augmentation. */
    public static FashionMnistOptions defaults() {
        return new FashionMnistOptions(null, 42, 0.1, null, null, 64, null, true);
    }

    public FashionMnistOptions withDataDir(Path dir) {
        return new FashionMnistOptions(dir, seed, validationFraction, trainLimit, testLimit, batchSize, augmentation,
                allowDownload);
    }

    public FashionMnistOptions withSeed(long s) {
        return new FashionMnistOptions(dataDir, s, validationFraction, trainLimit, testLimit, batchSize, augmentation,
                allowDownload);
    }

    public FashionMnistOptions withValidationFraction(double f) {
        return new FashionMnistOptions(dataDir, seed, f, trainLimit, testLimit, batchSize, augmentation, allowDownload);
    }

    public FashionMnistOptions withLimits(Integer train, Integer test) {
        return new FashionMnistOptions(dataDir, seed, validationFraction, train, test, batchSize, augmentation,
                allowDownload);
    }

    public FashionMnistOptions withBatchSize(int b) {
        return new FashionMnistOptions(dataDir, seed, validationFraction, trainLimit, testLimit, b, augmentation,
                allowDownload);
    }

    public FashionMnistOptions withAugmentation(Augmentation a) {
        return new FashionMnistOptions(dataDir, seed, validationFraction, trainLimit, testLimit, batchSize, a,
                allowDownload);
    }

    public FashionMnistOptions withAllowDownload(boolean allow) {
        return new FashionMnistOptions(dataDir, seed, validationFraction, trainLimit, testLimit, batchSize, augmentation,
                allow);
    }
}
