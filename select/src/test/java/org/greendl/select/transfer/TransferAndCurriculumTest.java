package org.greendl.select.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.greendl.meter.unit.Energy;
import org.greendl.select.Comparison;
import org.greendl.select.EnergyClock;
import org.greendl.select.EpochPoint;
import org.greendl.select.Learner;
import org.greendl.select.Versus;
import org.greendl.select.curriculum.CurriculumSettings;
import org.greendl.select.ImageSet;
import org.greendl.select.SyntheticImages;
import org.greendl.select.curriculum.CurriculumTraining;
import org.junit.jupiter.api.Test;

class TransferAndCurriculumTest {
    private static final ImageSet TRAIN = SyntheticImages.make(300, 1);
    private static final ImageSet TEST = SyntheticImages.make(100, 2);

    private static EnergyClock ticking() {
        AtomicLong reads = new AtomicLong();
        return () -> Energy.ofKwh(reads.incrementAndGet() * 1e-3);
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

    @Test
    void transferRunLogsEveryEpochAndCountsPretrainingInTheTotal() {
        int[] source = Transfer.ofClasses(TRAIN, TRAIN.allIds(), Transfer.parseClasses("0-4", 10));
        int[] target = Transfer.notOfClasses(TRAIN, TRAIN.allIds(), Transfer.parseClasses("0-4", 10));
        int[] testIds = Transfer.notOfClasses(TEST, TEST.allIds(), Transfer.parseClasses("0-4", 10));
        Versus v = Transfer.run(new Transfer.Settings("mlp", 2, 3, 1e-3f, 1e-3f, 16, 7, true), TRAIN, source, target,
                TEST, testIds, ticking());
        assertEquals(2, v.preparation().epochs().size());
        assertEquals(2L * source.length, v.preparation().examples());
        assertTrue(v.preparation().epochs().stream().allMatch(p -> Double.isNaN(p.testAccuracy())));
        assertEquals(3, v.technique().epochs().size());
        assertEquals(3, v.scratch().epochs().size());
        assertTrue(v.technique().epochs().stream().allMatch(p -> p.testAccuracy() >= 0 && p.kwh() > 0));
        assertEquals(v.technique().epochs().get(2).testAccuracy(), v.technique().testAccuracy());
        assertEquals(v.preparation().kwh() + v.technique().kwh(), v.totalKwh(), 1e-12);
        assertTrue(v.preparation().kwh() > 0);
    }

    @Test
    void copiedWeightsPredictTheSameAndAResetHeadDoesNot() {
        int[] ids = Arrays.copyOf(TRAIN.allIds(), 64);
        try (Learner a = Learner.create("mlp", TRAIN, 1e-3f, 1);
                Learner same = Learner.create("mlp", TRAIN, 1e-3f, 2);
                Learner newHead = Learner.create("mlp", TRAIN, 1e-3f, 2)) {
            a.trainEpoch(TRAIN, ids, 16, null);
            same.copyWeightsFrom(a, false);
            newHead.copyWeightsFrom(a, true);
            float[][] pa = a.predict(TRAIN, ids, false, 64).probabilities();
            float[][] ps = same.predict(TRAIN, ids, false, 64).probabilities();
            float[][] ph = newHead.predict(TRAIN, ids, false, 64).probabilities();
            for (int i = 0; i < ids.length; i++) {
                assertArrayEquals(pa[i], ps[i], 1e-6f);
            }
            assertTrue(Math.abs(pa[0][0] - ph[0][0]) > 1e-6 || Math.abs(pa[0][1] - ph[0][1]) > 1e-6,
                    "a fresh head changes the outputs");
        }
    }

    @Test
    void classListsAndFractionsAreParsedOrRejectedInOneLine() {
        assertEquals(java.util.Set.of(0, 2, 5, 6, 7), Transfer.parseClasses("0,2,5-7", 10));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Transfer.parseClasses("3-12", 10));
        assertEquals("--pretrain-classes '3-12' is not a class list such as 0-4 or 0,2,5-7 within 0-9",
                bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transfer.parseClasses("0-9", 10));
        int[] half = Transfer.fraction(TRAIN.allIds(), 0.5, 3);
        assertEquals(150, half.length);
        assertEquals(150, Transfer.rest(TRAIN.allIds(), half).length);
        assertThrows(IllegalArgumentException.class, () -> Transfer.fraction(TRAIN.allIds(), 1.0, 3));
    }

    @Test
    void curriculumRunScoresThenComparesEpochByEpoch() {
        CurriculumSettings s = new CurriculumSettings("el2n", "step", 0.25, 2, "mlp", 3, "mlp", 1, 16, 1e-3f, 5);
        Versus v = CurriculumTraining.run(s, TRAIN, TRAIN.allIds(), TEST, TEST.allIds(), ticking());
        assertTrue(v.preparation().kwh() > 0, "scoring is metered");
        // step pacing from 1/4 over 2 epochs: 75, 150, then all 300 examples.
        assertEquals(List.of(75, 150, 300), v.technique().epochs().stream().map(EpochPoint::examples).toList());
        assertEquals(List.of(300, 300, 300), v.scratch().epochs().stream().map(EpochPoint::examples).toList());
        assertTrue(v.technique().testAccuracy() > 0.5 && v.scratch().testAccuracy() > 0.5, v.toString());
        assertThrows(IllegalArgumentException.class,
                () -> new CurriculumSettings("forgetting", "linear", 0.25, 2, "mlp", 3, "mlp", 1, 16, 1e-3f, 5));
        assertThrows(IllegalArgumentException.class,
                () -> new CurriculumSettings("el2n", "linear", 0.25, 4, "mlp", 3, "mlp", 1, 16, 1e-3f, 5));
    }
}
