package org.greendl.deploy.pipeline;

import java.nio.file.Path;
import org.greendl.data.spec.DataRequest;
import org.greendl.deploy.int8.QuantizationConfig;

/**
 * How {@link ExportPipeline} exports, checks and quantizes a model, as {@code greendl export} does it.
 *
 * @param int8 quantize the fp32 graph to int8
 * @param dynamic with int8: dynamic quantization of Gemm/MatMul weights instead of static QDQ (no calibration)
 * @param quantization static quantization's settings (calibration method, images and batch, per-channel scales,
 *     the percentile, nodes kept float, kernel-layout rewrites); dynamic quantization reads its per-channel and
 *     kept-float settings
 * @param autoFloat with static int8: keep the layers int8 hurts most in float until int8 disagrees with fp32 on at
 *     most this share of the calibration images; null to quantize every layer it can
 * @param maxFloatLayers the most layers {@code autoFloat} keeps in float
 * @param parityImages test images on which the fp32 ONNX model is compared with DJL and both ONNX models' top-1
 *     accuracy is measured; 0 skips the check
 * @param parityBatch the batch of that comparison
 * @param data the data to check and calibrate on, or null for the data recorded with the model (Fashion-MNIST
 *     for a model without a record)
 */
public record ExportSettings(boolean int8, boolean dynamic, QuantizationConfig quantization, Double autoFloat,
                             int maxFloatLayers, int parityImages, int parityBatch, DataRequest data) {
    public ExportSettings {
        if (dynamic && !int8) {
            throw new IllegalArgumentException("dynamic quantization needs int8");
        }
        if (parityImages < 0 || parityBatch < 1 || maxFloatLayers < 0) {
            throw new IllegalArgumentException("parity images must be >= 0, parity batch >= 1, max float layers >= 0");
        }
        if (autoFloat != null && (autoFloat < 0 || autoFloat >= 1)) {
            throw new IllegalArgumentException("auto-float must be in [0, 1), got " + autoFloat);
        }
    }

    /** An fp32 export checked on 1000 test images; {@link QuantizationConfig#defaults()} if quantized later. */
    public static ExportSettings defaults() {
        return new ExportSettings(false, false, QuantizationConfig.defaults(), null, 3, 1000, 100, null);
    }

    /** Static int8 (QDQ) with these settings' calibration. */
    public ExportSettings withInt8() {
        return new ExportSettings(true, false, quantization, autoFloat, maxFloatLayers, parityImages, parityBatch,
                data);
    }

    /** Dynamic int8 of the Gemm/MatMul weights. */
    public ExportSettings withDynamicInt8() {
        return new ExportSettings(true, true, quantization, autoFloat, maxFloatLayers, parityImages, parityBatch,
                data);
    }

    public ExportSettings withQuantization(QuantizationConfig q) {
        return new ExportSettings(int8, dynamic, q, autoFloat, maxFloatLayers, parityImages, parityBatch, data);
    }

    public ExportSettings withAutoFloat(Double maxDisagreement) {
        return new ExportSettings(int8, dynamic, quantization, maxDisagreement, maxFloatLayers, parityImages,
                parityBatch, data);
    }

    public ExportSettings withParityImages(int n) {
        return new ExportSettings(int8, dynamic, quantization, autoFloat, maxFloatLayers, n, parityBatch, data);
    }

    public ExportSettings withData(DataRequest d) {
        return new ExportSettings(int8, dynamic, quantization, autoFloat, maxFloatLayers, parityImages, parityBatch,
                d);
    }

    /** Fashion-MNIST from {@code dir} (null: the usual places). */
    public ExportSettings withDataDir(Path dir) {
        return withData(DataRequest.fashionMnist(dir));
    }
}
