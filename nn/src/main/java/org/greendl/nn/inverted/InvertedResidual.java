package org.greendl.nn.inverted;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.greendl.nn.Layers;
import org.greendl.nn.WrapperBlock;
import org.greendl.nn.se.SqueezeExcitation;

/**
 * Inverted residual with linear bottleneck (MobileNetV2): a 1x1 convolution expands C channels to t C, a
 * k x k depthwise convolution filters them (with the stride), an optional squeeze-and-excitation reweights
 * them, and a 1x1 convolution projects to C' channels with no activation (the linear bottleneck). When the
 * stride is 1 and C = C' the input is added back. Batch norm after every convolution, ReLU6 by default;
 * with expansion 1 the first convolution is left out, as in torchvision.
 */
public final class InvertedResidual extends WrapperBlock {
    private final int inChannels;
    private final int outChannels;
    private final int expansion;
    private final int stride;
    private final int kernel;
    private final String activation;
    private final boolean squeezeExcite;

    private InvertedResidual(Builder b) {
        super(body(b));
        inChannels = b.inChannels;
        outChannels = b.outChannels;
        expansion = b.expansion;
        stride = b.stride;
        kernel = b.kernel;
        activation = b.activation;
        squeezeExcite = b.squeezeExcite;
    }

    private static SequentialBlock body(Builder b) {
        if (b.inChannels < 1 || b.outChannels < 1 || b.expansion < 1 || (b.stride != 1 && b.stride != 2)) {
            throw new IllegalArgumentException("inverted residual needs setInChannels, setOutChannels, expansion"
                    + " >= 1 and stride 1 or 2 (got in " + b.inChannels + ", out " + b.outChannels + ", expansion "
                    + b.expansion + ", stride " + b.stride + ")");
        }
        int hidden = b.inChannels * b.expansion;
        SequentialBlock s = new SequentialBlock();
        if (b.expansion != 1) {
            s.addAll(Layers.conv(hidden, 1, 1, 0, 1, false), Layers.batchNorm(), Layers.activation(b.activation));
        }
        s.addAll(Layers.conv(hidden, b.kernel, b.stride, b.kernel / 2, hidden, false), Layers.batchNorm(),
                Layers.activation(b.activation));
        if (b.squeezeExcite) {
            s.add(SqueezeExcitation.builder().setChannels(hidden).build());
        }
        return s.addAll(Layers.conv(b.outChannels, 1, 1, 0, 1, false), Layers.batchNorm());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when the input is added to the output (stride 1, same channels). */
    public boolean residual() {
        return stride == 1 && inChannels == outChannels;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int expansion() {
        return expansion;
    }

    public int stride() {
        return stride;
    }

    public int kernel() {
        return kernel;
    }

    public String activation() {
        return activation;
    }

    public boolean squeezeExcite() {
        return squeezeExcite;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray y = body.forward(ps, inputs, training, params).singletonOrThrow();
        return new NDList(residual() ? y.add(inputs.singletonOrThrow()) : y);
    }

    /** setInChannels and setOutChannels are required. */
    public static final class Builder {
        private int inChannels;
        private int outChannels;
        private int expansion = 6;
        private int stride = 1;
        private int kernel = 3;
        private String activation = "relu6";
        private boolean squeezeExcite;

        public Builder setInChannels(int c) {
            inChannels = c;
            return this;
        }

        public Builder setOutChannels(int c) {
            outChannels = c;
            return this;
        }

        /** Expansion factor t (default 6). */
        public Builder optExpansion(int t) {
            expansion = t;
            return this;
        }

        public Builder optStride(int s) {
            stride = s;
            return this;
        }

        public Builder optKernel(int k) {
            kernel = k;
            return this;
        }

        public Builder optActivation(String fn) {
            activation = fn;
            return this;
        }

        /** Adds squeeze-and-excitation on the expanded channels (MobileNetV3 style). */
        public Builder optSqueezeExcite(boolean on) {
            squeezeExcite = on;
            return this;
        }

        public InvertedResidual build() {
            return new InvertedResidual(this);
        }
    }
}
