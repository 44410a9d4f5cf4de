package org.greendl.deploy.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a model was quantized and what ONNX Runtime makes of it.
 *
 * @param calibration the calibration method's label, or {@code dynamic}
 * @param calibrationSize calibration images used (0 for dynamic)
 * @param quantizedNodes how many nodes run in int8
 * @param foldedBatchNorms batch norms folded into convolutions (null for dynamic)
 * @param layoutRewrites the kernel-layout rewrites applied (null for dynamic)
 * @param sizeRatio the int8 file's bytes over the fp32 file's
 * @param qatScales the learned scales used, or null
 * @param fallback what the automatic float fallback chose, or null when it was not asked for
 * @param fusion the ops ONNX Runtime runs after its graph optimizations
 */
public record Int8(String calibration, int calibrationSize, boolean perChannel, int quantizedNodes,
                   Integer foldedBatchNorms, List<String> layoutRewrites, double sizeRatio, Path qatScales,
                   Fallback fallback, Fusion fusion) {

    /** Top-1 agreement with fp32 on the calibration images, per-layer gains and the layers kept in float. */
    public record Fallback(double agreement, double fullyQuantizedAgreement, Map<String, Double> sensitivity,
                           List<String> keptFloat) {}
}
