package org.greendl.train.strategy;

import java.util.Locale;
import org.greendl.train.LrSchedule;
import org.greendl.train.TrainingConfig;

/**
 * Learning-rate warm-up then cosine decay ({@code warmup-cosine[:WARMUP]}, Goyal et al. 2017; Loshchilov and
 * Hutter 2017): the rate rises linearly over the first {@code WARMUP} share of the optimizer steps, then follows
 * a half cosine to zero. The loop's {@link LrSchedule}, exposed as a strategy.
 */
public record WarmupCosine(double warmupShare) implements Strategy {
    public static final String NAME = "warmup-cosine";

    static WarmupCosine parse(Settings s) {
        s.atMost(1, "warmup-cosine[:WARMUP_SHARE], e.g. warmup-cosine:0.05");
        return new WarmupCosine(s.number(1, 0.05, 0, 0.9, "WARMUP_SHARE"));
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "%s:%s", NAME, warmupShare);
    }

    /** The schedule for a run of {@code totalSteps} optimizer steps. */
    public LrSchedule schedule(long totalSteps) {
        return LrSchedule.cosine((int) Math.round(warmupShare * totalSteps));
    }

    @Override
    public void configure(TrainingConfig.Builder config, StrategyContext context) {
        config.optSchedule(schedule(context.batchesPerEpoch() * context.epochs()));
    }
}
