package org.greendl.compress.pipeline;

import org.greendl.compress.lowrank.LowRankConfig;

/**
 * How {@link FactorizeJob} factorizes, as {@code greendl factorize} does.
 *
 * @param fineTuneEpochs epochs of fine-tuning after factorization; 0 only evaluates
 */
public record FactorizeSettings(LowRankConfig lowRank, int fineTuneEpochs, double learningRate) {
    /** The command's default learning rate for fine-tuning a factorized model. */
    public static final double LEARNING_RATE = 0.0002;

    public FactorizeSettings {
        if (lowRank == null) {
            throw new IllegalArgumentException("factorization needs its low-rank settings");
        }
        if (fineTuneEpochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + fineTuneEpochs);
        }
    }
}
