package org.greendl.nn.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Test data: the first {@code n} Fashion-MNIST images (scaled to [0, 1], then standardised with the
 * dataset's mean 0.286 and std 0.353) from the Debian package's folder, or, when it is not installed, a
 * synthetic but learnable set (each class a fixed random pattern plus noise). Tests say which they got.
 */
public record TinyFashion(float[] images, int[] labels, int count, boolean real) {
    public static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final float MEAN = 0.286f;
    private static final float STD = 0.353f;

    public static TinyFashion load(boolean train, int n) {
        Path images = DIR.resolve((train ? "train" : "t10k") + "-images-idx3-ubyte.gz");
        Path labels = DIR.resolve((train ? "train" : "t10k") + "-labels-idx1-ubyte.gz");
        if (!Files.isReadable(images) || !Files.isReadable(labels)) {
            return synthetic(n, train ? 1 : 2);
        }
        try (DataInputStream im = open(images); DataInputStream lb = open(labels)) {
            if (im.readInt() != 2051 || lb.readInt() != 2049) {
                throw new IOException("not IDX image/label files in " + DIR);
            }
            int total = Math.min(im.readInt(), lb.readInt());
            int rows = im.readInt();
            int cols = im.readInt();
            int count = Math.min(n, total);
            byte[] pixels = new byte[count * rows * cols];
            im.readFully(pixels);
            byte[] lab = new byte[count];
            lb.readFully(lab);
            float[] x = new float[pixels.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = ((pixels[i] & 0xff) / 255f - MEAN) / STD;
            }
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                y[i] = lab[i];
            }
            return new TinyFashion(x, y, count, true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Fashion-MNIST from " + DIR + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    }

    static TinyFashion synthetic(int n, long seed) {
        Random patterns = new Random(42);
        float[][] proto = new float[10][784];
        for (float[] p : proto) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) patterns.nextGaussian();
            }
        }
        Random r = new Random(seed);
        float[] x = new float[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(10);
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = proto[y[i]][j] + 1.5f * (float) r.nextGaussian();
            }
        }
        return new TinyFashion(x, y, n, false);
    }

    /** Images [from, from + size) as a flat array for an (size, 1, 28, 28) tensor. */
    public float[] images(int from, int size) {
        float[] out = new float[size * 784];
        System.arraycopy(images, from * 784, out, 0, size * 784);
        return out;
    }

    public float[] labels(int from, int size) {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = labels[from + i];
        }
        return out;
    }
}
