package org.greendl.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A small dataset of the user's own, as IDX files by MNIST's names: easy to learn, unlike Fashion-MNIST in shape. */
public final class BarsIdx {
    private static final int SIDE = 12;

    private BarsIdx() {}

    /** Three classes of 12x12 gray images: a horizontal bar, a vertical bar, a diagonal, at random places. */
    public static void write(Path dir, int train, int test) throws IOException {
        write(dir, train, test, SIDE);
    }

    /** The same bars on images of {@code side} x {@code side} pixels (data of another shape). */
    public static void write(Path dir, int train, int test, int side) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(7);
        write(dir, "train", train, r, side);
        write(dir, "t10k", test, r, side);
    }

    private static void write(Path dir, String prefix, int n, Random r, int side) throws IOException {
        byte[] pixels = new byte[n * side * side];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            labels[i] = (byte) label;
            int at = 2 + r.nextInt(side - 4);
            for (int k = 0; k < side; k++) {
                int row = label == 0 ? at : k;
                int col = label == 1 ? at : label == 0 ? k : (k + at) % side;
                pixels[i * side * side + row * side + col] = (byte) 255;
            }
            for (int k = 0; k < 6; k++) {
                pixels[i * side * side + r.nextInt(side * side)] = (byte) r.nextInt(160);
            }
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")))) {
            out.writeInt(0x803);
            out.writeInt(n);
            out.writeInt(side);
            out.writeInt(side);
            out.write(pixels);
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            out.writeInt(0x801);
            out.writeInt(n);
            out.write(labels);
        }
    }
}
