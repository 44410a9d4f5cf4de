package org.greendl.nn.shuffle;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.greendl.nn.Layers;
import org.greendl.nn.WrapperBlock;

/**
 * Grouped convolution with channel shuffle (ShuffleNet): a k x k convolution split into g groups (g times
 * fewer MACs and weights than a dense one), batch norm, an activation, then a {@link ChannelShuffle} so
 * information crosses groups in the next layer.
 */
public final class ShuffleConv extends WrapperBlock {
    private final int outChannels;
    private final int groups;
    private final int kernel;
    private final int stride;
    private final String activation;

    private ShuffleConv(Builder b) {
        super(body(b));
        this.outChannels = b.outChannels;
        this.groups = b.groups;
        this.kernel = b.kernel;
        this.stride = b.stride;
        this.activation = b.activation;
    }

    private static Block body(Builder b) {
        if (b.outChannels < 1 || b.groups < 1 || b.outChannels % b.groups != 0) {
            throw new IllegalArgumentException("shuffle conv: setOutChannels must be a positive multiple of groups"
                    + " (got " + b.outChannels + " channels, " + b.groups + " groups)");
        }
        return new SequentialBlock().addAll(Layers.conv(b.outChannels, b.kernel, b.stride, b.kernel / 2, b.groups,
                false), Layers.batchNorm(), Layers.activation(b.activation), new ChannelShuffle(b.groups));
    }

    public static Builder builder() {
        return new Builder();
    }

    public int outChannels() {
        return outChannels;
    }

    public int groups() {
        return groups;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public String activation() {
        return activation;
    }

    /** setOutChannels and setGroups are required; input channels must also divide by the groups. */
    public static final class Builder {
        private int outChannels;
        private int groups;
        private int kernel = 1;
        private int stride = 1;
        private String activation = "relu";

        public Builder setOutChannels(int c) {
            outChannels = c;
            return this;
        }

        public Builder setGroups(int g) {
            groups = g;
            return this;
        }

        public Builder optKernel(int k) {
            kernel = k;
            return this;
        }

        public Builder optStride(int s) {
            stride = s;
            return this;
        }

        public Builder optActivation(String fn) {
            activation = fn;
            return this;
        }

        public ShuffleConv build() {
            return new ShuffleConv(this);
        }
    }
}
