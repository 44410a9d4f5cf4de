package org.greendl.compress.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Fake quantization with straight-through gradients (Jacob et al., 2018; Bengio et al., 2013): values are
 * rounded to an int8 grid and back to float in the forward pass, while the backward pass sees the identity,
 * x + stopGradient(q(x) - x).
 */
public final class FakeQuant {
    /** Symmetric int8 weights use [-127, 127] (the -128 code is left out, as in most int8 kernels). */
    public static final int WEIGHT_MAX = 127;
    /** Asymmetric activations use unsigned codes [0, 255]. */
    public static final int ACTIVATION_LEVELS = 255;

    private FakeQuant() {}

    /** Per-output-channel scales max|w_c| / 127 of a weight whose axis 0 is the output channel. */
    public static float[] weightScales(float[] weight, int channels) {
        int per = weight.length / channels;
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            float max = 0;
            for (int i = c * per; i < (c + 1) * per; i++) {
                max = Math.max(max, Math.abs(weight[i]));
            }
            scales[c] = max == 0 ? 1e-8f : max / WEIGHT_MAX;
        }
        return scales;
    }

    /**
     * Fake-quantizes a weight per output channel (symmetric int8) with scales max|w_c| / 127. Every array made
     * here is attached to {@code scope} (the batch's manager): results of operations on a parameter would
     * otherwise land in the model's manager and pile up batch after batch.
     */
    public static NDArray weight(NDArray w, NDManager scope) {
        long channels = w.getShape().get(0);
        long[] scaleDims = new long[w.getShape().dimension()];
        java.util.Arrays.fill(scaleDims, 1);
        scaleDims[0] = channels;
        NDArray detached = in(scope, w.stopGradient());
        NDArray scales = detached.abs().reshape(channels, -1).max(new int[] {1}).div(WEIGHT_MAX).maximum(1e-8f)
                .reshape(new Shape(scaleDims));
        NDArray q = detached.div(scales).round().clip(-WEIGHT_MAX, WEIGHT_MAX).mul(scales);
        NDArray delta = q.sub(detached); // constant w.r.t. w: the straight-through estimator
        return in(scope, w.add(delta));
    }

    private static NDArray in(NDManager scope, NDArray a) {
        a.attach(scope);
        return a;
    }

    /** Asymmetric uint8 parameters of a range: it is widened to hold 0, so zero is exactly representable. */
    public record Affine(float scale, int zeroPoint, float min, float max) {
        public static Affine of(float min, float max) {
            float lo = Math.min(min, 0f);
            float hi = Math.max(max, 0f);
            float scale = hi > lo ? (hi - lo) / ACTIVATION_LEVELS : 1e-8f;
            int zero = Math.round(-lo / scale);
            zero = Math.max(0, Math.min(ACTIVATION_LEVELS, zero));
            return new Affine(scale, zero, lo, hi);
        }
    }

    /** Fake-quantizes an activation per tensor (asymmetric uint8). */
    public static NDArray activation(NDArray x, Affine a) {
        NDArray codes = x.div(a.scale()).round().add(a.zeroPoint()).clip(0, ACTIVATION_LEVELS);
        NDArray q = codes.sub(a.zeroPoint()).mul(a.scale());
        return x.add(q.sub(x).stopGradient());
    }
}
