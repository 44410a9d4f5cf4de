package org.greendl.select.scoring;

import java.util.Random;
import java.util.function.Consumer;
import org.greendl.select.EnergyClock;
import org.greendl.select.ImageSet;
import org.greendl.select.Learner;
import org.greendl.select.Shuffle;

/**
 * Data pruning by example scores: train a scoring model briefly on all the data, score every example, keep a
 * fraction, then train the model from scratch on what was kept. The scoring's energy is part of the total; the
 * full-data baseline (optional) is trained with the same settings so the two can be compared.
 */
public final class DataPruning {
    private final PruneSettings settings;
    private final EnergyClock clock;
    private final Consumer<String> log;

    public DataPruning(PruneSettings settings, EnergyClock clock, Consumer<String> log) {
        this.settings = settings;
        this.clock = clock;
        this.log = log == null ? s -> { } : log;
    }

    /** The scores of {@code ids} (higher = harder) and what computing them cost. */
    public record Scored(double[] scores, double kwh, double seconds, double cpuKwh) {}

    /** Computes the configured score for every id of {@code ids}. */
    public Scored score(ImageSet train, int[] ids) {
        double e0 = clock.totalKwh();
        double c0 = clock.cpuKwh();
        long t0 = System.nanoTime();
        double[] scores;
        if ("random".equals(settings.score())) {
            scores = new double[ids.length];
            Random r = new Random(settings.seed());
            for (int i = 0; i < scores.length; i++) {
                scores[i] = r.nextDouble();
            }
        } else {
            try (Learner scorer = Learner.create(settings.scoreModel(), train, settings.learningRate(),
                    settings.seed() + 1)) {
                ForgettingCounter forgetting = new ForgettingCounter(ids);
                for (int epoch = 0; epoch < settings.scoreEpochs(); epoch++) {
                    scorer.trainEpoch(train, Shuffle.copy(ids, new Random(settings.seed() * 31 + epoch)),
                            settings.batchSize(), forgetting::record);
                }
                scores = switch (settings.score()) {
                    case "forgetting" -> forgetting.scores();
                    case "el2n" -> ExampleScores.el2n(probabilities(scorer, train, ids), train.labels(ids));
                    case "loss" -> ExampleScores.loss(probabilities(scorer, train, ids), train.labels(ids));
                    default -> throw new IllegalStateException(settings.score());
                };
            }
        }
        return new Scored(scores, clock.totalKwh() - e0, (System.nanoTime() - t0) / 1e9, clock.cpuKwh() - c0);
    }

    private float[][] probabilities(Learner scorer, ImageSet train, int[] ids) {
        return scorer.predict(train, ids, false, Math.max(256, settings.batchSize())).probabilities();
    }

    /** Scores, prunes, trains on the kept data and (optionally) on all data; evaluates both on the test ids. */
    public PruneResult run(ImageSet train, int[] trainIds, ImageSet test, int[] testIds) {
        warmUp(train, trainIds);
        Scored scored = score(train, trainIds);
        int[] keptPositions = "random".equals(settings.score())
                ? Pruning.keepRandom(trainIds.length, settings.keep(), new Random(settings.seed()))
                : Pruning.keepHardest(scored.scores(), settings.keep(), settings.skipHardest());
        int[] kept = new int[keptPositions.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = trainIds[keptPositions[i]];
        }
        log.accept(String.format("scored %d examples by %s (%.4f Wh, %.0f s); keeping %d",
                trainIds.length, settings.score(), 1000 * scored.kwh(), scored.seconds(), kept.length));
        Trained pruned = train(train, kept, test, testIds);
        log.accept(String.format("pruned: test accuracy %.4f, %.4f Wh", pruned.accuracy, 1000 * pruned.kwh));
        Trained full = settings.withBaseline() ? train(train, trainIds, test, testIds) : null;
        if (full != null) {
            log.accept(String.format("full data: test accuracy %.4f, %.4f Wh", full.accuracy, 1000 * full.kwh));
        }
        return new PruneResult(kept.length, trainIds.length, scored.kwh(), pruned.kwh, pruned.accuracy,
                full == null ? Double.NaN : full.kwh, full == null ? Double.NaN : full.accuracy, scored.seconds(),
                pruned.seconds, full == null ? Double.NaN : full.seconds, scored.cpuKwh(), pruned.cpuKwh,
                full == null ? Double.NaN : full.cpuKwh);
    }

    /**
     * A few untimed batches first, so the engine's one-off start (native library, JIT) is not billed to whichever
     * phase happens to run first: the phases are compared with each other.
     */
    private void warmUp(ImageSet train, int[] ids) {
        int[] few = java.util.Arrays.copyOf(ids, Math.min(ids.length, 4 * settings.batchSize()));
        for (String model : new java.util.LinkedHashSet<>(java.util.List.of(settings.model(), settings.scoreModel()))) {
            try (Learner learner = Learner.create(model, train, settings.learningRate(), settings.seed())) {
                learner.trainEpoch(train, few, settings.batchSize(), null);
                learner.predict(train, few, false, settings.batchSize());
            }
        }
    }

    private record Trained(double accuracy, double kwh, double seconds, double cpuKwh) {}

    private Trained train(ImageSet train, int[] ids, ImageSet test, int[] testIds) {
        double e0 = clock.totalKwh();
        double c0 = clock.cpuKwh();
        long t0 = System.nanoTime();
        try (Learner learner = Learner.create(settings.model(), train, settings.learningRate(), settings.seed())) {
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                learner.trainEpoch(train, Shuffle.copy(ids, new Random(settings.seed() * 131 + epoch)),
                        settings.batchSize(), null);
            }
            double accuracy = learner.accuracy(test, testIds, Math.max(256, settings.batchSize()));
            return new Trained(accuracy, clock.totalKwh() - e0, (System.nanoTime() - t0) / 1e9,
                    clock.cpuKwh() - c0);
        }
    }
}
