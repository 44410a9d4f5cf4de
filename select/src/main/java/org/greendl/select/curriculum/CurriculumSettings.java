package org.greendl.select.curriculum;

import java.util.List;

/**
 * Settings of a curriculum-versus-scratch run.
 *
 * @param score difficulty score, {@code el2n} or {@code loss} of a briefly trained scoring model
 * @param pacing {@code linear} or {@code step} (see {@link Curriculum.Pacing})
 * @param start share of the data (the easiest) available in the first epoch, in (0, 1]
 * @param rampEpochs epochs until all data is used
 * @param model zoo model trained (with the curriculum and from scratch)
 * @param epochs epochs of each of the two trainings
 * @param scoreModel zoo model computing the scores
 * @param scoreEpochs epochs of scoring training
 * @param batchSize batch size
 * @param learningRate Adam learning rate
 * @param seed seeds scoring, both trainings and their shuffles
 */
public record CurriculumSettings(String score, String pacing, double start, int rampEpochs, String model,
        int epochs, String scoreModel, int scoreEpochs, int batchSize, float learningRate, long seed) {
    public static final List<String> SCORES = List.of("el2n", "loss");

    public CurriculumSettings {
        if (!SCORES.contains(score)) {
            throw new IllegalArgumentException("unknown --score '" + score + "' (expected el2n or loss)");
        }
        Curriculum.Pacing.parse(pacing);
        if (!(start > 0 && start <= 1)) {
            throw new IllegalArgumentException("--start must be in (0, 1], got " + start);
        }
        if (rampEpochs < 0 || rampEpochs > epochs) {
            throw new IllegalArgumentException("--ramp-epochs must be in [0, --epochs], got " + rampEpochs);
        }
        if (epochs < 1 || scoreEpochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("--epochs, --score-epochs and --batch must be >= 1");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
        }
    }
}
