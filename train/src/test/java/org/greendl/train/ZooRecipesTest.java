package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.greendl.nn.zoo.ModelZoo;
import org.greendl.nn.zoo.Recipe;
import org.junit.jupiter.api.Test;

/** Every zoo model's recipe is one the training loop can run, and the 28x28 models have measured ones. */
class ZooRecipesTest {
    @Test
    void everyRecipeParses() {
        for (String name : ModelZoo.names()) {
            Recipe r = ModelZoo.recipe(name);
            OptimizerKind.parse(r.optimizer());
            LrSchedule.parse(r.schedule());
            assertTrue(r.learningRate() > 0 && r.learningRate() < 1, name + ": " + r);
            assertFalse(r.chosenBy().isBlank(), name);
        }
    }

    @Test
    void theModelsTheBenchTrainsHaveMeasuredRecipes() {
        for (String name : new String[] {"mlp", "lenet5", "cnn"}) {
            assertNotEquals(Recipe.UNTUNED, ModelZoo.recipe(name), name + " has no measured recipe");
        }
    }
}
