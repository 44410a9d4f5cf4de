package org.greendl.compress.prune;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Iterative magnitude pruning with weight rewinding (Frankle and Carbin, 2019; Frankle et al., 2020): train,
 * prune a fraction of the surviving weights, reset the survivors to their values at the rewind point
 * (initialization, or an early iteration), and repeat; sparsity after round i is 1 - (1 - target)^(i/rounds).
 * The caller provides training (which must hold the masks, for example with {@link MaskingListener}) and
 * evaluation.
 */
public final class LotteryTicket {
    private LotteryTicket() {}

    /** Trains {@code model} in place while keeping {@code masks}. */
    @FunctionalInterface
    public interface MaskedTraining {
        void train(Block model, PruningMasks masks);
    }

    public record Round(int round, double sparsity, double metric) {}

    public record Result(PruningMasks masks, List<Round> rounds) {}

    /**
     * @param rewindPoint weights to rewind to (snapshot them at initialization or after a few steps)
     * @param rounds pruning rounds, >= 1; the model is trained rounds + 1 times (the last time with the ticket)
     */
    public static Result find(Block model, WeightSnapshot rewindPoint, double targetSparsity, int rounds,
            PruningScope scope, MaskedTraining training, ToDoubleFunction<Block> evaluate) {
        MagnitudePruningConfig.checkSparsity(targetSparsity);
        if (rounds < 1) {
            throw new IllegalArgumentException("lottery ticket needs at least 1 round, got " + rounds);
        }
        PruningMasks masks = MagnitudePruning.masks(model, MagnitudePruningConfig.of(0, scope));
        List<Round> log = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            training.train(model, masks);
            double sparsity = 1 - Math.pow(1 - targetSparsity, (double) i / rounds);
            masks.apply(model); // already-pruned weights rank first
            masks = MagnitudePruning.masks(model, MagnitudePruningConfig.of(sparsity, scope));
            rewindPoint.restore(model);
            masks.apply(model);
            log.add(new Round(i, masks.sparsity(), Double.NaN));
        }
        training.train(model, masks);
        masks.apply(model);
        log.add(new Round(rounds + 1, masks.sparsity(), evaluate.applyAsDouble(model)));
        return new Result(masks, log);
    }
}
