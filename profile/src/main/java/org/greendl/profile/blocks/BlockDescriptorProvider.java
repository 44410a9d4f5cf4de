package org.greendl.profile.blocks;

import java.util.List;

/**
 * A module's contribution to the block registry: one descriptor per block type, holding the parts this
 * module owns. Found through {@code META-INF/services/org.greendl.profile.blocks.BlockDescriptorProvider}.
 */
public interface BlockDescriptorProvider {
    /** Descriptors in the order their blocks should be tried (specific before general). */
    List<BlockDescriptor> descriptors();

    /**
     * Whether these are descriptors of DJL's core blocks. Core ones are tried after all others, so a module's
     * descriptor can take over how a core block is counted, written or exported.
     */
    default boolean core() {
        return false;
    }
}
