/**
 * ONNX export of DJL models.
 *
 * <p><b>What it does.</b> {@link org.greendl.deploy.onnx.OnnxExporter} walks a DJL block tree in inference mode
 * and writes an ONNX graph (opset 17, IR 8, symbolic batch {@code N}) with the OnnxMl protobuf builders of
 * tribuo-util-onnx. Dropout disappears, batch norm uses its running statistics, the run record of the model goes
 * into {@code metadata_props} ({@code greendl.run_record}). Pruned and factorized models export as they are
 * (their blocks are ordinary Conv2d/Linear blocks with other shapes).
 *
 * <p><b>How blocks are mapped.</b> A small registry of {@link org.greendl.deploy.onnx.BlockConverter}s, one per
 * block type, each the converter part of that block's descriptor: DJL core blocks in
 * {@link org.greendl.deploy.onnx.CoreConverters}, greendl-nn blocks in {@link org.greendl.deploy.onnx.NnConverters}
 * (both registered as {@code org.greendl.profile.blocks.BlockDescriptorProvider}s, as any module's blocks are). DJL keeps some settings inside closures: lambda blocks are identified by their name
 * ({@code maxPool2d}, {@code ReLU}, {@code batchFlatten}...) and their settings (pool kernel/stride/padding/ceil,
 * leaky-ReLU slope) by probing: the candidate whose output equals the lambda's on a random input wins; a
 * parallel block's join (sum, product, concatenation, output list) is probed the same way. A block nothing
 * accepts fails with a one-line error naming its type and path.
 *
 * <p><b>Measured.</b> fp32 ONNX vs DJL forward on 1,000 Fashion-MNIST test images: max |difference| of the
 * logits at most a few 1e-6 for mlp, lenet5, cnn, mobilenet-mini, vit-tiny and early-exit-cnn (see
 * {@code benchmarks/deploy-export/run.sh}); every exported file passes {@code onnx.checker.check_model(m,
 * full_check=True)}.
 */
package org.greendl.deploy.onnx;
