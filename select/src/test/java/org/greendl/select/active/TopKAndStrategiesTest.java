package org.greendl.select.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKAndStrategiesTest {
    @Test
    void topKBreaksTiesByPosition() {
        assertArrayEquals(new int[] {1, 3, 0}, TopK.highest(new double[] {0.5, 0.9, 0.1, 0.9}, 3));
        assertThrows(IllegalArgumentException.class, () -> TopK.highest(new double[] {1, 2}, 3));
        assertThrows(IllegalArgumentException.class, () -> TopK.highest(new double[] {1, Double.NaN}, 1));
    }

    @Test
    void unknownStrategyListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.byName("magic"));
        assertTrue(e.getMessage().contains("margin") && e.getMessage().contains("k-center"), e.getMessage());
    }

    @Test
    void queryLargerThanThePoolIsRefusedByEveryStrategy() {
        float[][] p = {{0.5f, 0.5f}, {0.9f, 0.1f}};
        QueryInputs in = new QueryInputs(2, p, new float[][][] {p}, p, new float[0][]);
        for (String name : Strategies.NAMES) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Strategies.byName(name).select(in, 3, new Random(1)));
            assertEquals("query of 3 examples is larger than the unlabelled pool (2 left)", e.getMessage(), name);
        }
    }

    @Test
    void randomPicksDistinctReproducibleIds() {
        QueryStrategy random = Strategies.byName("random");
        int[] a = random.select(QueryInputs.ofCount(100), 30, new Random(7));
        int[] b = random.select(QueryInputs.ofCount(100), 30, new Random(7));
        assertArrayEquals(a, b);
        assertEquals(30, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 0 && i < 100));
    }

    @Test
    void marginStrategyTakesTheSmallestMargins() {
        float[][] p = {{0.9f, 0.1f}, {0.55f, 0.45f}, {0.7f, 0.3f}, {0.51f, 0.49f}};
        assertArrayEquals(new int[] {3, 1}, Strategies.byName("margin").select(QueryInputs.ofProbabilities(p), 2,
                new Random(0)));
        assertArrayEquals(new int[] {3, 1}, Strategies.byName("entropy").select(QueryInputs.ofProbabilities(p), 2,
                new Random(0)));
    }

    @Test
    void kCenterCoversFarClustersFirst() {
        // Two labelled points at the origin; candidates near them and in two far clusters.
        float[][] labelled = {{0, 0}, {0.1f, 0}};
        float[][] candidates = {{0.2f, 0.1f}, {10, 10}, {10.1f, 10}, {-8, 0}, {0, 0.3f}};
        int[] picked = KCenterGreedy.select(candidates, labelled, 2, new Random(0));
        assertArrayEquals(new int[] {2, 3}, picked, "farthest point first, then the farthest from it and the set");
        // Without labelled points the first centre is random, the rest are still far apart.
        int[] fromScratch = KCenterGreedy.select(candidates, new float[0][], 3, new Random(3));
        assertEquals(3, Arrays.stream(fromScratch).distinct().count());
    }

    @Test
    void lastLayerDropoutGivesDistributionsThatVaryByPassButNotByRerun() {
        float[][] features = {{1, 2, 3, 4}, {0, 1, 0, 1}};
        float[][] weight = {{1, 0, 0, 1}, {0, 1, 1, 0}, {0.5f, 0.5f, 0.5f, 0.5f}};
        float[] bias = {0, 0.1f, -0.1f};
        float[][][] a = LastLayerDropout.passes(features, weight, bias, 0.5, 8, 11);
        float[][][] b = LastLayerDropout.passes(features, weight, bias, 0.5, 8, 11);
        assertEquals(8, a.length);
        for (int t = 0; t < 8; t++) {
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(a[t][i], b[t][i]);
                double sum = 0;
                for (float v : a[t][i]) {
                    sum += v;
                }
                assertEquals(1, sum, 1e-5);
            }
        }
        boolean varies = false;
        for (int t = 1; t < 8; t++) {
            varies |= !Arrays.equals(a[0][0], a[t][0]);
        }
        assertTrue(varies, "dropout masks must differ between passes");
        assertTrue(Uncertainty.bald(a)[0] > 0);
        assertThrows(IllegalArgumentException.class, () -> LastLayerDropout.passes(features, weight, bias, 0, 2, 1));
    }
}
