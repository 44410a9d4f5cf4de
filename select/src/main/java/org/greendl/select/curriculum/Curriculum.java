package org.greendl.select.curriculum;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Curriculum learning (Bengio et al. 2009) with a pacing function (Hacohen and Weinshall 2019): examples are
 * sorted easy to hard by a difficulty score, and epoch {@code e} trains on the easiest {@code pace(e)} fraction,
 * shuffled, growing linearly from {@code start} to everything at epoch {@code rampEpochs}.
 */
public final class Curriculum {
    private final int[] easyToHard;
    private final double start;
    private final int rampEpochs;

    /**
     * @param ids example ids
     * @param difficulty one score per id, higher = harder (e.g. EL2N or loss of a scoring model)
     * @param start fraction available at epoch 0, in (0, 1]
     * @param rampEpochs epochs until all data is used (0 = from the start: plain ordering by nothing)
     */
    public Curriculum(int[] ids, double[] difficulty, double start, int rampEpochs) {
        if (ids.length != difficulty.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + difficulty.length + " scores");
        }
        if (!(start > 0 && start <= 1)) {
            throw new IllegalArgumentException("curriculum start fraction must be in (0, 1], got " + start);
        }
        if (rampEpochs < 0) {
            throw new IllegalArgumentException("ramp epochs must be >= 0, got " + rampEpochs);
        }
        Integer[] order = IntStream.range(0, ids.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> difficulty[i]).thenComparingInt(i -> i));
        this.easyToHard = Arrays.stream(order).mapToInt(i -> ids[i]).toArray();
        this.start = start;
        this.rampEpochs = rampEpochs;
    }

    /** Fraction of the data available at {@code epoch} (0-based). */
    public double pace(int epoch) {
        if (rampEpochs == 0 || epoch >= rampEpochs) {
            return 1.0;
        }
        return start + (1.0 - start) * epoch / rampEpochs;
    }

    /** The ids to train on in {@code epoch}: the easiest {@code pace(epoch)} share, shuffled with {@code random}. */
    public int[] epoch(int epoch, Random random) {
        int n = Math.max(1, (int) Math.round(pace(epoch) * easyToHard.length));
        int[] ids = Arrays.copyOf(easyToHard, Math.min(n, easyToHard.length));
        org.greendl.select.Shuffle.inPlace(ids, random);
        return ids;
    }

    /** All ids, easiest first. */
    public int[] easyToHard() {
        return easyToHard.clone();
    }
}
