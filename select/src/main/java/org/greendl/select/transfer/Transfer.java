package org.greendl.select.transfer;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.greendl.select.Arm;
import org.greendl.select.Comparison;
import org.greendl.select.EnergyClock;
import org.greendl.select.Epochs;
import org.greendl.select.ImageSet;
import org.greendl.select.Learner;
import org.greendl.select.Shuffle;
import org.greendl.select.Versus;

/**
 * Transfer: pre-train on a source set (part of the classes, or more unlabelled-for-the-target data), then
 * fine-tune on the small target set; compared with training on the target set from scratch. The pre-training's
 * energy is part of the technique's total, so the comparison says whether it pays for itself.
 */
public final class Transfer {
    private Transfer() {}

    /** Settings of one comparison. */
    public record Settings(String model, int pretrainEpochs, int finetuneEpochs, float pretrainLr, float finetuneLr,
            int batchSize, long seed, boolean resetHead) {
        public Settings {
            if (pretrainEpochs < 1 || finetuneEpochs < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs and batch size must be >= 1");
            }
        }

        /** Keeping the pre-trained head (same label set). */
        public Settings(String model, int pretrainEpochs, int finetuneEpochs, float pretrainLr, float finetuneLr,
                int batchSize, long seed) {
            this(model, pretrainEpochs, finetuneEpochs, pretrainLr, finetuneLr, batchSize, seed, false);
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
        return run(s, train, source, target, test, testIds, clock).comparison();
    }

    /**
     * Pre-trains on {@code source} (the preparation, metered, not evaluated), fine-tunes on {@code target}, then
     * trains on {@code target} from scratch with the fine-tuning's epochs, rate and shuffles; both evaluated on
     * {@code testIds} after every epoch.
     */
    public static Versus run(Settings s, ImageSet train, int[] source, int[] target, ImageSet test, int[] testIds,
            EnergyClock clock) {
        if (source.length == 0 || target.length == 0) {
            throw new IllegalArgumentException("transfer needs a non-empty source and target set (got "
                    + source.length + " and " + target.length + " examples)");
        }
        Epochs.warmUp(List.of(s.model()), train, target, s.batchSize(), s.finetuneLr(), s.seed());
        Arm preparation;
        Arm technique;
        try (Learner learner = Learner.create(s.model(), train, s.pretrainLr(), s.seed())) {
            preparation = Epochs.train(learner, train, e -> order(source, s.seed(), e), s.pretrainEpochs(),
                    s.batchSize(), test, testIds, false, clock);
            // Fine-tuning starts a fresh optimizer (its own rate, no pre-training momentum) from the pre-trained
            // weights; the new learner's seed is the scratch run's, so a reset head starts as the scratch one does.
            double e0 = clock.total().kwh();
            long t0 = System.nanoTime();
            try (Learner tuned = Learner.create(s.model(), train, s.finetuneLr(), s.seed())) {
                tuned.copyWeightsFrom(learner, s.resetHead());
                preparation = new Arm(preparation.epochs(), Double.NaN, preparation.kwh() + clock.total().kwh() - e0,
                        preparation.seconds() + (System.nanoTime() - t0) / 1e9);
                technique = fineTune(s, tuned, train, target, test, testIds, clock);
            }
        }
        Arm scratch;
        try (Learner learner = Learner.create(s.model(), train, s.finetuneLr(), s.seed())) {
            scratch = fineTune(s, learner, train, target, test, testIds, clock);
        }
        return new Versus("transfer", preparation, technique, scratch);
    }

    private static Arm fineTune(Settings s, Learner learner, ImageSet train, int[] target, ImageSet test,
            int[] testIds, EnergyClock clock) {
        return Epochs.train(learner, train, e -> order(target, s.seed() + 1, e), s.finetuneEpochs(), s.batchSize(),
                test, testIds, true, clock);
    }

    private static int[] order(int[] ids, long seed, int epoch) {
        return Shuffle.copy(ids, new Random(seed * 977 + epoch));
    }

    /** A seeded {@code fraction} of {@code ids} (at least one), ascending; the rest is {@link #rest}. */
    public static int[] fraction(int[] ids, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("--pretrain-fraction must be in (0, 1), got " + fraction);
        }
        int n = Math.max(1, (int) Math.round(fraction * ids.length));
        int[] out = Arrays.copyOf(Shuffle.copy(ids, new Random(seed ^ 0x5DEECE66DL)), n);
        Arrays.sort(out);
        return out;
    }

    /** The ids of {@code ids} not in {@code taken}, in their order. */
    public static int[] rest(int[] ids, int[] taken) {
        Set<Integer> t = Arrays.stream(taken).boxed().collect(Collectors.toSet());
        return Arrays.stream(ids).filter(id -> !t.contains(id)).toArray();
    }

    /** Parses a class list such as {@code 0-4} or {@code 0,2,5-7} against {@code classes} classes. */
    public static Set<Integer> parseClasses(String spec, int classes) {
        Set<Integer> out = new java.util.TreeSet<>();
        try {
            for (String part : spec.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to >= classes || from > to) {
                    throw new NumberFormatException();
                }
                for (int c = from; c <= to; c++) {
                    out.add(c);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--pretrain-classes '" + spec + "' is not a class list such as 0-4 "
                    + "or 0,2,5-7 within 0-" + (classes - 1));
        }
        if (out.size() == classes) {
            throw new IllegalArgumentException("--pretrain-classes '" + spec + "' takes every class; leave some "
                    + "for the target task");
        }
        return out;
    }
}
