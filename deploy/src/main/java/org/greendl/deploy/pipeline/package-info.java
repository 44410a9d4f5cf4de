/**
 * Pipelines: {@code greendl export} as one library call.
 *
 * <p><b>What it does.</b> {@link org.greendl.deploy.pipeline.ExportPipeline#run} exports a DJL model to ONNX,
 * checks the fp32 graph against DJL (largest absolute logit difference) and measures top-1 accuracy on the first
 * test images, and with int8 quantizes the graph (static QDQ calibrated on validation images, or dynamic), reports
 * the accuracy of the int8 graph on the same images and the ops ONNX Runtime runs after fusing. The result is a
 * typed {@link org.greendl.deploy.pipeline.ExportResult}; the CLI prints it and writes the run record.
 *
 * <p><b>When to use it.</b> From Java, to do exactly what the command does (same defaults, same numbers) without
 * copying the command's code; the bench uses the command, which calls this.
 *
 * <p><b>Settings.</b> {@link org.greendl.deploy.pipeline.ExportSettings#defaults()}: fp32, parity on 1000 test
 * images in batches of 100; int8 with {@link org.greendl.deploy.int8.QuantizationConfig#defaults()} (min-max
 * calibration on 512 images in batches of 64, per-channel weights, percentile 99.99 when that method is chosen,
 * kernel-layout rewrites); the automatic float fallback keeps at most 3 layers in float.
 */
package org.greendl.deploy.pipeline;
