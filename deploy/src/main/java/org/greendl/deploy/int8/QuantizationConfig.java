package org.greendl.deploy.int8;

import java.util.Set;

/**
 * Settings of post-training static quantization.
 *
 * @param method how activation ranges are calibrated
 * @param calibrationSize images used for calibration (at least one batch)
 * @param batchSize calibration batch size
 * @param perChannel per-output-channel weight scales (else one scale per tensor)
 * @param percentile the upper percentile for {@link CalibrationMethod#PERCENTILE}, e.g. 99.99
 * @param keepFloat node names (or name prefixes, e.g. a block path {@code cnn/19Linear}) left in float
 * @param kernelLayout apply {@link KernelLayoutRewrites} (exact; spares ONNX Runtime's x86 int8 kernels their
 *     NCHW/NHWC transposes and the slow single-channel first convolution)
 */
public record QuantizationConfig(CalibrationMethod method, int calibrationSize, int batchSize, boolean perChannel,
                                 double percentile, Set<String> keepFloat, boolean kernelLayout) {
    public QuantizationConfig {
        if (calibrationSize <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("calibration size and batch size must be positive");
        }
        if (percentile <= 50 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
        keepFloat = Set.copyOf(keepFloat);
    }

    public static QuantizationConfig defaults() {
        return new QuantizationConfig(CalibrationMethod.MINMAX, 512, 64, true, 99.99, Set.of(), true);
    }

    public QuantizationConfig withMethod(CalibrationMethod m) {
        return new QuantizationConfig(m, calibrationSize, batchSize, perChannel, percentile, keepFloat, kernelLayout);
    }

    public QuantizationConfig withCalibrationSize(int n) {
        return new QuantizationConfig(method, n, batchSize, perChannel, percentile, keepFloat, kernelLayout);
    }

    public QuantizationConfig withBatchSize(int n) {
        return new QuantizationConfig(method, calibrationSize, n, perChannel, percentile, keepFloat, kernelLayout);
    }

    public QuantizationConfig withPerChannel(boolean on) {
        return new QuantizationConfig(method, calibrationSize, batchSize, on, percentile, keepFloat, kernelLayout);
    }

    public QuantizationConfig withKeepFloat(Set<String> names) {
        return new QuantizationConfig(method, calibrationSize, batchSize, perChannel, percentile, names, kernelLayout);
    }

    public QuantizationConfig withKernelLayout(boolean on) {
        return new QuantizationConfig(method, calibrationSize, batchSize, perChannel, percentile, keepFloat, on);
    }

    boolean keepsFloat(String nodeName) {
        return keepFloat.stream().anyMatch(k -> nodeName.equals(k) || nodeName.startsWith(k + "/"));
    }
}
