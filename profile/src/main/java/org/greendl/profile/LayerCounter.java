package org.greendl.profile;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * The counting rule of one kind of block. A leaf rule records the block's own work with
 * {@link CountContext#record}; a container rule hands each child to {@link CountContext#visit} in data-flow
 * order and records only its own extra work (a residual add, say). Rules are the counter parts of the block
 * descriptors ({@link org.greendl.profile.blocks.BlockDescriptors}), found through {@link LayerCounters}:
 * greendl's built-in ones for DJL core blocks, plus those other modules' descriptors hold (greendl-nn's).
 */
public interface LayerCounter {
    boolean supports(Block block);

    /** Counts {@code block} for these input shapes and returns its output shapes. */
    Shape[] count(Block block, Shape[] inputs, CountContext ctx);
}
