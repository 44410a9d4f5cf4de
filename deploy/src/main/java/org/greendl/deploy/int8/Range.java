package org.greendl.deploy.int8;

/** A float range [min, max] that one activation tensor is quantized over. */
public record Range(float min, float max) {
    /** uint8 asymmetric: scale and zero point such that 0.0 is exact (needed for zero padding and ReLU). */
    QParams uint8() {
        float lo = Math.min(min, 0f);
        float hi = Math.max(max, 0f);
        float scale = (hi - lo) / 255f;
        if (!(scale > 0f) || !Float.isFinite(scale)) {
            return new QParams(1f, 0);
        }
        int zp = Math.round(-lo / scale);
        return new QParams(scale, Math.max(0, Math.min(255, zp)));
    }

    /** Quantization parameters of one uint8 tensor. */
    record QParams(float scale, int zeroPoint) {}
}
