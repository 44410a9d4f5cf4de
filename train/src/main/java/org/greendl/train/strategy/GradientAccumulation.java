package org.greendl.train.strategy;

import org.greendl.train.TrainingConfig;

/**
 * Gradient accumulation ({@code grad-accum:K}): the loop sums the gradients of {@code K} micro-batches of mean
 * loss / K (DJL's PyTorch engine adds gradients over backward calls until the optimizer step) and then takes one
 * step: the update of a K times larger batch with the memory of one. It saves optimizer steps, not forward or
 * backward work.
 */
public record GradientAccumulation(int microBatches) implements Strategy {
    public static final String NAME = "grad-accum";

    public GradientAccumulation {
        if (microBatches < 1) {
            throw new IllegalArgumentException("grad-accum needs K >= 1, got " + microBatches);
        }
    }

    static GradientAccumulation parse(Settings s) {
        s.atMost(1, "grad-accum[:K], e.g. grad-accum:4");
        return new GradientAccumulation(s.integer(1, 4, 1, 1024, "K"));
    }

    @Override
    public String spec() {
        return NAME + ":" + microBatches;
    }

    @Override
    public void configure(TrainingConfig.Builder config, StrategyContext context) {
        config.optGradientAccumulation(microBatches);
    }
}
