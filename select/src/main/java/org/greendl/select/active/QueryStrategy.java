package org.greendl.select.active;

import java.util.Random;

/** Chooses which unlabelled candidates to label next: a pure function of model outputs. */
public interface QueryStrategy {
    /** What the strategy reads from the model; the loop computes only that (it costs energy). */
    enum Needs { NOTHING, PROBABILITIES, STOCHASTIC_PASSES, EMBEDDINGS }

    String name();

    Needs needs();

    /**
     * @return {@code k} distinct positions into the candidates, most wanted first
     * @throws IllegalArgumentException when {@code k} exceeds the number of candidates
     */
    int[] select(QueryInputs inputs, int k, Random random);

    /** Fails with one clear line when a query of {@code k} cannot be served. */
    static void checkSize(int k, int candidates) {
        if (k < 1) {
            throw new IllegalArgumentException("query size must be >= 1, got " + k);
        }
        if (k > candidates) {
            throw new IllegalArgumentException("query of " + k + " examples is larger than the unlabelled pool ("
                    + candidates + " left)");
        }
    }
}
