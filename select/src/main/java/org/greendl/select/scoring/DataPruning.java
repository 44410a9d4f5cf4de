package org.greendl.select.scoring;

import java.util.Random;
import java.util.function.Consumer;
import org.greendl.data.augment.Augmentation;
import org.greendl.meter.unit.Energy;
import org.greendl.select.EnergyClock;
import org.greendl.select.Epochs;
import org.greendl.select.ImageSet;
import org.greendl.select.Learner;
import org.greendl.select.LearningRates;
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
        double e0 = clock.total().kwh();
        double c0 = cpuKwh(clock);
        long t0 = System.nanoTime();
        double[] scores;
        if ("random".equals(settings.score())) {
            scores = new double[ids.length];
            Random r = new Random(settings.seed());
            for (int i = 0; i < scores.length; i++) {
                scores[i] = r.nextDouble();
            }
        } else {
            java.util.List<double[]> runs = new java.util.ArrayList<>();
            for (int run = 0; run < settings.scoreRuns(); run++) {
                // Run 0 keeps the first settings' seeds, so one run scores exactly as before.
                long seed = settings.seed() + 1 + 7919L * run;
                try (Learner scorer = Learner.create(settings.scoreModel(), train, settings.learningRate(), seed)) {
                    ForgettingCounter forgetting = new ForgettingCounter(ids);
                    for (int epoch = 0; epoch < settings.scoreEpochs(); epoch++) {
                        scorer.trainEpoch(train, Shuffle.copy(ids, new Random((seed - 1) * 31 + epoch)),
                                settings.batchSize(), forgetting::record);
                        boolean last = epoch == settings.scoreEpochs() - 1;
                        if (!"forgetting".equals(settings.score()) && (last || settings.everyEpoch())) {
                            float[][] p = probabilities(scorer, train, ids);
                            runs.add("el2n".equals(settings.score()) ? ExampleScores.el2n(p, train.labels(ids))
                                    : ExampleScores.loss(p, train.labels(ids)));
                        }
                    }
                    if ("forgetting".equals(settings.score())) {
                        runs.add(forgetting.scores());
                    }
                }
            }
            scores = ExampleScores.mean(runs.toArray(double[][]::new));
        }
        return new Scored(scores, clock.total().kwh() - e0, (System.nanoTime() - t0) / 1e9, cpuKwh(clock) - c0);
    }

    private float[][] probabilities(Learner scorer, ImageSet train, int[] ids) {
        return scorer.predict(train, ids, false, Math.max(256, settings.batchSize())).probabilities();
    }

    /** Scores, prunes, trains on the kept data and (optionally) on all data; evaluates both on the test ids. */
    public PruneResult run(ImageSet train, int[] trainIds, ImageSet test, int[] testIds) {
        Epochs.warmUp(java.util.List.of(settings.model(), settings.scoreModel()), train, trainIds,
                settings.batchSize(), settings.learningRate(), settings.seed());
        Scored scored = score(train, trainIds);
        int[] keptPositions = "random".equals(settings.score())
                ? Pruning.keepRandom(trainIds.length, settings.keep(), new Random(settings.seed()))
                : Pruning.keep(scored.scores(), train.labels(trainIds), settings.keep(), settings.skipHardest(),
                        settings.policy(), settings.classBalanced(), new Random(settings.seed() + 17));
        int[] kept = new int[keptPositions.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = trainIds[keptPositions[i]];
        }
        log.accept(String.format("scored %d examples by %s (%.4f Wh, %.0f s); keeping %d (%s%s)",
                trainIds.length, settings.score(), 1000 * scored.kwh(), scored.seconds(), kept.length,
                settings.policy(), settings.classBalanced() ? ", class-balanced" : ""));
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

    private record Trained(double accuracy, double kwh, double seconds, double cpuKwh) {}

    private Trained train(ImageSet train, int[] ids, ImageSet test, int[] testIds) {
        double e0 = clock.total().kwh();
        double c0 = cpuKwh(clock);
        long t0 = System.nanoTime();
        int updates = LearningRates.updates(settings.epochs(), ids.length, settings.batchSize());
        try (Learner learner = Learner.create(settings.model(), train,
                LearningRates.of(settings.lrSchedule(), settings.learningRate(), updates), settings.seed())) {
            Augmentation augmentation = settings.augmentation();
            Random augmentRandom = new Random(settings.seed() * 977 + 5);
            Learner.BatchImages images = settings.augments()
                    ? (order, from, to) -> train.augmented(order, from, to, augmentation, augmentRandom)
                    : train::normalized;
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                learner.trainEpoch(train, Shuffle.copy(ids, new Random(settings.seed() * 131 + epoch)),
                        settings.batchSize(), null, images);
            }
            double accuracy = learner.accuracy(test, testIds, Math.max(256, settings.batchSize()));
            return new Trained(accuracy, clock.total().kwh() - e0, (System.nanoTime() - t0) / 1e9,
                    cpuKwh(clock) - c0);
        }
    }

    /** The clock's CPU energy in kWh, NaN when it cannot tell (so the CPU-only comparison reads unknown). */
    private static double cpuKwh(EnergyClock clock) {
        return clock.cpu().map(Energy::kwh).orElse(Double.NaN);
    }
}
