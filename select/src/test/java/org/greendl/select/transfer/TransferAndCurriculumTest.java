package org.greendl.select.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.greendl.select.Comparison;
import org.greendl.select.EnergyClock;
import org.greendl.select.ImageSet;
import org.greendl.select.SyntheticImages;
import org.greendl.select.curriculum.CurriculumTraining;
import org.junit.jupiter.api.Test;

class TransferAndCurriculumTest {
    private static final ImageSet TRAIN = SyntheticImages.make(300, 1);
    private static final ImageSet TEST = SyntheticImages.make(100, 2);

    private static EnergyClock ticking() {
        AtomicLong reads = new AtomicLong();
        return () -> reads.incrementAndGet() * 1e-3;
    }

    @Test
    void pretrainingOnHalfTheClassesThenFineTuningIsComparedWithScratch() {
        int[] source = Transfer.ofClasses(TRAIN, TRAIN.allIds(), Transfer.firstClasses(5));
        int[] rest = Transfer.notOfClasses(TRAIN, TRAIN.allIds(), Transfer.firstClasses(5));
        assertEquals(150, source.length);
        assertTrue(Arrays.stream(source).allMatch(id -> TRAIN.label(id) < 5));
        // Target: a few examples of every class.
        int[] target = Arrays.copyOf(TRAIN.allIds(), 40);
        Comparison c = Transfer.compare(new Transfer.Settings("mlp", 2, 2, 1e-3f, 5e-4f, 16, 7), TRAIN, source,
                target, TEST, TEST.allIds(), ticking());
        assertTrue(c.accuracy() >= 0 && c.accuracy() <= 1 && c.baselineAccuracy() >= 0);
        assertTrue(c.kwh() > 0 && c.baselineKwh() > 0, "both sides are metered");
        assertEquals(150, rest.length);
        assertThrows(IllegalArgumentException.class, () -> Transfer.compare(
                new Transfer.Settings("mlp", 1, 1, 1e-3f, 1e-3f, 16, 7), TRAIN, new int[0], target, TEST,
                TEST.allIds(), ticking()));
    }

    @Test
    void curriculumTrainingLearnsAndIsComparedWithShuffledTraining() {
        int[] ids = TRAIN.allIds();
        double[] difficulty = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            difficulty[i] = (ids[i] * 37 % 101) / 101.0;
        }
        Comparison c = CurriculumTraining.compare("mlp", TRAIN, ids, difficulty, 0.3, 2, 3, 16, 1e-3f, 5, TEST,
                TEST.allIds(), ticking());
        assertTrue(c.accuracy() > 0.5, "curriculum training still learns the bands: " + c);
        assertTrue(c.baselineAccuracy() > 0.5, c.toString());
    }
}
