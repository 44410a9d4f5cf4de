package org.greendl.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.IntFunction;

/** Epoch-by-epoch training with a metered, optionally evaluated log of every epoch. */
public final class Epochs {
    private Epochs() {}

    /**
     * Trains {@code learner} for {@code epochs} epochs, epoch {@code e} (0-based) on {@code order.apply(e)}; after
     * each epoch evaluates on {@code testIds} when {@code evaluate} (the evaluation's energy is in the epoch's).
     */
    public static Arm train(Learner learner, ImageSet data, IntFunction<int[]> order, int epochs, int batchSize,
            ImageSet test, int[] testIds, boolean evaluate, EnergyClock clock) {
        List<EpochPoint> log = new ArrayList<>();
        double accuracy = Double.NaN;
        double kwh = 0;
        double seconds = 0;
        for (int e = 0; e < epochs; e++) {
            double e0 = clock.total().kwh();
            long t0 = System.nanoTime();
            int[] ids = order.apply(e);
            learner.trainEpoch(data, ids, batchSize, null);
            accuracy = evaluate ? learner.accuracy(test, testIds, Math.max(256, batchSize)) : Double.NaN;
            EpochPoint p = new EpochPoint(e + 1, ids.length, accuracy, clock.total().kwh() - e0,
                    (System.nanoTime() - t0) / 1e9);
            log.add(p);
            kwh += p.kwh();
            seconds += p.seconds();
        }
        return new Arm(log, accuracy, kwh, seconds);
    }

    /**
     * A few untimed batches per model first, so the engine's one-off start (native library, JIT) is not billed to
     * whichever phase happens to run first: the phases are compared with each other.
     */
    public static void warmUp(List<String> models, ImageSet data, int[] ids, int batchSize, float learningRate,
            long seed) {
        int[] few = Arrays.copyOf(ids, Math.min(ids.length, 4 * batchSize));
        for (String model : new LinkedHashSet<>(models)) {
            try (Learner learner = Learner.create(model, data, learningRate, seed)) {
                learner.trainEpoch(data, few, batchSize, null);
                learner.predict(data, few, false, batchSize);
            }
        }
    }
}
