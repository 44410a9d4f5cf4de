package org.greendl.nn.separable;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.greendl.nn.ConvUnit;
import org.greendl.nn.Layers;

/**
 * Depthwise-separable convolution (MobileNet v1): a k x k depthwise convolution (one filter per input
 * channel) then a 1x1 pointwise convolution, each followed by batch norm and an activation. Costs
 * {@code HW (C k^2 + C C')} MACs instead of {@code HW C C' k^2}.
 */
public final class DepthwiseSeparableConv extends ConvUnit {
    private final int inChannels;
    private final int outChannels;

    private DepthwiseSeparableConv(Builder b) {
        super(body(b), b);
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
    }

    private static Block body(Builder b) {
        if (b.inChannels < 1 || b.outChannels < 1) {
            throw new IllegalArgumentException("depthwise-separable conv needs setInChannels and setOutChannels");
        }
        return new SequentialBlock().addAll(
                Layers.conv(b.inChannels, b.kernel(), b.stride(), b.kernel() / 2, b.inChannels, false), Layers.batchNorm(),
                Layers.activation(b.activation()),
                Layers.conv(b.outChannels, 1, 1, 0, 1, false), Layers.batchNorm(), Layers.activation(b.activation()));
    }

    public static Builder builder() {
        return new Builder();
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    /** setInChannels and setOutChannels are required; the kernel defaults to 3. */
    public static final class Builder extends ConvUnit.Builder<Builder> {
        private int inChannels;
        private int outChannels;

        Builder() {
            super(3);
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder setInChannels(int c) {
            inChannels = c;
            return this;
        }

        public Builder setOutChannels(int c) {
            outChannels = c;
            return this;
        }

        public DepthwiseSeparableConv build() {
            return new DepthwiseSeparableConv(this);
        }
    }
}
