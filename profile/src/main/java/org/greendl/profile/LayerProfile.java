package org.greendl.profile;

import ai.djl.ndarray.types.Shape;

/**
 * One row of a profile: a block (or a part of one) with its output shape, the parameters first counted
 * here, its MACs and FLOPs, its output's bytes. {@code effectiveMacs} is MACs x (non-zero weights /
 * weights) of the row's block, or -1 when sparsity was not measured. A row of type {@code uncounted} is a
 * block no rule knows: its MACs and FLOPs are missing from the totals.
 */
public record LayerProfile(String name, String type, Shape outputShape, long params, long trainableParams,
        long macs, long flops, long activationBytes, long weightBytes, long effectiveMacs) {

    public static final String UNCOUNTED = "uncounted";

    public boolean uncounted() {
        return UNCOUNTED.equals(type);
    }
}
