package org.greendl.select.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.greendl.select.Comparison;
import org.greendl.select.EnergyClock;
import org.greendl.select.ImageSet;
import org.greendl.select.Learner;
import org.greendl.select.Shuffle;

/**
 * Transfer: pre-train on a source set (part of the classes, or more unlabelled-for-the-target data), then
 * fine-tune on the small target set; compared with training on the target set from scratch. The pre-training's
 * energy is part of the technique's total, so the comparison says whether it pays for itself.
 */
public final class Transfer {
    private Transfer() {}

    /** Settings of one comparison. */
    public record Settings(String model, int pretrainEpochs, int finetuneEpochs, float pretrainLr, float finetuneLr,
            int batchSize, long seed) {
        public Settings {
            if (pretrainEpochs < 1 || finetuneEpochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs and batch size must be >= 1");
            }
        }
    }

    /** The ids of {@code ids} whose label is in {@code classes} (e.g. classes 0-4 as the source task). */
    public static int[] ofClasses(ImageSet data, int[] ids, Set<Integer> classes) {
        return Arrays.stream(ids).filter(id -> classes.contains(data.label(id))).toArray();
    }

    /** The ids of {@code ids} whose label is not in {@code classes}. */
    public static int[] notOfClasses(ImageSet data, int[] ids, Set<Integer> classes) {
        return Arrays.stream(ids).filter(id -> !classes.contains(data.label(id))).toArray();
    }

    /** {@code 0..n-1} as a set, for {@link #ofClasses}. */
    public static Set<Integer> firstClasses(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toSet());
    }

    /** Pre-train on {@code source}, fine-tune on {@code target}, against training on {@code target} from scratch. */
    public static Comparison compare(Settings s, ImageSet train, int[] source, int[] target, ImageSet test,
            int[] testIds, EnergyClock clock) {
        if (source.length == 0 || target.length == 0) {
            throw new IllegalArgumentException("transfer needs a non-empty source and target set (got "
                    + source.length + " and " + target.length + " examples)");
        }
        double e0 = clock.totalKwh();
        long t0 = System.nanoTime();
        double accuracy;
        try (Learner learner = Learner.create(s.model(), train, s.pretrainLr(), s.seed())) {
            fit(learner, train, source, s.pretrainEpochs(), s.batchSize(), s.seed());
            // A different fine-tuning rate needs a fresh optimizer: copy the weights into a new learner.
            if (s.finetuneLr() != s.pretrainLr()) {
                try (Learner tuned = Learner.create(s.model(), train, s.finetuneLr(), s.seed())) {
                    copyWeights(learner, tuned);
                    fit(tuned, train, target, s.finetuneEpochs(), s.batchSize(), s.seed() + 1);
                    accuracy = tuned.accuracy(test, testIds, Math.max(256, s.batchSize()));
                }
            } else {
                fit(learner, train, target, s.finetuneEpochs(), s.batchSize(), s.seed() + 1);
                accuracy = learner.accuracy(test, testIds, Math.max(256, s.batchSize()));
            }
        }
        double kwh = clock.totalKwh() - e0;
        double seconds = (System.nanoTime() - t0) / 1e9;
        double e1 = clock.totalKwh();
        long t1 = System.nanoTime();
        double baseline;
        try (Learner learner = Learner.create(s.model(), train, s.finetuneLr(), s.seed())) {
            fit(learner, train, target, s.finetuneEpochs(), s.batchSize(), s.seed() + 1);
            baseline = learner.accuracy(test, testIds, Math.max(256, s.batchSize()));
        }
        return new Comparison("transfer", accuracy, kwh, seconds, baseline, clock.totalKwh() - e1,
                (System.nanoTime() - t1) / 1e9);
    }

    private static void fit(Learner learner, ImageSet data, int[] ids, int epochs, int batchSize, long seed) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            learner.trainEpoch(data, Shuffle.copy(ids, new Random(seed * 977 + epoch)), batchSize, null);
        }
    }

    private static void copyWeights(Learner from, Learner to) {
        try {
            Path tmp = Files.createTempDirectory("greendl-transfer");
            try {
                from.save(tmp);
                to.load(tmp);
            } finally {
                try (var files = Files.walk(tmp)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand the pre-trained weights over: " + e.getMessage(), e);
        }
    }
}
