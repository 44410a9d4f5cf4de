package org.greendl.select.curriculum;

import java.util.List;
import java.util.Random;
import org.greendl.select.Arm;
import org.greendl.select.Comparison;
import org.greendl.select.EnergyClock;
import org.greendl.select.Epochs;
import org.greendl.select.ImageSet;
import org.greendl.select.Learner;
import org.greendl.select.Shuffle;
import org.greendl.select.Versus;
import org.greendl.select.scoring.DataPruning;
import org.greendl.select.scoring.PruneSettings;

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
     * Scores {@code ids} (the preparation, metered), trains with the curriculum, then trains from scratch on all
     * of {@code ids} shuffled, same model, seed and epochs; both evaluated on {@code testIds} after every epoch.
     */
    public static Versus run(CurriculumSettings s, ImageSet train, int[] ids, ImageSet test, int[] testIds,
            EnergyClock clock) {
        Epochs.warmUp(List.of(s.model(), s.scoreModel()), train, ids, s.batchSize(), s.learningRate(), s.seed());
        DataPruning.Scored scored = new DataPruning(PruneSettings.scoringOnly(s.score(), s.scoreModel(),
                s.scoreEpochs(), s.batchSize(), s.learningRate(), s.seed()), clock, null).score(train, ids);
        Arm preparation = new Arm(List.of(), Double.NaN, scored.kwh(), scored.seconds());
        Curriculum curriculum = new Curriculum(ids, scored.scores(), s.start(), s.rampEpochs(),
                Curriculum.Pacing.parse(s.pacing()));
        Arm technique;
        try (Learner learner = Learner.create(s.model(), train, s.learningRate(), s.seed())) {
            technique = Epochs.train(learner, train, e -> curriculum.epoch(e, new Random(s.seed() * 131 + e)),
                    s.epochs(), s.batchSize(), test, testIds, true, clock);
        }
        Arm scratch;
        try (Learner learner = Learner.create(s.model(), train, s.learningRate(), s.seed())) {
            scratch = Epochs.train(learner, train, e -> Shuffle.copy(ids, new Random(s.seed() * 131 + e)),
                    s.epochs(), s.batchSize(), test, testIds, true, clock);
        }
        return new Versus("curriculum", preparation, technique, scratch);
    }

    /**
     * Curriculum training against shuffled training from scratch, same model, seed and epochs. The difficulty
     * scores are given (computing them is the scoring step's cost, not counted here).
     */
    public static Comparison compare(String model, ImageSet train, int[] ids, double[] difficulty, double start,
            int rampEpochs, int epochs, int batchSize, float learningRate, long seed, ImageSet test, int[] testIds,
            EnergyClock clock) {
        Curriculum curriculum = new Curriculum(ids, difficulty, start, rampEpochs);
        Arm technique;
        try (Learner learner = Learner.create(model, train, learningRate, seed)) {
            technique = Epochs.train(learner, train, e -> curriculum.epoch(e, new Random(seed * 131 + e)), epochs,
                    batchSize, test, testIds, false, clock);
            technique = withAccuracy(technique, learner.accuracy(test, testIds, Math.max(256, batchSize)));
        }
        Arm scratch;
        try (Learner learner = Learner.create(model, train, learningRate, seed)) {
            scratch = Epochs.train(learner, train, e -> Shuffle.copy(ids, new Random(seed * 131 + e)), epochs,
                    batchSize, test, testIds, false, clock);
            scratch = withAccuracy(scratch, learner.accuracy(test, testIds, Math.max(256, batchSize)));
        }
        return new Versus("curriculum", Arm.none(), technique, scratch).comparison();
    }

    private static Arm withAccuracy(Arm a, double accuracy) {
        return new Arm(a.epochs(), accuracy, a.kwh(), a.seconds());
    }
}
