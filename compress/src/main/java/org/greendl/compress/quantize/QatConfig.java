package org.greendl.compress.quantize;

/**
 * Settings of quantization-aware training.
 *
 * @param emaMomentum weight of the old range in the exponential moving average of observed activation min/max,
 *     in [0, 1) (0 = last batch only)
 * @param quantizeActivations also fake-quantize the input of every quantized layer (weights are always)
 */
public record QatConfig(double emaMomentum, boolean quantizeActivations) {
    public QatConfig {
        if (!(emaMomentum >= 0 && emaMomentum < 1)) {
            throw new IllegalArgumentException("EMA momentum must be in [0, 1), got " + emaMomentum);
        }
    }

    public static QatConfig defaults() {
        return new QatConfig(0.9, true);
    }
}
