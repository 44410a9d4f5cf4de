package org.greendl.train.strategy;

/**
 * What a strategy may need to know about the run it joins.
 *
 * @param epochs planned epochs
 * @param batchesPerEpoch training batches per epoch
 * @param seed the run's seed (strategies with randomness derive theirs from it)
 */
public record StrategyContext(int epochs, long batchesPerEpoch, long seed) {
    public StrategyContext {
        if (epochs < 1 || batchesPerEpoch < 1) {
            throw new IllegalArgumentException("a strategy needs >= 1 epoch and >= 1 batch per epoch, got "
                    + epochs + " and " + batchesPerEpoch);
        }
    }
}
