/**
 * Model compression for greendl: the shared pieces the techniques use. {@link org.greendl.compress.Layers}
 * names the weight layers of a DJL block tree (by DJL parameter path, for example {@code 16Linear});
 * {@link org.greendl.compress.BlockRewriter} and {@link org.greendl.compress.CoreBlocks} rebuild trees of DJL
 * core blocks with new widths; {@link org.greendl.compress.Costs} counts parameters and dense and effective
 * (sparsity-aware) MACs; {@link org.greendl.compress.SideBySide} times two models interleaved.
 *
 * <p>The techniques live in {@code .prune}, {@code .distill}, {@code .lowrank} and {@code .quantize}; each
 * package-info is that technique's method card.
 */
package org.greendl.compress;
