/**
 * Profiles of ONNX models: parameters, MACs, FLOPs and activation bytes per node, and the model's own
 * metadata, for files greendl did not make as well as for its own exports.
 *
 * <p><b>What it does.</b> {@link org.greendl.deploy.profile.OnnxProfiler#profile} walks the graph in its
 * (topological) node order with greendl's own shape inference ({@code ShapeInference}: Conv, ConvTranspose,
 * pooling, Gemm, MatMul, element-wise and broadcasting ops, activations, normalizations, Softmax, Flatten,
 * Reshape, Transpose, Concat, Gather, Slice, Squeeze/Unsqueeze, Shape, Constant, reductions, Expand, Pad,
 * Split, Quantize/DequantizeLinear), following the small integer tensors PyTorch computes shapes with
 * ({@code Shape -> Gather -> Unsqueeze -> Concat -> Reshape}). It returns greendl-profile's
 * {@link org.greendl.profile.Profile}, so the same table, JSON and CSV print it.
 * {@link org.greendl.deploy.profile.OnnxModelInfo} reads producer, IR version, opsets, inputs and outputs.
 *
 * <p><b>Counting rules.</b> Those of greendl-profile (profile/README.md), per operator ({@code OpCosts}):
 * Conv {@code out x C_in/groups x kernel} MACs, Gemm/MatMul {@code out x K} MACs (attention's Q K^T and A V
 * are MatMuls of two activations), a ReduceSum of a product used nowhere else is a dot product (MACs), FLOPs
 * = 2 MACs + bias adds + per-element work (relu 1, Clip 2, sigmoid/tanh 4, Erf 4 so that GELU written out
 * costs 8, batch norm 2, layer norm 7, softmax 5, arithmetic 1; window pools {@code out x window}, global
 * pools and reductions {@code in}). Parameters are learned initializers only: weights and biases of
 * convolutions and matrix products, normalization scale and shift, embedding tables, non-scalar operands of
 * element-wise arithmetic; batch norm's running statistics are buffers, integer tensors and one-element
 * constants are not parameters. Outputs computed from initializers and shapes alone (a DequantizeLinear
 * of weights, shape arithmetic) are folded when a runtime loads the model and are not activation bytes.
 *
 * <p><b>When to use it.</b> {@code greendl profile model.onnx [--input NAME=SHAPE ...]} before quantizing or
 * serving a model from elsewhere; on greendl's own exports it checks the exporter (the counts must equal the
 * DJL profile's).
 *
 * <p><b>Settings.</b> Input shapes: a symbolic or unknown first dimension is the batch, 1 unless given; every
 * other free dimension must be given ({@link org.greendl.deploy.profile.InputBindings}).
 *
 * <p><b>Measured.</b> On greendl's zoo exported with random weights (mlp, lenet5, cnn, mobilenet-mini,
 * vit-tiny with softmax and linear attention, resnet18), parameters and MACs equal Profiler.profile's on the
 * same block ({@code OnnxProfilerTest}); nodes that cannot be inferred are listed as uncounted with a
 * warning. An int8 QDQ export of cnn (StaticQuantizer, no layout rewrites) keeps the fp32 MACs, and its
 * parameters are the fp32 ones less batch norm's (folded), counted once as int8 weights and int32 biases
 * behind DequantizeLinear. Weights in external-data files are counted from their declared dimensions (the
 * files are not read). Not yet handled (rows of type {@code uncounted}): subgraphs (If, Loop, Scan), Resize,
 * Einsum, RNNs, data-dependent shapes (NonZero, Range), operators of other domains (com.microsoft's fused ops).
 */
package org.greendl.deploy.profile;
