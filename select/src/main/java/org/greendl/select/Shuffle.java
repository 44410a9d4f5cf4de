package org.greendl.select;

import java.util.Random;

/** Fisher-Yates shuffles of id arrays. */
public final class Shuffle {
    private Shuffle() {}

    public static void inPlace(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    public static int[] copy(int[] a, Random random) {
        int[] c = a.clone();
        inPlace(c, random);
        return c;
    }
}
