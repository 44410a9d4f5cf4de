package org.greendl.train;

import java.util.Locale;

/** The optimizers a {@link TrainingConfig} can name; both keep their state in checkpoints. */
public enum OptimizerKind {
    ADAM,
    SGD;

    public static OptimizerKind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "' (expected adam or sgd)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
