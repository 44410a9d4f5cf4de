package org.greendl.nn;

import ai.djl.nn.Block;

/**
 * A compact convolution unit (depthwise-separable, grouped + shuffle): a fixed body of convolutions, batch
 * norms and activations, described by its kernel, stride and activation so it can be saved and rebuilt.
 */
public abstract class ConvUnit extends WrapperBlock {
    private final int kernel;
    private final int stride;
    private final String activation;

    protected ConvUnit(Block body, Builder<?> b) {
        super(body);
        this.kernel = b.kernel;
        this.stride = b.stride;
        this.activation = b.activation;
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

    /** The settings every unit shares; {@code B} is the concrete builder, so chained calls keep its type. */
    public abstract static class Builder<B extends Builder<B>> {
        protected int kernel;
        protected int stride = 1;
        protected String activation = "relu";

        protected Builder(int defaultKernel) {
            kernel = defaultKernel;
        }

        protected abstract B self();

        public int kernel() {
            return kernel;
        }

        public int stride() {
            return stride;
        }

        public String activation() {
            return activation;
        }

        public B optKernel(int k) {
            kernel = k;
            return self();
        }

        public B optStride(int s) {
            stride = s;
            return self();
        }

        /** relu (default), relu6, ... (see {@link Layers#activation}). */
        public B optActivation(String fn) {
            activation = fn;
            return self();
        }
    }
}
