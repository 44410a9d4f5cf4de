package org.greendl.deploy.runtime;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Classifies images with an ONNX model: feed a batch of preprocessed images (flat, NCHW), get class indices
 * or logits.
 *
 * <pre>{@code
 * try (Predictor p = Predictor.open(Path.of("cnn.onnx"), 4)) {
 *     int[] classes = p.classify(images, 64);
 * }
 * }</pre>
 */
public final class Predictor implements AutoCloseable {
    private final OnnxSession session;
    private final long[] sampleShape;
    private final int fixedBatch;

    private Predictor(OnnxSession session, long[] sample) {
        this.session = session;
        long[] in = session.inputShape().clone();
        if (sample != null && sample.length == in.length - 1) {
            // A free dimension besides the batch (a text model's sequence length) takes the data's size.
            for (int i = 1; i < in.length; i++) {
                if (in[i] <= 0) {
                    in[i] = sample[i - 1];
                }
            }
        }
        this.fixedBatch = in.length > 0 && in[0] > 0 ? (int) in[0] : 0;
        this.sampleShape = Arrays.copyOfRange(in, 1, in.length);
        for (long d : sampleShape) {
            if (d <= 0) {
                throw new IllegalArgumentException(session.source() + ": model input " + Arrays.toString(in)
                        + " has symbolic dimensions besides the batch");
            }
        }
        long[] one = in.clone();
        one[0] = Math.max(1, fixedBatch);
        session.elements(one); // a sample too large to allocate is refused here, naming the model
    }

    public static Predictor open(Path model, int threads) {
        return open(model, threads, null);
    }

    /**
     * A model whose free dimensions besides the batch, such as a text model's sequence length, are those of
     * {@code sample} (one input's shape without the batch; null: none may be free).
     */
    public static Predictor open(Path model, int threads, long[] sample) {
        OnnxSession session = OnnxSession.open(model, SessionSettings.threads(threads));
        try {
            return new Predictor(session, sample);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The shape of one input sample (without the batch axis), e.g. [1, 28, 28]. */
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    /** The batch size the model was exported for, or 0 when its batch dimension is free. */
    public int fixedBatch() {
        return fixedBatch;
    }

    public int sampleSize() {
        return (int) Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    }

    /**
     * Logits of {@code n} samples, row-major (n x classes). A model exported for a fixed batch runs in batches of
     * that size, the last one padded with copies of its last sample whose rows are dropped.
     */
    public float[] logits(float[] images, int n) {
        if (images.length != (long) n * sampleSize()) {
            throw new IllegalArgumentException("expected " + n + " x " + Arrays.toString(sampleShape) + " = "
                    + (long) n * sampleSize() + " floats, got " + images.length);
        }
        if (fixedBatch == 0 || fixedBatch == n) {
            return session.runFirst(images, batchShape(n));
        }
        int per = sampleSize();
        float[] out = null;
        int classes = 0;
        for (int from = 0; from < n; from += fixedBatch) {
            int real = Math.min(fixedBatch, n - from);
            float[] chunk = new float[fixedBatch * per];
            System.arraycopy(images, from * per, chunk, 0, real * per);
            for (int pad = real; pad < fixedBatch; pad++) {
                System.arraycopy(images, (from + real - 1) * per, chunk, pad * per, per);
            }
            float[] y = session.runFirst(chunk, batchShape(fixedBatch));
            if (out == null) {
                classes = y.length / fixedBatch;
                out = new float[n * classes];
            }
            System.arraycopy(y, 0, out, from * classes, real * classes);
        }
        return out == null ? new float[0] : out;
    }

    private long[] batchShape(int n) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return shape;
    }

    /** The arg-max class of each of {@code n} samples. */
    public int[] classify(float[] images, int n) {
        return TopOne.classes(logits(images, n), n);
    }

    @Override
    public void close() {
        session.close();
    }
}
