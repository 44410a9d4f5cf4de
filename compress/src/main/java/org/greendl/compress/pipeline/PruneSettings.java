package org.greendl.compress.pipeline;

import org.greendl.compress.prune.MagnitudePruningConfig;
import org.greendl.compress.prune.StructuredPruningConfig;

/**
 * How {@link PruneJob} prunes, as {@code greendl prune} does: structured channel pruning (a smaller model),
 * unstructured magnitude pruning, one-shot or along the cubic schedule while fine-tuning, or a transformer's
 * attention heads and feed-forward units removed physically.
 *
 * @param structured channel pruning's settings, or null for magnitude or head pruning
 * @param magnitude magnitude pruning's settings, or null
 * @param gradual magnitude pruning along Zhu and Gupta's cubic schedule during fine-tuning (needs epochs >= 1)
 * @param fineTuneEpochs epochs of fine-tuning after pruning; 0 only evaluates
 * @param headRatio transformer head pruning: share of every encoder's attention heads removed, in [0, 1)
 * @param ffnRatio transformer feed-forward pruning: share of every encoder's hidden units removed, in [0, 1)
 */
public record PruneSettings(StructuredPruningConfig structured, MagnitudePruningConfig magnitude, boolean gradual,
                            int fineTuneEpochs, double learningRate, double headRatio, double ffnRatio) {
    /** The command's default learning rate for fine-tuning a pruned model. */
    public static final double LEARNING_RATE = 0.0005;

    public PruneSettings {
        if (!(headRatio >= 0 && headRatio < 1) || !(ffnRatio >= 0 && ffnRatio < 1)) {
            throw new IllegalArgumentException("head and feed-forward ratios must be in [0, 1), got " + headRatio
                    + " and " + ffnRatio);
        }
        if (structured == null && magnitude == null && !removesUnits(headRatio, ffnRatio)) {
            throw new IllegalArgumentException("give structured, magnitude, head or feed-forward pruning settings");
        }
        if (fineTuneEpochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + fineTuneEpochs);
        }
        if (gradual && structured == null && fineTuneEpochs < 1) {
            throw new IllegalArgumentException("gradual pruning prunes while fine-tuning: give fine-tuning epochs >= 1");
        }
    }

    public PruneSettings(StructuredPruningConfig structured, MagnitudePruningConfig magnitude, boolean gradual,
            int fineTuneEpochs, double learningRate) {
        this(structured, magnitude, gradual, fineTuneEpochs, learningRate, 0, 0);
    }

    private static boolean removesUnits(double heads, double ffn) {
        return heads > 0 || ffn > 0;
    }

    /** Whether this removes transformer heads or feed-forward units (then structured and magnitude are unused). */
    public boolean transformer() {
        return removesUnits(headRatio, ffnRatio);
    }

    /** Head and feed-forward pruning of every transformer encoder, then one epoch of fine-tuning. */
    public static PruneSettings transformer(double headRatio, double ffnRatio) {
        return new PruneSettings(null, null, false, 1, LEARNING_RATE, headRatio, ffnRatio);
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
        return new PruneSettings(structured, magnitude, g, fineTuneEpochs, learningRate, headRatio, ffnRatio);
    }

    public PruneSettings withFineTuning(int epochs, double lr) {
        return new PruneSettings(structured, magnitude, gradual, epochs, lr, headRatio, ffnRatio);
    }
}
