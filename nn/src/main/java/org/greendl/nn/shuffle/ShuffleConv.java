package org.greendl.nn.shuffle;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.greendl.nn.ConvUnit;
import org.greendl.nn.Layers;

/**
 * Grouped convolution with channel shuffle (ShuffleNet): a k x k convolution split into g groups (g times
 * fewer MACs and weights than a dense one), batch norm, an activation, then a {@link ChannelShuffle} so
 * information crosses groups in the next layer.
 */
public final class ShuffleConv extends ConvUnit {
    private final int outChannels;
    private final int groups;

    private ShuffleConv(Builder b) {
        super(body(b), b);
        this.outChannels = b.outChannels;
        this.groups = b.groups;
    }

    private static Block body(Builder b) {
        if (b.outChannels < 1 || b.groups < 1 || b.outChannels % b.groups != 0) {
            throw new IllegalArgumentException("shuffle conv: setOutChannels must be a positive multiple of groups"
                    + " (got " + b.outChannels + " channels, " + b.groups + " groups)");
        }
        return new SequentialBlock().addAll(Layers.conv(b.outChannels, b.kernel(), b.stride(), b.kernel() / 2, b.groups,
                false), Layers.batchNorm(), Layers.activation(b.activation()), new ChannelShuffle(b.groups));
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

    /** setOutChannels and setGroups are required (input channels must divide by the groups); kernel defaults to 1. */
    public static final class Builder extends ConvUnit.Builder<Builder> {
        private int outChannels;
        private int groups;

        Builder() {
            super(1);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder setOutChannels(int c) {
            outChannels = c;
            return this;
        }

        public Builder setGroups(int g) {
            groups = g;
            return this;
        }

        public ShuffleConv build() {
            return new ShuffleConv(this);
        }
    }
}
