package org.greendl.select;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.greendl.data.FashionMnist;
import org.greendl.data.IdxArray;
import org.greendl.data.IdxReader;
import org.greendl.data.ImageDataset;
import org.greendl.data.augment.AugmentContext;
import org.greendl.data.augment.Augmentation;
import org.greendl.data.augment.Example;
import org.greendl.data.spec.LoadedData;

/**
 * Labelled examples addressed by id (the position in the stored arrays, e.g. the index in the IDX file), so a
 * pool, a labelled set or a pruned set is just an {@code int[]} of ids.
 *
 * <p>Examples are images {@code (C, H, W)} or feature vectors {@code (F)} (a CSV's rows). They are stored as
 * unsigned bytes (scaled to [0, 1] by / 255) where the data is bytes, else as floats taken as they are (the
 * loaders' "raw" values); they are normalized with a mean and standard deviation per channel (per feature for
 * feature vectors), as {@link ImageDataset} does.
 */
public final class ImageSet {
    private final byte[] pixels;
    private final float[] values;
    private final int[] labels;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final boolean features;
    private final int classes;
    private final float[][] byteToNormalized;
    private final float[] mean;
    private final float[] std;

    /** Single-channel or multi-channel images as unsigned bytes with one mean and standard deviation. */
    public ImageSet(byte[] pixels, byte[] labels, int channels, int height, int width, int classes, float mean,
            float std) {
        this(pixels, null, widen(labels), channels, height, width, false, classes, new float[] {mean},
                new float[] {std});
    }

    private ImageSet(byte[] pixels, float[] values, int[] labels, int channels, int height, int width,
            boolean features, int classes, float[] mean, float[] std) {
        int item = channels * height * width;
        int stored = pixels != null ? pixels.length : values.length;
        if (item <= 0 || stored % item != 0 || stored / item != labels.length) {
            throw new IllegalArgumentException(stored + " stored values do not make " + labels.length
                    + (features ? " vectors of " + channels + " features"
                            : " images of " + channels + "x" + height + "x" + width));
        }
        if (classes < 1) {
            throw new IllegalArgumentException("need at least one class, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i
                        + " is not in 0.." + (classes - 1));
            }
        }
        this.pixels = pixels;
        this.values = values;
        this.labels = labels;
        this.count = labels.length;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.features = features;
        this.classes = classes;
        this.mean = perChannel(mean, channels, "means");
        this.std = perChannel(std, channels, "standard deviations");
        if (pixels != null) {
            byteToNormalized = new float[channels][256];
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < 256; i++) {
                    byteToNormalized[c][i] = (i / 255f - this.mean[c]) / this.std[c];
                }
            }
        } else {
            byteToNormalized = null;
        }
    }

    /** Images as unsigned bytes ({@code C*H*W} per image, channel-major), a mean and std per channel or one. */
    public static ImageSet ofBytes(byte[] pixels, int[] labels, int channels, int height, int width, int classes,
            float[] mean, float[] std) {
        return new ImageSet(pixels, null, labels, channels, height, width, false, classes, mean, std);
    }

    /** Images as floats ({@code C*H*W} per image, channel-major), not scaled before normalization. */
    public static ImageSet ofFloats(float[] values, int[] labels, int channels, int height, int width, int classes,
            float[] mean, float[] std) {
        return new ImageSet(null, values, labels, channels, height, width, false, classes, mean, std);
    }

    /** Feature vectors, {@code featureCount} floats per example, each feature normalized with its own constants. */
    public static ImageSet ofFeatures(float[] values, int[] labels, int featureCount, int classes, float[] mean,
            float[] std) {
        return new ImageSet(null, values, labels, featureCount, 1, 1, true, classes, mean, std);
    }

    /** Fashion-MNIST's training and test images, found the usual way ({@code --data}, $GREENDL_DATA, ...). */
    public static Splits fashionMnist(Path dataDirOrNull) throws IOException {
        Path folder = FashionMnist.locate(dataDirOrNull);
        return new Splits(read(folder, "train"), read(folder, "t10k"));
    }

    /**
     * The two splits of data read through {@code org.greendl.data.spec} (any {@code --data}), with the data's
     * shape, classes and per-channel normalization. Id {@code i} of a split is its {@code i}-th example in stored
     * order (e.g. the IDX file's), whatever order the split lists them in (a training split is often shuffled).
     */
    public static Splits of(LoadedData data) {
        return new Splits(of(data.train()), of(data.test()));
    }

    /** One split of {@link #of(LoadedData)}. */
    public static ImageSet of(ImageDataset data) {
        int n = Math.toIntExact(data.size());
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Integer.compare(data.storageIndex(a), data.storageIndex(b)));
        long[] shape = data.exampleShape().getShape();
        boolean vectors = shape.length == 1;
        int c = (int) shape[0];
        int h = vectors ? 1 : (int) shape[1];
        int w = vectors ? 1 : (int) shape[2];
        int item = c * h * w;
        int[] labels = new int[n];
        boolean bytes = data.storesBytes();
        byte[] pixels = bytes ? new byte[n * item] : null;
        float[] values = bytes ? null : new float[n * item];
        for (int i = 0; i < n; i++) {
            int position = boxed[i];
            labels[i] = data.label(position);
            if (bytes) {
                System.arraycopy(data.storedBytes(position), 0, pixels, i * item, item);
            } else {
                System.arraycopy(data.storedValues(position), 0, values, i * item, item);
            }
        }
        return new ImageSet(pixels, values, labels, c, h, w, vectors, data.classes(), data.mean(), data.std());
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

    private static int[] widen(byte[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] & 0xff;
        }
        return out;
    }

    private static float[] perChannel(float[] given, int channels, String what) {
        if (given.length == channels) {
            return given.clone();
        }
        if (given.length != 1) {
            throw new IllegalArgumentException(given.length + " " + what + " for " + channels
                    + " channels (expected 1 or " + channels + ")");
        }
        float[] out = new float[channels];
        Arrays.fill(out, given[0]);
        return out;
    }

    /** The training and test sets of one dataset. */
    public record Splits(ImageSet train, ImageSet test) {}

    public int count() {
        return count;
    }

    public int classes() {
        return classes;
    }

    /** Channels of an image; the number of features of a feature vector. */
    public int channels() {
        return channels;
    }

    /** Image height; 1 for feature vectors. */
    public int height() {
        return height;
    }

    /** Image width; 1 for feature vectors. */
    public int width() {
        return width;
    }

    /** True for feature vectors {@code (F)}, false for images {@code (C, H, W)}. */
    public boolean featureVectors() {
        return features;
    }

    /** The shape of one example: {@code (C, H, W)} for images, {@code (F)} for feature vectors. */
    public Shape exampleShape() {
        return features ? new Shape(channels) : new Shape(channels, height, width);
    }

    /** Per-channel (per-feature) mean. */
    public float[] mean() {
        return mean.clone();
    }

    /** Per-channel (per-feature) standard deviation. */
    public float[] std() {
        return std.clone();
    }

    public int label(int id) {
        return labels[check(id)];
    }

    public int[] labels(int[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = label(ids[i]);
        }
        return out;
    }

    /** The raw bytes of image {@code id}, {@code C*H*W} values in [0, 255]; for data stored as bytes only. */
    public byte[] rawImage(int id) {
        if (pixels == null) {
            throw new IllegalStateException("this data is stored as floats, not bytes; use rawValues");
        }
        int item = item();
        byte[] out = new byte[item];
        System.arraycopy(pixels, check(id) * item, out, 0, item);
        return out;
    }

    /** Example {@code id} before normalization: bytes scaled to [0, 1], stored floats as they are. */
    public float[] rawValues(int id) {
        int item = item();
        int offset = check(id) * item;
        if (pixels == null) {
            return Arrays.copyOfRange(values, offset, offset + item);
        }
        float[] out = new float[item];
        for (int i = 0; i < item; i++) {
            out[i] = (pixels[offset + i] & 0xff) / 255f;
        }
        return out;
    }

    /** Examples {@code ids[from..to)} normalized, as one flat NCHW (or NF) float array. */
    public float[] normalized(int[] ids, int from, int to) {
        int item = item();
        int plane = height * width;
        float[] out = new float[(to - from) * item];
        for (int b = from; b < to; b++) {
            int offset = check(ids[b]) * item;
            int dst = (b - from) * item;
            if (pixels != null) {
                for (int c = 0, i = 0; c < channels; c++) {
                    float[] table = byteToNormalized[c];
                    for (int end = i + plane; i < end; i++) {
                        out[dst + i] = table[pixels[offset + i] & 0xff];
                    }
                }
            } else {
                for (int c = 0, i = 0; c < channels; c++) {
                    float m = mean[c];
                    float s = std[c];
                    for (int end = i + plane; i < end; i++) {
                        out[dst + i] = (values[offset + i] - m) / s;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Images {@code ids[from..to)} augmented, then normalized, as one flat NCHW float array: the augmentation sees
     * pixels in [0, 1] (so a crop pads with black, the background) and draws from {@code random}. Feature vectors
     * take no augmentation (other than none).
     */
    public float[] augmented(int[] ids, int from, int to, Augmentation augmentation, Random random) {
        if (augmentation.mixesTargets()) {
            throw new IllegalArgumentException("augmentation " + augmentation + " mixes labels (mixup, cutmix); "
                    + "only per-image ones (crop, flip, cutout) are supported here");
        }
        if (features) {
            if ("none".equals(augmentation.toString())) {
                return normalized(ids, from, to);
            }
            throw new IllegalArgumentException("augmentation " + augmentation + " applies to images, not to feature "
                    + "vectors (this data has " + channels + " features per example); use --augment none");
        }
        int item = item();
        int plane = height * width;
        float[] out = new float[(to - from) * item];
        AugmentContext context = AugmentContext.of(random, () -> {
            throw new UnsupportedOperationException("mixing augmentations are not supported here");
        });
        for (int b = from; b < to; b++) {
            int id = check(ids[b]);
            Example raw = pixels != null
                    ? Example.fromBytes(pixels, id, channels, height, width, label(id), classes)
                    : new Example(rawValues(id), channels, height, width, Example.oneHot(label(id), classes));
            float[] augmented = augmentation.apply(raw, context).pixels();
            int dst = (b - from) * item;
            for (int i = 0; i < item; i++) {
                int c = i / plane;
                out[dst + i] = (augmented[i] - mean[c]) / std[c];
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

    private int item() {
        return channels * height * width;
    }

    private int check(int id) {
        if (id < 0 || id >= count) {
            throw new IllegalArgumentException("example id " + id + " is outside 0.." + (count - 1));
        }
        return id;
    }
}
