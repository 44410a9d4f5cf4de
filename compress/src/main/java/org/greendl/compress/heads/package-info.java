/**
 * Attention-head pruning — method card.
 *
 * <p><b>What it does.</b> {@link org.greendl.compress.heads.HeadPruning#prune} removes the same number of heads
 * from every transformer encoder of a model and rebuilds each encoder with fewer heads of the same size d: the
 * removed heads' query, key and value rows and their output-projection columns are gone, so the Q/K/V and output
 * projections and the token mixing shrink with the heads kept (h' / h of the attention MACs), while the residual
 * width, the MLP and everything else stay. Heads are ranked by the L2 norm of their output-projection columns (a
 * magnitude criterion; no data needed). The pruned model equals the original with the removed heads' outputs
 * zeroed, exactly (up to float rounding), before any fine-tuning; fine-tune it to recover accuracy.
 *
 * <p><b>Papers.</b> Michel, Levy and Neubig, "Are Sixteen Heads Really Better than One?", NeurIPS 2019 (they rank
 * heads by a gradient-based importance on data; the magnitude ranking here is a cheaper stand-in); Voita et al.,
 * "Analyzing Multi-Head Self-Attention", ACL 2019.
 *
 * <p><b>When to use.</b> Transformers whose attention is a large share of the cost (long sequences with softmax
 * attention: the mixing grows with L^2). It does not touch the MLP, which dominates short sequences.
 *
 * <p><b>Settings.</b> {@code remove}: heads removed per encoder (1 to heads - 1). An ALBERT shared layer is one
 * encoder, pruned once for all its applications.
 *
 * <p><b>Measured.</b> {@code HeadPruningTest}: text-transformer (width 32, 4 heads, 2 layers, 12 tokens) with 2 of
 * 4 heads removed per layer has exactly half its attention MACs (projections and mixing), its logits equal those of
 * the original with the removed heads zeroed, and it exports to ONNX. No accuracy after fine-tuning has been
 * measured on real text yet.
 */
package org.greendl.compress.heads;
