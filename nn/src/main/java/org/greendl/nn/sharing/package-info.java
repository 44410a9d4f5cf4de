/**
 * Cross-layer parameter sharing — method card.
 *
 * <p><b>What it does.</b> {@link org.greendl.nn.sharing.SharedLayers} applies one layer (for example a
 * transformer encoder layer) several times: a stack of depth L stores one layer's parameters. Compute is not
 * reduced: the profiler counts the parameters once and the MACs of every repetition.
 *
 * <p><b>Paper.</b> Lan et al., "ALBERT: A Lite BERT for Self-supervised Learning of Language
 * Representations", ICLR 2020 (also Dehghani et al., "Universal Transformers", 2019).
 *
 * <p><b>When to use.</b> When model size (download, memory, weight traffic) is the constraint rather than
 * compute; expect some accuracy loss against an unshared stack of the same depth.
 *
 * <p><b>Settings.</b> {@code setLayer} (must keep its input shape), {@code setRepeats}.
 *
 * <p><b>Measured.</b> Six repetitions of a 16-wide encoder layer: the parameters of one, six times its MACs
 * ({@code CompactBlocksTest}).
 */
package org.greendl.nn.sharing;
