package org.greendl.select.active;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * k-center greedy core-set selection (Sener and Savarese 2018): repeatedly take the candidate farthest (in
 * embedding space, Euclidean) from everything already labelled or chosen, which greedily minimises the largest
 * distance from any pool point to its nearest centre (a 2-approximation of the k-center problem).
 */
public final class KCenterGreedy {
    private KCenterGreedy() {}

    /**
     * @param candidates embeddings of the unlabelled candidates {@code [n][d]}
     * @param centres embeddings of the labelled examples {@code [m][d]} (may be empty)
     * @param k how many candidates to choose
     * @param random picks the first centre when there are no labelled examples
     * @return positions into {@code candidates}, in the order chosen
     */
    public static int[] select(float[][] candidates, float[][] centres, int k, Random random) {
        int n = candidates.length;
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot choose " + k + " of " + n + " candidates");
        }
        int[] chosen = new int[k];
        if (k == 0) {
            return chosen;
        }
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (float[] c : centres) {
            relax(candidates, nearest, c);
        }
        for (int j = 0; j < k; j++) {
            int pick;
            if (j == 0 && centres.length == 0) {
                pick = random.nextInt(n);
            } else {
                pick = farthest(nearest);
            }
            chosen[j] = pick;
            relax(candidates, nearest, candidates[pick]);
            nearest[pick] = -1; // never again
        }
        return chosen;
    }

    private static void relax(float[][] candidates, double[] nearest, float[] centre) {
        IntStream.range(0, candidates.length).parallel().forEach(i -> {
            if (nearest[i] < 0) {
                return;
            }
            double d = squaredDistance(candidates[i], centre);
            if (d < nearest[i]) {
                nearest[i] = d;
            }
        });
    }

    private static int farthest(double[] nearest) {
        int best = -1;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nearest.length; i++) {
            if (nearest[i] > max) {
                max = nearest[i];
                best = i;
            }
        }
        return best;
    }

    static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
