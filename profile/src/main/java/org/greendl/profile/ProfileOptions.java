package org.greendl.profile;

import ai.djl.ndarray.types.DataType;

/**
 * How to profile: {@code dataType} the blocks are initialized with and activations are sized in;
 * {@code sparsity} whether to read the weights and report effective MACs (costs a pass over them).
 */
public record ProfileOptions(DataType dataType, boolean sparsity) {
    public static ProfileOptions defaults() {
        return new ProfileOptions(DataType.FLOAT32, false);
    }

    public ProfileOptions withSparsity(boolean on) {
        return new ProfileOptions(dataType, on);
    }
}
