package org.greendl.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TopOneTest {
    @Test
    void classesAreTheArgMaxOfEachRowAndTheFirstWinsTies() {
        float[] logits = {0.1f, 0.9f, 0.2f, 3f, 3f, -1f};
        assertArrayEquals(new int[] {1, 0}, TopOne.classes(logits, 2));
    }

    @Test
    void predictionsCoverEveryBatchIncludingTheLastPartialOne() {
        // Three samples of two classes, batches of two: the last batch holds one sample.
        float[] logits = {0f, 1f, 1f, 0f, 0f, 2f};
        int[] predicted = TopOne.predictions(3, 2, (from, to) -> java.util.Arrays.copyOfRange(logits, from * 2, to * 2));
        assertArrayEquals(new int[] {1, 0, 1}, predicted);
    }

    @Test
    void shareCountsMatchingPositions() {
        assertEquals(0.75, TopOne.share(new int[] {1, 2, 3, 4}, new int[] {1, 2, 3, 0}));
    }
}
