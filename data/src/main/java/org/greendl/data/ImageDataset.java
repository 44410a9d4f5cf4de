package org.greendl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.greendl.data.augment.AugmentContext;
import org.greendl.data.augment.Augmentation;
import org.greendl.data.augment.Example;

/**
 * A labelled dataset held in memory: a DJL {@link RandomAccessDataset} whose batches are built directly as one
 * {@code (N, C, H, W)} float32 array and one label array, instead of one NDArray per example. Images are stored
 * as unsigned bytes (pixels / 255, then normalized with a mean and standard deviation per channel) or as floats
 * (normalized as they are); feature vectors {@code (N, F)} are floats whose features are the channels, each
 * normalized with its own mean and standard deviation. Labels are class
 * indices {@code (N)} as float32, or class probabilities {@code (N, classes)} when an augmentation mixes
 * targets (mixup, cutmix).
 *
 * <p>Shuffling and augmentation depend only on the seed and the epoch ({@link #setEpoch}), so runs are
 * reproducible and resumable. Each batch owns a sub-manager of the manager passed to {@link #getData}; closing
 * the batch frees everything created from it.
 */
public final class ImageDataset extends RandomAccessDataset implements EpochAware {
    private final byte[] pixels;
    private final float[] values;
    private final int[] labels;
    private final int[] indices;
    private final int channels;
    private final int height;
    private final int width;
    private final boolean features;
    private final int classes;
    private final float[] mean;
    private final float[] std;
    private final Augmentation augmentation;
    private final long seed;
    private final EpochSampler epochSampler;
    private final float[][] byteToNormalized;

    private ImageDataset(Builder b) {
        super(b);
        this.pixels = b.pixels;
        this.values = b.values;
        this.labels = b.labels;
        this.indices = b.indices;
        this.channels = b.channels;
        this.height = b.height;
        this.width = b.width;
        this.features = b.features;
        this.classes = b.classes;
        this.mean = b.perChannel(b.mean);
        this.std = b.perChannel(b.std);
        this.augmentation = b.augmentation;
        this.seed = b.seed;
        this.epochSampler = (EpochSampler) b.getSampler();
        this.byteToNormalized = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < 256; i++) {
                byteToNormalized[c][i] = (i / 255f - mean[c]) / std[c];
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void setEpoch(int epoch) {
        epochSampler.setEpoch(epoch);
    }

    public int classes() {
        return classes;
    }

    /** The shape of one example: {@code (C, H, W)} for images, {@code (F)} for feature vectors. */
    public Shape exampleShape() {
        return features ? new Shape(channels) : new Shape(channels, height, width);
    }

    /** Per-channel (per-feature for feature vectors) mean subtracted before dividing by {@link #std()}. */
    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    public int batchSize() {
        return epochSampler.getBatchSize();
    }

    /** True when labels are class probabilities {@code (N, classes)} rather than class indices. */
    public boolean softLabels() {
        return augmentation != null && augmentation.mixesTargets();
    }

    /** The class index of example {@code position}. */
    public int label(int position) {
        return labels[indices[position]];
    }

    /** Where example {@code position} sits in the stored arrays (e.g. its index in the IDX file). */
    public int storageIndex(int position) {
        return indices[position];
    }

    /** True when the examples are stored as unsigned bytes ({@link #storedBytes}), false for floats. */
    public boolean storesBytes() {
        return values == null;
    }

    /** The stored bytes of example {@code position} ({@code C*H*W}, channel-major); byte-stored data only. */
    public byte[] storedBytes(int position) {
        if (values != null) {
            throw new IllegalStateException("this dataset stores floats, not bytes");
        }
        int item = channels * height * width;
        int offset = indices[position] * item;
        return Arrays.copyOfRange(pixels, offset, offset + item);
    }

    /**
     * Example {@code position} before normalization and augmentation: stored bytes scaled to [0, 1], stored floats
     * as they are ({@code C*H*W}, or {@code F} for feature vectors).
     */
    public float[] storedValues(int position) {
        return rawExample(position).pixels();
    }

    /** The same data with other batching, seed or augmentation (e.g. evaluation without augmentation). */
    public ImageDataset with(int batchSize, boolean shuffle, Augmentation newAugmentation) {
        return toBuilder().setSampling(new EpochSampler(batchSize, shuffle, seed)).augmentation(newAugmentation).build();
    }

    /** The same data normalized with other per-channel constants. */
    public ImageDataset withNormalization(float[] newMean, float[] newStd) {
        return toBuilder().normalization(newMean, newStd).build();
    }

    /** The examples at {@code positions} (positions in this dataset, in the order given). */
    public ImageDataset select(int[] positions) {
        Builder b = toBuilder();
        int[] chosen = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            chosen[i] = indices[positions[i]];
        }
        b.indices = chosen;
        return b.build();
    }

    /** The first {@code count} examples (in storage order), for quick runs. */
    public ImageDataset firstN(int count) {
        Builder b = toBuilder();
        b.indices = Arrays.copyOf(indices, Math.min(count, indices.length));
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder();
        if (features) {
            b.features(values, channels);
        } else if (values != null) {
            b.floatImages(values, channels, height, width);
        } else {
            b.images(pixels, channels, height, width);
        }
        b.labels(labels, classes)
                .indices(indices)
                .normalization(mean, std)
                .augmentation(augmentation)
                .seed(seed);
        b.setSampling(new EpochSampler(epochSampler.getBatchSize(), epochSampler.shuffles(), seed));
        return b;
    }

    @Override
    protected long availableSize() {
        return indices.length;
    }

    @Override
    public void prepare(Progress progress) {
        // Already in memory.
    }

    @Override
    public Record get(NDManager manager, long index) {
        int position = Math.toIntExact(index);
        Example ex = example(position, epochSampler.epoch());
        NDArray image = manager.create(normalize(ex.pixels()), exampleShape());
        NDArray label = softLabels()
                ? manager.create(ex.target())
                : manager.create((float) label(position));
        return new Record(new NDList(image), new NDList(label));
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        return () -> new BatchIterator(manager, epochSampler.order(indices.length), epochSampler.epoch());
    }

    @Override
    public Iterable<Batch> getData(NDManager manager, ExecutorService executorService) {
        return getData(manager);
    }

    private float[] normalize(float[] unit) {
        float[] out = new float[unit.length];
        int plane = height * width;
        for (int i = 0; i < unit.length; i++) {
            int c = i / plane;
            out[i] = (unit[i] - mean[c]) / std[c];
        }
        return out;
    }

    /** Example {@code position} in [0, 1] with its augmentation for {@code epoch} applied. */
    private Example example(int position, int epoch) {
        Example raw = rawExample(position);
        if (augmentation == null) {
            return raw;
        }
        Random random = new Random(Seeds.mix(seed, epoch, indices[position]));
        return augmentation.apply(raw, AugmentContext.of(random, () -> rawExample(random.nextInt(indices.length))));
    }

    /** Bytes scaled to [0, 1]; stored floats as they are. */
    private Example rawExample(int position) {
        if (values == null) {
            return Example.fromBytes(pixels, indices[position], channels, height, width, label(position), classes);
        }
        int item = channels * height * width;
        float[] copy = Arrays.copyOfRange(values, indices[position] * item, (indices[position] + 1) * item);
        return new Example(copy, channels, height, width, Example.oneHot(label(position), classes));
    }

    private final class BatchIterator implements Iterator<Batch> {
        private final NDManager manager;
        private final int[] order;
        private final int epoch;
        private final int batchSize = epochSampler.getBatchSize();
        private final boolean plain = augmentation == null;
        private int next;

        BatchIterator(NDManager manager, int[] order, int epoch) {
            this.manager = manager;
            this.order = order;
            this.epoch = epoch;
        }

        @Override
        public boolean hasNext() {
            return next < order.length;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int n = Math.min(batchSize, order.length - next);
            int plane = height * width;
            int item = channels * plane;
            float[] data = new float[n * item];
            boolean soft = softLabels();
            float[] target = new float[soft ? n * classes : n];
            for (int b = 0; b < n; b++) {
                int position = order[next + b];
                if (plain) {
                    int offset = indices[position] * item;
                    if (values == null) {
                        for (int c = 0, i = 0; c < channels; c++) {
                            float[] table = byteToNormalized[c];
                            for (int end = i + plane; i < end; i++) {
                                data[b * item + i] = table[pixels[offset + i] & 0xff];
                            }
                        }
                    } else {
                        for (int c = 0, i = 0; c < channels; c++) {
                            for (int end = i + plane; i < end; i++) {
                                data[b * item + i] = (values[offset + i] - mean[c]) / std[c];
                            }
                        }
                    }
                    target[b] = label(position);
                } else {
                    Example ex = example(position, epoch);
                    float[] p = ex.pixels();
                    for (int i = 0; i < item; i++) {
                        int c = i / plane;
                        data[b * item + i] = (p[i] - mean[c]) / std[c];
                    }
                    if (soft) {
                        System.arraycopy(ex.target(), 0, target, b * classes, classes);
                    } else {
                        target[b] = label(position);
                    }
                }
            }
            long progress = next / batchSize;
            next += n;
            NDManager batchManager = manager.newSubManager();
            NDArray x = batchManager.create(data, new Shape(n).addAll(exampleShape()));
            NDArray y = soft ? batchManager.create(target, new Shape(n, classes)) : batchManager.create(target);
            return new Batch(batchManager, new NDList(x), new NDList(y), n, Batchifier.STACK, Batchifier.STACK,
                    progress, (order.length + batchSize - 1) / batchSize);
        }
    }

    /** Builds an {@link ImageDataset}; {@link #setSampling(int, boolean)} also fixes the shuffling seed. */
    public static final class Builder extends BaseBuilder<Builder> {
        private byte[] pixels;
        private float[] values;
        private int[] labels;
        private int[] indices;
        private int channels = 1;
        private int height;
        private int width;
        private boolean features;
        private int classes = 10;
        private float[] mean = {0f};
        private float[] std = {1f};
        private Augmentation augmentation;
        private long seed;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Images as unsigned bytes, {@code C*H*W} per image, channel-major. */
        public Builder images(byte[] data, int channels, int height, int width) {
            return store(data, null, channels, height, width, false);
        }

        /** Images as floats, {@code C*H*W} per image, channel-major; not scaled before normalization. */
        public Builder floatImages(float[] data, int channels, int height, int width) {
            return store(null, data, channels, height, width, false);
        }

        /** Feature vectors, {@code count} floats per example; each feature is normalized on its own. */
        public Builder features(float[] data, int count) {
            return store(null, data, count, 1, 1, true);
        }

        private Builder store(byte[] bytes, float[] floats, int c, int h, int w, boolean vectors) {
            this.pixels = bytes;
            this.values = floats;
            this.channels = c;
            this.height = h;
            this.width = w;
            this.features = vectors;
            return this;
        }

        /** Class indices as unsigned bytes (at most 256 classes). */
        public Builder labels(byte[] data, int classes) {
            int[] wide = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                wide[i] = data[i] & 0xff;
            }
            return labels(wide, classes);
        }

        /** Class indices in {@code [0, classes)}. */
        public Builder labels(int[] data, int classes) {
            this.labels = data;
            this.classes = classes;
            return this;
        }

        /** Which examples of the stored arrays this dataset exposes, in order (default: all). */
        public Builder indices(int[] positions) {
            this.indices = positions.clone();
            return this;
        }

        /** One mean and standard deviation for every channel. */
        public Builder normalization(float mean, float std) {
            return normalization(new float[] {mean}, new float[] {std});
        }

        /** A mean and standard deviation per channel (per feature), or one of each for all. */
        public Builder normalization(float[] mean, float[] std) {
            if (mean.length != std.length) {
                throw new IllegalArgumentException(mean.length + " means but " + std.length + " standard deviations");
            }
            this.mean = mean.clone();
            this.std = std.clone();
            return this;
        }

        private float[] perChannel(float[] given) {
            if (given.length == channels) {
                return given.clone();
            }
            float[] out = new float[channels];
            Arrays.fill(out, given[0]);
            return out;
        }

        /** {@code null} or {@link Augmentation#identity()} means none. */
        public Builder augmentation(Augmentation a) {
            this.augmentation = a == null || "none".equals(a.toString()) ? null : a;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        @Override
        public Builder setSampling(int batchSize, boolean shuffle) {
            return setSampling(new EpochSampler(batchSize, shuffle, seed));
        }

        public ImageDataset build() {
            if ((pixels == null && values == null) || labels == null) {
                throw new IllegalStateException("images and labels must be set");
            }
            if (mean.length != 1 && mean.length != channels) {
                throw new IllegalArgumentException(mean.length + " means and standard deviations for " + channels
                        + " channels (expected 1 or " + channels + ")");
            }
            if (features && augmentation != null) {
                throw new IllegalArgumentException("augmentation applies to images, not to feature vectors");
            }
            int item = channels * height * width;
            int stored = pixels != null ? pixels.length : values.length;
            int count = stored / item;
            if (count * item != stored || count != labels.length) {
                throw new IllegalArgumentException(count + " images but " + labels.length + " labels");
            }
            if (indices == null) {
                indices = new int[count];
                for (int i = 0; i < count; i++) {
                    indices[i] = i;
                }
            }
            // The sampler always gets the final seed, whatever order the builder's methods were called in.
            boolean shuffle = getSampler() instanceof EpochSampler s && s.shuffles();
            int batchSize = getSampler() == null ? 32 : getSampler().getBatchSize();
            setSampling(new EpochSampler(batchSize, shuffle, seed));
            return new ImageDataset(this);
        }
    }
}
