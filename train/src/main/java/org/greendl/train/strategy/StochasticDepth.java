package org.greendl.train.strategy;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.greendl.nn.inverted.InvertedResidual;

/**
 * Stochastic depth ({@code stochastic-depth[:P]}, Huang et al. 2016): during training each residual block is
 * skipped for a whole batch with probability {@code p_l = P l / L} (the l-th of L residual blocks, the paper's
 * linear decay), so the skipped branches cost no forward or backward work; a kept branch is scaled by
 * {@code 1 / (1 - p_l)} so inference runs the unchanged network. Applies to models with residual
 * {@link InvertedResidual} blocks (mobilenet-mini).
 */
public record StochasticDepth(double maxDropProbability) implements Strategy {
    public static final String NAME = "stochastic-depth";

    static StochasticDepth parse(Settings s) {
        s.atMost(1, "stochastic-depth[:P], e.g. stochastic-depth:0.2");
        return new StochasticDepth(s.number(1, 0.2, 0, 0.9, "P"));
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "%s:%s", NAME, maxDropProbability);
    }

    /**
     * Wraps every residual inverted-residual block of {@code block}'s sequential blocks; returns the new block.
     *
     * @throws IllegalArgumentException when the model has no such residual block
     */
    public static Block wrap(Block block, double maxDropProbability, long seed) {
        List<Block> residuals = new ArrayList<>();
        Layers.rewrite(block, b -> {
            if (b instanceof InvertedResidual r && r.residual()) {
                residuals.add(b);
            }
            return b;
        });
        if (residuals.isEmpty()) {
            throw new IllegalArgumentException(NAME + ": the model has no residual blocks to skip (expected e.g."
                    + " mobilenet-mini's inverted residuals)");
        }
        int count = residuals.size();
        return Layers.rewrite(block, b -> {
            int l = residuals.indexOf(b);
            return l < 0 ? b : new SkippableResidual(b, maxDropProbability * (l + 1) / count, seed * 31 + l);
        });
    }

    @Override
    public Block prepare(Block block, StrategyContext context) {
        if (block.isInitialized()) {
            throw new IllegalArgumentException(NAME + " must be applied before the model is initialized");
        }
        return wrap(block, maxDropProbability, context.seed());
    }
}
