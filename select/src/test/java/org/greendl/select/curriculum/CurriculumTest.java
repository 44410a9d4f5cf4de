package org.greendl.select.curriculum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurriculumTest {
    @Test
    void startsWithTheEasiestShareAndGrowsToEverything() {
        int[] ids = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
        double[] difficulty = {0.9, 0.1, 0.5, 0.3, 0.8, 0.2, 0.7, 0.0, 0.6, 0.4};
        Curriculum c = new Curriculum(ids, difficulty, 0.2, 4);
        assertArrayEquals(new int[] {17, 11, 15, 13, 19, 12, 18, 16, 14, 10}, c.easyToHard());
        assertEquals(0.2, c.pace(0), 1e-9);
        assertEquals(0.6, c.pace(2), 1e-9);
        assertEquals(1.0, c.pace(4), 1e-9);
        assertEquals(1.0, c.pace(9), 1e-9);
        int[] first = c.epoch(0, new Random(1));
        Arrays.sort(first);
        assertArrayEquals(new int[] {11, 17}, first, "the two easiest");
        assertEquals(6, c.epoch(2, new Random(1)).length);
        int[] all = c.epoch(5, new Random(1));
        Arrays.sort(all);
        assertArrayEquals(ids, all);
        assertThrows(IllegalArgumentException.class, () -> new Curriculum(ids, new double[3], 0.2, 4));
        assertThrows(IllegalArgumentException.class, () -> new Curriculum(ids, difficulty, 0, 4));
    }

    @Test
    void stepPacingDoublesTheShareAndHasEverythingByTheRamp() {
        int[] ids = new int[16];
        double[] difficulty = new double[16];
        for (int i = 0; i < 16; i++) {
            ids[i] = i;
            difficulty[i] = 15 - i; // id 15 easiest
        }
        // start 1/4: two doublings over a ramp of 4 epochs, so the step length is 2 epochs.
        Curriculum c = new Curriculum(ids, difficulty, 0.25, 4, Curriculum.Pacing.STEP);
        assertEquals(0.25, c.pace(0), 1e-9);
        assertEquals(0.25, c.pace(1), 1e-9);
        assertEquals(0.5, c.pace(2), 1e-9);
        assertEquals(0.5, c.pace(3), 1e-9);
        assertEquals(1.0, c.pace(4), 1e-9);
        int[] first = c.epoch(0, new Random(3));
        Arrays.sort(first);
        assertArrayEquals(new int[] {12, 13, 14, 15}, first, "the four easiest");
        assertEquals(Curriculum.Pacing.LINEAR, Curriculum.Pacing.parse("linear"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Curriculum.Pacing.parse("cosine"));
        assertEquals("unknown pacing 'cosine' (expected linear or step)", e.getMessage());
    }
}
