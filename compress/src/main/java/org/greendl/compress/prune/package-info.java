/**
 * Method card: pruning.
 *
 * <p><b>What it does.</b> Unstructured magnitude pruning ({@link org.greendl.compress.prune.MagnitudePruning})
 * zeroes the weights of Conv2d/Linear layers with the smallest |w|, per layer or with one global threshold; the
 * masks ({@link org.greendl.compress.prune.PruningMasks}, saved as {@code masks.bin}) are held through
 * fine-tuning by {@link org.greendl.compress.prune.MaskingListener}, which zeroes pruned weights (and their
 * gradients) after every optimizer step. {@link org.greendl.compress.prune.GradualPruningListener} raises the
 * sparsity along Zhu and Gupta's cubic schedule ({@link org.greendl.compress.prune.CubicSchedule}) while
 * training. Structured pruning ({@link org.greendl.compress.prune.StructuredPruning}) removes whole filters
 * (L1, L2 or BatchNorm-scale criterion) and physically rebuilds a smaller DJL model: the BatchNorm after a
 * pruned convolution, the next convolution's input channels and, after a flatten, the Linear's input columns
 * (channel x spatial position) follow; residual branches keep one channel set. Lottery tickets
 * ({@link org.greendl.compress.prune.LotteryTicket}): iterative pruning with rewinding to early weights.
 * {@link org.greendl.compress.prune.Sensitivity}: accuracy vs sparsity, one layer at a time.
 *
 * <p><b>Papers.</b> Han et al., Learning both Weights and Connections for Efficient Neural Networks, NeurIPS
 * 2015; Zhu and Gupta, To prune, or not to prune, 2017; Li et al., Pruning Filters for Efficient ConvNets, ICLR
 * 2017; Liu et al., Learning Efficient Convolutional Networks through Network Slimming, ICCV 2017; Frankle and
 * Carbin, The Lottery Ticket Hypothesis, ICLR 2019; Frankle et al., Linear Mode Connectivity and the Lottery
 * Ticket Hypothesis, ICML 2020 (rewinding).
 *
 * <p><b>When to use.</b> Unstructured pruning shrinks the stored model (bitmask + non-zeros, or deflate) but
 * dense kernels run no faster: its MAC savings are "effective" (what a sparse kernel would do). Structured
 * pruning is what makes inference faster on a CPU today, at a larger accuracy cost per parameter removed.
 *
 * <p><b>Settings.</b> Unstructured: 80-90% global sparsity, gradual over ~60% of fine-tuning, lr 5e-4 (Adam).
 * Structured: ratio 0.3-0.5, L1, one or two fine-tuning epochs.
 *
 * <p><b>What we measured</b> (Fashion-MNIST, zoo cnn; see compress/README.md for the commands and settings):
 * baseline cnn 87.88% test accuracy (2 epochs on 20,000 images, first 5,000 test images).
 * Unstructured, 90% of Conv/Linear weights zeroed (global, gradual over 60% of one fine-tuning epoch on 10,000
 * images): 88.62% (+0.74 points; the baseline is under-trained, so the extra epoch helps); bitmask+non-zeros
 * 0.46 MB and deflated params 0.59 MB vs 3.49 MB dense (deflated dense 3.24 MB); effective MACs 9.3 M of 19.1 M
 * (the hidden Linear ends 93% sparse, the first conv 10%). One-shot 90% without fine-tuning: 86.80%.
 * Structured, ratio 0.5 (L1): channels 32-32-64-64-256 become 16-16-32-32-128, MACs 19.1 M -> 4.83 M (-74.7%),
 * params 871 k -> 219 k; 21.5% right after pruning, 87.30% after one fine-tuning epoch on 10,000 images (-0.58
 * points). Batch-64 inference, side by side, 41 interleaved rounds: 0.40x the baseline's median time with 1
 * engine thread (480 vs 1203 ms); 0.82x with 2 threads on the same, heavily loaded 2-core machine (load ~20,
 * where 2 threads ran slower than 1), 0.74x in the experiment run (2 threads).
 */
package org.greendl.compress.prune;
