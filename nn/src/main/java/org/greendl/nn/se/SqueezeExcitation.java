package org.greendl.nn.se;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.greendl.nn.Layers;

/**
 * Squeeze-and-excitation (Hu et al.): global average pool to one value per channel, a bottleneck of two
 * 1x1 convolutions (C to C/r, ReLU, back to C, sigmoid), then each channel of the input is scaled by its
 * weight. Adds about {@code 2 C^2 / r} parameters and almost no MACs.
 */
public final class SqueezeExcitation extends AbstractBlock {
    private final int channels;
    private final int squeezeChannels;
    private final Conv2d reduce;
    private final Conv2d expand;

    private SqueezeExcitation(Builder b) {
        if (b.channels < 1 || b.squeezeChannels < 1) {
            throw new IllegalArgumentException("squeeze-excitation needs setChannels and a squeeze of at least 1"
                    + " channel (got channels " + b.channels + ", squeeze " + b.squeezeChannels + ")");
        }
        channels = b.channels;
        squeezeChannels = b.squeezeChannels;
        reduce = addChildBlock("reduce", Layers.conv(squeezeChannels, 1, 1, 0));
        expand = addChildBlock("expand", Layers.conv(channels, 1, 1, 0));
    }

    public static Builder builder() {
        return new Builder();
    }

    public int channels() {
        return channels;
    }

    public int squeezeChannels() {
        return squeezeChannels;
    }

    public Conv2d reduce() {
        return reduce;
    }

    public Conv2d expand() {
        return expand;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray s = x.mean(new int[] {3}, true).mean(new int[] {2}, true); // the engine reduces one axis at a time
        s = reduce.forward(ps, new NDList(s), training, params).singletonOrThrow();
        s = ai.djl.nn.Activation.relu(s);
        s = expand.forward(ps, new NDList(s), training, params).singletonOrThrow();
        s = ai.djl.nn.Activation.sigmoid(s);
        return new NDList(x.mul(s));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
        reduce.initialize(manager, dataType, pooled);
        expand.initialize(manager, dataType, new Shape(pooled.get(0), squeezeChannels, 1, 1));
    }

    /** setChannels is required; the squeeze defaults to channels / 4 (at least 8, as in MobileNetV3). */
    public static final class Builder {
        private int channels;
        private int squeezeChannels;

        public Builder setChannels(int c) {
            channels = c;
            if (squeezeChannels == 0) {
                squeezeChannels = Math.max(8, c / 4);
            }
            return this;
        }

        public Builder optSqueezeChannels(int c) {
            squeezeChannels = c;
            return this;
        }

        public SqueezeExcitation build() {
            return new SqueezeExcitation(this);
        }
    }
}
