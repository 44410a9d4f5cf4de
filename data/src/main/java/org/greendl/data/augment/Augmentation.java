package org.greendl.data.augment;

/**
 * An augmentation is a function of an example and a context; compose them with {@link #andThen}.
 * Factories for the standard ones are in {@link Augmentations}.
 */
@FunctionalInterface
public interface Augmentation {
    Example apply(Example example, AugmentContext context);

    /** True when this augmentation mixes targets, so labels must be class probabilities, not class indices. */
    default boolean mixesTargets() {
        return false;
    }

    /** This augmentation, then {@code next}. */
    default Augmentation andThen(Augmentation next) {
        Augmentation first = this;
        boolean mixes = first.mixesTargets() || next.mixesTargets();
        return new Augmentation() {
            @Override
            public Example apply(Example example, AugmentContext context) {
                return next.apply(first.apply(example, context), context);
            }

            @Override
            public boolean mixesTargets() {
                return mixes;
            }

            @Override
            public String toString() {
                return first + "," + next;
            }
        };
    }

    /** The augmentation that changes nothing. */
    static Augmentation identity() {
        return new Augmentation() {
            @Override
            public Example apply(Example example, AugmentContext context) {
                return example;
            }

            @Override
            public String toString() {
                return "none";
            }
        };
    }
}
