package org.greendl.compress.prune;

/** How structured pruning ranks the output channels (filters, units) of a layer; the lowest go first. */
public enum ChannelCriterion {
    /** Sum of |w| over the filter (Li et al., 2017). */
    L1,
    /** Euclidean norm of the filter. */
    L2,
    /**
     * |gamma| of the BatchNorm that directly follows the layer (Liu et al., 2017, "network slimming"); layers
     * with no BatchNorm after them fall back to L1.
     */
    BN_SCALE;

    public static ChannelCriterion parse(String text) {
        for (ChannelCriterion c : values()) {
            if (c.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown channel criterion '" + text + "'; expected l1, l2 or bn-scale");
    }
}
