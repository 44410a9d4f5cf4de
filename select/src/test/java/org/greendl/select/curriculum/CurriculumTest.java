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
}
