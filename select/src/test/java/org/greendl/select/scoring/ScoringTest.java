package org.greendl.select.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoringTest {
    @Test
    void el2nIsTheDistanceToTheOneHotTarget() {
        float[][] p = {{1, 0, 0}, {0, 1, 0}, {0.5f, 0.5f, 0}, {1f / 3, 1f / 3, 1f / 3}};
        int[] y = {0, 0, 0, 2};
        double[] s = ExampleScores.el2n(p, y);
        assertEquals(0, s[0], 1e-9);
        assertEquals(Math.sqrt(2), s[1], 1e-6);
        assertEquals(Math.sqrt(0.5), s[2], 1e-6);
        assertEquals(Math.sqrt(4.0 / 9 + 1.0 / 9 + 1.0 / 9), s[3], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> ExampleScores.el2n(p, new int[] {0, 0, 0, 3}));
        assertThrows(IllegalArgumentException.class, () -> ExampleScores.el2n(p, new int[] {0}));
    }

    @Test
    void lossIsMinusLogOfTheTrueClass() {
        double[] s = ExampleScores.loss(new float[][] {{0.25f, 0.75f}, {1, 0}}, new int[] {1, 1});
        assertEquals(-Math.log(0.75), s[0], 1e-6);
        assertEquals(-Math.log(1e-12), s[1], 1e-6, "clamped, never infinite");
        assertArrayEquals(new double[] {2, 3}, ExampleScores.mean(new double[] {1, 2}, new double[] {3, 4}), 1e-9);
    }

    @Test
    void forgettingCountsCorrectToWrongTransitionsAndRanksNeverLearnedHardest() {
        int[] ids = {100, 200, 300};
        ForgettingCounter f = new ForgettingCounter(ids);
        // Epochs as batches over the three ids: 100 learned then forgotten twice, 200 always right, 300 never.
        boolean[][] epochs = {{true, true, false}, {false, true, false}, {true, true, false}, {false, true, false}};
        for (boolean[] e : epochs) {
            f.record(ids, 0, e);
        }
        assertArrayEquals(new double[] {2, 0, 5}, f.scores());
        assertThrows(IllegalArgumentException.class, () -> f.record(new int[] {999}, 0, new boolean[] {true}));
    }

    @Test
    void pruningKeepsTheHardestAfterAnOptionalSkip() {
        double[] scores = {0.1, 0.9, 0.5, 0.7, 0.3, 1.2};
        assertArrayEquals(new int[] {1, 3, 5}, Pruning.keepHardest(scores, 0.5, 0));
        assertArrayEquals(new int[] {1, 2, 3}, Pruning.keepHardest(scores, 0.5, 1.0 / 6), "skips the hardest one");
        assertThrows(IllegalArgumentException.class, () -> Pruning.keepHardest(scores, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Pruning.keepHardest(scores, 0.9, 0.3));
        int[] random = Pruning.keepRandom(100, 0.3, new Random(1));
        assertEquals(30, Arrays.stream(random).distinct().count());
        assertArrayEquals(random, Pruning.keepRandom(100, 0.3, new Random(1)));
    }

    @Test
    void easiestKeepsTheLowestScoresAfterTheSkip() {
        double[] scores = {0.1, 0.9, 0.5, 0.7, 0.3, 1.2};
        assertArrayEquals(new int[] {0, 2, 4}, Pruning.keepEasiest(scores, 0.5, 0));
        assertArrayEquals(new int[] {0, 2, 4}, Pruning.keepEasiest(scores, 0.5, 1.0 / 6));
        assertArrayEquals(new int[] {0}, Pruning.keepEasiest(scores, 1.0 / 6, 0));
    }

    @Test
    void stratifiedSpreadsTheBudgetOverScoreBandsAndKeepsSmallBandsWhole() {
        // 90 easy examples near 0, 10 hard ones near 1: hardest-first would keep all 10 hard + 40 easy,
        // easiest-first no hard one; two bands get 25 each, but the hard band has only 10, so it is kept whole
        // and the easy band gets the remaining 40.
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = i < 90 ? 0.001 * i : 0.9 + 0.001 * i;
        }
        int[] kept = Pruning.keepStratified(scores, 0.5, 0, 2, new Random(1));
        assertEquals(50, kept.length);
        assertEquals(10, Arrays.stream(kept).filter(p -> p >= 90).count(), "the small hard band is kept whole");
        assertEquals(50, Arrays.stream(kept).distinct().count());
        int[] skipping = Pruning.keepStratified(scores, 0.5, 0.1, 2, new Random(1));
        assertEquals(0, Arrays.stream(skipping).filter(p -> p >= 90).count(), "the hardest tenth is skipped");
        assertEquals(50, skipping.length);
    }

    @Test
    void classBalancedKeepsEachClassShare() {
        // Class 1 is all hard: hardest-first over everything would keep only class 1.
        double[] scores = new double[20];
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            labels[i] = i < 10 ? 0 : 1;
            scores[i] = labels[i] + 0.01 * i;
        }
        int[] global = Pruning.keep(scores, labels, 0.5, 0, "hardest", false, new Random(1));
        assertTrue(Arrays.stream(global).allMatch(p -> labels[p] == 1));
        int[] balanced = Pruning.keep(scores, labels, 0.5, 0, "hardest", true, new Random(1));
        assertArrayEquals(new int[] {5, 6, 7, 8, 9, 15, 16, 17, 18, 19}, balanced);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pruning.keep(scores, labels, 0.5, 0, "middle", false, new Random(1)));
        assertEquals("unknown policy 'middle' (expected one of hardest, easiest, stratified)", e.getMessage());
    }
}
