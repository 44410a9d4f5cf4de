/**
 * Attention-head and feed-forward width pruning — method card.
 *
 * <p><b>What it does.</b> {@link org.greendl.compress.heads.HeadPruning#prune} removes the same number of heads
 * from every transformer encoder of a model and rebuilds each encoder with fewer heads of the same size d: the
 * removed heads' query, key and value rows and their output-projection columns are gone, so the Q/K/V and output
 * projections and the token mixing shrink with the heads kept (h' / h of the attention MACs), while the residual
 * width, the MLP and everything else stay. Heads are ranked by the L2 norm of their output-projection columns (a
 * magnitude criterion; no data needed). The pruned model equals the original with the removed heads' outputs
 * zeroed, exactly (up to float rounding), before any fine-tuning; fine-tune it to recover accuracy. The same call
 * can also remove feed-forward hidden units (rows of the MLP's first layer and columns of its second), ranked by
 * the L2 norm of a unit's first-layer row times that of its second-layer column.
 *
 * <p><b>Papers.</b> Michel, Levy and Neubig, "Are Sixteen Heads Really Better than One?", NeurIPS 2019 (they rank
 * heads by a gradient-based importance on data; the magnitude ranking here is a cheaper stand-in); Voita et al.,
 * "Analyzing Multi-Head Self-Attention", ACL 2019.
 *
 * <p><b>When to use.</b> Transformers whose attention is a large share of the cost (long sequences with softmax
 * attention: the mixing grows with L^2) for heads; feed-forward pruning for short sequences, where the MLP and
 * the projections, not the mixing, are most of the MACs.
 *
 * <p><b>Settings.</b> {@code removeHeads}: heads removed per encoder (0 to heads - 1); {@code removeHidden}:
 * feed-forward units removed per encoder (0 to width - 1). {@code greendl prune --heads R --ffn R} gives them as
 * shares of the encoder's heads and width (rounded). An ALBERT shared layer is one encoder, pruned once for all
 * its applications.
 *
 * <p><b>Measured.</b> {@code HeadPruningTest}: text-transformer (width 32, 4 heads, 2 layers, 12 tokens) with 2 of
 * 4 heads removed per layer has exactly half its attention MACs (projections and mixing), its logits equal those of
 * the original with the removed heads zeroed, and it exports to ONNX. On the Debian package sections (10 classes,
 * 3,979 test texts of 11 tokens; {@code greendl bench --data text:FILE}, benchmarks/text/results.md) the 6-layer
 * text-transformer with 2 of 4 heads removed per layer and one fine-tuning epoch: attention MACs -50 %, total
 * MACs -26 %, 78.94 % against 79.57 % for the baseline (-0.63 points; -0.73 against the baseline trained as long).
 */
package org.greendl.compress.heads;
