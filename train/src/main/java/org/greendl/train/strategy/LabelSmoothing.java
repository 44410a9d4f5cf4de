package org.greendl.train.strategy;

import java.util.Locale;
import org.greendl.train.TrainingConfig;

/**
 * Label smoothing ({@code label-smoothing[:EPS]}, Szegedy et al. 2016): the target puts {@code 1 - EPS} on the
 * true class and spreads {@code EPS} over all classes, which curbs over-confident logits. The loop's smoothed
 * cross-entropy, exposed as a strategy: this spelling and {@code --label-smoothing EPS} (the loop's own
 * {@link TrainingConfig.Builder#optLabelSmoothing(double)}) are one setting, kept as the option; the strategy
 * only sets it, so a strategy list can name it with the others.
 */
public record LabelSmoothing(double epsilon) implements Strategy {
    public static final String NAME = "label-smoothing";

    static LabelSmoothing parse(Settings s) {
        s.atMost(1, "label-smoothing[:EPS], e.g. label-smoothing:0.1");
        return new LabelSmoothing(s.number(1, 0.1, 0, 0.5, "EPS"));
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "%s:%s", NAME, epsilon);
    }

    @Override
    public void configure(TrainingConfig.Builder config, StrategyContext context) {
        config.optLabelSmoothing(epsilon);
    }
}
