package org.greendl.deploy.runtime;

import java.util.function.IntFunction;

/**
 * Top-1 classification with ONNX Runtime, written once: the arg-max of each logits row, the predictions of a
 * model over images in batches, and the share of predictions that match the labels (accuracy) or another model's
 * predictions (agreement).
 */
public final class TopOne {
    /** The batch in which a model's predictions are computed unless a caller says otherwise. */
    public static final int BATCH = 256;

    private TopOne() {}

    /** The arg-max class of each of {@code n} rows of row-major logits (the first class wins ties). */
    public static int[] classes(float[] logits, int n) {
        int classes = logits.length / n;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * The predicted class of {@code count} samples, {@code batch} at a time; {@code batches} runs the model on
     * samples [from, to).
     */
    public static int[] predictions(int count, int batch, Batches batches) {
        int[] out = new int[count];
        for (int from = 0; from < count; from += batch) {
            int to = Math.min(count, from + batch);
            int[] predicted = classes(batches.logits(from, to), to - from);
            System.arraycopy(predicted, 0, out, from, predicted.length);
        }
        return out;
    }

    /** The predicted class of every image with a session opened on {@code model} (ONNX bytes, default threads). */
    public static int[] predictions(byte[] model, float[] images, long[] sampleShape, int count, int batch) {
        int per = (int) java.util.Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        IntFunction<long[]> shape = n -> {
            long[] s = new long[sampleShape.length + 1];
            s[0] = n;
            System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
            return s;
        };
        try (OnnxSession s = OnnxSession.open(model, SessionSettings.threads(0))) {
            return predictions(count, batch, (from, to) -> s.runFirst(
                    java.util.Arrays.copyOfRange(images, from * per, to * per), shape.apply(to - from)));
        }
    }

    /** Test accuracy of an ONNX model (bytes) on labelled images, in batches of {@link #BATCH}. */
    public static double accuracy(byte[] model, LabelledImages images) {
        return share(predictions(model, images.images(), images.sampleShape(), images.count(), BATCH),
                images.labels());
    }

    /** The share of positions where {@code a} and {@code b} hold the same class. */
    public static double share(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        return same / (double) a.length;
    }

    /** Runs the model on samples [from, to) and returns their logits, row-major. */
    @FunctionalInterface
    public interface Batches {
        float[] logits(int from, int to);
    }
}
