package org.greendl.compress.pipeline;

import org.greendl.compress.quantize.QatConfig;

/**
 * How {@link QatJob} fine-tunes with fake int8 quantization, as {@code greendl qat} does.
 *
 * @param epochs epochs of quantization-aware fine-tuning, at least 1
 */
public record QatSettings(QatConfig qat, int epochs, double learningRate) {
    public QatSettings {
        if (qat == null) {
            throw new IllegalArgumentException("quantization-aware training needs its settings");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }
}
