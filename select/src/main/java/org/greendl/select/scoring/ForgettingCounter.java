package org.greendl.select.scoring;

import java.util.Map;

/**
 * Counts forgetting events (Toneva et al. 2019): an example is forgotten when it was classified correctly the
 * last time it was seen in a training mini-batch and incorrectly now. Examples never classified correctly are
 * scored as the hardest ({@code events seen + 1}, more than any learned example can reach), as in the paper.
 */
public final class ForgettingCounter {
    private final Map<Integer, Integer> slot;
    private final int[] forgotten;
    private final int[] seen;
    private final boolean[] lastCorrect;
    private final boolean[] everCorrect;

    /** @param ids the example ids that training will show, in the order scores are reported */
    public ForgettingCounter(int[] ids) {
        slot = new java.util.HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            if (slot.put(ids[i], i) != null) {
                throw new IllegalArgumentException("id " + ids[i] + " listed twice");
            }
        }
        forgotten = new int[ids.length];
        seen = new int[ids.length];
        lastCorrect = new boolean[ids.length];
        everCorrect = new boolean[ids.length];
    }

    /** Records one mini-batch: {@code correct[j]} is the prediction for {@code order[from + j]}. */
    public void record(int[] order, int from, boolean[] correct) {
        for (int j = 0; j < correct.length; j++) {
            Integer s = slot.get(order[from + j]);
            if (s == null) {
                throw new IllegalArgumentException("id " + order[from + j] + " is not being counted");
            }
            if (seen[s] > 0 && lastCorrect[s] && !correct[j]) {
                forgotten[s]++;
            }
            lastCorrect[s] = correct[j];
            everCorrect[s] |= correct[j];
            seen[s]++;
        }
    }

    /** Forgetting events per example; never-learned examples get {@code maxSeen + 1}. */
    public double[] scores() {
        int maxSeen = 0;
        for (int v : seen) {
            maxSeen = Math.max(maxSeen, v);
        }
        double[] s = new double[forgotten.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = everCorrect[i] ? forgotten[i] : maxSeen + 1;
        }
        return s;
    }
}
