package org.greendl.compress.prune;

import java.util.Set;

/**
 * Settings of structured (channel) pruning.
 *
 * @param ratio fraction of each prunable layer's output channels to remove, in [0, 1)
 * @param criterion how channels are ranked
 * @param pruneLinear also remove hidden units of Linear layers (the network's output layer is never pruned)
 * @param skip names of layers (see {@link org.greendl.compress.Layers}) whose outputs are kept whole
 * @param channelMultiple kept channel counts are rounded up to a multiple of this (at most all channels): int8
 *     kernels such as ONNX Runtime's run their fast paths only on channel counts that are multiples of 4 or 8
 */
public record StructuredPruningConfig(double ratio, ChannelCriterion criterion, boolean pruneLinear, Set<String> skip,
        int channelMultiple) {
    public StructuredPruningConfig(double ratio, ChannelCriterion criterion, boolean pruneLinear, Set<String> skip) {
        this(ratio, criterion, pruneLinear, skip, 1);
    }

    public StructuredPruningConfig {
        if (channelMultiple < 1) {
            throw new IllegalArgumentException("channel multiple must be >= 1, got " + channelMultiple);
        }
        if (!(ratio >= 0 && ratio < 1)) {
            throw new IllegalArgumentException("structured pruning ratio must be in [0, 1), got " + ratio);
        }
        if (criterion == null) {
            throw new IllegalArgumentException("structured pruning needs a channel criterion");
        }
        skip = skip == null ? Set.of() : Set.copyOf(skip);
    }

    public static StructuredPruningConfig of(double ratio) {
        return new StructuredPruningConfig(ratio, ChannelCriterion.L1, true, Set.of());
    }
}
