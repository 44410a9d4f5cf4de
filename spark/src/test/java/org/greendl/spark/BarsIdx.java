package org.greendl.spark;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A tiny dataset as IDX files by MNIST's names (the CLI tests' BarsIdx): 3 classes of 12x12 bars. */
final class BarsIdx {
    private static final int SIDE = 12;

    private BarsIdx() {}

    /** A horizontal bar, a vertical bar, a diagonal, at random places, with a little noise. */
    static void write(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(7);
        write(dir, "train", train, r);
        write(dir, "t10k", test, r);
    }

    private static void write(Path dir, String prefix, int n, Random r) throws IOException {
        byte[] pixels = new byte[n * SIDE * SIDE];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            labels[i] = (byte) label;
            int at = 2 + r.nextInt(SIDE - 4);
            for (int k = 0; k < SIDE; k++) {
                int row = label == 0 ? at : k;
                int col = label == 1 ? at : label == 0 ? k : (k + at) % SIDE;
                pixels[i * SIDE * SIDE + row * SIDE + col] = (byte) 255;
            }
            for (int k = 0; k < 6; k++) {
                pixels[i * SIDE * SIDE + r.nextInt(SIDE * SIDE)] = (byte) r.nextInt(160);
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(SIDE);
            out.writeInt(SIDE);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(0x801);
            out.writeInt(n);
            out.write(labels);
        }
    }
}
