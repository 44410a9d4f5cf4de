package org.greendl.select.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UncertaintyTest {
    private static final float[][] P = {
        {0.9f, 0.05f, 0.05f},   // confident
        {0.4f, 0.35f, 0.25f},   // unsure, small margin
        {0.45f, 0.44f, 0.11f},  // more confident than row 1, yet a smaller margin
        {1f / 3, 1f / 3, 1f / 3} // uniform
    };

    @Test
    void leastConfidenceIsOneMinusTop() {
        assertArrayEquals(new double[] {0.1, 0.6, 0.55, 2.0 / 3}, Uncertainty.leastConfidence(P), 1e-6);
    }

    @Test
    void marginIsOneMinusGapBetweenTopTwo() {
        assertArrayEquals(new double[] {1 - 0.85, 1 - 0.05, 1 - 0.01, 1.0}, Uncertainty.margin(P), 1e-6);
    }

    @Test
    void entropyOfUniformIsLogClasses() {
        double[] h = Uncertainty.entropy(P);
        assertEquals(Math.log(3), h[3], 1e-6);
        assertTrue(h[0] < h[1] && h[1] < h[3]);
    }

    @Test
    void strategiesRankDifferentlyWhereTheyShould() {
        // Least confidence prefers row 1 over row 2, margin the other way round; both rank the uniform row first.
        assertArrayEquals(new int[] {3, 2, 1, 0}, TopK.highest(Uncertainty.margin(P), 4));
        assertArrayEquals(new int[] {3, 1, 2, 0}, TopK.highest(Uncertainty.leastConfidence(P), 4));
    }

    @Test
    void baldIsZeroWhenPassesAgreeAndPositiveWhenTheyDisagree() {
        float[][] a = {{0.5f, 0.5f}, {1f, 0f}};
        float[][] b = {{0.5f, 0.5f}, {0f, 1f}};
        double[] agree = Uncertainty.bald(new float[][][] {a, a, a});
        assertEquals(0, agree[0], 1e-9);
        assertEquals(0, agree[1], 1e-9);
        double[] disagree = Uncertainty.bald(new float[][][] {a, b});
        // Row 0: same 50/50 in both passes -> no information about the model, however uncertain.
        assertEquals(0, disagree[0], 1e-9);
        // Row 1: confident but contradicting passes -> log 2 nats of mutual information.
        assertEquals(Math.log(2), disagree[1], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Uncertainty.bald(new float[0][][]));
    }
}
