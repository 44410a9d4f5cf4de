package org.greendl.deploy.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;
import org.greendl.data.ImageDataset;

/**
 * Preprocessed images as one flat float array (NCHW, normalized exactly as for training) with their labels,
 * for ONNX Runtime, which takes plain buffers.
 */
public record LabelledImages(float[] images, int[] labels, long[] sampleShape) {

    public int count() {
        return labels.length;
    }

    public int sampleSize() {
        return images.length / Math.max(1, labels.length);
    }

    public float[] batch(int from, int to) {
        return java.util.Arrays.copyOfRange(images, from * sampleSize(), to * sampleSize());
    }

    /** Which Fashion-MNIST split to read: test for accuracy, validation for calibration (disjoint from test). */
    public enum Split { TEST, VALIDATION }

    /** Loads up to {@code limit} images (null = all) of a Fashion-MNIST split, from {@code dataDir} or the usual places. */
    public static LabelledImages fashionMnist(Path dataDir, Split split, Integer limit) throws IOException {
        FashionMnistOptions options = FashionMnistOptions.defaults().withDataDir(dataDir);
        FashionMnistSplits splits = FashionMnist.load(options);
        ImageDataset ds = split == Split.TEST ? splits.test() : splits.validation();
        return of(ds, limit);
    }

    public static LabelledImages of(ImageDataset ds, Integer limit) {
        int n = (int) Math.min(ds.size(), limit == null ? Long.MAX_VALUE : limit);
        long[] shape = ds.exampleShape().getShape();
        int per = (int) ds.exampleShape().size();
        float[] images = new float[n * per];
        int[] labels = new int[n];
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < n; i++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = ds.get(step, i).getData().singletonOrThrow();
                    System.arraycopy(x.toFloatArray(), 0, images, i * per, per);
                    labels[i] = ds.label(i);
                }
            }
        }
        return new LabelledImages(images, labels, shape);
    }

    /** Top-1 accuracy of a predictor on these images, in batches. */
    public double accuracy(Predictor predictor, int batch) {
        int[] predicted = TopOne.predictions(count(), batch, (from, to) -> predictor.logits(batch(from, to), to - from));
        return TopOne.share(predicted, labels);
    }
}
