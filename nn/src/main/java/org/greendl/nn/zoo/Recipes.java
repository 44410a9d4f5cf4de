package org.greendl.nn.zoo;

import java.util.Map;

/**
 * The measured default recipes of the zoo's 28x28 models. Each was chosen on validation accuracy among Adam at
 * 0.001 constant, 0.001 cosine and 0.003 cosine (3 epochs, seed 1, batch 64); the runs and their table are made by
 * {@code benchmarks/zoo-recipes/run.sh} and kept in {@code benchmarks/zoo-recipes/results.md}.
 */
final class Recipes {
    private Recipes() {}

    private static final String FULL = "chosen on validation accuracy, 3 epochs on all 54,000 training images "
            + "(benchmarks/zoo-recipes)";
    private static final String SUBSET = "chosen on validation accuracy, 3 epochs on 10,000 training images "
            + "(benchmarks/zoo-recipes)";

    static final Map<String, Recipe> MEASURED = Map.of(
            "mlp", new Recipe("adam", 0.001, "cosine", FULL),
            "lenet5", new Recipe("adam", 0.003, "cosine", FULL),
            "cnn", new Recipe("adam", 0.003, "cosine", FULL),
            // The same backbone and classifier as cnn, so cnn's recipe; not measured on its own.
            "early-exit-cnn", new Recipe("adam", 0.003, "cosine", "cnn's recipe (the same backbone), "
                    + "not measured on its own"),
            "mobilenet-mini", new Recipe("adam", 0.003, "cosine", SUBSET),
            "vit-tiny", new Recipe("adam", 0.003, "cosine", SUBSET));
}
