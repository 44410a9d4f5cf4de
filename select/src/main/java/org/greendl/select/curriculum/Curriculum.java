package org.greendl.select.curriculum;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Curriculum learning (Bengio et al. 2009) with a pacing function (Hacohen and Weinshall 2019): examples are
 * sorted easy to hard by a difficulty score, and epoch {@code e} trains on the easiest {@code pace(e)} fraction,
 * shuffled, growing from {@code start} to everything at epoch {@code rampEpochs}: linearly every epoch, or in
 * steps that double the share (Hacohen and Weinshall's fixed exponential pacing).
 */
public final class Curriculum {
    /** How the available share grows. */
    public enum Pacing {
        /** {@code start + (1 - start) * e / ramp}. */
        LINEAR,
        /** {@code start * 2^floor(e / stepLength)}, the step length chosen so that all data is in by the ramp. */
        STEP;

        /** {@code linear} or {@code step}; anything else is a one-line error. */
        public static Pacing parse(String name) {
            return switch (name) {
                case "linear" -> LINEAR;
                case "step" -> STEP;
                default -> throw new IllegalArgumentException("unknown pacing '" + name
                        + "' (expected linear or step)");
            };
        }
    }

    private final int[] easyToHard;
    private final double start;
    private final int rampEpochs;
    private final Pacing pacing;

    /**
     * @param ids example ids
     * @param difficulty one score per id, higher = harder (e.g. EL2N or loss of a scoring model)
     * @param start fraction available at epoch 0, in (0, 1]
     * @param rampEpochs epochs until all data is used (0 = from the start: plain ordering by nothing)
     */
    public Curriculum(int[] ids, double[] difficulty, double start, int rampEpochs) {
        this(ids, difficulty, start, rampEpochs, Pacing.LINEAR);
    }

    /** As {@link #Curriculum(int[], double[], double, int)} with a chosen pacing. */
    public Curriculum(int[] ids, double[] difficulty, double start, int rampEpochs, Pacing pacing) {
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
        this.pacing = pacing;
    }

    /** Fraction of the data available at {@code epoch} (0-based). */
    public double pace(int epoch) {
        if (rampEpochs == 0 || epoch >= rampEpochs) {
            return 1.0;
        }
        if (pacing == Pacing.LINEAR) {
            return start + (1.0 - start) * epoch / rampEpochs;
        }
        int doublings = (int) Math.ceil(Math.log(1.0 / start) / Math.log(2) - 1e-9);
        int stepLength = Math.max(1, rampEpochs / Math.max(1, doublings));
        return Math.min(1.0, start * Math.pow(2, epoch / stepLength));
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
