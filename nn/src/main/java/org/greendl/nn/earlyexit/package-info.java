/**
 * Early exits — method card.
 *
 * <p><b>What it does.</b> {@link org.greendl.nn.earlyexit.EarlyExitNet} cuts a backbone into stages with a
 * small classifier after each. Training sums the exits' cross-entropies ({@link
 * org.greendl.nn.earlyexit.EarlyExitLoss}); at inference a sample leaves at the first exit whose softmax
 * confidence reaches the threshold, and the remaining stages run only on the samples still in, so easy inputs
 * cost less. {@link org.greendl.nn.earlyexit.EarlyExitCosts} turns exit counts into MACs per image.
 *
 * <p><b>Paper.</b> Teerapittayanon, McDanel and Kung, "BranchyNet: Fast Inference via Early Exiting from Deep
 * Neural Networks", ICPR 2016.
 *
 * <p><b>When to use.</b> Inference on inputs of mixed difficulty, batch size small or samples processed as
 * they come. Per-sample exits make batches ragged: with large batches the saving in wall time is smaller than
 * in MACs. The threshold trades accuracy for MACs: sweep it on validation data.
 *
 * <p><b>Settings.</b> {@code addStage(stage, head)} in order (the last head is the classifier),
 * {@code optThreshold} (0.9; above 1 disables early exits); {@code setThreshold} changes it at run time.
 *
 * <p><b>Measured.</b> {@code benchmarks/early-exit/run.sh} on Fashion-MNIST: see nn/README.md.
 */
package org.greendl.nn.earlyexit;
