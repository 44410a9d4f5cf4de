package org.greendl.compress.pipeline;

import org.greendl.compress.prune.MagnitudePruningConfig;
import org.greendl.compress.prune.StructuredPruningConfig;

/**
 * How {@link PruneJob} prunes, as {@code greendl prune} does: structured channel pruning (a smaller model), or
 * unstructured magnitude pruning, one-shot or along the cubic schedule while fine-tuning.
 *
 * @param structured channel pruning's settings, or null for magnitude pruning
 * @param magnitude magnitude pruning's settings (used when {@code structured} is null)
 * @param gradual magnitude pruning along Zhu and Gupta's cubic schedule during fine-tuning (needs epochs >= 1)
 * @param fineTuneEpochs epochs of fine-tuning after pruning; 0 only evaluates
 */
public record PruneSettings(StructuredPruningConfig structured, MagnitudePruningConfig magnitude, boolean gradual,
                            int fineTuneEpochs, double learningRate) {
    /** The command's default learning rate for fine-tuning a pruned model. */
    public static final double LEARNING_RATE = 0.0005;

    public PruneSettings {
        if (structured == null && magnitude == null) {
            throw new IllegalArgumentException("give structured or magnitude pruning settings");
        }
        if (fineTuneEpochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + fineTuneEpochs);
        }
        if (gradual && structured == null && fineTuneEpochs < 1) {
            throw new IllegalArgumentException("gradual pruning prunes while fine-tuning: give fine-tuning epochs >= 1");
        }
    }

    /** Magnitude pruning, one-shot, then one epoch of fine-tuning. */
    public static PruneSettings magnitude(MagnitudePruningConfig config) {
        return new PruneSettings(null, config, false, 1, LEARNING_RATE);
    }

    /** Channel pruning, then one epoch of fine-tuning. */
    public static PruneSettings structured(StructuredPruningConfig config) {
        return new PruneSettings(config, null, false, 1, LEARNING_RATE);
    }

    public PruneSettings withGradual(boolean g) {
        return new PruneSettings(structured, magnitude, g, fineTuneEpochs, learningRate);
    }

    public PruneSettings withFineTuning(int epochs, double lr) {
        return new PruneSettings(structured, magnitude, gradual, epochs, lr);
    }
}
