package org.greendl.train.strategy;

import ai.djl.nn.Block;
import ai.djl.training.listener.TrainingListener;
import org.greendl.train.TrainingConfig;

/**
 * A technique that changes training to reach the same accuracy with less energy. Observers that only watch
 * (the energy listener, time to accuracy) are plain DJL {@link TrainingListener}s and never implement this.
 *
 * <p>A strategy may act at three points, each optional: it changes the settings ({@link #configure}), the model
 * before it is initialized ({@link #prepare}), or training while it runs ({@link #listener}). Apply a list of
 * strategies with {@link Strategies#apply}.
 */
public interface Strategy {
    /** The name and settings, as parsed and as recorded in run.json (e.g. {@code freeze:0.5:1.0}). */
    String spec();

    /** Changes the training settings; the default changes nothing. */
    default void configure(TrainingConfig.Builder config, StrategyContext context) {}

    /**
     * Returns the block to train: {@code block} changed, or a rebuilt one. Called before parameters exist. The
     * default returns {@code block}.
     *
     * @throws IllegalArgumentException when the strategy does not apply to this model, with the reason
     */
    default Block prepare(Block block, StrategyContext context) {
        return block;
    }

    /** A listener that changes training while it runs, or null; the default is null. */
    default TrainingListener listener(Block block, StrategyContext context) {
        return null;
    }
}
