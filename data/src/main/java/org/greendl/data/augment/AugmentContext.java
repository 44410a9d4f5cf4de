package org.greendl.data.augment;

import java.util.Random;
import java.util.function.Supplier;

/**
 * What an augmentation may use besides its example: a random source (seeded per example and epoch, so a run
 * is reproducible and a resumed run sees the same augmentations) and another example drawn from the same
 * dataset, for augmentations that mix two examples (mixup, cutmix).
 */
public interface AugmentContext {
    Random random();

    /** A fresh, un-augmented example drawn at random from the dataset. */
    Example randomOther();

    /** A context drawing from {@code random}, with other examples from {@code other}. */
    static AugmentContext of(Random random, Supplier<Example> other) {
        return new AugmentContext() {
            @Override
            public Random random() {
                return random;
            }

            @Override
            public Example randomOther() {
                return other.get();
            }
        };
    }
}
