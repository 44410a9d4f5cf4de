package org.greendl.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import org.greendl.select.scoring.PruneSettings;
import org.junit.jupiter.api.Test;

class LearningRatesTest {
    @Test
    void cosineStartsAtTheBaseAndReachesZeroAtTheLastUpdate() {
        int updates = LearningRates.updates(3, 1000, 64);
        assertEquals(3 * 16, updates, "a partial last batch is a step");
        Tracker cosine = LearningRates.of("cosine", 0.01f, updates);
        assertEquals(0.01f, cosine.getNewValue(0), 1e-7);
        assertEquals(0.005f, cosine.getNewValue(updates / 2), 1e-4);
        assertEquals(0f, cosine.getNewValue(updates), 1e-7);
        assertTrue(cosine.getNewValue(10) > cosine.getNewValue(20), "decreasing");
        Tracker constant = LearningRates.of("constant", 0.01f, updates);
        assertEquals(0.01f, constant.getNewValue(updates), 1e-9);
    }

    @Test
    void unknownScheduleIsRefusedWithTheAcceptedNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PruneSettings("el2n", 0.5, 0, "mlp", 1, "mlp", 1, 64, 1e-3f, 1, false, "hardest", false, 1,
                        false, "step", "none"));
        assertEquals("unknown --lr-schedule 'step' (expected one of constant, cosine)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRates.of("cosine", 0.01f, 0));
    }
}
