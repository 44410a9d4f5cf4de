package org.greendl.select.scoring;

import java.util.List;
import org.greendl.data.augment.Augmentation;
import org.greendl.data.augment.Augmentations;
import org.greendl.select.LearningRates;

/**
 * Settings of a data-pruning run.
 *
 * @param score {@code el2n}, {@code forgetting}, {@code loss} or {@code random} (the baseline)
 * @param keep fraction of the training set kept, in (0, 1]
 * @param skipHardest fraction of the very hardest examples dropped before keeping (0 = none; likely label noise)
 * @param model zoo model trained on the kept data
 * @param epochs epochs of that training (and of the full-data baseline)
 * @param scoreModel zoo model that computes the scores (the same model, or a cheaper proxy)
 * @param scoreEpochs epochs of the scoring training (EL2N is meant to be read early in training)
 * @param batchSize batch size
 * @param learningRate Adam learning rate
 * @param seed seeds scoring, training and the random baseline
 * @param withBaseline also train on the full data, side by side, to report the difference
 * @param policy which examples of the ranking are kept: {@code hardest}, {@code easiest} or {@code stratified}
 *     (see {@link Pruning#POLICIES})
 * @param classBalanced keep the same fraction of every class (the policy applied within each class)
 * @param scoreRuns scoring runs with different seeds whose scores are averaged (the EL2N paper averages 10)
 * @param everyEpoch EL2N/loss read after every scoring epoch and averaged, not only after the last
 * @param lrSchedule learning rate of the pruned and full-data training: {@code constant} or {@code cosine}
 *     (annealed to zero over each run's own steps; the scoring run stays constant)
 * @param augment per-image augmentations of the pruned and full-data training ({@code crop,flip,...} as in
 *     {@link Augmentations#parse}; {@code none} = none; the scoring run sees plain images)
 */
public record PruneSettings(String score, double keep, double skipHardest, String model, int epochs,
        String scoreModel, int scoreEpochs, int batchSize, float learningRate, long seed, boolean withBaseline,
        String policy, boolean classBalanced, int scoreRuns, boolean everyEpoch, String lrSchedule,
        String augment) {
    public static final List<String> SCORES = List.of("el2n", "forgetting", "loss", "random");

    public PruneSettings {
        if (!SCORES.contains(score)) {
            throw new IllegalArgumentException("unknown score '" + score + "' (expected one of "
                    + String.join(", ", SCORES) + ")");
        }
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("--keep must be in (0, 1], got " + keep);
        }
        if (!(skipHardest >= 0 && skipHardest + keep <= 1)) {
            throw new IllegalArgumentException("--skip-hardest must be in [0, 1 - keep], got " + skipHardest);
        }
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1");
        }
        if (scoreEpochs < 1 && !"random".equals(score)) {
            throw new IllegalArgumentException("--score-epochs must be >= 1, got " + scoreEpochs);
        }
        if (!Pruning.POLICIES.contains(policy)) {
            throw new IllegalArgumentException("unknown --policy '" + policy + "' (expected one of "
                    + String.join(", ", Pruning.POLICIES) + ")");
        }
        if (scoreRuns < 1) {
            throw new IllegalArgumentException("--score-runs must be >= 1, got " + scoreRuns);
        }
        LearningRates.check(lrSchedule);
        augment = augment == null || augment.isBlank() ? "none" : augment;
        if (Augmentations.parse(augment).mixesTargets()) { // fields are not assigned yet in a compact constructor
            throw new IllegalArgumentException("--augment " + augment + " mixes labels; data pruning supports "
                    + "per-image augmentations only (crop, flip, cutout)");
        }
    }

    /** True when the training sees augmented images. */
    public boolean augments() {
        return !"none".equalsIgnoreCase(augment.trim());
    }

    /** The parsed {@link #augment} list. */
    public Augmentation augmentation() {
        return Augmentations.parse(augment);
    }

    /** The first settings' shape: keep the hardest, not class-balanced, one scoring run read at its end. */
    public PruneSettings(String score, double keep, double skipHardest, String model, int epochs, String scoreModel,
            int scoreEpochs, int batchSize, float learningRate, long seed, boolean withBaseline) {
        this(score, keep, skipHardest, model, epochs, scoreModel, scoreEpochs, batchSize, learningRate, seed,
                withBaseline, "hardest", false, 1, false, "constant", "none");
    }

    /** Settings for scoring only (a curriculum's difficulty), nothing pruned. */
    public static PruneSettings scoringOnly(String score, String scoreModel, int scoreEpochs, int batchSize,
            float learningRate, long seed) {
        return new PruneSettings(score, 1.0, 0, scoreModel, 1, scoreModel, scoreEpochs, batchSize, learningRate,
                seed, false);
    }
}
