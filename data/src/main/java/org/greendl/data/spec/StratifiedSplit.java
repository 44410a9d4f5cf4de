package org.greendl.data.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.greendl.data.Seeds;

/**
 * Holds out the same share of every class for testing, chosen by a seeded shuffle per class, so each class
 * keeps its proportion in both splits and the split depends on the seed only. Both index lists come back in
 * storage order.
 */
record StratifiedSplit(int[] train, int[] test) {
    static StratifiedSplit of(int[] labels, int classes, double testFraction, long seed) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        int[] train = new int[labels.length];
        int[] test = new int[labels.length];
        int nTrain = 0;
        int nTest = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            java.util.Collections.shuffle(members, new Random(Seeds.mix(seed, c, 0x7e57)));
            int held = (int) Math.round(testFraction * members.size());
            for (int k = 0; k < members.size(); k++) {
                if (k < held) {
                    test[nTest++] = members.get(k);
                } else {
                    train[nTrain++] = members.get(k);
                }
            }
        }
        int[] trainOut = Arrays.copyOf(train, nTrain);
        int[] testOut = Arrays.copyOf(test, nTest);
        Arrays.sort(trainOut);
        Arrays.sort(testOut);
        return new StratifiedSplit(trainOut, testOut);
    }
}
