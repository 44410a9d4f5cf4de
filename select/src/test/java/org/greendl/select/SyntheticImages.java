package org.greendl.select;

import java.util.Random;

/** Tiny learnable 28x28 images: class c is a bright horizontal band at rows 2c..2c+3 plus noise. */
public final class SyntheticImages {
    private SyntheticImages() {}

    public static ImageSet make(int n, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = i % 10;
            labels[i] = (byte) c;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = r.nextInt(60);
                    if (y >= 2 * c + 4 && y < 2 * c + 7) {
                        v += 150;
                    }
                    pixels[i * 784 + y * 28 + x] = (byte) Math.min(255, v);
                }
            }
        }
        return new ImageSet(pixels, labels, 1, 28, 28, 10, 0.2f, 0.3f);
    }
}
