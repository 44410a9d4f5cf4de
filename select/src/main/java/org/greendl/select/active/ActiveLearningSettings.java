package org.greendl.select.active;

import org.greendl.select.LearningRates;

/**
 * Settings of a pool-based active-learning run.
 *
 * @param strategy query strategy name ({@link Strategies#NAMES})
 * @param initial size of the random initial labelled set
 * @param query labels acquired per round (batch query)
 * @param rounds query rounds after the initial set
 * @param model zoo model name
 * @param epochs training epochs per round
 * @param batchSize training and inference batch size
 * @param learningRate Adam learning rate
 * @param seed seeds the initial set, random queries, training and MC-dropout masks
 * @param warmStart keep training the previous round's model (true) or retrain from scratch each round (false)
 * @param mcPasses stochastic passes for BALD
 * @param mcDropoutRate dropout rate of those passes (0.3 = the cnn's own dropout)
 * @param candidates score only a random subset of this many unlabelled examples per query (0 = all), a common
 *     trick to bound the selection cost on big pools
 * @param steps optimizer steps per round (0 = {@code epochs} epochs): a fixed training budget per round, so every
 *     point of the curve is trained alike and differs only in its labels
 * @param lrSchedule {@code constant} or {@code cosine} (annealed to zero over each round's steps; needs retraining
 *     from scratch, a warm-started learner would carry the finished schedule into the next round)
 */
public record ActiveLearningSettings(String strategy, int initial, int query, int rounds, String model, int epochs,
        int batchSize, float learningRate, long seed, boolean warmStart, int mcPasses, double mcDropoutRate,
        int candidates, int steps, String lrSchedule) {
    public ActiveLearningSettings {
        Strategies.byName(strategy); // fails for unknown names
        positive("initial", initial);
        positive("query", query);
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be >= 0, got " + rounds);
        }
        positive("epochs", epochs);
        positive("batch size", batchSize);
        positive("MC passes", mcPasses);
        if (candidates < 0) {
            throw new IllegalArgumentException("candidates must be >= 0, got " + candidates);
        }
        lrSchedule = lrSchedule == null ? "constant" : lrSchedule; // settings.json written before the option
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if ("cosine".equals(LearningRates.check(lrSchedule)) && warmStart) {
            throw new IllegalArgumentException("--lr-schedule cosine anneals each round from scratch; it cannot be "
                    + "combined with --warm-start");
        }
    }

    /**
     * The first settings' shape: epochs per round, constant learning rate. (A factory, not a constructor: with a
     * second constructor Jackson would no longer read settings.json by the record's components.)
     */
    public static ActiveLearningSettings epochs(String strategy, int initial, int query, int rounds, String model,
            int epochs, int batchSize, float learningRate, long seed, boolean warmStart, int mcPasses,
            double mcDropoutRate, int candidates) {
        return new ActiveLearningSettings(strategy, initial, query, rounds, model, epochs, batchSize, learningRate, seed, warmStart, mcPasses,
                mcDropoutRate, candidates, 0, "constant");
    }

    /** Optimizer steps of one round on {@code labelled} examples. */
    public int stepsPerRound(int labelled) {
        return steps > 0 ? steps : LearningRates.updates(epochs, labelled, batchSize);
    }

    public static ActiveLearningSettings defaults(String strategy) {
        return epochs(strategy, 1000, 1000, 10, "cnn", 5, 64, 1e-3f, 42, false, 20, 0.3, 0);
    }

    /** Labels needed by the whole run. */
    public long labelsNeeded() {
        return initial + (long) rounds * query;
    }

    /** Fails with one line when the pool cannot serve the planned queries. */
    public void checkPool(int poolSize) {
        if (initial > poolSize) {
            throw new IllegalArgumentException("initial set of " + initial + " is larger than the pool (" + poolSize
                    + " examples)");
        }
        if (labelsNeeded() > poolSize) {
            throw new IllegalArgumentException("query of " + query + " x " + rounds + " rounds after " + initial
                    + " initial labels needs " + labelsNeeded() + " examples but the pool holds " + poolSize);
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }
}
