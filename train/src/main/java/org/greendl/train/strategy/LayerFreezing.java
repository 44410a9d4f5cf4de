package org.greendl.train.strategy;

import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.List;
import java.util.Locale;

/**
 * Progressive layer freezing ({@code freeze[:START[:LEVEL]]}, Composer's layer freezing after FreezeOut): once
 * {@code START} of the epochs are done, freeze the earliest layers, more after each epoch, up to {@code LEVEL} of
 * the parameterized layers by the end. Frozen layers get no gradient, so the backward pass stops before them.
 */
public record LayerFreezing(double start, double level) implements Strategy {
    public static final String NAME = "freeze";

    public LayerFreezing {
        if (!(start >= 0 && start < 1) || !(level > 0 && level <= 1)) {
            throw new IllegalArgumentException("freeze needs START in [0, 1) and LEVEL in (0, 1], got " + start
                    + " and " + level);
        }
    }

    static LayerFreezing parse(Settings s) {
        s.atMost(2, "freeze[:START[:LEVEL]], e.g. freeze:0.5:1.0");
        return new LayerFreezing(s.number(1, 0.5, 0, 0.999, "START"), s.number(2, 1.0, 0.001, 1, "LEVEL"));
    }

    @Override
    public String spec() {
        return String.format(Locale.ROOT, "%s:%s:%s", NAME, start, level);
    }

    /** How many of {@code layers} are frozen once {@code progress} (share of epochs done) of training is done. */
    public int layersToFreeze(int layers, double progress) {
        double share = Math.max(0, Math.min(1, (progress - start) / (1 - start))) * level;
        return (int) Math.floor(layers * share + 1e-9);
    }

    /** Freezes the first {@code count} parameterized layers of {@code block} (forward order); returns them. */
    public static List<Block> freezeFirst(Block block, int count) {
        List<Block> layers = Layers.parameterized(block);
        List<Block> frozen = layers.subList(0, Math.min(count, layers.size()));
        frozen.forEach(b -> b.freezeParameters(true));
        return frozen;
    }

    @Override
    public TrainingListener listener(Block block, StrategyContext context) {
        int layers = Layers.parameterized(block).size();
        return new TrainingListenerAdapter() {
            private int epochsDone;

            @Override
            public void onEpoch(Trainer trainer) {
                epochsDone++;
                freezeFirst(block, layersToFreeze(layers, (double) epochsDone / context.epochs()));
            }
        };
    }
}
