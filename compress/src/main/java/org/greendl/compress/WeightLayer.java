package org.greendl.compress;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;

/**
 * A Conv2d or Linear layer found in a block tree. Its {@code name} is the DJL parameter path of the layer (for
 * example {@code 01Conv2d} or {@code 03SequentialBlock_02Linear}), stable as long as the tree keeps its shape.
 */
public record WeightLayer(String name, Block block, Parameter weight, Parameter bias) {

    public boolean isConvolution() {
        return block instanceof Convolution;
    }

    /** Number of weight elements (bias excluded). */
    public long weightCount() {
        return weight.getArray().size();
    }
}
