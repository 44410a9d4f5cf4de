package org.greendl.nn.separable;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.greendl.nn.Layers;
import org.greendl.nn.WrapperBlock;

/**
 * Depthwise-separable convolution (MobileNet v1): a k x k depthwise convolution (one filter per input
 * channel) then a 1x1 pointwise convolution, each followed by batch norm and an activation. Costs
 * {@code HW (C k^2 + C C')} MACs instead of {@code HW C C' k^2}.
 */
public final class DepthwiseSeparableConv extends WrapperBlock {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final String activation;

    private DepthwiseSeparableConv(Builder b) {
        super(body(b));
        this.inChannels = b.inChannels;
        this.outChannels = b.outChannels;
        this.kernel = b.kernel;
        this.stride = b.stride;
        this.activation = b.activation;
    }

    private static Block body(Builder b) {
        if (b.inChannels < 1 || b.outChannels < 1) {
            throw new IllegalArgumentException("depthwise-separable conv needs setInChannels and setOutChannels");
        }
        return new SequentialBlock().addAll(
                Layers.conv(b.inChannels, b.kernel, b.stride, b.kernel / 2, b.inChannels, false), Layers.batchNorm(),
                Layers.activation(b.activation),
                Layers.conv(b.outChannels, 1, 1, 0, 1, false), Layers.batchNorm(), Layers.activation(b.activation));
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

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public String activation() {
        return activation;
    }

    /** setInChannels and setOutChannels are required. */
    public static final class Builder {
        private int inChannels;
        private int outChannels;
        private int kernel = 3;
        private int stride = 1;
        private String activation = "relu";

        public Builder setInChannels(int c) {
            inChannels = c;
            return this;
        }

        public Builder setOutChannels(int c) {
            outChannels = c;
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

        /** relu (default), relu6, ... (see {@link Layers#activation}). */
        public Builder optActivation(String fn) {
            activation = fn;
            return this;
        }

        public DepthwiseSeparableConv build() {
            return new DepthwiseSeparableConv(this);
        }
    }
}
