package org.greendl.select.scoring;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Which examples to keep given their scores. */
public final class Pruning {
    private Pruning() {}

    /**
     * Keeps the hardest {@code keep} fraction after skipping the hardest {@code skipHardest} fraction (the EL2N
     * paper drops a few of the very hardest at strong pruning: they are often mislabelled).
     *
     * @return positions into {@code scores}, ascending
     */
    public static int[] keepHardest(double[] scores, double keep, double skipHardest) {
        checkFraction("keep", keep, false);
        checkFraction("skip", skipHardest, true);
        int n = scores.length;
        int kept = (int) Math.round(keep * n);
        int skipped = (int) Math.round(skipHardest * n);
        if (kept + skipped > n) {
            throw new IllegalArgumentException("cannot keep " + keep + " and skip " + skipHardest
                    + " of the data (more than all of it)");
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int[] out = new int[kept];
        for (int i = 0; i < kept; i++) {
            out[i] = order[skipped + i];
        }
        Arrays.sort(out);
        return out;
    }

    /** A uniform random {@code keep} fraction (the baseline pruning must beat), positions ascending. */
    public static int[] keepRandom(int n, double keep, java.util.Random random) {
        checkFraction("keep", keep, false);
        int kept = (int) Math.round(keep * n);
        int[] p = IntStream.range(0, n).toArray();
        for (int i = 0; i < kept; i++) {
            int j = i + random.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] out = Arrays.copyOf(p, kept);
        Arrays.sort(out);
        return out;
    }

    private static void checkFraction(String what, double f, boolean zeroOk) {
        if (!(f >= 0 && f <= 1) || (!zeroOk && f == 0)) {
            throw new IllegalArgumentException(what + " fraction must be in " + (zeroOk ? "[0, 1]" : "(0, 1]")
                    + ", got " + f);
        }
    }
}
