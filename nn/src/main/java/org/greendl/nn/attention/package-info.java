/**
 * Softmax and linear attention, and the ViT parts — method card.
 *
 * <p><b>What it does.</b> {@link org.greendl.nn.attention.SoftmaxAttention} is standard multi-head
 * scaled dot-product attention: its N x N score matrix makes cost and memory grow with the square of the
 * sequence length. {@link org.greendl.nn.attention.LinearAttention} replaces the softmax kernel with the
 * feature map phi(x) = elu(x) + 1 and computes phi(Q) (phi(K)^T V) / (phi(Q) sum phi(K)): the d x d summary
 * makes cost linear in N. {@link org.greendl.nn.attention.TransformerEncoder} (pre-norm), {@link
 * org.greendl.nn.attention.PatchEmbedding} and {@link org.greendl.nn.attention.TokenMean} build the
 * {@code vit-tiny} zoo model ({@code attention=softmax|linear}).
 *
 * <p><b>Papers.</b> Vaswani et al., "Attention Is All You Need", 2017; Katharopoulos et al., "Transformers are
 * RNNs: Fast Autoregressive Transformers with Linear Attention", ICML 2020; Dosovitskiy et al., "An Image is
 * Worth 16x16 Words", ICLR 2021.
 *
 * <p><b>When to use linear attention.</b> Long sequences (N well above the head size d), where the quadratic
 * term dominates; for short ones (ViT-tiny's 49 tokens) the projections dominate and it saves little. It
 * approximates softmax attention and may lose some accuracy.
 *
 * <p><b>Settings.</b> {@code setEmbedDim}, {@code setHeads} (embedding divisible by heads); encoder:
 * {@code optMlpDim} (2 x embedding), {@code optAttention}.
 *
 * <p><b>Measured.</b> {@code benchmarks/attention-scaling/run.sh}: see nn/README.md for the table; the
 * profiler counts Q K^T and A V (B h N^2 d MACs each) for softmax and phi(K)^T V, phi(Q)(..) (B h N d^2 each)
 * for linear.
 */
package org.greendl.nn.attention;
