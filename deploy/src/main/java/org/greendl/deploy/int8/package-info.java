/**
 * int8 post-training quantization of exported ONNX models.
 *
 * <p><b>What it does.</b> {@link org.greendl.deploy.int8.StaticQuantizer} rewrites a float model into the QDQ
 * format (QuantizeLinear/DequantizeLinear pairs around each quantized op) that ONNX Runtime fuses, at ALL_OPT,
 * into its int8 kernels: QLinearConv, QGemm, QLinearAdd, QLinearAveragePool, int8 MaxPool... Scheme U8S8:
 * activations uint8 asymmetric, one scale per tensor; weights int8 symmetric in [-127, 127], one scale per output
 * channel (default) or per tensor; biases int32 with scale = input scale x weight scale. U8S8 is what ORT's x86
 * int8 GEMM runs fastest with on CPUs with AVX-512 VNNI (and what its own quantizer defaults to); 127 instead of
 * 128 keeps the u8 x s8 products clear of the 16-bit saturation of pre-VNNI AVX2 kernels. Batch norm is folded
 * into the convolution before quantizing; a ReLU/ReLU6 after a quantized op is absorbed by that op's output range
 * (zero point 0 saturates negatives exactly like ReLU); MaxPool/Flatten/Reshape keep their input's scale so they
 * run on uint8; the logits stay float.
 *
 * <p><b>Kernel layout</b> ({@code KernelLayoutRewrites}, on by default): two exact rewrites for ONNX Runtime's x86
 * int8 kernels, which run convolutions channels-last. A convolution on a single-channel input (grayscale images)
 * falls off ORT's VNNI direct-convolution kernel (it needs input channels in multiples of 4) onto an im2col GEMM
 * with a reduction of 9, slower than the float layer; it is rewritten space-to-depth: 4 adjacent columns become 4
 * channels (a free reshape of the channels-last input) and 4 output columns become 4 x M channels (a free reshape
 * back), with the weights placed accordingly (4x the MACs, zeros included, and still 4-5x faster). A Flatten of a
 * quantized [N, C, H, W] tensor into a Gemm flattens channels-last with the weight rows permuted, so ORT's
 * NHWC-to-NCHW Transpose cancels. Outputs are unchanged; the export reports each rewrite and any Transpose ORT
 * still runs.
 *
 * <p><b>Calibration</b> ({@link org.greendl.deploy.int8.CalibrationMethod}): min-max, percentile (99.99 by
 * default) and entropy (TensorRT's KL-divergence threshold search over a 2,048-bin histogram; exact zeros, i.e.
 * most ReLU outputs, are left out of the histogram, else they drag the threshold down to a quarter of the
 * range). Ranges come from running the float model (basic optimizations only) with every quantized tensor
 * exposed as an output. At least one batch of calibration images is required.
 *
 * <p><b>Float fallback.</b> By name ({@link org.greendl.deploy.int8.QuantizationConfig#keepFloat}, an ONNX node
 * name or block path prefix), or automatically: {@link org.greendl.deploy.int8.SensitivityFallback} measures
 * each layer's sensitivity (top-1 agreement with the float model gained by leaving only it in float) and keeps
 * the worst layers float until the agreement is within a tolerance.
 *
 * <p><b>Dynamic quantization</b> ({@link org.greendl.deploy.int8.DynamicQuantizer}) for linear-heavy models:
 * int8 weights, activations quantized per batch at run time, fused by ORT into DynamicQuantizeMatMul; no
 * calibration data.
 *
 * <p><b>When to use.</b> CNNs served on x86 CPUs with VNNI at batch sizes where convolutions dominate; small
 * models at batch 1 may gain less (ORT adds NCHW/NHWC transposes around the int8 convolutions); the
 * benchmark reports when int8 is slower instead of hiding it. Paper: Jacob et al., "Quantization and Training of
 * Neural Networks for Efficient Integer-Arithmetic-Only Inference", CVPR 2018; Migacz, "8-bit Inference with
 * TensorRT", GTC 2017 (entropy calibration).
 *
 * <p><b>Measured</b>: see {@code deploy/README.md} and {@code benchmarks/deploy-int8/run.sh}.
 */
package org.greendl.deploy.int8;
