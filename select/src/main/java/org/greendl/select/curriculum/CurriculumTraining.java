package org.greendl.select.curriculum;

import java.util.Random;
import org.greendl.select.Comparison;
import org.greendl.select.EnergyClock;
import org.greendl.select.ImageSet;
import org.greendl.select.Learner;
import org.greendl.select.Shuffle;

/** Trains with a {@link Curriculum}, and compares it with plain shuffled training of the same length. */
public final class CurriculumTraining {
    private CurriculumTraining() {}

    /** Trains {@code learner} for {@code epochs} epochs, epoch {@code e} on {@code curriculum.epoch(e)}. */
    public static void train(Learner learner, ImageSet data, Curriculum curriculum, int epochs, int batchSize,
            long seed) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            learner.trainEpoch(data, curriculum.epoch(epoch, new Random(seed * 131 + epoch)), batchSize, null);
        }
    }

    /**
     * Curriculum training against shuffled training from scratch, same model, seed and epochs. The difficulty
     * scores are given (computing them is the scoring step's cost, not counted here).
     */
    public static Comparison compare(String model, ImageSet train, int[] ids, double[] difficulty, double start,
            int rampEpochs, int epochs, int batchSize, float learningRate, long seed, ImageSet test, int[] testIds,
            EnergyClock clock) {
        Curriculum curriculum = new Curriculum(ids, difficulty, start, rampEpochs);
        double e0 = clock.totalKwh();
        long t0 = System.nanoTime();
        double accuracy;
        try (Learner learner = Learner.create(model, train, learningRate, seed)) {
            train(learner, train, curriculum, epochs, batchSize, seed);
            accuracy = learner.accuracy(test, testIds, Math.max(256, batchSize));
        }
        double kwh = clock.totalKwh() - e0;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double e1 = clock.totalKwh();
        long t1 = System.nanoTime();
        double baseline;
        try (Learner learner = Learner.create(model, train, learningRate, seed)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                learner.trainEpoch(train, Shuffle.copy(ids, new Random(seed * 131 + epoch)), batchSize, null);
            }
            baseline = learner.accuracy(test, testIds, Math.max(256, batchSize));
        }
        return new Comparison("curriculum", accuracy, kwh, seconds, baseline, clock.totalKwh() - e1,
                (System.nanoTime() - t1) / 1e9);
    }
}
