package org.greendl.nn.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelZooTest {

    @Test
    void namesAndDefaultInputs() {
        assertTrue(ModelZoo.names().containsAll(java.util.List.of("mlp", "lenet5", "cnn", "resnet18", "resnet34",
                "resnet50", "vgg16")), ModelZoo.names().toString());
        assertEquals(new Shape(1, 1, 28, 28), ModelZoo.defaultInput("cnn"));
        assertEquals(new Shape(1, 3, 224, 224), ModelZoo.defaultInput("resnet50"));
    }

    @Test
    void everyModelGivesLogitsAtItsDefaultInput() {
        for (String name : ModelZoo.names()) {
            Block b = ModelZoo.build(name);
            Shape in = ModelZoo.defaultInput(name);
            Shape out = b.getOutputShapes(new Shape[] {in})[0];
            long classes = ModelZoo.defaultInputSpec(name).classes();
            assertArrayEquals(new long[] {1, classes}, out.getShape(), name);
        }
    }

    @Test
    void cnnIsTheTeamsCoreBlockSequential() {
        Block cnn = ModelZoo.build("cnn");
        assertEquals(SequentialBlock.class, cnn.getClass());
        assertEquals(19, cnn.getChildren().size());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("alexnet"));
        assertTrue(e.getMessage().contains("alexnet") && e.getMessage().contains("lenet5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.defaultInput("nope"));
        assertTrue(e.getMessage().contains("cnn"), e.getMessage());
    }

    @Test
    void unknownOptionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("cnn", Map.of("attention", "linear")));
        assertTrue(e.getMessage().contains("attention"), e.getMessage());
    }
}
