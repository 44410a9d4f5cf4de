package org.greendl.select.active;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * MC-dropout passes through the classifier head only: dropout with rate {@code p} on the penultimate features,
 * then the last linear layer and a softmax, {@code T} times. For a network whose only dropout sits right before
 * its last linear layer (greendl's {@code cnn}) this is exactly MC dropout (Gal and Ghahramani 2016) and costs
 * T small matrix products instead of T full forward passes; for other networks it is last-layer MC dropout.
 */
public final class LastLayerDropout {
    private LastLayerDropout() {}

    /**
     * @param features penultimate features {@code [n][d]} (deterministic part of the network)
     * @param weight last linear layer {@code [classes][d]}
     * @param bias {@code [classes]} (may be null)
     * @return softmax outputs {@code [pass][n][classes]}
     */
    public static float[][][] passes(float[][] features, float[][] weight, float[] bias, double rate, int passes,
            long seed) {
        if (rate <= 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in (0, 1), got " + rate);
        }
        if (passes < 1) {
            throw new IllegalArgumentException("need at least one pass, got " + passes);
        }
        int n = features.length;
        int classes = weight.length;
        float keepScale = (float) (1.0 / (1.0 - rate));
        float[][][] out = new float[passes][n][classes];
        for (int t = 0; t < passes; t++) {
            final int pass = t;
            IntStream.range(0, n).parallel().forEach(i -> {
                // One generator per (pass, example): the result does not depend on thread scheduling.
                Random r = new Random(seed * 1_000_003L + pass * 65_537L + i);
                float[] x = features[i];
                float[] masked = new float[x.length];
                for (int j = 0; j < x.length; j++) {
                    masked[j] = r.nextDouble() < rate ? 0f : x[j] * keepScale;
                }
                float[] logits = new float[classes];
                for (int c = 0; c < classes; c++) {
                    float[] w = weight[c];
                    double s = bias == null ? 0 : bias[c];
                    for (int j = 0; j < masked.length; j++) {
                        s += w[j] * masked[j];
                    }
                    logits[c] = (float) s;
                }
                out[pass][i] = softmax(logits);
            });
        }
        return out;
    }

    public static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp(logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
