package org.greendl.select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.greendl.data.FashionMnist;
import org.greendl.data.IdxArray;
import org.greendl.data.IdxReader;
import org.greendl.data.augment.AugmentContext;
import org.greendl.data.augment.Augmentation;
import org.greendl.data.augment.Example;

/**
 * Labelled images held as unsigned bytes, addressed by id (the position in the stored arrays, e.g. the index in
 * the IDX file), so a pool, a labelled set or a pruned set is just an {@code int[]} of ids.
 */
public final class ImageSet {
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;
    private final float[] byteToNormalized = new float[256];
    private final float mean;
    private final float std;

    public ImageSet(byte[] pixels, byte[] labels, int channels, int height, int width, int classes, float mean,
            float std) {
        int item = channels * height * width;
        if (item <= 0 || pixels.length % item != 0 || pixels.length / item != labels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not make " + labels.length
                    + " images of " + channels + "x" + height + "x" + width);
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) >= classes) {
                throw new IllegalArgumentException("label " + (labels[i] & 0xff) + " of image " + i
                        + " is not below " + classes);
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.count = labels.length;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
        this.mean = mean;
        this.std = std;
        for (int i = 0; i < 256; i++) {
            byteToNormalized[i] = (i / 255f - mean) / std;
        }
    }

    /** Fashion-MNIST's training and test images, found the usual way ({@code --data}, $GREENDL_DATA, ...). */
    public static Splits fashionMnist(Path dataDirOrNull) throws IOException {
        Path folder = FashionMnist.locate(dataDirOrNull);
        return new Splits(read(folder, "train"), read(folder, "t10k"));
    }

    private static ImageSet read(Path folder, String prefix) throws IOException {
        IdxArray images = IdxReader.read(file(folder, prefix + "-images-idx3-ubyte"), 3);
        IdxArray labels = IdxReader.read(file(folder, prefix + "-labels-idx1-ubyte"), 1);
        return new ImageSet(images.data(), labels.data(), 1, FashionMnist.SIDE, FashionMnist.SIDE,
                FashionMnist.CLASSES, FashionMnist.MEAN, FashionMnist.STD);
    }

    private static Path file(Path folder, String name) {
        Path gz = folder.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : folder.resolve(name);
    }

    /** The training and test sets of one dataset. */
    public record Splits(ImageSet train, ImageSet test) {}

    public int count() {
        return count;
    }

    public int classes() {
        return classes;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int label(int id) {
        return labels[check(id)] & 0xff;
    }

    public int[] labels(int[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = label(ids[i]);
        }
        return out;
    }

    /** The raw bytes of image {@code id}, {@code C*H*W} values in [0, 255]. */
    public byte[] rawImage(int id) {
        int item = channels * height * width;
        byte[] out = new byte[item];
        System.arraycopy(pixels, check(id) * item, out, 0, item);
        return out;
    }

    /** Images {@code ids[from..to)} normalized, as one flat NCHW float array. */
    public float[] normalized(int[] ids, int from, int to) {
        int item = channels * height * width;
        float[] out = new float[(to - from) * item];
        for (int b = from; b < to; b++) {
            int offset = check(ids[b]) * item;
            int dst = (b - from) * item;
            for (int i = 0; i < item; i++) {
                out[dst + i] = byteToNormalized[pixels[offset + i] & 0xff];
            }
        }
        return out;
    }

    /**
     * Images {@code ids[from..to)} augmented, then normalized, as one flat NCHW float array: the augmentation sees
     * pixels in [0, 1] (so a crop pads with black, the background) and draws from {@code random}.
     */
    public float[] augmented(int[] ids, int from, int to, Augmentation augmentation, Random random) {
        if (augmentation.mixesTargets()) {
            throw new IllegalArgumentException("augmentation " + augmentation + " mixes labels (mixup, cutmix); "
                    + "only per-image ones (crop, flip, cutout) are supported here");
        }
        int item = channels * height * width;
        float[] out = new float[(to - from) * item];
        AugmentContext context = AugmentContext.of(random, () -> {
            throw new UnsupportedOperationException("mixing augmentations are not supported here");
        });
        for (int b = from; b < to; b++) {
            Example raw = Example.fromBytes(pixels, check(ids[b]), channels, height, width, label(ids[b]), classes);
            float[] augmented = augmentation.apply(raw, context).pixels();
            int dst = (b - from) * item;
            for (int i = 0; i < item; i++) {
                out[dst + i] = (augmented[i] - mean) / std;
            }
        }
        return out;
    }

    /** All ids {@code 0..count-1}. */
    public int[] allIds() {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = i;
        }
        return ids;
    }

    private int check(int id) {
        if (id < 0 || id >= count) {
            throw new IllegalArgumentException("image id " + id + " is outside 0.." + (count - 1));
        }
        return id;
    }
}
