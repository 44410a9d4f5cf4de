package org.greendl.select.active;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The positions of the k highest scores, ties broken by the lower position so results are reproducible. */
public final class TopK {
    private TopK() {}

    public static int[] highest(double[] scores, int k) {
        if (k < 0 || k > scores.length) {
            throw new IllegalArgumentException("cannot take " + k + " of " + scores.length + " scores");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN (did the model diverge?)");
            }
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
