package org.greendl.profile;

import ai.djl.nn.Block;
import java.util.Optional;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptors;

/**
 * The rules the profiler knows: the {@link LayerCounter} parts of the block descriptors
 * ({@link BlockDescriptors}; modules such as greendl-nn ship their blocks' rules that way, so this module
 * depends on no model code), DJL core blocks' rules last. The first rule that supports a block counts it.
 */
public final class LayerCounters {
    private LayerCounters() {}

    /** Adds a rule ahead of all others. */
    public static void register(LayerCounter counter) {
        BlockDescriptors.register(BlockDescriptor.of("registered counter " + counter.getClass().getName(),
                counter::supports).with(LayerCounter.class, counter));
    }

    public static Optional<LayerCounter> find(Block block) {
        return BlockDescriptors.find(block, LayerCounter.class);
    }
}
